"""The self-assessment journey in Chromium, as issue 9 describes it: three members of a
council's leadership team answer on their own; the results show where they agree and differ;
a benchmark against similar councils appears only once five or more of them have answered;
the support plan recommends the academy module for the weakest capability, with the reason;
the plan downloads as a PDF. Every page passes axe.

The council is Buckinghamshire (a unitary authority in the South East) of the demo register.
The demo seed has closed assessments of 9 other unitary authorities and of 3 councils in the
South East, so the "same kind" benchmark shows and the "same region" one waits for 5."""

import io

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from hub.accounts.tests.factories import TEST_PASSWORD, UserFactory
from hub.assessment.models import Assessment, AssessmentStatus, Recommendation
from hub.assessment.tests.factories import TeamMemberFactory, answer_all
from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import SignInPage
from hub.organisations.models import Organisation, Person, RoleType, Seniority

MARKET = "market-and-value-for-money"
# Everyone rates the market lowest; the councillor sees user insight far higher than the
# officers do, so the team differs there.
ANSWERS = {
    "Ada Sample": {"default": 3, MARKET: 1},
    "Ben Sample": {"default": 3, MARKET: 1, "user-insight-first": 1},
    "Cal Sample": {"default": 4, MARKET: 2, "user-insight-first": 5},
}


@pytest.fixture
def fresh_page(hub_page: Page, live_server):
    """New browser contexts (nobody signed in), closed before the live server stops."""
    contexts = []

    def make() -> Page:
        context = hub_page.context.browser.new_context(base_url=live_server.url)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield make
    for context in contexts:
        context.close()


def _team_member(name: str, role_type: str, organisation: Organisation) -> Person:
    email = name.lower().replace(" ", ".") + "@example.org"
    user = UserFactory(email=email, full_name=name)
    return Person.objects.create(
        full_name=name,
        organisation=organisation,
        user=user,
        role_type=role_type,
        seniority=Seniority.DIRECTOR,
        job_title="Director",
    )


def _answer_everything(member_page: Page, assessment: Assessment, levels: dict) -> None:
    member_page.goto(f"/self-assessment/{assessment.pk}/answer/")
    for capability in assessment.framework.capabilities.all():
        expect(member_page.get_by_role("heading", level=1)).to_contain_text(capability.title)
        level = levels.get(capability.code, levels["default"])
        for fieldset in member_page.locator("main fieldset").all():
            fieldset.locator(f"input[value='{level}']").check()
        member_page.get_by_role("button", name="Save and continue").click()
    expect(member_page.get_by_role("button", name="Submit your answers")).to_be_visible()
    assert_no_axe_violations(member_page)
    member_page.get_by_role("button", name="Submit your answers").click()


@pytest.mark.browser
def test_a_team_answers_compares_and_gets_a_support_plan(hub_page: Page, fresh_page, tmp_path):
    council = Organisation.objects.get(register_code="BUC")
    people = {
        "Ada Sample": _team_member("Ada Sample", RoleType.OFFICER, council),
        "Ben Sample": _team_member("Ben Sample", RoleType.OFFICER, council),
        "Cal Sample": _team_member("Cal Sample", RoleType.COUNCILLOR, council),
    }

    # Ada starts the assessment and adds two colleagues.
    lead = fresh_page()
    SignInPage(lead).goto().sign_in("ada.sample@example.org", TEST_PASSWORD)
    lead.goto("/self-assessment/new")
    assert_no_axe_violations(lead)
    lead.get_by_label("Name this assessment").fill("Buckinghamshire digital leadership 2026")
    lead.get_by_role("button", name="Start the assessment").click()
    assessment = Assessment.objects.get(organisation=council)
    for name in ("Ben Sample", "Cal Sample"):
        lead.goto(f"/self-assessment/{assessment.pk}/team")
        lead.get_by_label("Who do you want to add?").select_option(label=f"{name}, {council.name}")
        lead.get_by_role("button", name="Add to the team").click()
    expect(lead.get_by_role("rowheader", name="Cal Sample")).to_be_visible()
    assert_no_axe_violations(lead)

    # Each answers on their own.
    _answer_everything(lead, assessment, ANSWERS["Ada Sample"])
    for name in ("Ben Sample", "Cal Sample"):
        member = fresh_page()
        SignInPage(member).goto().sign_in(people[name].user.email, TEST_PASSWORD)
        _answer_everything(member, assessment, ANSWERS[name])
    assert assessment.members.filter(submitted_at__isnull=False).count() == 3

    # Results: the weakest capability, and where the team differs (without names).
    lead.goto(f"/self-assessment/{assessment.pk}/results")
    focus = lead.locator(".govuk-notification-banner, .govuk-inset-text").first
    expect(focus).to_contain_text("The market for services and technologies")
    expect(lead.get_by_text("You differ").first).to_be_visible()
    expect(lead.locator("main")).not_to_contain_text("Cal Sample")
    expect(lead.locator("svg[role=img]").first).to_be_visible()
    assert_no_axe_violations(lead)

    # Benchmarks: 9 other unitary authorities have answered, only 3 councils of the region.
    lead.goto(f"/self-assessment/{assessment.pk}/benchmark")
    main = lead.locator("main")
    expect(main).to_contain_text("(3 of 5)")
    assert_no_axe_violations(lead)
    before = lead.locator("svg[role=img]").count()
    assert before == 2  # the same kind and all councils
    # Two more South East councils close their assessments: the region's benchmark appears.
    for code in ("CAT", "HAM"):
        other = Assessment.objects.create(
            organisation=Organisation.objects.get(register_code=code),
            framework=assessment.framework,
            title="Digital leadership 2026",
            status=AssessmentStatus.CLOSED,
            closed_at=timezone.now(),
        )
        answer_all(TeamMemberFactory(assessment=other, is_lead=True), 3)
    lead.reload()
    expect(main).not_to_contain_text("(3 of 5)")
    assert lead.locator("svg[role=img]").count() == before + 1
    for name in Organisation.objects.filter(register_code__in=["CAT", "HAM", "KEN"]).values_list(
        "name", flat=True
    ):
        expect(main).not_to_contain_text(name)
    assert_no_axe_violations(lead)

    # The support plan: the Digital Academy module for the market (most of the team are
    # officers), with the reason.
    lead.goto(f"/self-assessment/{assessment.pk}/plan")
    lead.get_by_role("button", name="Make the support plan").click()
    module = Recommendation.objects.get(
        plan__assessment=assessment, kind="academy_module", capability_code=MARKET
    )
    assert "Buying technology well" in module.title
    item = lead.get_by_text(module.reason)
    expect(item).to_be_visible()
    assert "The market for services and technologies" in module.reason
    assert_no_axe_violations(lead)

    with lead.expect_download() as download_info:
        lead.get_by_role("link", name="Download the plan as a PDF").click()
    path = tmp_path / "plan.pdf"
    download_info.value.save_as(path)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    assert "Buying technology well" in text
    assert "Buckinghamshire" in text
