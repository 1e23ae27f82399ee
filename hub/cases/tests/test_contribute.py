"""The contribution journey: start, each step, check answers, submit; who may do what."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hub.accounts.roles import Role
from hub.cases.contribution import STEPS
from hub.cases.models import (
    Benefit,
    EvidenceStatus,
    Licence,
    Resource,
    ResourceKind,
    Sector,
    Stage,
    Status,
    Supplier,
    Technology,
    Transition,
)
from hub.cases.search import SEARCH_KIND
from hub.cases.services import resource_transition
from hub.cases.tests.contributing import MINIMAL_PDF, contributor_with_organisation, draft_of
from hub.cases.tests.factories import BenefitFactory, ResourceFactory
from hub.organisations.tests.factories import OrganisationFactory
from hub.search.services import search_index_object
from hub.taxonomy.models import Theme, ThemeKind
from hub.taxonomy.tests.factories import ServiceAreaFactory

pytestmark = pytest.mark.django_db

CONTINUE = {"continue": ""}
LATER = {"later": ""}


def step_url(resource, step: str, suffix: str = "") -> str:
    return reverse("cases:contribute-step", args=[resource.slug, step]) + suffix


def check_url(resource) -> str:
    return reverse("cases:contribute-check", args=[resource.slug])


def html_of(response) -> str:
    return response.content.decode()


def error_summary(response) -> list[str]:
    html = html_of(response)
    assert "govuk-error-summary" in html, "No error summary on the page"
    summary = html.split("govuk-error-summary__list", 1)[1].split("</ul>", 1)[0]
    return [re.sub(r"\s+", " ", text).strip() for text in re.findall(r">([^<>]+)</a>", summary)]


@pytest.fixture
def contributor():
    return contributor_with_organisation()


@pytest.fixture
def draft(contributor):
    return draft_of(contributor, title="Reporting missed bins online")


@pytest.fixture
def signed_in(client, contributor):
    client.force_login(contributor)
    return client


def complete(resource) -> Resource:
    """Give a draft every answer it needs to be submitted."""
    resource.summary = "Residents report missed bins online and crews see reports on tablets."
    resource.problem = "Missed bins were reported by phone."
    resource.approach = "We built an online form with the crews."
    resource.lead_organisation = OrganisationFactory()
    resource.sector = Sector.LOCAL_GOVERNMENT
    resource.stage = Stage.LIVE
    resource.licence = Licence.OGL_3
    resource.save()
    resource.themes.add(Theme.objects.filter(kind=ThemeKind.DIGITAL_THEME).first())
    return resource


# Start page and creating a draft


def test_start_page_asks_visitors_to_sign_in(client):
    response = client.get(reverse("cases:contribute"))
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/?next=/cases/contribute/")


def test_start_page_lists_your_records_with_their_status(signed_in, contributor):
    draft = draft_of(contributor, title="A draft of mine")
    changes = draft_of(contributor, title="Needs changes", status=Status.CHANGES_REQUESTED)
    submitted = draft_of(contributor, title="Waiting for review", status=Status.SUBMITTED)
    draft_of(contributor_with_organisation(), title="Someone else's draft")

    html = html_of(signed_in.get(reverse("cases:contribute")))

    assert "Start now" in html
    assert "What you will need" in html
    assert "Someone else&#x27;s draft" not in html
    for record, status, action in (
        (draft, "Draft", "Continue"),
        (changes, "Changes requested", "Make changes"),
        (submitted, "Submitted for review", "View"),
    ):
        assert record.title in html
        assert f">{status}</strong>" in html
        assert action in html
    assert check_url(draft) in html
    assert check_url(changes) in html
    assert check_url(submitted) not in html
    assert submitted.get_absolute_url() in html


def test_new_draft_needs_a_type_and_a_title(signed_in):
    response = signed_in.post(reverse("cases:contribute-new"), {"title": "", **CONTINUE})

    assert response.status_code == 200
    assert error_summary(response) == ["Select what you are sharing", "Enter a title"]
    assert "<title>Error: " in html_of(response)
    assert not Resource.objects.exists()


def test_save_and_come_back_later_returns_to_the_start_page(signed_in, draft):
    response = signed_in.post(
        step_url(draft, "summary"), {"summary": "Half written summary", **LATER}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("cases:contribute")
    draft.refresh_from_db()
    assert draft.summary == "Half written summary"


def test_save_for_later_allows_a_blank_required_answer_but_keeps_the_saved_one(signed_in, draft):
    draft.summary = "Saved before"
    draft.save()

    assert signed_in.post(step_url(draft, "summary"), {"summary": "", **LATER}).status_code == 302
    draft.refresh_from_db()
    assert draft.summary == "Saved before"

    response = signed_in.post(step_url(draft, "summary"), {"summary": "", **CONTINUE})
    assert error_summary(response) == ["Enter a summary"]


# The whole journey


def test_the_whole_journey_from_start_to_submitted(
    signed_in, contributor, django_assert_max_num_queries
):
    lead, partner = (
        OrganisationFactory(name="Testshire Council"),
        OrganisationFactory(name="Partnershire Police"),
    )
    bins = ServiceAreaFactory(label="Bin collection", lgsl_code=524)
    ServiceAreaFactory(label="Council tax", lgsl_code=1)
    theme = Theme.objects.filter(kind=ThemeKind.DECLARATION_PRINCIPLE).first()
    Technology.objects.create(name="Power BI")
    similar = ResourceFactory(
        title="Missed bin reports online in Othershire",
        summary="Residents report missed bins online.",
    )
    search_index_object(kind=SEARCH_KIND, object_id=similar.pk)

    response = signed_in.post(
        reverse("cases:contribute-new"),
        {"kind": ResourceKind.CASE_STUDY, "title": "Reporting missed bins online", **CONTINUE},
    )
    resource = Resource.objects.get(status=Status.DRAFT)
    assert resource.contributor == contributor
    assert response["Location"] == step_url(resource, "summary")

    def answer(step: str, data: dict, next_step: str | None) -> None:
        response = signed_in.post(step_url(resource, step), {**data, **CONTINUE})
        assert response.status_code == 302, error_summary(response)
        expected = step_url(resource, next_step) if next_step else check_url(resource)
        assert response["Location"] == expected

    answer("summary", {"summary": "Residents report missed bins online."}, "problem")
    answer("problem", {"problem": "Missed bins were reported by phone."}, "what-was-done")
    answer("what-was-done", {"approach": "An online form, built with the crews."}, "technology")
    answer(
        "technology",
        {"technologies": "power bi, Firmstep", "suppliers": "Acme Digital", "technology_notes": ""},
        "cost",
    )
    answer("cost", {"investment_pounds": "£25,000", "cost_notes": ""}, "benefits")

    added = signed_in.post(
        step_url(resource, "benefits"),
        {
            "benefit-kind": "staff_time",
            "benefit-description": "Fewer calls about missed bins",
            "benefit-amount": "300",
            "benefit-unit": "hours",
            "benefit-period": "per_month",
            "benefit-baseline": "",
        },
    )
    assert added["Location"] == step_url(resource, "benefits")
    answer("benefits", {"benefits_notes": ""}, "lessons")
    answer("lessons", {"lessons": "Work with the crews.", "do_differently": ""}, "organisation")
    answer(
        "organisation",
        {"lead_organisation": lead.pk, "sector": Sector.LOCAL_GOVERNMENT, "place": ""},
        "partners",
    )
    assert "Partnershire Police" in html_of(
        signed_in.get(step_url(resource, "partners"), {"q": "partnershire"})
    )
    answer("partners", {"partner_organisations": [partner.pk]}, "service-areas")
    answer("service-areas", {"service_areas": [bins.pk]}, "themes")
    answer("themes", {"declaration_themes": [theme.pk]}, "stage")
    answer("stage", {"stage": Stage.STOPPED}, "dates")
    answer(
        "dates",
        {
            **{"start_date_0": "1", "start_date_1": "4", "start_date_2": "2023"},
            **{"end_date_0": "31", "end_date_1": "3", "end_date_2": "2024"},
        },
        "evidence",
    )
    answer("evidence", {"evidence_level": "2"}, "attachments")
    uploaded = signed_in.post(
        step_url(resource, "attachments"),
        {"title": "Business case", "file": SimpleUploadedFile("case.pdf", MINIMAL_PDF)},
    )
    assert uploaded["Location"] == step_url(resource, "attachments")
    answer("attachments", {}, "licence")
    answer("licence", {"licence": Licence.CC_BY_4}, None)

    resource.refresh_from_db()
    assert resource.investment_pounds == 25000
    assert resource.stage == Stage.STOPPED
    assert str(resource.start_date) == "2023-04-01"
    assert str(resource.end_date) == "2024-03-31"
    assert resource.evidence_level == 2
    assert resource.licence == Licence.CC_BY_4
    assert list(resource.technologies.values_list("name", flat=True)) == ["Firmstep", "Power BI"]
    assert list(resource.partner_organisations.all()) == [partner]
    assert list(resource.service_areas.all()) == [bins]
    assert list(resource.themes.all()) == [theme]
    assert resource.benefits.get().evidence_status == EvidenceStatus.CLAIMED
    assert resource.attachments.count() == 1

    with django_assert_max_num_queries(25):
        check = signed_in.get(check_url(resource))
    html = html_of(check)
    assert check.status_code == 200
    for shown in (
        "Reporting missed bins online",
        "Residents report missed bins online.",
        "Testshire Council",
        "Partnershire Police",
        "Bin collection (LGSL 524)",
        theme.name,
        "Stopped",
        "1 April 2023",
        "31 March 2024",
        "£25,000",
        "Fewer calls about missed bins",
        "Business case",
        "Creative Commons Attribution 4.0",
        "Check that your work is not already here",
    ):
        assert shown in html, shown
    assert "Council tax" not in html
    assert f"{step_url(resource, 'summary')}?next=check" in html
    assert similar.title in html

    with django_assert_max_num_queries(40):
        submitted = signed_in.post(check_url(resource))
    assert submitted["Location"] == reverse("cases:contribute-submitted", args=[resource.slug])
    resource.refresh_from_db()
    assert resource.status == Status.SUBMITTED
    transition = Transition.objects.get(resource=resource)
    assert (transition.from_status, transition.to_status) == (Status.DRAFT, Status.SUBMITTED)
    assert transition.by == contributor

    confirmation = html_of(signed_in.get(submitted["Location"]))
    assert "govuk-panel--confirmation" in confirmation
    assert "Submitted for review" in confirmation


def test_changing_an_answer_from_check_answers_returns_there(signed_in, draft):
    response = signed_in.post(
        step_url(draft, "summary", "?next=check"), {"summary": "A new summary", **CONTINUE}
    )

    assert response["Location"] == check_url(draft)
    page = html_of(signed_in.get(step_url(draft, "summary", "?next=check")))
    assert f'href="{check_url(draft)}" class="govuk-back-link"' in page


def test_check_answers_shows_only_published_similar_records_up_to_ten(signed_in, draft):
    complete(draft)
    for number in range(12):
        record = ResourceFactory(title=f"Reporting missed bins online {number}")
        search_index_object(kind=SEARCH_KIND, object_id=record.pk)
    hidden = ResourceFactory(title="Reporting missed bins online, archived")
    search_index_object(kind=SEARCH_KIND, object_id=hidden.pk)
    hidden.status = Status.ARCHIVED
    hidden.save()

    response = signed_in.get(check_url(draft))

    similar = response.context["similar"]
    assert len(similar) == 10
    assert all(record.status == Status.PUBLISHED for record in similar)
    assert draft not in similar


def test_check_answers_refuses_to_submit_until_required_answers_are_given(signed_in, draft):
    page = html_of(signed_in.get(check_url(draft)))
    assert "You need to give" in page

    response = signed_in.post(check_url(draft))

    assert response.status_code == 200
    assert error_summary(response) == [
        "Enter a summary",
        "Describe the problem",
        "Describe what was done",
        "Select the organisation that led the work",
        "Select at least one theme or service area",
        "Select the stage the work has reached",
    ]
    assert f"{step_url(draft, 'problem')}?next=check" in html_of(response)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert not Transition.objects.exists()


def test_only_case_studies_need_the_problem_and_what_was_done(signed_in, contributor):
    report = complete(draft_of(contributor, kind=ResourceKind.REPORT))
    report.problem = report.approach = ""
    report.save()

    page = html_of(signed_in.get(step_url(report, "problem")))
    assert "What was the problem? (optional)" in page

    assert signed_in.post(check_url(report))["Location"].endswith("/edit/submitted/")


def test_a_record_needs_a_licence_a_contributor_may_choose(signed_in, draft):
    complete(draft)
    draft.licence = Licence.MIT
    draft.save()

    assert error_summary(signed_in.post(check_url(draft))) == ["Select a licence"]

    page = html_of(signed_in.get(step_url(draft, "licence")))
    assert page.count('type="radio"') == 2
    response = signed_in.post(step_url(draft, "licence"), {"licence": Licence.MIT, **CONTINUE})
    assert error_summary(response) == ["Select a licence"]


# Permissions


STEP_PAGES = ["summary", "service-areas", "benefits", "attachments", "check"]


def page_url(resource, where: str) -> str:
    return check_url(resource) if where == "check" else step_url(resource, where)


@pytest.mark.parametrize("where", STEP_PAGES)
def test_visitors_are_asked_to_sign_in_to_edit(client, draft, where):
    response = client.get(page_url(draft, where))
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/?next=")


@pytest.mark.parametrize("where", STEP_PAGES)
def test_the_contributor_may_edit_their_draft(signed_in, draft, where):
    assert signed_in.get(page_url(draft, where)).status_code == 200


@pytest.mark.parametrize("where", STEP_PAGES)
def test_another_member_may_not_edit_the_draft(client, draft, where):
    # Not found rather than refused: the draft's existence is not revealed (as on its page).
    client.force_login(contributor_with_organisation())
    assert client.get(page_url(draft, where)).status_code == 404
    assert client.post(page_url(draft, where), {"summary": "Taken over"}).status_code == 404
    draft.refresh_from_db()
    assert draft.summary == ""


@pytest.mark.parametrize("where", STEP_PAGES)
def test_an_editor_may_edit_any_record(client_as, draft, where):
    assert client_as(Role.EDITOR).get(page_url(draft, where)).status_code == 200


@pytest.mark.parametrize("where", STEP_PAGES)
def test_a_submitted_record_is_locked_for_its_contributor(signed_in, contributor, draft, where):
    complete(draft)
    resource_transition(resource=draft, to_status=Status.SUBMITTED, by=contributor)

    assert signed_in.get(page_url(draft, where)).status_code == 403
    assert signed_in.post(check_url(draft)).status_code == 403


def test_an_editor_changing_a_submitted_record_cannot_submit_it_again(
    client_as, contributor, draft
):
    complete(draft)
    resource_transition(resource=draft, to_status=Status.SUBMITTED, by=contributor)
    editor = client_as(Role.EDITOR)

    page = html_of(editor.get(check_url(draft)))
    assert "This record is submitted for review" in page
    assert "Submit for review</button>" not in page

    response = editor.post(check_url(draft))
    assert error_summary(response) == []
    assert "cannot be moved to submitted for review" in html_of(response)
    assert Transition.objects.filter(resource=draft).count() == 1


def test_changes_requested_reopens_the_record_and_shows_the_reason(
    signed_in, contributor, user_with_role, draft
):
    complete(draft)
    resource_transition(resource=draft, to_status=Status.SUBMITTED, by=contributor)
    editor = user_with_role(Role.EDITOR)
    resource_transition(
        resource=draft,
        to_status=Status.CHANGES_REQUESTED,
        by=editor,
        reason="Add the cost, please.",
    )

    page = html_of(signed_in.get(check_url(draft)))
    assert "Add the cost, please." in page

    assert signed_in.post(check_url(draft)).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED


def test_removing_a_benefit_or_file_of_another_record_is_not_found(signed_in, draft, contributor):
    other = draft_of(contributor)
    benefit = BenefitFactory(resource=other)
    url = reverse("cases:contribute-benefit-remove", args=[draft.slug, benefit.pk])
    assert signed_in.post(url).status_code == 404
    assert Benefit.objects.filter(pk=benefit.pk).exists()


def test_an_unknown_step_is_not_found(signed_in, draft):
    assert signed_in.get(step_url(draft, "no-such-step")).status_code == 404


# Validation and each kind of question


def test_summary_has_a_word_count_of_120(signed_in, draft):
    page = html_of(signed_in.get(step_url(draft, "summary")))
    assert 'data-module="govuk-character-count"' in page
    assert 'data-maxwords="120"' in page
    assert "govuk-js-character-count" in page

    too_long = " ".join(["word"] * 121)
    response = signed_in.post(step_url(draft, "summary"), {"summary": too_long, **CONTINUE})
    assert error_summary(response) == ["Summary must be 120 words or fewer"]

    just_right = " ".join(["word"] * 120)
    response = signed_in.post(step_url(draft, "summary"), {"summary": just_right, **CONTINUE})
    assert response.status_code == 302


def test_a_title_change_moves_the_draft_to_a_new_address(signed_in, draft):
    response = signed_in.post(
        step_url(draft, "title"),
        {"kind": ResourceKind.TOOLKIT, "title": "Bin reports toolkit", **CONTINUE},
    )
    draft.refresh_from_db()
    assert draft.slug == "bin-reports-toolkit"
    assert draft.kind == ResourceKind.TOOLKIT
    assert response["Location"] == step_url(draft, "summary")


def date_answer(name: str, day: str, month: str, year: str) -> dict:
    return {f"{name}_0": day, f"{name}_1": month, f"{name}_2": year}


@pytest.mark.parametrize(
    ("answers", "errors"),
    [
        (date_answer("start_date", "31", "2", "2024"), ["Start date must be a real date"]),
        (date_answer("start_date", "1", "", "2024"), ["Start date must include a month"]),
        (date_answer("start_date", "1", "x", "2024"), ["Start date must be a real date"]),
        (
            date_answer("start_date", "1", "2", "24"),
            ["The year of the start date must include 4 numbers"],
        ),
        (
            date_answer("start_date", "2", "3", "2024") | date_answer("end_date", "1", "3", "2024"),
            ["End date must be the same as or after the start date"],
        ),
    ],
)
def test_dates_must_be_real_and_end_after_they_start(signed_in, draft, answers, errors):
    response = signed_in.post(step_url(draft, "dates"), {**answers, **CONTINUE})

    assert error_summary(response) == errors
    assert "govuk-input--error" in html_of(response)
    draft.refresh_from_db()
    assert draft.start_date is None


def test_dates_are_optional_and_can_be_the_same_day(signed_in, draft):
    same_day = {"start_date_0": "2", "start_date_1": "3", "start_date_2": "2024"}
    same_day |= {"end_date_0": "2", "end_date_1": "3", "end_date_2": "2024"}
    assert signed_in.post(step_url(draft, "dates"), {**same_day, **CONTINUE}).status_code == 302
    assert signed_in.post(step_url(draft, "dates"), CONTINUE).status_code == 302
    draft.refresh_from_db()
    assert draft.start_date is None


@pytest.mark.parametrize(
    ("typed", "saved"), [("25000", 25000), ("£1,250,000", 1250000), ("0", 0), ("", None)]
)
def test_investment_is_a_whole_number_of_pounds(signed_in, draft, typed, saved):
    response = signed_in.post(step_url(draft, "cost"), {"investment_pounds": typed, **CONTINUE})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.investment_pounds == saved


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("12.50", "Enter the amount in pounds as a whole number, like 25000"),
        ("lots", "Enter the amount in pounds as a whole number, like 25000"),
        ("-5", "The amount must be 0 or more"),
    ],
)
def test_investment_errors(signed_in, draft, typed, error):
    response = signed_in.post(step_url(draft, "cost"), {"investment_pounds": typed, **CONTINUE})
    assert error_summary(response) == [error]


def test_technologies_and_suppliers_match_existing_names_whatever_their_case(signed_in, draft):
    power_bi = Technology.objects.create(name="Power BI")
    Supplier.objects.create(name="Acme Digital Ltd")

    response = signed_in.post(
        step_url(draft, "technology"),
        {
            "technologies": " power bi ,  Dynamics   365, POWER BI,, ",
            "suppliers": "acme digital ltd",
            "technology_notes": "",
            **CONTINUE,
        },
    )

    assert response.status_code == 302
    assert Technology.objects.count() == 2
    assert set(draft.technologies.all()) == {power_bi, Technology.objects.get(name="Dynamics 365")}
    assert list(draft.suppliers.values_list("name", flat=True)) == ["Acme Digital Ltd"]
    assert Supplier.objects.count() == 1
    page = html_of(signed_in.get(step_url(draft, "technology")))
    assert 'value="Dynamics 365, Power BI"' in page


def test_a_technology_name_has_a_length_limit(signed_in, draft):
    response = signed_in.post(
        step_url(draft, "technology"), {"technologies": "x" * 121, "suppliers": "", **CONTINUE}
    )
    assert error_summary(response) == ["Each technology must be 120 characters or fewer"]


def test_benefits_are_added_as_claimed_and_removed(signed_in, draft):
    page = html_of(signed_in.get(step_url(draft, "benefits")))
    assert "You have not added any benefits yet." in page

    signed_in.post(
        step_url(draft, "benefits"),
        {
            "benefit-kind": "cashable_saving",
            "benefit-description": "Fewer printed letters",
            "benefit-amount": "12000",
            "benefit-unit": "pounds",
            "benefit-period": "per_year",
            "benefit-baseline": "40,000 letters a year",
        },
    )
    benefit = draft.benefits.get()
    assert benefit.evidence_status == EvidenceStatus.CLAIMED
    assert benefit.baseline == "40,000 letters a year"
    page = html_of(signed_in.get(step_url(draft, "benefits")))
    assert "Fewer printed letters" in page
    assert "£12,000 a year" in page
    assert 'Remove<span class="govuk-visually-hidden"> the benefit: Fewer printed letters' in page

    remove = reverse("cases:contribute-benefit-remove", args=[draft.slug, benefit.pk])
    assert signed_in.get(remove).status_code == 405
    response = signed_in.post(remove + "?next=check")
    assert response["Location"] == step_url(draft, "benefits", "?next=check")
    assert not draft.benefits.exists()


def test_a_benefit_needs_a_kind_and_a_description(signed_in, draft):
    response = signed_in.post(
        step_url(draft, "benefits"),
        {"benefit-amount": "lots", "benefit-unit": "pounds", "benefit-period": "per_year"},
    )
    assert error_summary(response) == [
        "Select the kind of benefit",
        "Describe the benefit",
        "Enter the amount as a number, like 12000",
    ]
    assert not draft.benefits.exists()


def test_service_areas_are_found_by_search_not_listed_in_full(signed_in, draft):
    bins = ServiceAreaFactory(label="Bin collection", lgsl_code=524)
    bulky = ServiceAreaFactory(label="Bulky waste collection", lgsl_code=525)
    tax = ServiceAreaFactory(label="Council tax", lgsl_code=1)
    parking = ServiceAreaFactory(label="Parking permits", lgsl_code=2)
    draft.service_areas.add(tax)

    page = html_of(signed_in.get(step_url(draft, "service-areas")))
    assert page.count('type="checkbox"') == 1
    assert "Council tax (LGSL 1)" in page

    page = html_of(signed_in.get(step_url(draft, "service-areas"), {"q": "collection"}))
    assert "Bin collection (LGSL 524)" in page
    assert "Bulky waste collection (LGSL 525)" in page
    assert "Parking permits" not in page
    assert re.search(rf'value="{tax.pk}"\s+checked', page), "Chosen ones stay ticked"
    assert "2 matches for ‘collection’" in page

    page = html_of(signed_in.get(step_url(draft, "service-areas"), {"q": "524"}))
    assert "Bin collection (LGSL 524)" in page
    assert "Bulky waste" not in page

    # Searching again saves the ticks first, then shows the new matches.
    response = signed_in.post(
        step_url(draft, "service-areas", "?next=check"),
        {"service_areas": [tax.pk, bins.pk], "q": "parking", "search": "yes"},
    )
    assert response["Location"] == step_url(draft, "service-areas", "?q=parking&next=check")
    assert set(draft.service_areas.all()) == {tax, bins}

    response = signed_in.post(
        step_url(draft, "service-areas"), {"service_areas": [bins.pk, parking.pk], **CONTINUE}
    )
    assert response["Location"] == step_url(draft, "themes")
    assert set(draft.service_areas.all()) == {bins, parking}
    assert bulky not in draft.service_areas.all()


def test_a_made_up_service_area_is_refused(signed_in, draft):
    response = signed_in.post(
        step_url(draft, "service-areas"), {"service_areas": ["999999"], **CONTINUE}
    )
    assert error_summary(response) == ["Select a service area from the list"]


def test_themes_are_grouped_by_kind(signed_in, draft):
    page = html_of(signed_in.get(step_url(draft, "themes")))
    assert "Local Digital Declaration principles" in page
    assert "Digital themes" in page
    declaration = Theme.objects.filter(kind=ThemeKind.DECLARATION_PRINCIPLE)
    assert declaration.count() == 5
    digital = Theme.objects.filter(kind=ThemeKind.DIGITAL_THEME).first()

    signed_in.post(
        step_url(draft, "themes"),
        {"declaration_themes": [declaration[0].pk], "digital_themes": [digital.pk], **CONTINUE},
    )
    assert set(draft.themes.all()) == {declaration[0], digital}


def test_stopped_work_is_welcome(signed_in, draft):
    page = html_of(signed_in.get(step_url(draft, "stage")))
    assert "lessons from stopped work are valuable" in page
    for stage in Stage:
        assert f'value="{stage.value}"' in page


def test_evidence_levels_are_in_words(signed_in, draft):
    page = html_of(signed_in.get(step_url(draft, "evidence")))
    assert "Level 3: evidence the work caused the change (causation)" in page

    signed_in.post(step_url(draft, "evidence"), {"evidence_level": "3", **CONTINUE})
    draft.refresh_from_db()
    assert draft.evidence_level == 3
    signed_in.post(step_url(draft, "evidence"), {"evidence_level": "unknown", **CONTINUE})
    draft.refresh_from_db()
    assert draft.evidence_level is None


def test_lead_organisation_starts_as_the_contributors_own(signed_in, contributor, draft):
    organisation = contributor.person.organisation
    page = html_of(signed_in.get(step_url(draft, "organisation")))
    assert re.search(rf'<option value="{organisation.pk}" selected>', page)


# Every page's HTML


def ids_in(html: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', html)


@pytest.mark.parametrize("step", [step.slug for step in STEPS])
def test_each_step_has_unique_ids_and_error_links_that_reach_their_field(signed_in, draft, step):
    page = html_of(signed_in.get(step_url(draft, step), {"q": "a"}))
    ids = ids_in(page)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert "<h1" in page
    assert 'class="govuk-back-link"' in page

    response = signed_in.post(
        step_url(draft, step), {"summary": "x " * 121, "licence": "mit", **CONTINUE}
    )
    html = html_of(response)
    if response.status_code == 200:
        targets = re.findall(r'<li><a href="#([^"]+)">', html.split("govuk-error-summary__list")[1])
        assert targets
        assert set(targets) <= set(ids_in(html)), targets


def test_the_benefit_and_file_errors_link_to_their_fields(signed_in, draft):
    for step, data in (("benefits", {"benefit-amount": "x"}), ("attachments", {"title": ""})):
        html = html_of(signed_in.post(step_url(draft, step), data))
        targets = re.findall(r'<li><a href="#([^"]+)">', html)
        assert targets
        assert set(targets) <= set(ids_in(html)), targets
