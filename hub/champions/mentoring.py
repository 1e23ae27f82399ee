"""Mentoring relationships: a leader asks a champion, the champion accepts (with a length and
how often they meet) or declines, either side logs meetings, and either side closes it with
feedback; the other side adds theirs later.

A champion's capacity counts requests as well as relationships under way (ACTIVE_MENTORING).
It is counted under a row lock on the champion's profile (select_for_update), so two requests
racing for the last place cannot both get it.
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from hub.champions.models import (
    ACTIVE_MENTORING,
    ChampionProfile,
    Meeting,
    Mentoring,
    MentoringStatus,
    ProfileStatus,
)
from hub.core.notify import absolute_url, email_on_commit

MENTEE = "mentee"
MENTOR = "mentor"


class MentoringError(Exception):
    """A request or change that cannot be made; the message is fit to show the user."""


# Capacity ----------------------------------------------------------------------------------


def open_mentorings_count(profile: ChampionProfile) -> int:
    """Requests waiting and relationships under way: what counts against the capacity."""
    return Mentoring.objects.filter(champion=profile, status__in=ACTIVE_MENTORING).count()


def places_left(profile: ChampionProfile) -> int:
    return max(profile.mentee_capacity - open_mentorings_count(profile), 0)


def is_full(profile: ChampionProfile) -> bool:
    return places_left(profile) == 0


def why_cannot_request(profile: ChampionProfile, mentee) -> str | None:
    """Why `mentee` cannot ask `profile` for mentoring now, or None if they can."""
    name = profile.person.full_name
    if profile.status != ProfileStatus.APPROVED or profile.person.user_id is None:
        return f"{name} is not taking mentoring requests through the Hub"
    if profile.person.user_id == mentee.pk:
        return "You cannot ask yourself for mentoring"
    if Mentoring.objects.filter(
        champion=profile, mentee=mentee, status__in=ACTIVE_MENTORING
    ).exists():
        return f"You already have a request or a mentoring under way with {name}"
    if not profile.available:
        return f"{name} is not taking new mentees at the moment"
    if is_full(profile):
        return f"{name} has no space for new mentees at the moment"
    return None


# Helpers -----------------------------------------------------------------------------------


def _tell(user, *, subject: str, body: str) -> None:
    """Email one person once the transaction commits, greeting them by name."""
    email_on_commit(
        to=[user.email], subject=subject, body=f"Dear {user.get_full_name()},\n\n{body}"
    )


def _mentor_user(mentoring: Mentoring):
    return mentoring.champion.person.user


def side_of(mentoring: Mentoring, user) -> str | None:
    """MENTEE, MENTOR, or None for anyone else."""
    if user.is_authenticated and mentoring.mentee_id == user.pk:
        return MENTEE
    if user.is_authenticated and mentoring.champion.person.user_id == user.pk:
        return MENTOR
    return None


def _other(mentoring: Mentoring, side: str):
    return _mentor_user(mentoring) if side == MENTEE else mentoring.mentee


def _locked(mentoring: Mentoring) -> Mentoring:
    return (
        Mentoring.objects.select_for_update(of=("self",))
        .select_related("champion__person__user", "mentee")
        .get(pk=mentoring.pk)
    )


def _require(mentoring: Mentoring, *statuses: str, message: str) -> None:
    if mentoring.status not in statuses:
        raise MentoringError(message)


# Services ----------------------------------------------------------------------------------


def request_mentoring(
    *,
    champion: ChampionProfile,
    mentee,
    problem: str,
    length_months: int,
    meeting_frequency: str,
) -> Mentoring:
    """Ask `champion` for mentoring; the champion is emailed once the request is saved."""
    problem = problem.strip()
    if not problem:
        raise MentoringError("Enter what you want help with")
    try:
        with transaction.atomic():
            profile = (
                ChampionProfile.objects.select_for_update(of=("self",))
                .select_related("person__user")
                .get(pk=champion.pk)
            )
            if reason := why_cannot_request(profile, mentee):
                raise MentoringError(reason)
            mentoring = Mentoring.objects.create(
                champion=profile,
                mentee=mentee,
                problem=problem,
                length_months=length_months,
                meeting_frequency=meeting_frequency,
            )
            _tell(
                profile.person.user,
                subject=f"{mentee.get_full_name()} asks you for mentoring",
                body=(
                    f"{mentee.get_full_name()} would like you to mentor them. They want help "
                    f"with:\n\n{problem}\n\n"
                    f"They would like to meet {mentoring.get_meeting_frequency_display().lower()}"
                    f" for {length_months} months.\n\n"
                    "Accept or decline here:\n"
                    f"{absolute_url(mentoring.get_absolute_url())}\n"
                ),
            )
    except IntegrityError as error:
        # The database's one-open-mentoring-per-pair constraint, under a race.
        raise MentoringError(
            f"You already have a request or a mentoring under way with {champion}"
        ) from error
    return mentoring


@transaction.atomic
def accept(*, mentoring: Mentoring, by, length_months: int, meeting_frequency: str) -> Mentoring:
    mentoring = _locked(mentoring)
    if side_of(mentoring, by) != MENTOR:
        raise MentoringError("Only the champion asked can accept a request")
    _require(mentoring, MentoringStatus.REQUESTED, message="This request has already been answered")
    mentoring.status = MentoringStatus.ACCEPTED
    mentoring.length_months = length_months
    mentoring.meeting_frequency = meeting_frequency
    mentoring.started_at = timezone.now()
    mentoring.save(
        update_fields=["status", "length_months", "meeting_frequency", "started_at", "updated_at"]
    )
    champion_name = mentoring.champion.person.full_name
    _tell(
        mentoring.mentee,
        subject=f"{champion_name} will mentor you",
        body=(
            f"{champion_name} has accepted your request for mentoring. You agreed to meet "
            f"{mentoring.get_meeting_frequency_display().lower()} for {length_months} months."
            f"\n\nThey will be in touch to arrange your first meeting. Your mentoring page:\n"
            f"{absolute_url(mentoring.get_absolute_url())}\n"
        ),
    )
    return mentoring


@transaction.atomic
def decline(*, mentoring: Mentoring, by, reason: str) -> Mentoring:
    mentoring = _locked(mentoring)
    if side_of(mentoring, by) != MENTOR:
        raise MentoringError("Only the champion asked can decline a request")
    _require(mentoring, MentoringStatus.REQUESTED, message="This request has already been answered")
    mentoring.status = MentoringStatus.DECLINED
    mentoring.decline_reason = reason.strip()
    mentoring.closed_at = timezone.now()
    mentoring.save(update_fields=["status", "decline_reason", "closed_at", "updated_at"])
    champion_name = mentoring.champion.person.full_name
    their_words = (
        f"They said:\n\n{mentoring.decline_reason}\n\n" if mentoring.decline_reason else ""
    )
    _tell(
        mentoring.mentee,
        subject=f"Your mentoring request to {champion_name}",
        body=(
            f"Thank you for asking {champion_name} for mentoring. They are not able to take "
            f"you on this time. This is usually about their time, not about you or your "
            f"question.\n\n{their_words}"
            "Other champions may be able to help with the same problem. Find one here:\n"
            f"{absolute_url('/champions/')}\n"
        ),
    )
    return mentoring


@transaction.atomic
def withdraw(*, mentoring: Mentoring, by) -> Mentoring:
    mentoring = _locked(mentoring)
    if side_of(mentoring, by) != MENTEE:
        raise MentoringError("Only the person who asked can withdraw a request")
    _require(
        mentoring,
        MentoringStatus.REQUESTED,
        message="This request has been answered, so it can no longer be withdrawn",
    )
    mentoring.status = MentoringStatus.WITHDRAWN
    mentoring.closed_at = timezone.now()
    mentoring.save(update_fields=["status", "closed_at", "updated_at"])
    _tell(
        _mentor_user(mentoring),
        subject=f"{mentoring.mentee.get_full_name()} has withdrawn their mentoring request",
        body=(
            f"{mentoring.mentee.get_full_name()} has withdrawn their request for mentoring. "
            "You do not need to do anything.\n"
        ),
    )
    return mentoring


@transaction.atomic
def log_meeting(
    *, mentoring: Mentoring, by, held_on: date, minutes: int, notes: str = ""
) -> Meeting:
    mentoring = _locked(mentoring)
    if side_of(mentoring, by) is None:
        raise MentoringError("Only the mentee and the champion can log a meeting")
    _require(
        mentoring,
        MentoringStatus.ACCEPTED,
        message="Meetings can only be logged while the mentoring is under way",
    )
    if held_on > timezone.localdate():
        raise MentoringError("The date of the meeting must be today or in the past")
    return Meeting.objects.create(
        mentoring=mentoring, held_on=held_on, minutes=minutes, notes=notes.strip(), logged_by=by
    )


def feedback_given(mentoring: Mentoring, side: str) -> bool:
    rating = mentoring.mentee_rating if side == MENTEE else mentoring.champion_rating
    return rating is not None


@transaction.atomic
def close(*, mentoring: Mentoring, by, rating: int, feedback: str = "") -> Mentoring:
    """Close a mentoring under way with `by`'s feedback, or add `by`'s feedback to a closed one.

    Each side gives its own feedback once; whoever closes it, the other side is emailed to
    ask for theirs.
    """
    mentoring = _locked(mentoring)
    side = side_of(mentoring, by)
    if side is None:
        raise MentoringError("Only the mentee and the champion can close a mentoring")
    _require(
        mentoring,
        MentoringStatus.ACCEPTED,
        MentoringStatus.CLOSED,
        message="Only a mentoring that is under way can be closed",
    )
    if feedback_given(mentoring, side):
        raise MentoringError("You have already given your feedback")
    fields = ["updated_at"]
    closing = mentoring.status == MentoringStatus.ACCEPTED
    if closing:
        mentoring.status = MentoringStatus.CLOSED
        mentoring.closed_at = timezone.now()
        fields += ["status", "closed_at"]
    prefix = "mentee" if side == MENTEE else "champion"
    setattr(mentoring, f"{prefix}_rating", rating)
    setattr(mentoring, f"{prefix}_feedback", feedback.strip())
    fields += [f"{prefix}_rating", f"{prefix}_feedback"]
    mentoring.save(update_fields=fields)
    other_side = MENTOR if side == MENTEE else MENTEE
    if closing and not feedback_given(mentoring, other_side):
        _tell(
            _other(mentoring, side),
            subject="Your mentoring has closed: how did it go?",
            body=(
                f"{by.get_full_name()} has closed your mentoring. Please tell us how it went: "
                "a rating and a few words on what worked and what you would change. It takes "
                "two minutes and helps us improve the network.\n\n"
                f"{absolute_url(mentoring.get_absolute_url())}\n"
            ),
        )
    return mentoring
