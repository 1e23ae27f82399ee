"""Personal data in the self-assessment: the person's places on leadership teams, their answers
and comments, and notes they wrote on a place's board.

An assessment's results are the team's, not one person's: erasure keeps each answer's score
(so the assessment's scores, benchmarks and support plan do not change) and removes the
comment written with it; the person's team place stays, anonymised with their account."""

from hub.assessment.models import Answer, BoardEntry, PlaceLead, TeamMember
from hub.privacy.registry import PersonalDataSource, register


def export(user) -> dict:
    memberships = TeamMember.objects.filter(user=user)
    person = getattr(user, "person", None)
    return {
        "assessment_teams": list(
            memberships.values(
                "assessment__title", "team_role", "is_lead", "submitted_at"
            ).order_by("pk")
        ),
        "answers": list(
            Answer.objects.filter(member__in=memberships)
            .values("member__assessment__title", "question__text", "score", "comment")
            .order_by("pk")
        ),
        "place_board_entries": list(
            BoardEntry.objects.filter(author=user)
            .values("place__name", "kind", "title", "body")
            .order_by("pk")
        ),
        "place_lead_for": list(
            PlaceLead.objects.filter(person=person).values("place__name", "organisation__name")
            if person is not None
            else []
        ),
    }


def erase(user) -> dict[str, int]:
    comments = Answer.objects.filter(member__user=user).exclude(comment="").update(comment="")
    TeamMember.objects.filter(user=user).update(person=None)
    return {"answers kept, their comments removed": comments}


register(
    PersonalDataSource(
        key="assessment",
        title="Self-assessment",
        description="The assessments you took part in, your answers and comments, your notes "
        "on a place's board and the places you lead for.",
        export=export,
        erase=erase,
    )
)
