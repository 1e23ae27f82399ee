"""100-day plan services: dates of the updates, writing and updating a plan, programme
progress, and reminders."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from hub.academies import plans
from hub.academies.models import (
    AcademyKind,
    ActionStatus,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
    Milestone,
    Plan,
    PlanReminder,
    PlanUpdate,
    Progress,
)
from hub.academies.plans import PlanError
from hub.academies.tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    PlanActionFactory,
    PlanFactory,
)
from hub.core.dates import add_months

pytestmark = pytest.mark.django_db


def submitted_months_ago(months: int, days: int = 0) -> datetime:
    """Noon (London) on the day `months` months and `days` days before today."""
    day = add_months(timezone.localdate(), -months) - timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(12)))


def test_updates_fall_due_6_and_12_months_after_submission_and_open_a_month_before():
    plan = PlanFactory(
        submitted_at=timezone.make_aware(datetime(2025, 1, 31, 23, 30))  # London date
    )
    assert plans.due_on(plan, Milestone.SIX_MONTHS) == date(2025, 7, 31)
    assert plans.opens_on(plan, Milestone.SIX_MONTHS) == date(2025, 6, 30)
    assert plans.due_on(plan, Milestone.TWELVE_MONTHS) == date(2026, 1, 31)
    assert plans.opens_on(plan, Milestone.TWELVE_MONTHS) == date(2025, 12, 31)


def test_a_draft_plan_has_no_update_dates():
    plan = PlanFactory(submitted_at=None)
    states = plans.milestones(plan)
    assert [s.due_on for s in states] == [None, None]
    assert not any(s.is_open for s in states)


# Writing a plan ----------------------------------------------------------------------------


def test_plan_save_starts_then_changes_the_plan():
    enrolment = EnrolmentFactory()
    plan = plans.plan_save(
        enrolment=enrolment, ambition="One front door", partners="", expected_benefits="Less"
    )
    again = plans.plan_save(
        enrolment=enrolment, ambition="Two front doors", partners="Police", expected_benefits="X"
    )
    assert again.pk == plan.pk
    assert Plan.objects.get().ambition == "Two front doors"


def test_a_withdrawn_participant_cannot_change_their_plan():
    enrolment = EnrolmentFactory(status=EnrolmentStatus.WITHDRAWN)
    with pytest.raises(PlanError, match="with a place"):
        plans.plan_save(enrolment=enrolment, ambition="A", partners="", expected_benefits="B")


def test_actions_are_added_at_the_end_changed_and_removed():
    plan = PlanFactory(submitted_at=None)
    first = plans.plan_action_save(
        plan=plan,
        description="Agree data sharing",
        partner="Police",
        due_on=None,
        status="not_started",
    )
    second = plans.plan_action_save(
        plan=plan, description="Pilot", partner="", due_on=date(2026, 1, 5), status="in_progress"
    )
    assert second.order > first.order
    plans.plan_action_save(
        plan=plan, action=first, description="Agree it", partner="", due_on=None, status="done"
    )
    first.refresh_from_db()
    assert (first.description, first.status) == ("Agree it", "done")
    plans.plan_action_remove(plan=plan, action=second)
    assert list(plan.actions.all()) == [first]


def test_an_action_of_another_plan_cannot_be_changed_or_removed():
    plan = PlanFactory()
    someone_elses = PlanActionFactory()
    with pytest.raises(PlanError, match="not part of your plan"):
        plans.plan_action_remove(plan=plan, action=someone_elses)
    with pytest.raises(PlanError, match="not part of your plan"):
        plans.plan_action_save(
            plan=plan, action=someone_elses, description="X", partner="", due_on=None, status="done"
        )


def test_submitting_needs_an_action_and_keeps_the_first_date():
    plan = PlanFactory(submitted_at=None)
    with pytest.raises(PlanError, match="at least one action"):
        plans.plan_submit(plan=plan)
    PlanActionFactory(plan=plan)
    plans.plan_submit(plan=plan)
    first = plan.submitted_at
    assert first is not None
    plans.plan_submit(plan=plan)
    plan.refresh_from_db()
    assert plan.submitted_at == first


def _update(plan, milestone=Milestone.SIX_MONTHS, progress=Progress.ON_TRACK, statuses=None):
    return plans.plan_update_save(
        plan=plan,
        milestone=milestone,
        progress=progress,
        achieved="Shared data with the police",
        benefits_seen="Fewer repeat calls",
        next_steps="Add health",
        action_statuses=statuses or {},
    )


def test_an_update_opens_a_month_before_it_is_due():
    plan = PlanFactory(submitted_at=submitted_months_ago(5, days=-1))  # opens tomorrow
    with pytest.raises(PlanError, match="You can write the 6-month update from"):
        _update(plan)
    assert not PlanUpdate.objects.exists()
    plan.submitted_at = submitted_months_ago(5)
    plan.save()
    assert _update(plan).progress == Progress.ON_TRACK


def test_an_update_sets_the_actions_statuses_and_can_be_rewritten():
    plan = PlanFactory(submitted_at=submitted_months_ago(6))
    action = PlanActionFactory(plan=plan)
    _update(plan, statuses={action.pk: ActionStatus.DONE})
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    _update(plan, progress=Progress.SOME_DELAY)
    assert PlanUpdate.objects.get().progress == Progress.SOME_DELAY


def test_an_update_of_a_draft_plan_is_refused():
    plan = PlanFactory(submitted_at=None)
    with pytest.raises(PlanError, match="Submit your plan first"):
        _update(plan)


def test_an_update_cannot_set_another_plans_action():
    plan = PlanFactory(submitted_at=submitted_months_ago(6))
    with pytest.raises(PlanError, match="not part of your plan"):
        _update(plan, statuses={PlanActionFactory().pk: ActionStatus.DONE})


# Programme progress ------------------------------------------------------------------------


@pytest.fixture
def programme():
    """Two cohorts with plans at different stages, and a draft member cohort with none."""
    running = CohortFactory(status=CohortStatus.RUNNING)
    finished = CohortFactory(status=CohortStatus.FINISHED)
    CohortFactory(member=True, status=CohortStatus.DRAFT)

    # running: 3 with a place (one withdrawn does not count), plans: one submitted 7 months
    # ago with a 6-month update on track, one submitted 2 months ago, one draft.
    a = PlanFactory(
        enrolment=EnrolmentFactory(cohort=running), submitted_at=submitted_months_ago(7)
    )
    PlanActionFactory(plan=a, status=ActionStatus.DONE)
    PlanActionFactory(plan=a, status=ActionStatus.IN_PROGRESS)
    PlanUpdate.objects.create(
        plan=a, milestone=Milestone.SIX_MONTHS, progress="on_track", achieved="x"
    )
    b = PlanFactory(
        enrolment=EnrolmentFactory(cohort=running), submitted_at=submitted_months_ago(2)
    )
    PlanActionFactory(plan=b)
    PlanFactory(enrolment=EnrolmentFactory(cohort=running), submitted_at=None)
    gone = PlanFactory(
        enrolment=EnrolmentFactory(cohort=running, status=EnrolmentStatus.WITHDRAWN),
        submitted_at=submitted_months_ago(13),
    )
    PlanActionFactory(plan=gone, status=ActionStatus.DONE)

    # finished: 2 plans submitted 13 months ago, one with both updates (the latest off track),
    # one with only the 6-month update (on track); and a completed participant with no plan.
    c = PlanFactory(
        enrolment=EnrolmentFactory(cohort=finished), submitted_at=submitted_months_ago(13)
    )
    PlanUpdate.objects.create(
        plan=c, milestone=Milestone.SIX_MONTHS, progress="on_track", achieved="x"
    )
    PlanUpdate.objects.create(
        plan=c, milestone=Milestone.TWELVE_MONTHS, progress="off_track", achieved="x"
    )
    PlanActionFactory(plan=c, status=ActionStatus.DONE)
    d = PlanFactory(
        enrolment=EnrolmentFactory(cohort=finished), submitted_at=submitted_months_ago(13)
    )
    PlanUpdate.objects.create(
        plan=d, milestone=Milestone.SIX_MONTHS, progress="on_track", achieved="x"
    )
    EnrolmentFactory(cohort=finished, status=EnrolmentStatus.COMPLETED)
    return running, finished


def test_programme_progress_per_cohort_and_totals(programme, django_assert_num_queries):
    running, finished = programme

    with django_assert_num_queries(4):
        rows = plans.programme_progress()

    by_cohort = {row.cohort: row for row in rows}
    assert len(rows) == 3
    r, f = by_cohort[running], by_cohort[finished]
    assert (r.participants, r.plans_submitted) == (3, 2)
    assert (r.six_due, r.six_written, r.twelve_due, r.twelve_written) == (1, 1, 0, 0)
    assert (r.actions_done, r.actions_total) == (1, 3)
    assert (r.with_updates, r.on_track, r.on_track_share) == (1, 1, 100)
    assert (f.participants, f.plans_submitted) == (3, 2)
    assert (f.six_due, f.six_written, f.twelve_due, f.twelve_written) == (2, 2, 2, 1)
    assert (f.actions_done, f.actions_total) == (1, 1)
    assert (f.with_updates, f.on_track) == (2, 1)

    totals = plans.progress_totals(rows)
    # Independently counted from the database.
    placed = Enrolment.objects.filter(status__in=["enrolled", "enrolled_late", "completed"])
    assert totals.participants == placed.count() == 6
    live_plans = Plan.objects.filter(enrolment__in=placed)
    assert totals.plans_submitted == live_plans.exclude(submitted_at=None).count() == 4
    assert (
        totals.six_written
        == PlanUpdate.objects.filter(plan__in=live_plans, milestone="six_months").count()
    )
    assert totals.twelve_written == 1
    assert (totals.actions_done, totals.actions_total) == (2, 4)
    assert totals.on_track_share == pytest.approx(200 / 3)


def test_programme_progress_queries_do_not_grow_with_cohorts(programme, django_assert_num_queries):
    for _ in range(3):
        cohort = CohortFactory()
        plan = PlanFactory(enrolment=EnrolmentFactory(cohort=cohort))
        PlanActionFactory(plan=plan)
    with django_assert_num_queries(4):
        assert len(plans.programme_progress()) == 6


def test_programme_progress_filters_by_academy_and_status(programme):
    running, finished = programme
    assert [r.cohort for r in plans.programme_progress(status=CohortStatus.FINISHED)] == [finished]
    member = plans.programme_progress(academy=AcademyKind.MEMBER)
    assert len(member) == 1
    assert member[0].participants == 0
    assert plans.programme_progress(academy=AcademyKind.MEMBER, status=CohortStatus.RUNNING) == []


# Reminders ---------------------------------------------------------------------------------


def test_reminders_go_within_a_fortnight_and_when_due_once_each(
    mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
):
    due_in_14 = PlanFactory(submitted_at=submitted_months_ago(6, days=-14))
    due_today = PlanFactory(submitted_at=submitted_months_ago(12))
    later = PlanFactory(submitted_at=submitted_months_ago(6, days=-15))  # 15 days: not yet
    # Overdue by a day with no reminder (the scheduler missed a day): it still gets one.
    overdue = PlanFactory(submitted_at=submitted_months_ago(6, days=1))
    written = PlanFactory(submitted_at=submitted_months_ago(6))
    PlanUpdate.objects.create(
        plan=written, milestone="six_months", progress="on_track", achieved="x"
    )
    PlanFactory(
        submitted_at=submitted_months_ago(6),
        enrolment=EnrolmentFactory(status=EnrolmentStatus.WITHDRAWN),
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert plans.plan_reminders_send(dry_run=True) == 3
    assert mailoutbox == []
    assert not PlanReminder.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_plan_reminders")

    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [p.enrolment.user.email for p in (due_in_14, due_today, overdue)]
    )
    by_to = {m.to[0]: m for m in mailoutbox}
    soon = by_to[due_in_14.enrolment.user.email]
    assert soon.subject.startswith("Your 6-month update on your 100-day plan is due on ")
    assert (
        f"/academies/cohorts/{due_in_14.enrolment.cohort.slug}/plan/updates/six_months" in soon.body
    )
    assert by_to[due_today.enrolment.user.email].subject == (
        "Your 12-month update on your 100-day plan is due today"
    )
    assert "is due since" in by_to[overdue.enrolment.user.email].subject
    # Running again the same day sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert plans.plan_reminders_send() == 0
    assert len(mailoutbox) == 3
    # The next day only the plan that was 15 days off is reminded: it is 14 days off now.
    tomorrow = timezone.localdate() + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert plans.plan_reminders_send(today=tomorrow) == 1
    assert mailoutbox[-1].to == [later.enrolment.user.email]
    # On its due date it gets its second reminder, once.
    due_date = plans.due_on(due_in_14, "six_months")
    assert plans.plan_reminders_send(today=due_date) == 1
    assert plans.plan_reminders_send(today=due_date) == 0
