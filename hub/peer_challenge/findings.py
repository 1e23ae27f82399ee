"""Evidence and findings per line of enquiry: what peers record during a challenge.

Findings are the report's substance, so once the council publishes its report they are frozen:
every change is refused with FindingError. Saving a finding asks the Hub for signposts
(hub/peer_challenge/signposting.py) in the same transaction.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Prefetch

from hub.peer_challenge import signposting
from hub.peer_challenge.models import (
    Challenge,
    CoreElement,
    Evidence,
    Finding,
    Judgement,
    LineOfEnquiry,
)

FROZEN = "The report is published, so its findings can no longer change"


class FindingError(Exception):
    """A change to evidence or findings that cannot be made; says why."""


def ensure_open(challenge: Challenge) -> None:
    if challenge.is_published:
        raise FindingError(FROZEN)


# Selectors -------------------------------------------------------------------------------------


@dataclass
class LineSummary:
    line: LineOfEnquiry
    evidence: int = 0
    strengths: int = 0
    areas_for_development: int = 0


@dataclass
class ElementSummary:
    element: CoreElement
    lines: list[LineSummary] = field(default_factory=list)


def enquiry_overview(challenge: Challenge) -> list[ElementSummary]:
    """The challenge's framework version, element by element, each line with its counts of
    evidence notes and findings. Four queries however many lines there are."""
    elements = CoreElement.objects.filter(framework_id=challenge.framework_id).prefetch_related(
        Prefetch("lines", queryset=LineOfEnquiry.objects.order_by("order", "pk"))
    )
    evidence = dict(
        Evidence.objects.filter(challenge=challenge)
        .values("line")
        .annotate(n=Count("pk"))
        .values_list("line", "n")
    )
    findings: dict[tuple[int, str], int] = {
        (line, judgement): n
        for line, judgement, n in Finding.objects.filter(challenge=challenge)
        .values("line", "judgement")
        .annotate(n=Count("pk"))
        .values_list("line", "judgement", "n")
        .order_by()
    }
    return [
        ElementSummary(
            element,
            [
                LineSummary(
                    line,
                    evidence=evidence.get(line.pk, 0),
                    strengths=findings.get((line.pk, Judgement.STRENGTH), 0),
                    areas_for_development=findings.get(
                        (line.pk, Judgement.AREA_FOR_DEVELOPMENT), 0
                    ),
                )
                for line in element.lines.all()
            ],
        )
        for element in elements
    ]


def line_of_challenge(challenge: Challenge, code: str) -> LineOfEnquiry | None:
    """The line of the challenge's own framework version with this code."""
    return (
        LineOfEnquiry.objects.select_related("element")
        .filter(element__framework_id=challenge.framework_id, code=code)
        .first()
    )


def findings_of_line(challenge: Challenge, line: LineOfEnquiry):
    return (
        Finding.objects.filter(challenge=challenge, line=line)
        .prefetch_related("service_areas")
        .order_by("order", "pk")
    )


# Services --------------------------------------------------------------------------------------


@transaction.atomic
def evidence_add(
    *, challenge: Challenge, line: LineOfEnquiry, by, summary: str, source: str = ""
) -> Evidence:
    ensure_open(challenge)
    if line.element.framework_id != challenge.framework_id:
        raise FindingError("That line of enquiry is not in this challenge's framework")
    summary = summary.strip()
    if not summary:
        raise FindingError("Enter what the evidence shows")
    return Evidence.objects.create(
        challenge=challenge, line=line, summary=summary, source=source.strip(), recorded_by=by
    )


@transaction.atomic
def finding_save(
    *,
    challenge: Challenge,
    line: LineOfEnquiry,
    by,
    judgement: str,
    title: str,
    detail: str,
    recommendations: str = "",
    service_areas=(),
    finding: Finding | None = None,
) -> Finding:
    """Add a finding to the line (or change `finding`), then ask for signposts: new proposals
    are added, decisions already made are kept."""
    ensure_open(challenge)
    if line.element.framework_id != challenge.framework_id:
        raise FindingError("That line of enquiry is not in this challenge's framework")
    if judgement not in Judgement.values:
        raise FindingError("Select whether it is a strength or an area for development")
    if not title.strip() or not detail.strip():
        raise FindingError("Enter the finding's title and what the peers found")
    if finding is None:
        last = Finding.objects.filter(challenge=challenge, line=line).order_by("-order").first()
        finding = Finding(
            challenge=challenge,
            line=line,
            recorded_by=by,
            order=(last.order + 1) if last else 0,
        )
    elif finding.challenge_id != challenge.pk:
        raise FindingError("That finding is not of this challenge")
    finding.judgement = judgement
    finding.title = title.strip()
    finding.detail = detail.strip()
    finding.recommendations = recommendations.strip()
    finding.save()
    finding.service_areas.set(service_areas)
    signposting.suggest(finding)
    return finding


@transaction.atomic
def finding_delete(*, finding: Finding) -> None:
    ensure_open(finding.challenge)
    finding.delete()
