"""The contribution journey: its steps in order, the answers a record needs before it can be
submitted, and the rows of the check answers page."""

from dataclasses import dataclass, field

from django.template.defaultfilters import filesizeformat

from hub.cases import contribute_forms as steps_forms
from hub.cases.models import (
    CONTRIBUTOR_LICENCES,
    SUMMARY_WORD_LIMIT,
    Resource,
    ResourceKind,
    Sector,
)
from hub.cases.search import SEARCH_KIND
from hub.cases.selectors import published_resources, resource_cards
from hub.search.selectors import search


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form_class: type
    # "form": a form of answers; "picker": search and tick; "benefits" and "attachments":
    # add and remove rows on the page.
    kind: str = "form"


STEPS = (
    Step("title", "What are you sharing?", steps_forms.TitleForm),
    Step("summary", "Summary", steps_forms.SummaryForm),
    Step("problem", "The problem", steps_forms.ProblemForm),
    Step("what-was-done", "What was done", steps_forms.ApproachForm),
    Step("technology", "Technology and suppliers", steps_forms.TechnologyForm),
    Step("cost", "Cost", steps_forms.CostForm),
    Step("benefits", "Benefits", steps_forms.BenefitsNotesForm, kind="benefits"),
    Step("lessons", "Lessons", steps_forms.LessonsForm),
    Step("organisation", "Lead organisation and sector", steps_forms.OrganisationForm),
    Step("partners", "Partner organisations", steps_forms.PartnersForm, kind="picker"),
    Step("service-areas", "Service areas", steps_forms.ServiceAreasForm, kind="picker"),
    Step("themes", "Themes", steps_forms.ThemesForm),
    Step("stage", "Stage", steps_forms.StageForm),
    Step("dates", "Dates", steps_forms.DatesForm),
    Step("evidence", "Evidence", steps_forms.EvidenceForm),
    Step("attachments", "Files", steps_forms.ContinueForm, kind="attachments"),
    Step("licence", "Licence", steps_forms.LicenceForm),
)
STEP_BY_SLUG = {step.slug: step for step in STEPS}


def step_after(step: Step) -> Step | None:
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def step_before(step: Step) -> Step | None:
    index = STEPS.index(step)
    return STEPS[index - 1] if index > 0 else None


@dataclass(frozen=True)
class MissingAnswer:
    step: str
    message: str


def missing_answers(resource: Resource) -> list[MissingAnswer]:
    """The answers a record needs before it can be submitted, in the order of the steps."""
    missing = []

    def need(condition: bool, step: str, message: str) -> None:
        if not condition:
            missing.append(MissingAnswer(step, message))

    is_case_study = resource.kind == ResourceKind.CASE_STUDY
    need(bool(resource.title.strip()), "title", "Enter a title")
    need(bool(resource.summary.strip()), "summary", "Enter a summary")
    need(
        steps_forms.words(resource.summary) <= SUMMARY_WORD_LIMIT,
        "summary",
        f"Summary must be {SUMMARY_WORD_LIMIT} words or fewer",
    )
    if is_case_study:
        need(bool(resource.problem.strip()), "problem", "Describe the problem")
        need(bool(resource.approach.strip()), "what-was-done", "Describe what was done")
    need(
        resource.lead_organisation_id is not None,
        "organisation",
        "Select the organisation that led the work",
    )
    need(resource.sector in Sector.values, "organisation", "Select the sector")
    need(
        resource.themes.exists() or resource.service_areas.exists(),
        "themes",
        "Select at least one theme or service area",
    )
    need(bool(resource.stage), "stage", "Select the stage the work has reached")
    need(
        not (resource.start_date and resource.end_date) or resource.end_date >= resource.start_date,
        "dates",
        "End date must be the same as or after the start date",
    )
    need(resource.licence in CONTRIBUTOR_LICENCES, "licence", "Select a licence")
    return missing


@dataclass
class AnswerRow:
    key: str
    step: str
    value: str = ""
    items: list[str] = field(default_factory=list)
    long_text: bool = False
    missing: str = ""


@dataclass
class AnswerGroup:
    title: str
    rows: list[AnswerRow]


def _date(value) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def _benefit(benefit) -> str:
    parts = [f"{benefit.get_kind_display()}: {benefit.description}"]
    if benefit.amount is not None:
        amount = f"{benefit.amount.normalize():,f}"
        unit = steps_forms.UNIT_LABELS.get(benefit.unit, benefit.get_unit_display())
        parts.append(f"{amount} {unit.lower()}, {benefit.get_period_display()}")
    if benefit.baseline:
        parts.append(f"before: {benefit.baseline}")
    return " – ".join(parts)


def answer_groups(resource: Resource) -> list[AnswerGroup]:
    """The record's answers as the check answers page lists them, each with its step."""
    missing = {}
    for answer in missing_answers(resource):
        missing.setdefault(answer.step, answer.message)

    def row(key, step, value="", **kwargs) -> AnswerRow:
        return AnswerRow(key=key, step=step, value=value, **kwargs)

    r = resource
    groups = [
        AnswerGroup(
            "About the work",
            [
                row("Type", "title", r.get_kind_display()),
                row("Title", "title", r.title, missing=missing.get("title", "")),
                row(
                    "Summary",
                    "summary",
                    r.summary,
                    long_text=True,
                    missing=missing.get("summary", ""),
                ),
            ],
        ),
        AnswerGroup(
            "The story",
            [
                row(
                    "The problem",
                    "problem",
                    r.problem,
                    long_text=True,
                    missing=missing.get("problem", ""),
                ),
                row(
                    "What was done",
                    "what-was-done",
                    r.approach,
                    long_text=True,
                    missing=missing.get("what-was-done", ""),
                ),
                row("Technologies", "technology", items=[t.name for t in r.technologies.all()]),
                row("Suppliers", "technology", items=[s.name for s in r.suppliers.all()]),
                row("Technology and suppliers", "technology", r.technology_notes, long_text=True),
                row(
                    "Investment",
                    "cost",
                    f"£{r.investment_pounds:,}" if r.investment_pounds is not None else "",
                ),
                row("Cost", "cost", r.cost_notes, long_text=True),
                row("Benefits", "benefits", items=[_benefit(b) for b in r.benefits.all()]),
                row("More about the benefits", "benefits", r.benefits_notes, long_text=True),
                row("Lessons", "lessons", r.lessons, long_text=True),
                row("What we would do differently", "lessons", r.do_differently, long_text=True),
            ],
        ),
        AnswerGroup(
            "Who and where",
            [
                row(
                    "Lead organisation",
                    "organisation",
                    str(r.lead_organisation or ""),
                    missing=missing.get("organisation", ""),
                ),
                row("Sector", "organisation", r.get_sector_display() if r.sector else ""),
                row("Place partnership", "organisation", str(r.place or "")),
                row(
                    "Partner organisations",
                    "partners",
                    items=[o.name for o in r.partner_organisations.all()],
                ),
            ],
        ),
        AnswerGroup(
            "What it covers",
            [
                row(
                    "Service areas",
                    "service-areas",
                    items=[f"{a.label} (LGSL {a.lgsl_code})" for a in r.service_areas.all()],
                    missing=missing.get("themes", ""),
                ),
                row(
                    "Themes",
                    "themes",
                    items=[t.name for t in r.themes.all()],
                    missing=missing.get("themes", ""),
                ),
                row(
                    "Stage",
                    "stage",
                    r.get_stage_display() if r.stage else "",
                    missing=missing.get("stage", ""),
                ),
                row("Started", "dates", _date(r.start_date)),
                row("Ended", "dates", _date(r.end_date), missing=missing.get("dates", "")),
                row(
                    "Evidence",
                    "evidence",
                    r.get_evidence_level_display() if r.evidence_level else "",
                ),
            ],
        ),
        AnswerGroup(
            "Files and licence",
            [
                row(
                    "Files",
                    "attachments",
                    items=[f"{a.title} ({filesizeformat(a.size)})" for a in r.attachments.all()],
                ),
                row(
                    "Licence",
                    "licence",
                    r.get_licence_display() if r.licence in CONTRIBUTOR_LICENCES else "",
                    missing=missing.get("licence", ""),
                ),
            ],
        ),
    ]
    return groups


SIMILAR_LIMIT = 10


def similar_published(resource: Resource) -> list[Resource]:
    """Up to 10 published records most like this one, found through the one search service."""
    result = search(
        text=f"{resource.title} {resource.summary}",
        kind=SEARCH_KIND,
        limit=SIMILAR_LIMIT + 1,
        vocabulary_aids=False,
    )
    ids = [pk for pk in result.ranked_ids if pk != resource.pk]
    published = set(published_resources().filter(pk__in=ids).values_list("pk", flat=True))
    return resource_cards([pk for pk in ids if pk in published][:SIMILAR_LIMIT])
