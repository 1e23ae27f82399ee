"""Reads of the academies for other apps (the academies' own pages read through their modules)."""

from django.db.models import QuerySet
from django.utils import timezone

from hub.academies.models import (
    ACTIVE_ENROLMENT,
    LISTED_COHORT_STATUSES,
    AcademyKind,
    Cohort,
    Enrolment,
    EnrolmentStatus,
    Session,
)

# Programme take-up (read by hub/programme/takeup.py) ------------------------------------------


def organisation_ids_enrolled() -> QuerySet:
    """Ids of organisations with someone holding a place on a cohort (enrolled, enrolled late
    or completed): one query, each id once."""
    return (
        Enrolment.objects.filter(status__in=ACTIVE_ENROLMENT)
        .order_by()
        .values_list("organisation_id", flat=True)
        .distinct()
    )


def place_ids_with_digital_academy() -> QuerySet:
    """Ids of places with a Digital Academy cohort past its draft (recruiting, running or
    finished; not cancelled): one query, each id once."""
    return (
        Cohort.objects.filter(
            academy=AcademyKind.DIGITAL, status__in=LISTED_COHORT_STATUSES, place__isnull=False
        )
        .order_by()
        .values_list("place_id", flat=True)
        .distinct()
    )


# Programme outputs (read by hub/programme/outputs.py) -----------------------------------------


def sessions_held() -> QuerySet[Session]:
    """Sessions that have started, of cohorts past their draft and not cancelled."""
    return Session.objects.filter(
        cohort__status__in=LISTED_COHORT_STATUSES, starts_at__lte=timezone.now()
    )


def places_held() -> QuerySet[Enrolment]:
    """Enrolments holding a place on a cohort (enrolled, enrolled late or completed)."""
    return Enrolment.objects.filter(status__in=ACTIVE_ENROLMENT)


def certificates_awarded() -> QuerySet[Enrolment]:
    """Completed enrolments: each has been awarded a certificate."""
    return Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED)
