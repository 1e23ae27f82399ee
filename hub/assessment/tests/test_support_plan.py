"""The support plan: recommendations for the weakest capabilities, with reasons; the lead's
decisions kept when the plan is made again; progress; the PDF."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from hub.academies.models import AcademyKind, LearningOutcome
from hub.academies.tests.factories import ModuleFactory
from hub.assessment import recommendations
from hub.assessment.models import (
    Recommendation,
    RecommendationKind,
    RecommendationStatus,
    SupportPlan,
    TeamRole,
)
from hub.assessment.tests.factories import FrameworkFactory, TeamMemberFactory, answer_all
from hub.assessment.tests.plan_helpers import TEAM_SEES, council, people, scored_assessment, sign_in
from hub.cases.models import Status
from hub.cases.tests.factories import ResourceFactory
from hub.champions.tests.factories import ChampionProfileFactory
from hub.events.models import Access, EventStatus
from hub.events.tests.factories import EventFactory, london_at
from hub.organisations.models import Region
from hub.search.services import search_rebuild

pytestmark = pytest.mark.django_db

WEAKEST = "what-digital-can-do"
SECOND = "market-and-value-for-money"
SCORES = {
    WEAKEST: 0,
    SECOND: 25,
    "user-insight-first": 75,
    "where-investment-delivered": 75,
    "resources-and-skills": 100,
    "spotting-opportunities": 100,
}


def outcome(code):
    return LearningOutcome.objects.get(code=code)


@pytest.fixture
def assessment():
    framework = FrameworkFactory(questions=1)
    made = scored_assessment(council(region=Region.NORTH_WEST), framework, SCORES, closed=False)
    return made


@pytest.fixture
def lead(assessment):
    return assessment.members.get(is_lead=True).user


def open_event(days=10, **fields):
    return EventFactory(
        access=Access.OPEN,
        region=fields.pop("region", Region.NORTH_WEST),
        starts_at=london_at(days),
        ends_at=london_at(days, 16),
        **fields,
    )


# Choosing the weakest ---------------------------------------------------------------------------


def weakest_codes(assessment):
    return [weak.code for weak in recommendations.weakest_capabilities(assessment)]


def test_the_lowest_two_when_few_are_under_50(assessment):
    assert weakest_codes(assessment) == [WEAKEST, SECOND]


def test_every_capability_under_50_but_at_most_three():
    framework = FrameworkFactory(questions=1)
    scores = dict.fromkeys(SCORES, 25) | {WEAKEST: 0, "spotting-opportunities": 75}
    made = scored_assessment(council(), framework, scores)
    assert len(weakest_codes(made)) == recommendations.MOST_WEAK == 3
    assert weakest_codes(made)[0] == WEAKEST


def test_the_lowest_two_even_when_none_is_under_50():
    made = scored_assessment(
        council(), FrameworkFactory(questions=1), dict(SCORES, **{WEAKEST: 50, SECOND: 75})
    )
    assert len(weakest_codes(made)) == 2


def test_the_reason_names_the_capability_and_its_score(assessment):
    first, second = recommendations.weakest_capabilities(assessment)
    assert first.reason == (
        "Your team scored 0 out of 100 on What digital can do, the lowest of your six capabilities"
    )
    assert second.reason.startswith(
        "Your team scored 25 out of 100 on The market and value for money, the second lowest"
    )


def test_no_plan_before_anyone_has_submitted():
    framework = FrameworkFactory(questions=1)
    member = TeamMemberFactory(assessment__framework=framework, is_lead=True)
    answer_all(member, 3, submit=False)
    with pytest.raises(recommendations.PlanError, match="submitted"):
        recommendations.support_plan_generate(assessment=member.assessment, by=member.user)


# What is recommended ----------------------------------------------------------------------------


def test_the_academy_module_for_the_weakest_capability_with_its_reason(assessment, lead):
    module = ModuleFactory(academy=AcademyKind.DIGITAL, outcomes=[outcome(WEAKEST)])
    ModuleFactory(academy=AcademyKind.DIGITAL, outcomes=[outcome(WEAKEST)], is_published=False)
    plan = recommendations.support_plan_generate(assessment=assessment, by=lead)
    item = plan.items.get(kind=RecommendationKind.ACADEMY_MODULE, capability_code=WEAKEST)
    assert item.target_id == module.pk
    assert item.url == module.get_absolute_url()
    assert item.reason.startswith("Your team scored 0 out of 100 on What digital can do")
    assert "Digital Academy module" in item.reason
    assert plan.items.filter(kind=RecommendationKind.ACADEMY_MODULE).count() == 1


def test_member_academy_modules_when_most_of_the_team_are_councillors(assessment, lead):
    digital = ModuleFactory(academy=AcademyKind.DIGITAL, outcomes=[outcome(WEAKEST)], order=0)
    member = ModuleFactory(academy=AcademyKind.MEMBER, outcomes=[outcome(WEAKEST)], order=9)
    assert recommendations.preferred_academy(assessment) == AcademyKind.DIGITAL
    for _ in range(2):
        TeamMemberFactory(assessment=assessment, role=TeamRole.COUNCILLOR)
    assert recommendations.preferred_academy(assessment) == AcademyKind.MEMBER
    plan = recommendations.support_plan_generate(assessment=assessment, by=lead)
    chosen = plan.items.get(kind=RecommendationKind.ACADEMY_MODULE, capability_code=WEAKEST)
    assert chosen.target_id == member.pk != digital.pk


def test_any_academy_when_the_teams_has_none(assessment, lead):
    other = ModuleFactory(academy=AcademyKind.MEMBER, outcomes=[outcome(WEAKEST)])
    plan = recommendations.support_plan_generate(assessment=assessment, by=lead)
    assert plan.items.filter(kind=RecommendationKind.ACADEMY_MODULE, target_id=other.pk).exists()


def test_only_public_upcoming_events_in_the_councils_region(assessment, lead):
    shown = open_event(10)
    later = open_event(20)
    hidden = [
        open_event(5, region=Region.LONDON),
        EventFactory(access=Access.INVITATION, region=Region.NORTH_WEST),
        open_event(3, status=EventStatus.DRAFT),
        open_event(-3),
    ]
    # An invitation-only event the lead is invited to is still private to the plan.
    from hub.events.tests.factories import InvitationFactory

    InvitationFactory(event=hidden[1], user=lead, email=lead.email)
    plan = recommendations.support_plan_generate(assessment=assessment, by=lead)
    events = plan.items.filter(kind=RecommendationKind.ROUND_TABLE)
    assert {(item.capability_code, item.target_id) for item in events} == {
        (WEAKEST, shown.pk),
        (SECOND, later.pk),
    }
    item = events.get(target_id=shown.pk)
    assert "North West" in item.reason
    assert item.url == shown.get_absolute_url()


def test_mentoring_by_the_best_matched_champion_with_its_reasons(assessment, lead):
    champion = ChampionProfileFactory(person__organisation=council(region=Region.NORTH_WEST))
    # A champion on the team is not suggested to it.
    teammate = ChampionProfileFactory(person=assessment.members.get(is_lead=True).person)
    plan = recommendations.support_plan_generate(assessment=assessment, by=lead)
    mentoring = plan.items.filter(kind=RecommendationKind.MENTORING)
    assert [item.target_id for item in mentoring] == [champion.pk]
    item = mentoring.get()
    assert item.capability_code == WEAKEST
    assert champion.person.full_name in item.title
    assert "Same region" in item.reason
    assert item.url == reverse("champions:detail", args=[champion.slug])
    assert teammate.pk not in set(mentoring.values_list("target_id", flat=True))


def test_one_peer_challenge_for_the_weakest_capability_without_a_link(assessment, lead):
    plan = recommendations.support_plan_generate(assessment=assessment, by=lead)
    challenge = plan.items.get(kind=RecommendationKind.PEER_CHALLENGE)
    assert challenge.capability_code == WEAKEST
    assert challenge.url == ""
    assert "contact the programme team" in challenge.reason


def test_two_good_practice_cases_from_the_search_service(assessment, lead):
    found = [
        ResourceFactory(title=f"What digital can do for residents {n}", summary="Digital can do")
        for n in range(3)
    ]
    draft = ResourceFactory(title="What digital can do draft", status=Status.DRAFT)
    search_rebuild(embed=False)
    plan = recommendations.support_plan_generate(assessment=assessment, by=lead)
    cases = plan.items.filter(kind=RecommendationKind.CASE, capability_code=WEAKEST)
    assert cases.count() == 2
    assert set(cases.values_list("target_id", flat=True)) <= {r.pk for r in found}
    assert not plan.items.filter(target_id=draft.pk, kind=RecommendationKind.CASE).exists()
    assert cases.first().url.startswith("/cases/")


# Decisions and making the plan again ----------------------------------------------------------


def test_making_the_plan_again_keeps_decisions(assessment, lead):
    module = ModuleFactory(outcomes=[outcome(WEAKEST)])
    event = open_event(10)
    plan = recommendations.support_plan_generate(assessment=assessment, by=lead)
    accepted = plan.items.get(target_id=module.pk, kind=RecommendationKind.ACADEMY_MODULE)
    recommendations.recommendation_decide(item=accepted, by=lead, decision="accept")
    rejected = plan.items.get(kind=RecommendationKind.ROUND_TABLE)
    recommendations.recommendation_decide(
        item=rejected, by=lead, decision="reject", note="We went last time"
    )
    proposed_challenge = plan.items.get(kind=RecommendationKind.PEER_CHALLENGE)
    # The module is unpublished and the event cancelled: neither is recommended now.
    module.is_published = False
    module.save()
    event.delete()
    again = recommendations.support_plan_generate(assessment=assessment, by=lead)
    assert again.pk == plan.pk
    accepted.refresh_from_db()
    rejected.refresh_from_db()
    assert accepted.status == RecommendationStatus.ACCEPTED
    assert rejected.status == RecommendationStatus.REJECTED
    assert rejected.note == "We went last time"
    # An undecided one is remade, not duplicated.
    assert again.items.filter(kind=RecommendationKind.PEER_CHALLENGE).count() == 1
    assert again.items.get(kind=RecommendationKind.PEER_CHALLENGE).pk == proposed_challenge.pk


def test_an_undecided_recommendation_no_longer_made_goes(assessment, lead):
    module = ModuleFactory(outcomes=[outcome(WEAKEST)])
    plan = recommendations.support_plan_generate(assessment=assessment, by=lead)
    module.is_published = False
    module.save()
    recommendations.support_plan_generate(assessment=assessment, by=lead)
    assert not plan.items.filter(kind=RecommendationKind.ACADEMY_MODULE).exists()


def test_done_only_after_accepting_or_scheduling(assessment, lead):
    plan = recommendations.support_plan_generate(assessment=assessment, by=lead)
    item = plan.items.get(kind=RecommendationKind.PEER_CHALLENGE)
    with pytest.raises(recommendations.PlanError, match="Accept or schedule"):
        recommendations.recommendation_decide(item=item, by=lead, decision="done")
    recommendations.recommendation_decide(
        item=item, by=lead, decision="schedule", scheduled_for=dt.date(2030, 3, 1)
    )
    done = recommendations.recommendation_decide(item=item, by=lead, decision="done")
    assert done.status == RecommendationStatus.DONE
    assert done.decided_by == lead
    assert done.scheduled_for == dt.date(2030, 3, 1)


def test_progress_counts_done_of_those_not_rejected():
    items = [
        Recommendation(status=status)
        for status in ["done", "done", "done", "accepted", "proposed", "scheduled", "rejected"]
        + ["proposed"]
    ]
    assert recommendations.plan_progress(items).text == "3 of 7 done"


# Pages -----------------------------------------------------------------------------------------


def test_the_lead_makes_the_plan_and_decides(assessment, lead, client):
    module = ModuleFactory(outcomes=[outcome(WEAKEST)])
    sign_in(client, lead)
    url = reverse("assessment:plan", args=[assessment.pk])
    assert "Make the support plan" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    body = response.content.decode()
    assert module.title in body
    assert "Your team scored 0 out of 100 on What digital can do" in body
    assert "0 of 2 done" in body  # the module and the peer challenge
    item = Recommendation.objects.get(kind=RecommendationKind.ACADEMY_MODULE)
    item_url = reverse("assessment:plan-item", args=[assessment.pk, item.pk])

    body = client.post(item_url, {"decision": "reject"}).content.decode()
    assert "Enter why you are rejecting it" in body
    body = client.post(item_url, {"decision": "schedule"}).content.decode()
    assert "Enter the date it is scheduled for" in body
    assert "done" not in [
        c[0] for c in client.get(item_url).context["form"].fields["decision"].choices
    ]

    response = client.post(
        item_url,
        {
            "decision": "schedule",
            "scheduled_for_0": "4",
            "scheduled_for_1": "5",
            "scheduled_for_2": "2030",
        },
    )
    assert response.status_code == 302
    client.post(item_url, {"decision": "done", "note": "Two of us took it"})
    item.refresh_from_db()
    assert item.status == RecommendationStatus.DONE
    body = client.get(url).content.decode()
    assert "1 of 2 done" in body
    assert "Two of us took it" in body


def test_a_team_member_sees_the_plan_but_cannot_decide(assessment, lead, client):
    recommendations.support_plan_generate(assessment=assessment, by=lead)
    member = TeamMemberFactory(assessment=assessment).user
    sign_in(client, member)
    body = client.get(reverse("assessment:plan", args=[assessment.pk])).content.decode()
    assert "Corporate peer challenge: Request one from the programme team" in body
    assert "Update the plan" not in body
    assert client.post(reverse("assessment:plan", args=[assessment.pk])).status_code == 403
    item = Recommendation.objects.first()
    response = client.post(
        reverse("assessment:plan-item", args=[assessment.pk, item.pk]), {"decision": "accept"}
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == RecommendationStatus.PROPOSED


def test_an_item_of_another_plan_is_not_found(assessment, lead, client):
    other = scored_assessment(council(), FrameworkFactory(questions=1), 25)
    other_lead = other.members.get().user
    recommendations.support_plan_generate(assessment=other, by=other_lead)
    item = Recommendation.objects.filter(plan__assessment=other).first()
    sign_in(client, lead)
    response = client.get(reverse("assessment:plan-item", args=[assessment.pk, item.pk]))
    assert response.status_code == 404


def test_the_pdf_holds_the_plan_its_reasons_and_statuses(assessment, lead, client):
    ModuleFactory(title="Leading digital change", outcomes=[outcome(WEAKEST)])
    plan = recommendations.support_plan_generate(assessment=assessment, by=lead)
    item = plan.items.get(kind=RecommendationKind.PEER_CHALLENGE)
    recommendations.recommendation_decide(item=item, by=lead, decision="reject", note="Not now")
    response = sign_in(client, lead).get(reverse("assessment:plan-pdf", args=[assessment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Support plan" in text
    assert "Leading digital change" in text
    assert "Your team scored 0 out of 100 on What digital can do" in text
    assert "Status: Rejected" in text
    assert "Not now" in text
    assert "0 of 1 done" in text


VIEWS = ["assessment:plan", "assessment:plan-pdf"]


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize(
    ("person", "expected"),
    TEAM_SEES,
)
def test_who_may_see_the_plan(assessment, lead, client, view, person, expected):
    recommendations.support_plan_generate(assessment=assessment, by=lead)
    user = people(assessment)[person]
    response = sign_in(client, user).get(reverse(view, args=[assessment.pk]))
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("anonymous", 302),
        ("member", 404),
        ("team_member", 403),
        ("lead", 200),
        ("other_council", 404),
        ("editor", 404),
        ("facilitator", 404),
    ],
)
def test_who_may_decide(assessment, lead, client, person, expected):
    plan = recommendations.support_plan_generate(assessment=assessment, by=lead)
    item = plan.items.first()
    user = people(assessment)[person]
    url = reverse("assessment:plan-item", args=[assessment.pk, item.pk])
    assert sign_in(client, user).get(url).status_code == expected


def test_no_plan_yet_for_a_team_member(assessment, client):
    member = TeamMemberFactory(assessment=assessment).user
    body = sign_in(client, member).get(reverse("assessment:plan", args=[assessment.pk]))
    assert "has not made the plan yet" in body.content.decode()
    assert not SupportPlan.objects.exists()


def test_the_plan_page_queries_do_not_grow_with_items(
    assessment, lead, client, django_assert_max_num_queries
):
    for _ in range(6):
        ModuleFactory(outcomes=[outcome(WEAKEST)])
    for days in range(3, 8):
        open_event(days)
    recommendations.support_plan_generate(assessment=assessment, by=lead)
    sign_in(client, lead)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("assessment:plan", args=[assessment.pk])).status_code == 200
