"""Attendance at academy sessions: participants check in with the code shown in the room,
facilitators take attendance for everyone, and the summaries behind the reports and the
completion rules.

The attendance rate is attended (present or late) / sessions held since the participant
enrolled, leaving out sessions they were excused from. A session counts as held once it has
started; a held session with no record counts against the rate like an absence (shown as "Not
recorded" so a facilitator can put it right).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from hub.academies.models import (
    ACTIVE_ENROLMENT,
    ATTENDED,
    Attendance,
    AttendanceMethod,
    AttendanceStatus,
    Cohort,
    Enrolment,
    Session,
    new_attendance_code,
)
from hub.core.throttling import count_in_window

# Participants arrive and sign in before the start: the code works from this long before it.
CHECK_IN_OPENS_BEFORE = timedelta(minutes=30)
# Checking in more than this long after the start records the participant as late.
LATE_AFTER = timedelta(minutes=15)
# A 6-character code from 31 letters and digits cannot be guessed in this many tries; after
# them the participant asks a facilitator. Counted in the cache for a day (longer than any
# session), per participant per session.
WRONG_CODE_LIMIT = 5
WRONG_CODE_MEMORY_SECONDS = 24 * 60 * 60

# What a facilitator can mark; "Enrolled after this session" is set only by late enrolment.
MARKABLE = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.ABSENT,
)

# Short text for tables: a status is never shown by colour alone.
SHORT_STATUS = {
    AttendanceStatus.PRESENT: "Present",
    AttendanceStatus.LATE: "Late",
    AttendanceStatus.EXCUSED: "Excused",
    AttendanceStatus.ABSENT: "Absent",
    AttendanceStatus.NOT_YET_ENROLLED: "Enrolled after",
}
NOT_RECORDED = "Not recorded"
NOT_HELD = "Not held yet"


class AttendanceError(Exception):
    """An attendance that cannot be recorded; the message is fit to show the user."""


# Checking in with the code -----------------------------------------------------------------


def normalise_code(code: str) -> str:
    """Codes are compared ignoring case and spaces, as people type what they see."""
    return "".join((code or "").split()).upper()


def _wrong_code_key(session: Session, enrolment: Enrolment) -> str:
    return f"academies:check-in-wrong:{session.pk}:{enrolment.pk}"


def check_in_opens_at(session: Session) -> datetime:
    return session.starts_at - CHECK_IN_OPENS_BEFORE


def can_check_in_now(session: Session, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return check_in_opens_at(session) <= now <= session.ends_at


def _london(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%H:%M} on {local.day} {local:%B %Y}"


def check_in(*, session: Session, enrolment: Enrolment, code: str) -> Attendance:
    """Record the participant's own attendance from the code shown in the room: present, or
    late after LATE_AFTER. A status already recorded (by anyone) is never overwritten."""
    if enrolment.cohort_id != session.cohort_id or not enrolment.holds_place:
        raise AttendanceError("You do not have a place on this cohort")
    existing = Attendance.objects.filter(session=session, enrolment=enrolment).first()
    if existing is not None:
        raise AttendanceError(
            f"You are already recorded as {existing.get_status_display().lower()} for this session"
        )
    now = timezone.now()
    if now < check_in_opens_at(session):
        raise AttendanceError(
            f"Check-in opens at {_london(check_in_opens_at(session))}, "
            "30 minutes before the session starts"
        )
    if now > session.ends_at:
        raise AttendanceError(
            "This session has ended, so you can no longer check in. "
            "Ask a facilitator to record your attendance"
        )
    key = _wrong_code_key(session, enrolment)
    wrong_tries = cache.get(key, 0)
    if wrong_tries >= WRONG_CODE_LIMIT:
        raise AttendanceError(
            "You have entered a wrong code too many times. "
            "Ask a facilitator to record your attendance"
        )
    if not secrets.compare_digest(normalise_code(code), normalise_code(session.attendance_code)):
        wrong_tries = count_in_window(key, WRONG_CODE_MEMORY_SECONDS)
        left = WRONG_CODE_LIMIT - wrong_tries
        if left <= 0:
            raise AttendanceError(
                "The code is not right, and you have no tries left. "
                "Ask a facilitator to record your attendance"
            )
        raise AttendanceError(
            f"The code is not right. Check the code on the screen in the room "
            f"({left} tr{'y' if left == 1 else 'ies'} left)"
        )
    status = (
        AttendanceStatus.LATE if now > session.starts_at + LATE_AFTER else AttendanceStatus.PRESENT
    )
    try:
        with transaction.atomic():
            return Attendance.objects.create(
                session=session,
                enrolment=enrolment,
                status=status,
                method=AttendanceMethod.CODE,
                marked_by=enrolment.user,
            )
    except IntegrityError as error:
        # A facilitator (or a second tab) recorded them a moment ago.
        raise AttendanceError("You are already recorded for this session") from error


def session_new_code(*, session: Session) -> str:
    """Give the session a new attendance code (for one shown to the wrong room, say)."""
    code = new_attendance_code()
    while code == session.attendance_code:
        code = new_attendance_code()
    session.attendance_code = code
    session.save(update_fields=["attendance_code", "updated_at"])
    return code


# Facilitators taking attendance ------------------------------------------------------------


def attendance_opens_on(session: Session):
    """Attendance can be taken from the session's day (Europe/London)."""
    return timezone.localdate(session.starts_at)


def can_take_attendance_now(session: Session) -> bool:
    return attendance_opens_on(session) <= timezone.localdate()


def participants_holding_place(cohort: Cohort) -> list[Enrolment]:
    return list(
        cohort.enrolments.filter(status__in=ACTIVE_ENROLMENT)
        .select_related("person", "organisation")
        .order_by("person__full_name", "pk")
    )


def session_records(session: Session) -> dict[int, Attendance]:
    """The session's attendance records by enrolment id."""
    return {a.enrolment_id: a for a in session.attendance.all()}


def record_attendance(session: Session, marks: Mapping[int, str | None], by) -> int:
    """Save a facilitator's marks ({enrolment id: status}) in one transaction; a blank mark
    leaves that participant as they were. Returns how many records were written."""
    if not can_take_attendance_now(session):
        raise AttendanceError(
            f"You can take attendance from the day of the session, "
            f"{attendance_opens_on(session):%-d %B %Y}"
        )
    marks = {int(pk): status for pk, status in marks.items() if status}
    for status in marks.values():
        if status not in MARKABLE:
            raise AttendanceError(f"“{status}” is not an attendance status")
    with transaction.atomic():
        places = {
            e.pk: e
            for e in session.cohort.enrolments.filter(
                pk__in=marks, status__in=ACTIVE_ENROLMENT
            ).select_for_update()
        }
        unknown = set(marks) - set(places)
        if unknown:
            raise AttendanceError("Some of these people do not have a place on this cohort")
        existing = {
            a.enrolment_id: a
            for a in session.attendance.filter(enrolment_id__in=marks).select_for_update()
        }
        written = 0
        for enrolment_id, status in marks.items():
            record = existing.get(enrolment_id)
            if record is None:
                Attendance.objects.create(
                    session=session,
                    enrolment_id=enrolment_id,
                    status=status,
                    method=AttendanceMethod.FACILITATOR,
                    marked_by=by,
                )
                written += 1
            elif record.status == AttendanceStatus.NOT_YET_ENROLLED:
                raise AttendanceError(
                    f"{places[enrolment_id].person.full_name} enrolled after this session"
                )
            elif record.status != status:
                record.status = status
                record.method = AttendanceMethod.FACILITATOR
                record.marked_by = by
                record.save(update_fields=["status", "method", "marked_by", "updated_at"])
                written += 1
        return written


# Summaries and reports ---------------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceSummary:
    """One participant's attendance over a cohort's sessions held so far.

    held: sessions that have started, less those before they enrolled (not_yet_enrolled);
    excused sessions are in `held` but left out of the rate; `not_recorded` are held sessions
    with no record. rate: attended / (held - excused) as a percentage, None when nothing
    counts yet."""

    attended: int = 0
    late: int = 0
    excused: int = 0
    absent: int = 0
    not_yet_enrolled: int = 0
    not_recorded: int = 0
    held: int = 0

    @property
    def counted(self) -> int:
        return self.held - self.excused

    @property
    def rate(self) -> float | None:
        return 100 * self.attended / self.counted if self.counted else None


def _summarise(
    sessions: Iterable[Session], statuses: Mapping[int, str], now: datetime
) -> AttendanceSummary:
    """Summarise one participant's statuses ({session id: status}) over `sessions`."""
    counts = dict.fromkeys(
        ("attended", "late", "excused", "absent", "not_yet_enrolled", "not_recorded", "held"), 0
    )
    for session in sessions:
        if session.starts_at > now:
            continue
        status = statuses.get(session.pk)
        if status == AttendanceStatus.NOT_YET_ENROLLED:
            counts["not_yet_enrolled"] += 1
            continue
        counts["held"] += 1
        if status in ATTENDED:
            counts["attended"] += 1
            counts["late"] += status == AttendanceStatus.LATE
        elif status == AttendanceStatus.EXCUSED:
            counts["excused"] += 1
        elif status == AttendanceStatus.ABSENT:
            counts["absent"] += 1
        else:
            counts["not_recorded"] += 1
    return AttendanceSummary(**counts)


def attendance_summary(enrolment: Enrolment) -> AttendanceSummary:
    """The participant's attendance over their cohort's sessions held so far (two queries)."""
    sessions = Session.objects.filter(cohort_id=enrolment.cohort_id).only("pk", "starts_at")
    statuses = dict(enrolment.attendance.values_list("session_id", "status"))
    return _summarise(sessions, statuses, timezone.now())


@dataclass
class ParticipantRow:
    enrolment: Enrolment
    cells: list[Cell]
    summary: AttendanceSummary


@dataclass(frozen=True)
class Cell:
    session: Session
    record: Attendance | None
    held: bool

    @property
    def text(self) -> str:
        if self.record is not None:
            return SHORT_STATUS[self.record.status]
        return NOT_RECORDED if self.held else NOT_HELD


@dataclass
class SessionTotals:
    """How many of the participants holding a place had each status at one session."""

    session: Session
    held: bool
    present: int = 0
    late: int = 0
    excused: int = 0
    absent: int = 0
    not_yet_enrolled: int = 0
    not_recorded: int = 0

    @property
    def attended(self) -> int:
        return self.present + self.late

    def add(self, cell: Cell) -> None:
        if cell.record is not None:
            name = cell.record.status
        elif cell.held:
            name = "not_recorded"
        else:
            return
        setattr(self, name, getattr(self, name) + 1)


@dataclass
class CohortAttendance:
    sessions: list[Session]
    rows: list[ParticipantRow]
    session_totals: list[SessionTotals]

    @property
    def summaries(self) -> dict[int, AttendanceSummary]:
        """Each participant's summary by enrolment id."""
        return {row.enrolment.pk: row.summary for row in self.rows}


def cohort_attendance(cohort: Cohort) -> CohortAttendance:
    """Everyone holding a place on the cohort, with a cell per session, their summary, and
    each session's totals. Three queries, however many people and sessions."""
    now = timezone.now()
    sessions = list(cohort.sessions.select_related("module").order_by("number"))
    enrolments = participants_holding_place(cohort)
    records: dict[int, dict[int, Attendance]] = {}
    for record in Attendance.objects.filter(
        session__cohort=cohort, enrolment__status__in=ACTIVE_ENROLMENT
    ).select_related("marked_by"):
        records.setdefault(record.enrolment_id, {})[record.session_id] = record
    totals = [SessionTotals(session=s, held=s.starts_at <= now) for s in sessions]
    rows = []
    for enrolment in enrolments:
        own = records.get(enrolment.pk, {})
        cells = [Cell(session=s, record=own.get(s.pk), held=s.starts_at <= now) for s in sessions]
        for cell, total in zip(cells, totals, strict=True):
            total.add(cell)
        summary = _summarise(sessions, {pk: r.status for pk, r in own.items()}, now)
        rows.append(ParticipantRow(enrolment=enrolment, cells=cells, summary=summary))
    return CohortAttendance(sessions=sessions, rows=rows, session_totals=totals)


def person_attendance(enrolment: Enrolment) -> tuple[list[Cell], AttendanceSummary]:
    """Every session of the participant's cohort with their record (and who made it)."""
    now = timezone.now()
    sessions = list(enrolment.cohort.sessions.select_related("module").order_by("number"))
    own = {a.session_id: a for a in enrolment.attendance.select_related("marked_by")}
    cells = [Cell(session=s, record=own.get(s.pk), held=s.starts_at <= now) for s in sessions]
    summary = _summarise(sessions, {pk: r.status for pk, r in own.items()}, now)
    return cells, summary
