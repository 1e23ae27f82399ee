"""The access table: every address of the Hub against every role, with the outcome expected.

Each row names a URL pattern (namespace:name), how to fill its arguments from the test world
(hub/core/tests/access/world.py), the method, and what each principal gets. The principals are
the public (`anonymous`), the roles (`member`, `champion`, `facilitator`, `editor`,
`programme_admin`, one account each, none of them named on any object) and, for rows about one
object, its `insider`: the world's user who belongs to it (the case's author, the invitee, the
assessment's team lead...). Outcomes:

- OK: 2xx, or a redirect somewhere other than sign-in (a form that moved on, a PDF, a CSV).
- SIGN_IN: a redirect to the sign-in page carrying `next`.
- FORBIDDEN (403), NOT_FOUND (404: the address gives nothing away), NOT_ALLOWED (405).
- ADMIN_LOGIN: the Django admin's own sign-in page, by redirect or shown.
- UNAUTHORISED (401) for the API.

POST rows send an empty body with CSRF checks off (the test client's default): for principals
allowed to act the outcome is OK (a form shown again with its errors, or a redirect), for the
others the refusal.

hub/core/tests/access/test_access_table.py walks it all; test_completeness fails for any URL
pattern or OpenAPI operation without a row here.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

OK = "OK"
SIGN_IN = "SIGN_IN"
ADMIN_LOGIN = "ADMIN_LOGIN"
FORBIDDEN = 403
NOT_FOUND = 404
NOT_ALLOWED = 405
GONE = 410
UNAUTHORISED = 401

ROLES = ("anonymous", "member", "champion", "facilitator", "editor", "programme_admin")
STAFF = ("facilitator", "editor", "programme_admin")


@dataclass(frozen=True)
class Row:
    name: str
    kwargs: Callable = field(default=lambda w: {})
    expect: dict = field(default_factory=dict)
    method: str = "GET"
    # The world's attribute holding this row's insider, when the row is about one object.
    insider: str | None = None
    query: str = ""
    # A known access bug not fixed yet: the principals it affects and why (their cases are
    # strict xfails, so fixing the bug makes them fail until this is removed).
    known_bug: tuple[tuple[str, ...], str] | None = None

    @property
    def id(self) -> str:
        return f"{self.method} {self.name}{'?' + self.query if self.query else ''}"


def outcomes(default, **by_principal) -> dict:
    """Every role gets `default` unless named: outcomes(OK, anonymous=SIGN_IN)."""
    table = dict.fromkeys(ROLES, default)
    table.update(by_principal)
    return table


PUBLIC = outcomes(OK)
SIGNED_IN = outcomes(OK, anonymous=SIGN_IN)


def only(*allowed, refused=FORBIDDEN, anonymous=SIGN_IN, **others) -> dict:
    """Allowed roles get OK; other signed-in roles `refused`; visitors `anonymous`."""
    table = {role: (OK if role in allowed else refused) for role in ROLES}
    table["anonymous"] = anonymous
    table.update(others)
    return table


PROGRAMME_STAFF = only(*STAFF)
FACILITATORS = only("facilitator", "programme_admin")
EDITORS = only("editor", "programme_admin")
ADMINS = only("programme_admin")


def slug(attribute: str, *path: str) -> Callable:
    """kwargs {"slug": world.<attribute>.slug} (or a dotted path to another attribute)."""

    def kwargs(w):
        value = getattr(w, attribute)
        for part in path or ("slug",):
            value = getattr(value, part)
        return {"slug": value}

    return kwargs


def rows_for(prefix: str, *rows: Row) -> list[Row]:
    return [Row(**{**row.__dict__, "name": f"{prefix}:{row.name}"}) for row in rows]


# --- Pages, health, accounts ------------------------------------------------------------------

PAGES = rows_for(
    "pages",
    Row("home", expect=PUBLIC),
    Row("accessibility", expect=PUBLIC),
    Row("privacy", expect=PUBLIC),
    Row("cookies", expect=PUBLIC),
    Row("security-txt", expect=PUBLIC),
) + [Row("healthz", expect=PUBLIC)]

ACCOUNTS = rows_for(
    "accounts",
    Row("account", expect=SIGNED_IN),
    Row("sign-in", expect=PUBLIC),
    Row("sign-out", expect=PUBLIC, method="POST"),
    Row("register", expect=PUBLIC),
    Row("password-change", expect=SIGNED_IN),
    Row("password-reset", expect=PUBLIC),
    Row("password-reset-sent", expect=PUBLIC),
    # A link that is not valid says so (the page is shown to everyone).
    Row(
        "password-reset-confirm",
        kwargs=lambda w: {"uidb64": "MQ", "token": "not-a-token"},
        expect=PUBLIC,
    ),
    Row("password-reset-complete", expect=PUBLIC),
    # The people list and anyone's roles: personal data, for programme admins only.
    Row("people", expect=ADMINS),
    Row("person-roles", kwargs=lambda w: {"pk": w.member.pk}, expect=ADMINS),
    Row(
        "person-two-factor-reset",
        kwargs=lambda w: {"pk": w.facilitator.pk},
        method="POST",
        expect=ADMINS,
    ),
    # Two-factor set-up and verification: one's own, for staff accounts.
    Row("two-factor-set-up", expect=PROGRAMME_STAFF),
    Row("two-factor-verify", expect=PROGRAMME_STAFF),
    Row("two-factor-backup", expect=PROGRAMME_STAFF),
    Row("two-factor-backup-codes", expect=PROGRAMME_STAFF),
)

# --- Privacy ----------------------------------------------------------------------------------
# One's own data is one's own; erasure requests and the change list are programme admins';
# histories are programme staff's, those of personal records programme admins'.


def history(record_type, attribute):
    return lambda w: {"record_type": record_type, "pk": getattr(w, attribute).pk}


PRIVACY = rows_for(
    "privacy",
    Row("download", expect=SIGNED_IN),
    Row("erasure-reason", expect=SIGNED_IN),
    Row("erasure-confirm", expect=SIGNED_IN),
    Row("erasure-requested", expect=SIGNED_IN),
    Row("erasure-queue", expect=ADMINS),
    Row("erasure-request", kwargs=lambda w: {"pk": w.erasure_request.pk}, expect=ADMINS),
    Row("erasure-carry-out", kwargs=lambda w: {"pk": w.erasure_request.pk}, expect=ADMINS),
    Row("erasure-refuse", kwargs=lambda w: {"pk": w.erasure_request.pk}, expect=ADMINS),
    Row("changes", expect=ADMINS),
    Row("changes-csv", expect=ADMINS),
    Row("history", kwargs=history("case", "case"), expect=PROGRAMME_STAFF),
    # A record's history shows every field: whoever may not see the record may not see it.
    Row(
        "history",
        kwargs=history("case", "draft_case"),
        insider="case_author",
        expect=EDITORS | {"facilitator": NOT_FOUND, "insider": FORBIDDEN},
        query="draft-case",
    ),
    Row(
        "history",
        kwargs=history("event", "private_event"),
        insider="event_facilitator",
        expect=ADMINS | {"facilitator": NOT_FOUND, "editor": NOT_FOUND, "insider": OK},
        query="private-event",
    ),
    # An assessment's history is its team's business too: not other programme staff's
    # (ADR 0019); programme admins answer for the audit and see every history.
    Row(
        "history",
        kwargs=history("assessment", "assessment"),
        insider="team_lead",
        expect=ADMINS | {"facilitator": NOT_FOUND, "editor": NOT_FOUND, "insider": FORBIDDEN},
        query="assessment",
    ),
    Row(
        "history",
        kwargs=history("challenge", "challenge"),
        insider="peer",
        # Histories are the programme's audit: not the peer team's.
        expect=PROGRAMME_STAFF | {"insider": FORBIDDEN},
        query="challenge",
    ),
    Row("history", kwargs=history("invitation", "invitation"), expect=ADMINS, query="invitation"),
    Row(
        "history",
        kwargs=history("erasure-request", "erasure_request"),
        expect=ADMINS,
        query="erasure-request",
    ),
    Row("history", kwargs=history("account", "member"), expect=ADMINS, query="account"),
    Row(
        "history",
        kwargs=lambda w: {"record_type": "person", "pk": w.member.person.pk},
        expect=ADMINS,
        query="person",
    ),
)

ORGANISATIONS = rows_for(
    "organisations",
    Row("list", expect=PUBLIC),
    Row("place-list", expect=PUBLIC),
    Row("place-detail", kwargs=slug("place"), expect=PUBLIC),
    Row("your-profile", expect=SIGNED_IN),
    Row("detail", kwargs=slug("council"), expect=PUBLIC),
)

# --- Good practice (cases) --------------------------------------------------------------------
# Unpublished records are their contributor's (and contacts') and editors' only: others get 404.

UNPUBLISHED_CASE = outcomes(NOT_FOUND, insider=OK, editor=OK, programme_admin=OK)
# Its contributor's pages ask visitors to sign in first (an emailed link works after).
CONTRIBUTOR_PAGE = UNPUBLISHED_CASE | {"anonymous": SIGN_IN}

CASES = rows_for(
    "cases",
    Row("list", expect=PUBLIC),
    Row("feed", expect=PUBLIC),
    Row("export", expect=PUBLIC),
    Row("compare", expect=PUBLIC),
    Row("saved-searches", expect=SIGNED_IN),
    Row("saved-search-new", expect=SIGNED_IN),
    # Someone else's saved search: not found.
    Row(
        "saved-search-delete",
        kwargs=lambda w: {"pk": w.saved_search.pk},
        method="POST",
        insider="search_owner",
        expect=outcomes(NOT_FOUND, anonymous=SIGN_IN, insider=OK),
    ),
    Row("contribute", expect=SIGNED_IN),
    Row("contribute-new", expect=SIGNED_IN),
    Row(
        "contribute-check",
        kwargs=slug("draft_case"),
        insider="case_author",
        expect=CONTRIBUTOR_PAGE,
    ),
    Row(
        "contribute-submitted",
        kwargs=slug("submitted_case"),
        insider="case_author",
        expect=CONTRIBUTOR_PAGE,
    ),
    Row(
        "contribute-benefit-remove",
        kwargs=lambda w: {"slug": w.draft_case.slug, "pk": w.draft_benefit.pk},
        method="POST",
        insider="case_author",
        expect=CONTRIBUTOR_PAGE,
    ),
    Row(
        "contribute-attachment-remove",
        kwargs=lambda w: {"slug": w.draft_case.slug, "pk": w.draft_attachment.pk},
        method="POST",
        insider="case_author",
        expect=CONTRIBUTOR_PAGE,
    ),
    Row(
        "contribute-step",
        kwargs=lambda w: {"slug": w.draft_case.slug, "step": "summary"},
        insider="case_author",
        expect=CONTRIBUTOR_PAGE,
    ),
    Row(
        "attachment",
        kwargs=lambda w: {"slug": w.case.slug, "pk": w.case_attachment.pk},
        expect=PUBLIC,
    ),
    # A file of an unpublished record is as hidden as the record.
    Row(
        "attachment",
        kwargs=lambda w: {"slug": w.draft_case.slug, "pk": w.draft_attachment.pk},
        insider="case_author",
        expect=UNPUBLISHED_CASE,
        query="draft",
    ),
    Row("moderation", expect=EDITORS),
    Row("review", kwargs=slug("submitted_case"), expect=EDITORS),
    Row(
        "benefit-evidence",
        kwargs=lambda w: {"slug": w.case.slug, "pk": w.case_benefit.pk},
        expect=EDITORS,
    ),
    Row("detail", kwargs=slug("case"), expect=PUBLIC),
    Row(
        "detail",
        kwargs=slug("draft_case"),
        insider="case_author",
        expect=UNPUBLISHED_CASE,
        query="draft",
    ),
    Row(
        "detail",
        kwargs=slug("submitted_case"),
        insider="case_author",
        expect=UNPUBLISHED_CASE,
        query="submitted",
    ),
    # Recording reuse needs an organisation (staff without one are refused) or an editor.
    Row("adopt", kwargs=slug("case"), expect=SIGNED_IN | {"facilitator": FORBIDDEN}),
    Row("ask", kwargs=slug("case"), expect=SIGNED_IN),
)

# --- Events -----------------------------------------------------------------------------------
# An invitation-only event and everything about it: its invitees, its facilitators and
# programme admins; anyone else gets 404, signed in or not.

PRIVATE_EVENT = outcomes(NOT_FOUND, insider=OK, programme_admin=OK)
RUNS_PRIVATE_EVENT = outcomes(NOT_FOUND, insider=FORBIDDEN, programme_admin=OK)


def event(attribute):
    return slug(attribute)


EVENTS = rows_for(
    "events",
    # The personal link works without an account.
    Row("respond", kwargs=lambda w: {"token": w.invitation_token}, expect=PUBLIC),
    Row(
        "respond",
        kwargs=lambda w: {"token": "not-a-token"},
        expect=outcomes(NOT_FOUND),
        query="unknown",
    ),
    Row("respond_done", kwargs=lambda w: {"token": w.invitation_token}, expect=PUBLIC),
    Row("calendar", expect=SIGNED_IN),
    # The secret address alone opens a personal feed (calendar apps have no session).
    Row("feed", kwargs=lambda w: {"token": w.calendar_feed.token}, expect=PUBLIC),
    Row(
        "feed",
        kwargs=lambda w: {"token": "not-a-token"},
        expect=outcomes(NOT_FOUND),
        query="unknown",
    ),
    Row("ics", kwargs=event("open_event"), expect=PUBLIC),
    Row(
        "ics",
        kwargs=event("private_event"),
        insider="invitee",
        expect=PRIVATE_EVENT,
        query="private",
    ),
    Row("manage_list", expect=only("facilitator", "programme_admin", "champion")),
    Row("create", expect=only("facilitator", "programme_admin", "champion")),
    Row("series_create", expect=FACILITATORS),
    Row("edit", kwargs=event("private_event"), insider="invitee", expect=RUNS_PRIVATE_EVENT),
    Row(
        "publish",
        kwargs=event("private_event"),
        insider="invitee",
        method="POST",
        expect=RUNS_PRIVATE_EVENT,
    ),
    Row("cancel", kwargs=event("private_event"), insider="invitee", expect=RUNS_PRIVATE_EVENT),
    Row("invitations", kwargs=event("private_event"), insider="invitee", expect=RUNS_PRIVATE_EVENT),
    Row("invite", kwargs=event("private_event"), insider="invitee", expect=RUNS_PRIVATE_EVENT),
    Row("invite_csv", kwargs=event("private_event"), insider="invitee", expect=RUNS_PRIVATE_EVENT),
    Row(
        "resend",
        kwargs=lambda w: {"slug": w.private_event.slug, "pk": w.invitation.pk},
        method="POST",
        insider="invitee",
        expect=RUNS_PRIVATE_EVENT,
    ),
    Row("attendance", kwargs=event("private_event"), insider="invitee", expect=RUNS_PRIVATE_EVENT),
    # Names and emails of attendees: only those who run the event.
    Row(
        "attendees_csv", kwargs=event("private_event"), insider="invitee", expect=RUNS_PRIVATE_EVENT
    ),
    Row(
        "attendees_csv",
        kwargs=event("open_event"),
        expect=outcomes(FORBIDDEN, anonymous=SIGN_IN, programme_admin=OK),
        query="open",
    ),
    # Chatham House notes: shared with attendees only, never to others.
    Row("record", kwargs=event("private_event"), insider="invitee", expect=PRIVATE_EVENT),
    Row("record_edit", kwargs=event("private_event"), insider="invitee", expect=RUNS_PRIVATE_EVENT),
    Row(
        "record_share",
        kwargs=event("private_event"),
        insider="invitee",
        method="POST",
        expect=RUNS_PRIVATE_EVENT,
    ),
    # Feedback on a series: for those who run its events.
    Row(
        "series_feedback",
        kwargs=slug("series"),
        insider="event_facilitator",
        expect=ADMINS | {"insider": OK},
    ),
    # Feedback is given by those who had a place.
    Row(
        "feedback",
        kwargs=event("private_event"),
        insider="invitee",
        expect=PRIVATE_EVENT | {"programme_admin": FORBIDDEN},
    ),
    Row(
        "feedback_summary",
        kwargs=event("private_event"),
        insider="invitee",
        expect=RUNS_PRIVATE_EVENT,
    ),
    Row("list", expect=PUBLIC),
    Row("series", kwargs=slug("series"), expect=PUBLIC),
    Row("detail", kwargs=event("open_event"), expect=PUBLIC),
    Row(
        "detail",
        kwargs=event("private_event"),
        insider="invitee",
        expect=PRIVATE_EVENT,
        query="private",
    ),
    # Who comes: on this event, only people with a place (and those who run it).
    Row("attendees", kwargs=event("private_event"), insider="invitee", expect=PRIVATE_EVENT),
    Row(
        "attendees",
        kwargs=event("open_event"),
        expect=outcomes(FORBIDDEN, anonymous=SIGN_IN, programme_admin=OK),
        query="open",
    ),
    Row("sign_up", kwargs=event("open_event"), method="POST", expect=SIGNED_IN),
    Row(
        "sign_up",
        kwargs=event("private_event"),
        insider="invitee",
        method="POST",
        # Sign-up is for open events: invitees answer their invitation instead.
        expect=RUNS_PRIVATE_EVENT | {"programme_admin": FORBIDDEN},
        query="private",
    ),
    Row(
        "withdraw",
        kwargs=event("private_event"),
        insider="invitee",
        method="POST",
        expect=PRIVATE_EVENT | {"programme_admin": FORBIDDEN},
    ),
)

# --- Champions --------------------------------------------------------------------------------
# A mentoring and its meetings are the mentee's and the champion's only, not even staff's.

MENTORING = outcomes(NOT_FOUND, anonymous=SIGN_IN, insider=OK, champion=OK)


def mentoring(w):
    return {"pk": w.mentoring.pk}


CHAMPIONS = rows_for(
    "champions",
    Row("mentoring_list", expect=SIGNED_IN),
    Row("mentoring", kwargs=mentoring, insider="mentee", expect=MENTORING),
    # Only the champion answers a request.
    Row("answer", kwargs=mentoring, insider="mentee", expect=MENTORING | {"insider": FORBIDDEN}),
    # Only the mentee withdraws their request.
    Row(
        "withdraw",
        kwargs=mentoring,
        insider="mentee",
        method="POST",
        expect=MENTORING | {"champion": FORBIDDEN},
    ),
    Row("log_meeting", kwargs=mentoring, insider="mentee", expect=MENTORING),
    Row("close", kwargs=mentoring, insider="mentee", expect=MENTORING),
    Row("activity", expect=PROGRAMME_STAFF),
    Row("activity_csv", expect=PROGRAMME_STAFF),
    # Anyone signed in asks a champion for mentoring, except the champion themselves.
    *(
        Row(name, kwargs=slug("champion_profile"), expect=SIGNED_IN | {"champion": FORBIDDEN})
        for name in ("request", "request_preferences", "request_check")
    ),
    Row("match", expect=SIGNED_IN),
    Row("dismiss", kwargs=lambda w: {"pk": w.champion_profile.pk}, method="POST", expect=SIGNED_IN),
    Row("batch", expect=PROGRAMME_STAFF),
    Row("batch_export", expect=PROGRAMME_STAFF),
    Row("nominate", insider="chief_executive", expect=PROGRAMME_STAFF | {"insider": OK}),
    Row("nominations", expect=ADMINS),
    Row("decide", kwargs=lambda w: {"pk": w.nomination.pk}, expect=ADMINS),
    Row("edit", kwargs=slug("champion_profile"), expect=ADMINS | {"champion": OK}),
    Row("directory", expect=PUBLIC),
    Row("detail", kwargs=slug("champion_profile"), expect=PUBLIC),
    Row(
        "detail",
        kwargs=slug("nomination"),
        expect=outcomes(NOT_FOUND, facilitator=OK, editor=OK, programme_admin=OK),
        query="nominated",
    ),
)

# --- Academies --------------------------------------------------------------------------------
# Who is on a cohort, their attendance, plans and surveys: the cohort's participants (names),
# the participant (their own records), the cohort's facilitators and programme staff.


def cohort(w):
    return {"slug": w.cohort.slug}


def cohort_session(w):
    return {"slug": w.cohort.slug, "number": w.session.number}


def cohort_enrolment(w):
    return {"slug": w.cohort.slug, "enrolment_id": w.enrolment.pk}


COHORT_REPORT = PROGRAMME_STAFF | {"insider": FORBIDDEN}
OWN_ENROLMENT = outcomes(FORBIDDEN, anonymous=SIGN_IN, insider=OK)
ENROLMENT_RECORD = PROGRAMME_STAFF | {"insider": OK}

ACADEMIES = rows_for(
    "academies",
    Row("home", expect=PUBLIC),
    Row("modules", expect=PUBLIC),
    Row("module", kwargs=slug("module"), expect=PUBLIC),
    Row("briefings", expect=PUBLIC),
    Row("briefing", kwargs=slug("briefing"), expect=PUBLIC),
    Row("briefing-pdf", kwargs=slug("briefing"), expect=PUBLIC),
    Row("cohorts", expect=PUBLIC),
    Row("cohort-create", expect=FACILITATORS),
    Row("mine", expect=SIGNED_IN),
    Row("sponsor", kwargs=lambda w: {"token": w.sponsor_token}, expect=PUBLIC),
    Row(
        "sponsor",
        kwargs=lambda w: {"token": "not-a-token"},
        expect=outcomes(NOT_FOUND),
        query="unknown",
    ),
    Row("cohort", kwargs=cohort, expect=PUBLIC),
    Row(
        "cohort-edit", kwargs=cohort, insider="cohort_facilitator", expect=ADMINS | {"insider": OK}
    ),
    Row(
        "cohort-status",
        kwargs=cohort,
        insider="cohort_facilitator",
        method="POST",
        expect=ADMINS | {"insider": OK},
    ),
    Row("withdraw", kwargs=cohort, insider="participant", method="POST", expect=OWN_ENROLMENT),
    Row(
        "cohort-schedule",
        kwargs=cohort,
        insider="cohort_facilitator",
        expect=ADMINS | {"insider": OK},
    ),
    # Participants' names: the cohort's own participants and staff.
    Row("participants", kwargs=cohort, insider="participant", expect=ENROLMENT_RECORD),
    Row(
        "participant-add",
        kwargs=cohort,
        insider="cohort_facilitator",
        expect=ADMINS | {"insider": OK},
    ),
    Row("apply", kwargs=cohort, expect=SIGNED_IN),
    Row("session", kwargs=cohort_session, expect=PUBLIC),
    Row(
        "take-attendance",
        kwargs=cohort_session,
        insider="cohort_facilitator",
        expect=ADMINS | {"insider": OK},
    ),
    Row("check-in", kwargs=cohort_session, insider="participant", expect=OWN_ENROLMENT),
    Row(
        "session-new-code",
        kwargs=cohort_session,
        insider="cohort_facilitator",
        method="POST",
        expect=ADMINS | {"insider": OK},
    ),
    Row("cohort-attendance", kwargs=cohort, insider="participant", expect=COHORT_REPORT),
    Row("cohort-attendance-csv", kwargs=cohort, insider="participant", expect=COHORT_REPORT),
    Row(
        "person-attendance", kwargs=cohort_enrolment, insider="participant", expect=ENROLMENT_RECORD
    ),
    Row("plan", kwargs=cohort, insider="participant", expect=OWN_ENROLMENT),
    Row("plan-edit", kwargs=cohort, insider="participant", expect=OWN_ENROLMENT),
    Row("plan-submit", kwargs=cohort, insider="participant", method="POST", expect=OWN_ENROLMENT),
    Row("plan-action-add", kwargs=cohort, insider="participant", expect=OWN_ENROLMENT),
    Row(
        "plan-action-edit",
        kwargs=lambda w: {"slug": w.cohort.slug, "action_id": w.plan_action.pk},
        insider="participant",
        expect=OWN_ENROLMENT,
    ),
    Row(
        "plan-action-remove",
        kwargs=lambda w: {"slug": w.cohort.slug, "action_id": w.plan_action.pk},
        insider="participant",
        method="POST",
        expect=OWN_ENROLMENT,
    ),
    Row(
        "plan-update",
        kwargs=lambda w: {"slug": w.cohort.slug, "milestone": "six_months"},
        insider="participant",
        expect=OWN_ENROLMENT,
    ),
    Row(
        "participant-plan", kwargs=cohort_enrolment, insider="participant", expect=ENROLMENT_RECORD
    ),
    # Another participant of the same cohort sees the names, not someone else's records.
    *(
        Row(
            name,
            kwargs=cohort_enrolment,
            insider="graduate",
            expect=ENROLMENT_RECORD | {"insider": FORBIDDEN},
            query="another-participant",
        )
        for name in ("person-attendance", "participant-plan")
    ),
    Row("progress", expect=PROGRAMME_STAFF),
    Row("progress-csv", expect=PROGRAMME_STAFF),
    Row(
        "survey",
        kwargs=lambda w: {"slug": w.cohort.slug, "stage": "start"},
        insider="participant",
        expect=OWN_ENROLMENT,
    ),
    Row(
        "survey-done",
        kwargs=lambda w: {"slug": w.cohort.slug, "stage": "start"},
        insider="participant",
        expect=OWN_ENROLMENT,
    ),
    Row("impact", kwargs=cohort, insider="participant", expect=COHORT_REPORT),
    Row("impact-csv", kwargs=cohort, insider="participant", expect=COHORT_REPORT),
    Row("completion", kwargs=cohort, insider="cohort_facilitator", expect=ADMINS | {"insider": OK}),
    Row("my-completion", kwargs=cohort, insider="participant", expect=OWN_ENROLMENT),
    # Certificates: a graduate's own, and staff's; 404 to whoever has none to see.
    Row(
        "certificate",
        kwargs=cohort,
        insider="graduate",
        expect=outcomes(NOT_FOUND, anonymous=SIGN_IN, insider=OK),
    ),
    Row(
        "participant-certificate",
        kwargs=lambda w: {"slug": w.cohort.slug, "enrolment_id": w.graduation.pk},
        insider="graduate",
        expect=PROGRAMME_STAFF | {"member": NOT_FOUND, "champion": NOT_FOUND, "insider": OK},
    ),
)

# --- Self-assessment --------------------------------------------------------------------------
# An assessment's answers are its team's alone: programme staff get 404 like anyone outside the
# team (ADR 0019). A place's space: people of its partner organisations and programme staff.

TEAM_ONLY = outcomes(NOT_FOUND, anonymous=SIGN_IN, insider=OK)
PLACE_SPACE = PROGRAMME_STAFF | {"member": NOT_FOUND, "champion": NOT_FOUND, "insider": OK}


def assessment(w):
    return {"pk": w.assessment.pk}


def draft_framework(w):
    return {"version": w.draft_framework.version}


def place(w):
    return {"slug": w.place.slug}


ASSESSMENT = rows_for(
    "assessment",
    Row("framework", expect=PUBLIC),
    Row("framework-versions", expect=PROGRAMME_STAFF),
    Row("framework-version-new", expect=PROGRAMME_STAFF),
    Row("framework-version", kwargs=draft_framework, expect=PROGRAMME_STAFF),
    Row("framework-version-details", kwargs=draft_framework, expect=PROGRAMME_STAFF),
    Row(
        "framework-capability",
        kwargs=lambda w: {"version": w.draft_framework.version, "code": "what-digital-can-do"},
        expect=PROGRAMME_STAFF,
    ),
    Row(
        "framework-question-new",
        kwargs=lambda w: {"version": w.draft_framework.version, "code": "what-digital-can-do"},
        expect=PROGRAMME_STAFF,
    ),
    Row(
        "framework-question",
        kwargs=lambda w: {"version": w.draft_framework.version, "question": w.draft_question.pk},
        expect=PROGRAMME_STAFF,
    ),
    Row(
        "framework-question-remove",
        kwargs=lambda w: {"version": w.draft_framework.version, "question": w.draft_question.pk},
        method="POST",
        expect=PROGRAMME_STAFF,
    ),
    Row("framework-version-publish", kwargs=draft_framework, expect=ADMINS),
    Row("benchmark", kwargs=assessment, insider="team_lead", expect=TEAM_ONLY),
    Row("plan", kwargs=assessment, insider="team_lead", expect=TEAM_ONLY),
    Row("plan-pdf", kwargs=assessment, insider="team_lead", expect=TEAM_ONLY),
    Row(
        "plan-item",
        kwargs=lambda w: {"pk": w.assessment.pk, "item": w.recommendation.pk},
        insider="team_lead",
        expect=TEAM_ONLY,
    ),
    Row("sector", expect=PROGRAMME_STAFF),
    Row("sector-csv", expect=PROGRAMME_STAFF),
    Row("places", expect=SIGNED_IN),
    Row("place", kwargs=place, insider="partner_person", expect=PLACE_SPACE),
    Row("board", kwargs=place, insider="partner_person", expect=PLACE_SPACE),
    Row("place-leads", kwargs=place, insider="partner_person", expect=PLACE_SPACE),
    Row("place-assessment-start", kwargs=place, insider="partner_person", expect=PLACE_SPACE),
    Row(
        "place-assessment",
        kwargs=lambda w: {"slug": w.place.slug, "pk": w.place_assessment.pk},
        insider="partner_person",
        expect=PLACE_SPACE,
    ),
    Row("home", expect=PUBLIC),
    Row("start", expect=SIGNED_IN),
    Row("detail", kwargs=assessment, insider="team_lead", expect=TEAM_ONLY),
    Row("team", kwargs=assessment, insider="team_lead", expect=TEAM_ONLY),
    Row(
        "team-remove",
        kwargs=lambda w: {"pk": w.assessment.pk, "member": w.second_member.pk},
        method="POST",
        insider="team_lead",
        expect=TEAM_ONLY,
    ),
    Row("answer-start", kwargs=assessment, insider="team_lead", expect=TEAM_ONLY),
    Row("answer-check", kwargs=assessment, insider="team_lead", expect=TEAM_ONLY),
    Row(
        "answer",
        kwargs=lambda w: {"pk": w.assessment.pk, "code": "what-digital-can-do"},
        insider="team_lead",
        expect=TEAM_ONLY,
    ),
    Row("results", kwargs=assessment, insider="team_lead", expect=TEAM_ONLY),
    Row("close", kwargs=assessment, insider="team_lead", expect=TEAM_ONLY),
    # A team member who is not the lead sees the results but does not run the assessment.
    *(
        Row(
            name,
            kwargs=kwargs,
            insider="team_colleague",
            method=method,
            expect=TEAM_ONLY | {"insider": FORBIDDEN},
            query="not-lead",
        )
        for name, kwargs, method in (
            ("team", assessment, "POST"),
            (
                "team-remove",
                lambda w: {"pk": w.assessment.pk, "member": w.team_member.pk},
                "POST",
            ),
            ("close", assessment, "POST"),
            ("plan-item", lambda w: {"pk": w.assessment.pk, "item": w.recommendation.pk}, "GET"),
        )
    ),
)

# --- Peer challenge ---------------------------------------------------------------------------
# Confidential until the council publishes its report: the peer team, the council's leads and
# programme staff; everyone else 404 (visitors are asked to sign in first).

CONFIDENTIAL = PROGRAMME_STAFF | {"member": NOT_FOUND, "champion": NOT_FOUND, "insider": OK}
# Findings are recorded by the peers (and programme admins); the report is published by the
# council's leads (and programme admins).
PEERS_RECORD = CONFIDENTIAL | {"facilitator": FORBIDDEN, "editor": FORBIDDEN}


def challenge(w):
    return {"slug": w.challenge.slug}


def draft_enquiry(w):
    return {"version": w.draft_enquiry_framework.version}


PEER_CHALLENGE = rows_for(
    "peer_challenge",
    Row("framework", expect=PUBLIC),
    Row("framework-versions", expect=PROGRAMME_STAFF),
    Row("framework-version-new", expect=PROGRAMME_STAFF),
    Row("framework-version", kwargs=draft_enquiry, expect=PROGRAMME_STAFF),
    Row("framework-version-details", kwargs=draft_enquiry, expect=PROGRAMME_STAFF),
    Row(
        "framework-element",
        kwargs=lambda w: {
            "version": w.draft_enquiry_framework.version,
            "code": "local-priorities-and-outcomes",
        },
        expect=PROGRAMME_STAFF,
    ),
    Row(
        "framework-line-new",
        kwargs=lambda w: {
            "version": w.draft_enquiry_framework.version,
            "code": "local-priorities-and-outcomes",
        },
        expect=PROGRAMME_STAFF,
    ),
    Row(
        "framework-line",
        kwargs=lambda w: {
            "version": w.draft_enquiry_framework.version,
            "line": w.draft_enquiry_line.pk,
        },
        expect=PROGRAMME_STAFF,
    ),
    Row(
        "framework-line-remove",
        kwargs=lambda w: {
            "version": w.draft_enquiry_framework.version,
            "line": w.draft_enquiry_line.pk,
        },
        method="POST",
        expect=PROGRAMME_STAFF,
    ),
    Row("framework-version-publish", kwargs=draft_enquiry, expect=ADMINS),
    Row("deadlines", expect=PROGRAMME_STAFF),
    Row("deadlines-csv", expect=PROGRAMME_STAFF),
    Row("learning", expect=PROGRAMME_STAFF),
    Row("learning-csv", expect=PROGRAMME_STAFF),
    Row("action-plan", kwargs=challenge, insider="council_lead", expect=CONFIDENTIAL),
    Row(
        "action-plan-publish",
        kwargs=challenge,
        insider="council_lead",
        method="POST",
        expect=CONFIDENTIAL,
    ),
    Row("action-add", kwargs=challenge, insider="council_lead", expect=CONFIDENTIAL),
    Row(
        "action-edit",
        kwargs=lambda w: {"slug": w.challenge.slug, "pk": w.challenge_action.pk},
        insider="council_lead",
        expect=CONFIDENTIAL,
    ),
    Row(
        "action-remove",
        kwargs=lambda w: {"slug": w.challenge.slug, "pk": w.challenge_action.pk},
        insider="council_lead",
        method="POST",
        expect=CONFIDENTIAL,
    ),
    Row("progress-review", kwargs=challenge, insider="peer", expect=CONFIDENTIAL),
    Row("progress-review-record", kwargs=challenge, insider="peer", expect=CONFIDENTIAL),
    Row("list", expect=PUBLIC),
    Row("create", expect=PROGRAMME_STAFF),
    Row("detail", kwargs=challenge, insider="peer", expect=CONFIDENTIAL),
    Row("detail", kwargs=slug("published_challenge"), expect=PUBLIC, query="published"),
    Row("edit", kwargs=challenge, insider="peer", expect=CONFIDENTIAL),
    Row("status", kwargs=challenge, insider="peer", method="POST", expect=CONFIDENTIAL),
    Row("team", kwargs=challenge, insider="peer", expect=CONFIDENTIAL),
    Row(
        "peer-remove",
        kwargs=lambda w: {"slug": w.challenge.slug, "pk": w.peer_member.pk},
        insider="peer",
        method="POST",
        expect=CONFIDENTIAL,
    ),
    Row(
        "lead-remove",
        kwargs=lambda w: {"slug": w.challenge.slug, "pk": w.council_lead_row.pk},
        insider="peer",
        method="POST",
        expect=CONFIDENTIAL,
    ),
    Row("scoping", kwargs=challenge, insider="peer", expect=CONFIDENTIAL),
    Row("position", kwargs=challenge, insider="council_lead", expect=CONFIDENTIAL),
    Row("enquiry", kwargs=challenge, insider="peer", expect=CONFIDENTIAL),
    Row(
        "line",
        kwargs=lambda w: {"slug": w.challenge.slug, "line": w.line.code},
        insider="peer",
        expect=CONFIDENTIAL,
    ),
    # Evidence stays confidential after publishing.
    Row(
        "line",
        kwargs=lambda w: {"slug": w.published_challenge.slug, "line": w.published_line.code},
        expect=PROGRAMME_STAFF,
        query="published",
    ),
    Row(
        "finding",
        kwargs=lambda w: {"slug": w.challenge.slug, "pk": w.finding.pk},
        insider="peer",
        expect=CONFIDENTIAL,
    ),
    Row(
        "finding",
        kwargs=lambda w: {"slug": w.published_challenge.slug, "pk": w.published_finding.pk},
        # A finding's page lists every signpost, proposed and dropped too: confidential even
        # after publishing (the published report shows the kept ones).
        expect=PROGRAMME_STAFF,
        query="published",
    ),
    Row(
        "finding-edit",
        kwargs=lambda w: {"slug": w.challenge.slug, "pk": w.finding.pk},
        insider="peer",
        expect=PEERS_RECORD,
    ),
    Row(
        "finding-delete",
        kwargs=lambda w: {"slug": w.challenge.slug, "pk": w.finding.pk},
        insider="peer",
        method="POST",
        expect=PEERS_RECORD,
    ),
    Row(
        "signposts",
        kwargs=lambda w: {"slug": w.challenge.slug, "pk": w.finding.pk},
        insider="peer",
        expect=CONFIDENTIAL,
    ),
    Row("report", kwargs=challenge, insider="council_lead", expect=CONFIDENTIAL),
    Row("report", kwargs=slug("published_challenge"), expect=PUBLIC, query="published"),
    Row("report-pdf", kwargs=challenge, insider="council_lead", expect=CONFIDENTIAL),
    Row("publish", kwargs=challenge, insider="council_lead", method="POST", expect=PEERS_RECORD),
)

# --- Market -----------------------------------------------------------------------------------
# Open data, public; imports and reviews for programme staff; watches their owner's.

MARKET = rows_for(
    "market",
    Row("imports", expect=PROGRAMME_STAFF),
    Row("import-new", expect=PROGRAMME_STAFF),
    Row("import", kwargs=lambda w: {"pk": w.import_run.pk}, expect=PROGRAMME_STAFF),
    Row("reviews", expect=PROGRAMME_STAFF),
    Row("review", kwargs=lambda w: {"pk": w.review.pk}, expect=PROGRAMME_STAFF),
    # Watching needs an organisation: staff accounts without one are refused.
    Row("watches", expect=only("member", "champion")),
    Row("watch-new", expect=only("member", "champion")),
    Row(
        "watch-remove",
        kwargs=lambda w: {"pk": w.watch.pk},
        insider="watch_owner",
        expect=outcomes(
            NOT_FOUND,
            anonymous=SIGN_IN,
            insider=OK,
            facilitator=FORBIDDEN,
            editor=FORBIDDEN,
            programme_admin=FORBIDDEN,
        ),
    ),
    Row("home", expect=PUBLIC),
    Row("contracts", expect=PUBLIC),
    Row("contracts-csv", expect=PUBLIC),
    Row("contract", kwargs=lambda w: {"pk": w.contract.pk}, expect=PUBLIC),
    Row("council", kwargs=slug("council"), expect=PUBLIC),
    Row("council-csv", kwargs=slug("council"), expect=PUBLIC),
    Row("category", expect=PUBLIC),
    Row("category-csv", expect=PUBLIC, query="cpv=48000000"),
    Row("suppliers", expect=PUBLIC),
    Row("supplier", kwargs=slug("supplier"), expect=PUBLIC),
    Row("supplier-csv", kwargs=slug("supplier"), expect=PUBLIC),
)

# --- Programme --------------------------------------------------------------------------------

PROGRAMME = rows_for(
    "programme",
    *(
        Row(name, expect=PROGRAMME_STAFF)
        for name in (
            "dashboard",
            "take-up",
            "take-up-csv",
            "take-up-places",
            "take-up-places-csv",
            "not-engaged",
            "not-engaged-csv",
            "benefits",
            "benefits-csv",
            "exemplars",
            "exemplars-csv",
            "candidates",
            "candidates-csv",
            "outputs",
            "outputs-csv",
            "reports",
        )
    ),
    Row("exemplar", kwargs=slug("case"), expect=PROGRAMME_STAFF),
    Row("quarterly-pdf", kwargs=lambda w: {"year": 2026, "quarter": 1}, expect=PROGRAMME_STAFF),
)

# --- API --------------------------------------------------------------------------------------
# Public data only: what is private on the site (invitation-only events, unpublished cases,
# confidential challenges, nominations) is not found through the API by anyone, staff
# included. The programme's figures need a staff session: 401 without one.

API_NOT_FOUND = outcomes(NOT_FOUND)
API_STAFF = only(*STAFF, anonymous=UNAUTHORISED)

API = rows_for(
    "api-v1",
    Row("openapi-json", expect=PUBLIC),
    Row("openapi-view", expect=PUBLIC),
    # django-ninja names its root but serves nothing there.
    Row("api-root", expect=outcomes(NOT_FOUND)),
    Row("list_organisations", expect=PUBLIC),
    Row("get_organisation", kwargs=slug("council"), expect=PUBLIC),
    Row("list_places", expect=PUBLIC),
    Row("get_place", kwargs=slug("place"), expect=PUBLIC),
    Row("list_cases", expect=PUBLIC),
    Row("get_case", kwargs=slug("case"), expect=PUBLIC),
    Row("get_case", kwargs=slug("draft_case"), expect=API_NOT_FOUND, query="draft"),
    Row("list_events", expect=PUBLIC),
    Row("get_event", kwargs=slug("open_event"), expect=PUBLIC),
    Row("get_event", kwargs=slug("private_event"), expect=API_NOT_FOUND, query="private"),
    Row("list_champions", expect=PUBLIC),
    Row("get_champion", kwargs=slug("champion_profile"), expect=PUBLIC),
    Row("get_champion", kwargs=slug("nomination"), expect=API_NOT_FOUND, query="nominated"),
    Row("list_modules", expect=PUBLIC),
    Row("get_module", kwargs=slug("module"), expect=PUBLIC),
    Row("list_briefings", expect=PUBLIC),
    Row("get_briefing", kwargs=slug("briefing"), expect=PUBLIC),
    Row("list_cohorts", expect=PUBLIC),
    Row("get_cohort", kwargs=slug("cohort"), expect=PUBLIC),
    Row("current_framework", expect=PUBLIC),
    Row("framework_version", kwargs=lambda w: {"version": 1}, expect=PUBLIC),
    Row("framework_version", kwargs=draft_framework, expect=API_NOT_FOUND, query="draft"),
    Row("list_challenges", expect=PUBLIC),
    Row("get_challenge", kwargs=slug("published_challenge"), expect=PUBLIC),
    Row("get_challenge", kwargs=slug("challenge"), expect=API_NOT_FOUND, query="confidential"),
    Row("get_take_up", expect=API_STAFF),
    Row("get_benefits", expect=API_STAFF),
    Row("get_exemplars", expect=API_STAFF),
    Row("get_outputs", expect=API_STAFF),
    Row("list_contracts", expect=PUBLIC),
    Row("get_contract", kwargs=lambda w: {"contract_id": w.contract.pk}, expect=PUBLIC),
    Row("list_suppliers", expect=PUBLIC),
    Row("get_supplier", kwargs=slug("supplier"), expect=PUBLIC),
    Row("get_council", kwargs=slug("council"), expect=PUBLIC),
)

# --- Django admin -----------------------------------------------------------------------------
# The admin site itself: its own sign-in for anyone who is not staff of the admin.

ADMIN = [
    Row("admin:index", expect=outcomes(ADMIN_LOGIN)),
    Row("admin:login", expect=PUBLIC),
]

# URL patterns deliberately without a row (test_completeness checks the rest):
EXCLUDED_PATTERNS = {
    # The admin site's internals (model pages, autocomplete, i18n): guarded as a whole by the
    # admin's own staff check, which the admin:index row covers.
    "admin:*",
}

TABLE: list[Row] = [
    *PAGES,
    *ACCOUNTS,
    *PRIVACY,
    *ORGANISATIONS,
    *CASES,
    *EVENTS,
    *CHAMPIONS,
    *ACADEMIES,
    *ASSESSMENT,
    *PEER_CHALLENGE,
    *MARKET,
    *PROGRAMME,
    *API,
    *ADMIN,
]
