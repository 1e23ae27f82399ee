"""Personal data in peer challenges: the person's places on peer teams and as a council lead,
and evidence and findings they recorded.

Findings, evidence and reports are the peer team's judgement of a council, not personal data:
they stay as they are. The team places stay too, pointing at the person's register entry,
which erasure anonymises (hub/organisations/privacy.py)."""

from hub.peer_challenge.models import CouncilLead, Evidence, Finding, PeerTeamMember
from hub.privacy.registry import PersonalDataSource, register


def export(user) -> dict:
    person = getattr(user, "person", None)
    return {
        "peer_team_places": list(
            PeerTeamMember.objects.filter(person=person)
            .values("challenge__title", "role")
            .order_by("pk")
            if person is not None
            else []
        ),
        "council_lead_for": list(
            CouncilLead.objects.filter(person=person).values_list("challenge__title", flat=True)
            if person is not None
            else []
        ),
        "evidence_recorded": list(
            Evidence.objects.filter(recorded_by=user)
            .values("challenge__title", "summary")
            .order_by("pk")
        ),
        "findings_recorded": list(
            Finding.objects.filter(recorded_by=user)
            .values("challenge__title", "title")
            .order_by("pk")
        ),
    }


def erase(user) -> dict[str, int]:
    person = getattr(user, "person", None)
    places = PeerTeamMember.objects.filter(person=person).count() if person else 0
    return {"peer team places kept (the person's entry anonymised)": places}


register(
    PersonalDataSource(
        key="peer_challenge",
        title="Peer challenges",
        description="Your places on peer teams and as a council lead, and the evidence and "
        "findings you recorded.",
        export=export,
        erase=erase,
    )
)
