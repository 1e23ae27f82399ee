"""100-day plan pages and programme progress, for each role."""

import csv
import io

import pytest
from django.urls import reverse

from hub.academies.models import (
    ActionStatus,
    CohortStatus,
    Milestone,
    Plan,
    PlanAction,
    PlanUpdate,
)
from hub.academies.tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    PlanActionFactory,
    PlanFactory,
)
from hub.academies.tests.test_plans import submitted_months_ago
from hub.accounts.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(user_with_role):
    class World:
        facilitator = user_with_role(Role.FACILITATOR)
        cohort = CohortFactory(status=CohortStatus.RUNNING, facilitators=[facilitator])
        participant = EnrolmentFactory(cohort=cohort)
        colleague = EnrolmentFactory(cohort=cohort)
        other_cohort_participant = EnrolmentFactory(
            cohort=CohortFactory(status=CohortStatus.RUNNING)
        )
        member = user_with_role(Role.MEMBER)
        staff = user_with_role(Role.EDITOR)

        def user(self, who):
            return {
                "anonymous": None,
                "member": self.member,
                "participant": self.participant.user,
                "colleague": self.colleague.user,
                "other_participant": self.other_cohort_participant.user,
                "facilitator": self.facilitator,
                "staff": self.staff,
            }[who]

        def url(self, name, *args):
            return reverse(f"academies:{name}", args=[self.cohort.slug, *args])

    return World()


def _as(client, user):
    if user is not None:
        client.force_login(user)
    return client


# Writing the plan --------------------------------------------------------------------------


def test_a_participant_writes_adds_actions_submits_and_still_edits_their_plan(client, world):
    client.force_login(world.participant.user)
    assert "Start your plan" in client.get(world.url("plan")).content.decode()

    response = client.post(world.url("plan-edit"), {"ambition": "", "expected_benefits": ""})
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Enter your ambition" in html

    client.post(
        world.url("plan-edit"),
        {
            "ambition": "Tell us once across partners",
            "partners": "Police; ICB",
            "expected_benefits": "Fewer repeat contacts",
        },
    )
    plan = Plan.objects.get(enrolment=world.participant)
    assert plan.submitted_at is None

    # Submitting needs an action.
    response = client.post(world.url("plan-submit"), follow=True)
    assert "Add at least one action" in response.content.decode()

    response = client.post(
        world.url("plan-action-add"),
        {
            "description": "Agree a data sharing agreement",
            "partner": "Testshire Police",
            "due_on_0": "31",
            "due_on_1": "3",
            "due_on_2": "2026",
            "status": "in_progress",
        },
    )
    assert response.status_code == 302
    action = PlanAction.objects.get(plan=plan)
    assert (action.partner, action.due_on.isoformat(), action.status) == (
        "Testshire Police",
        "2026-03-31",
        "in_progress",
    )
    client.post(
        world.url("plan-action-add"),
        {"description": "Pilot with one ward", "status": "not_started"},
    )
    pilot = PlanAction.objects.get(description="Pilot with one ward")
    client.post(world.url("plan-action-remove", pilot.pk))
    assert list(plan.actions.values_list("description", flat=True)) == [
        "Agree a data sharing agreement"
    ]

    response = client.post(world.url("plan-submit"), follow=True)
    assert "Your plan has been submitted" in response.content.decode()
    plan.refresh_from_db()
    assert plan.submitted_at is not None

    client.post(
        world.url("plan-action-edit", action.pk),
        {"description": "Sign the agreement", "status": "done"},
    )
    html = client.get(world.url("plan")).content.decode()
    assert "Sign the agreement" in html
    assert ">Done</strong>" in html
    assert "Submitted</strong> on" in html
    assert "6-month update" in html
    assert "Can be written from" in html


def test_an_action_form_error_is_shown(client, world):
    PlanFactory(enrolment=world.participant)
    client.force_login(world.participant.user)
    response = client.post(
        world.url("plan-action-add"),
        {
            "description": "",
            "status": "done",
            "due_on_0": "31",
            "due_on_1": "2",
            "due_on_2": "2026",
        },
    )
    html = response.content.decode()
    assert "Enter what you will do" in html
    assert "Due date must be a real date" in html


def test_a_participant_cannot_change_another_plans_action(client, world):
    PlanFactory(enrolment=world.participant)
    theirs = PlanActionFactory(plan=PlanFactory(enrolment=world.colleague))
    client.force_login(world.participant.user)
    response = client.post(
        world.url("plan-action-edit", theirs.pk), {"description": "Hijack", "status": "done"}
    )
    assert response.status_code == 404
    assert client.post(world.url("plan-action-remove", theirs.pk)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.description != "Hijack"


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("member", 403),
        ("other_participant", 403),
        ("facilitator", 403),
        ("staff", 403),
    ],
)
def test_only_the_participant_has_a_plan_here(client, world, who, status):
    client = _as(client, world.user(who))
    for name in ("plan", "plan-edit"):
        assert client.get(world.url(name)).status_code == status
    response = client.post(world.url("plan-edit"), {"ambition": "A", "expected_benefits": "B"})
    assert response.status_code == status
    assert not Plan.objects.exists()


def test_a_draft_cohorts_plan_pages_are_a_404_to_outsiders(client, world):
    world.cohort.status = CohortStatus.DRAFT
    world.cohort.save()
    client.force_login(world.other_cohort_participant.user)
    assert client.get(world.url("plan")).status_code == 404
    assert client.get(world.url("participant-plan", world.participant.pk)).status_code == 404


# Updates -----------------------------------------------------------------------------------


def test_the_update_page_refuses_before_it_opens_and_says_when(client, world):
    PlanFactory(enrolment=world.participant, submitted_at=submitted_months_ago(2))
    client.force_login(world.participant.user)
    html = client.get(world.url("plan-update", "six_months")).content.decode()
    assert "You can write it from" in html
    assert 'name="progress"' not in html
    response = client.post(
        world.url("plan-update", "six_months"), {"progress": "on_track", "achieved": "Lots"}
    )
    assert "You can write the 6-month update from" in response.content.decode()
    assert not PlanUpdate.objects.exists()


def test_a_participant_writes_the_6_month_update_and_their_actions_statuses(client, world):
    plan = PlanFactory(enrolment=world.participant, submitted_at=submitted_months_ago(6))
    action = PlanActionFactory(plan=plan, status=ActionStatus.IN_PROGRESS)
    client.force_login(world.participant.user)

    html = client.get(world.url("plan-update", "six_months")).content.decode()
    assert action.description in html

    response = client.post(
        world.url("plan-update", "six_months"),
        {
            "progress": "some_delay",
            "achieved": "Agreement signed",
            "benefits_seen": "",
            "next_steps": "Bring in health",
            f"action_{action.pk}": "done",
        },
        follow=True,
    )

    assert "Your 6-month update has been saved" in response.content.decode()
    update = PlanUpdate.objects.get(plan=plan)
    assert (update.milestone, update.progress, update.achieved) == (
        Milestone.SIX_MONTHS,
        "some_delay",
        "Agreement signed",
    )
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert ">Some delay</strong>" in response.content.decode()


def test_an_update_with_missing_answers_shows_the_errors(client, world):
    PlanFactory(enrolment=world.participant, submitted_at=submitted_months_ago(6))
    client.force_login(world.participant.user)
    response = client.post(world.url("plan-update", "six_months"), {"achieved": ""})
    html = response.content.decode()
    assert "Select how your plan is going" in html
    assert "Enter what has been achieved" in html


def test_an_unknown_milestone_is_a_404(client, world):
    PlanFactory(enrolment=world.participant)
    client.force_login(world.participant.user)
    assert client.get(world.url("plan-update", "three_months")).status_code == 404


# Reading a participant's plan --------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("member", 403),
        ("colleague", 403),
        ("other_participant", 403),
        ("participant", 200),
        ("facilitator", 200),
        ("staff", 200),
    ],
)
def test_a_participants_plan_is_read_by_them_their_facilitators_and_staff(
    client, world, who, status
):
    plan = PlanFactory(enrolment=world.participant, ambition="Tell us once")
    PlanActionFactory(plan=plan, description="Agree data sharing")
    response = _as(client, world.user(who)).get(world.url("participant-plan", world.participant.pk))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "Tell us once" in html
        assert "Agree data sharing" in html
        # Read only: no links to change it.
        assert world.url("plan-edit") not in html


# Programme progress ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("member", 403),
        ("participant", 403),
        ("facilitator", 200),
        ("staff", 200),
    ],
)
def test_programme_progress_is_for_programme_staff(client, world, who, status):
    client = _as(client, world.user(who))
    assert client.get(reverse("academies:progress")).status_code == status
    assert client.get(reverse("academies:progress-csv")).status_code == status


def test_programme_progress_page_and_csv_show_each_cohort_and_the_totals(client, world):
    plan = PlanFactory(enrolment=world.participant, submitted_at=submitted_months_ago(7))
    PlanActionFactory(plan=plan, status=ActionStatus.DONE)
    PlanActionFactory(plan=plan)
    PlanUpdate.objects.create(
        plan=plan, milestone=Milestone.SIX_MONTHS, progress="off_track", achieved="x"
    )
    client.force_login(world.staff)

    html = client.get(reverse("academies:progress")).content.decode()
    start = html.index(f'id="cohort-{world.cohort.pk}"')
    row = html[start : html.index("</tr>", start)]
    assert world.cohort.title in row
    assert ">2<" in row  # participants
    assert "1 / 1" in row  # 6-month updates written / due
    assert "1 / 2" in row  # actions done / total
    assert "0% of 1" in row

    response = client.get(reverse("academies:progress-csv"), {"status": "running"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r["Cohort"] for r in rows] == sorted(
        [world.cohort.title, world.other_cohort_participant.cohort.title]
    ) + ["Total"]
    total = rows[-1]
    assert total["Participants with a place"] == "3"
    assert (total["Actions done"], total["Actions in plans"]) == ("1", "2")
    assert total["On track at latest update (%)"] == "0"


def test_programme_progress_filters(client, world):
    CohortFactory(status=CohortStatus.FINISHED, title="Finished Academy")
    client.force_login(world.staff)
    html = client.get(reverse("academies:progress"), {"status": "finished"}).content.decode()
    assert "Finished Academy" in html
    assert world.cohort.title not in html
