"""Which records keep a history of changes (django-auditlog), in one place.

Only key records are audited: each save of one writes a log entry (who, when, each changed
field before and after). Secrets never enter the log: token hashes are left out, and an
account's password and sign-in times are not among its audited fields.

`RECORD_TYPES` names each audited record for the history pages' addresses and filters.
"""

from collections.abc import Callable
from dataclasses import dataclass

from auditlog.registry import auditlog
from django.apps import apps
from django.db.models import Model

# Changed on every save: noise in a history.
_TIMESTAMPS = ["created_at", "updated_at"]


def _itself(record):
    return record


@dataclass(frozen=True)
class RecordType:
    key: str
    label: str
    model_label: str
    # Personal records (accounts, people, erasure requests): their history is for programme
    # admins only; other histories are for all programme staff.
    personal: bool = False
    # A history shows every field, so whoever may not see the record may not see its history:
    # the app's own permission to see it, checked against `view_object(record)`.
    view_perm: str = ""
    view_object: Callable = _itself

    @property
    def model(self) -> type[Model]:
        return apps.get_model(self.model_label)


RECORD_TYPES = {
    record.key: record
    for record in (
        RecordType(
            "case", "Case study or resource", "cases.Resource", view_perm="cases.view_resource"
        ),
        RecordType("event", "Event", "events.Event", view_perm="events.view_event"),
        RecordType("invitation", "Event place", "events.Invitation", personal=True),
        RecordType(
            "challenge",
            "Peer challenge",
            "peer_challenge.Challenge",
            view_perm="peer_challenge.view_confidential",
        ),
        RecordType(
            "finding",
            "Peer challenge finding",
            "peer_challenge.Finding",
            view_perm="peer_challenge.view_confidential",
            view_object=lambda finding: finding.challenge,
        ),
        RecordType(
            "assessment", "Self-assessment", "assessment.Assessment", view_perm="assessment.view"
        ),
        RecordType(
            "champion",
            "Champion profile",
            "champions.ChampionProfile",
            view_perm="champions.view_profile",
        ),
        RecordType(
            "cohort", "Academy cohort", "academies.Cohort", view_perm="academies.view_cohort"
        ),
        RecordType("person", "Person", "organisations.Person", personal=True),
        RecordType("account", "Account", "accounts.User", personal=True),
        RecordType("erasure-request", "Erasure request", "privacy.ErasureRequest", personal=True),
    )
}


def may_see_record(user, record_type: RecordType, record) -> bool:
    """Programme admins answer for the audit and see every history (the change list shows
    them all anyway); other staff only those of records they may see."""
    from hub.accounts.rules import is_programme_admin

    if record is None or not record_type.view_perm or is_programme_admin(user):
        return True
    return user.has_perm(record_type.view_perm, record_type.view_object(record))


def record_type_of(model: type[Model]) -> RecordType | None:
    label = model._meta.label
    return next((r for r in RECORD_TYPES.values() if r.model_label == label), None)


def register_audited_models() -> None:
    get = apps.get_model
    auditlog.register(get("cases.Resource"), exclude_fields=_TIMESTAMPS, m2m_fields={"contacts"})
    # A meeting link may carry its passcode: masked (auditlog keeps only its first half).
    auditlog.register(
        get("events.Event"),
        exclude_fields=_TIMESTAMPS,
        mask_fields=["online_url"],
        m2m_fields={"facilitators"},
    )
    auditlog.register(get("events.Invitation"), exclude_fields=[*_TIMESTAMPS, "token_hash"])
    auditlog.register(get("peer_challenge.Challenge"), exclude_fields=_TIMESTAMPS)
    auditlog.register(get("peer_challenge.Finding"), exclude_fields=_TIMESTAMPS)
    auditlog.register(get("assessment.Assessment"), exclude_fields=_TIMESTAMPS)
    auditlog.register(get("champions.ChampionProfile"), exclude_fields=_TIMESTAMPS)
    auditlog.register(
        get("academies.Cohort"), exclude_fields=_TIMESTAMPS, m2m_fields={"facilitators"}
    )
    auditlog.register(get("organisations.Person"), exclude_fields=_TIMESTAMPS)
    # Role changes are group changes. No password, no sign-in times.
    auditlog.register(
        get("accounts.User"),
        include_fields=["email", "full_name", "is_active", "is_staff", "is_superuser"],
        m2m_fields={"groups"},
    )
    # The person's own words stay out of the log: it outlives the erasure.
    auditlog.register(get("privacy.ErasureRequest"), exclude_fields=["reason", "outcome"])
