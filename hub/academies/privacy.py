"""Personal data in the academies: the person's places on cohorts, their attendance, 100-day
plans with updates and actions, and their survey answers.

Erasure keeps each place and its attendance, with the person's register entry anonymised
(hub/organisations/privacy.py): the programme counts places, completions and attendance by
organisation. Their own words go (why they applied, the partners they named, the sponsor's
comment, the certificate number); plans and survey answers stay, no longer naming anyone, as
evidence of the academy's effect."""

from django.db.models import Q

from hub.academies.models import Attendance, Enrolment, Plan, PlanAction, PlanUpdate, SurveyAnswer
from hub.privacy.registry import PersonalDataSource, register


def _enrolments(user):
    mine = Q(user=user)
    person = getattr(user, "person", None)
    if person is not None:
        mine |= Q(person=person)
    return Enrolment.objects.filter(mine)


def export(user) -> dict:
    enrolments = _enrolments(user)
    return {
        "academy_places": list(
            enrolments.values(
                "cohort__title",
                "status",
                "motivation",
                "sponsor_name",
                "sponsor_job_title",
                "sponsor_email",
                "sponsor_decided_at",
                "sponsor_comment",
                "enrolled_at",
                "withdrawn_at",
                "completed_at",
                "certificate_number",
            ).order_by("pk")
        ),
        "attendance": list(
            Attendance.objects.filter(enrolment__in=enrolments)
            .values("session__cohort__title", "session__number", "session__starts_at", "status")
            .order_by("pk")
        ),
        "hundred_day_plans": list(
            Plan.objects.filter(enrolment__in=enrolments)
            .values(
                "enrolment__cohort__title",
                "ambition",
                "partners",
                "expected_benefits",
                "submitted_at",
            )
            .order_by("pk")
        ),
        "plan_actions": list(
            PlanAction.objects.filter(plan__enrolment__in=enrolments)
            .values("description", "partner", "due_on", "status")
            .order_by("pk")
        ),
        "plan_updates": list(
            PlanUpdate.objects.filter(plan__enrolment__in=enrolments)
            .values("milestone", "progress", "achieved", "benefits_seen", "next_steps")
            .order_by("pk")
        ),
        "survey_answers": list(
            SurveyAnswer.objects.filter(response__enrolment__in=enrolments)
            .values("response__stage", "outcome__title", "confidence")
            .order_by("pk")
        ),
    }


def erase(user) -> dict[str, int]:
    enrolments = _enrolments(user)
    pks = list(enrolments.values_list("pk", flat=True))
    Plan.objects.filter(enrolment__in=pks).update(partners="")
    PlanAction.objects.filter(plan__enrolment__in=pks).update(partner="")
    kept = Enrolment.objects.filter(pk__in=pks).update(
        user=None, motivation="", sponsor_comment="", certificate_number="", sponsor_token_hash=None
    )
    return {"academy places kept without the person's words": kept}


register(
    PersonalDataSource(
        key="academies",
        title="Academies",
        description="Your places on academy cohorts (with your sponsor's details and decision), "
        "your attendance, your 100-day plans and updates, and your survey answers.",
        export=export,
        erase=erase,
    )
)
