"""Reads of the self-assessment for other apps (its own pages read through its modules)."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from hub.assessment.models import Assessment, AssessmentStatus, PlaceAssessment, TeamMember

# Programme take-up (read by hub/programme/takeup.py) ------------------------------------------


def organisation_ids_assessing() -> QuerySet:
    """Ids of organisations with a closed self-assessment, or an open one that someone on the
    team has submitted answers to: one query, each id once."""
    submitted = Exists(
        TeamMember.objects.filter(assessment=OuterRef("pk"), submitted_at__isnull=False)
    )
    return (
        Assessment.objects.filter(Q(status=AssessmentStatus.CLOSED) | Q(submitted))
        .order_by()
        .values_list("organisation_id", flat=True)
        .distinct()
    )


def place_ids_assessing() -> QuerySet:
    """Ids of places that have started a place assessment: one query, each id once."""
    return PlaceAssessment.objects.order_by().values_list("place_id", flat=True).distinct()


# Programme outputs (read by hub/programme/outputs.py) -----------------------------------------


def assessments_closed() -> QuerySet[Assessment]:
    """Self-assessments that have been closed."""
    return Assessment.objects.filter(status=AssessmentStatus.CLOSED, closed_at__isnull=False)
