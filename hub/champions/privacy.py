"""Personal data in the champions' network: the person's champion profile, mentoring they
asked for or gave (with its meetings and feedback), and champions they dismissed.

Erasure anonymises a champion profile (it leaves the directory: paused, unavailable, its
words gone) and keeps mentoring relationships without their words, so the programme's counts
of mentoring stay; meeting notes, feedback and dismissed suggestions are deleted or blanked."""

from django.db.models import BooleanField, ExpressionWrapper, Q

from hub.champions.models import (
    ChampionProfile,
    DismissedSuggestion,
    Meeting,
    Mentoring,
    ProfileStatus,
)
from hub.privacy.registry import PersonalDataSource, register


def _profile(user):
    return ChampionProfile.objects.filter(person__user=user).first()


def _mentorings(user):
    return Mentoring.objects.filter(Q(mentee=user) | Q(champion__person__user=user))


def export(user) -> dict:
    profile = _profile(user)
    return {
        "champion_profile": None
        if profile is None
        else {
            "status": profile.get_status_display(),
            "role_summary": profile.role_summary,
            "experience": profile.experience,
            "mentee_capacity": profile.mentee_capacity,
            "meeting_frequency": profile.get_meeting_frequency_display(),
            "available": profile.available,
            "nomination_reason": profile.nomination_reason,
            "decision_note": profile.decision_note,
        },
        # The other person in each relationship is left out: their data is theirs to ask for.
        "mentoring": list(
            _mentorings(user)
            .annotate(
                you_were_the_mentee=ExpressionWrapper(Q(mentee=user), output_field=BooleanField())
            )
            .values(
                "you_were_the_mentee",
                "problem",
                "status",
                "started_at",
                "closed_at",
                "mentee_rating",
                "mentee_feedback",
                "champion_rating",
                "champion_feedback",
            )
            .order_by("pk")
        ),
        "mentoring_meetings": list(
            Meeting.objects.filter(mentoring__in=_mentorings(user))
            .values("held_on", "minutes", "notes")
            .order_by("pk")
        ),
        "champion_suggestions_dismissed_at": list(
            DismissedSuggestion.objects.filter(user=user).values_list("dismissed_at", flat=True)
        ),
    }


def erase(user) -> dict[str, int]:
    profiles = 0
    profile = _profile(user)
    if profile is not None:
        profile.status = ProfileStatus.PAUSED
        profile.available = False
        profile.slug = f"erased-{profile.pk}"
        profile.role_summary = "[erased]"
        profile.experience = ""
        profile.nomination_reason = ""
        profile.decision_note = ""
        profile.save()
        for related in ("service_areas", "themes", "cases_led", "technologies", "suppliers"):
            getattr(profile, related).clear()
        profiles = 1
    mentorings = _mentorings(user)
    notes = Meeting.objects.filter(mentoring__in=mentorings).update(notes="")
    words = mentorings.update(
        problem="", decline_reason="", mentee_feedback="", champion_feedback=""
    )
    return {
        "champion profiles anonymised": profiles,
        "mentoring relationships kept without their words": words,
        "meeting notes blanked": notes,
        "dismissed suggestions deleted": DismissedSuggestion.objects.filter(user=user).delete()[0],
    }


register(
    PersonalDataSource(
        key="champions",
        title="Digital champions",
        description="Your champion profile, mentoring you asked for or gave, its meetings and "
        "feedback, and champions you asked not to be suggested.",
        export=export,
        erase=erase,
        audited_records=lambda user: list(ChampionProfile.objects.filter(person__user=user)),
    )
)
