"""Which records keep a history of changes (django-auditlog), in one place.

Only key records are audited: each save of one writes a log entry (who, when, each changed
field before and after). Secrets never enter the log: token hashes are left out, and an
account's password and sign-in times are not among its audited fields.

`RECORD_TYPES` names each audited record for the history pages' addresses and filters.
"""

from dataclasses import dataclass

from auditlog.registry import auditlog
from django.apps import apps
from django.db.models import Model

# Changed on every save: noise in a history.
_TIMESTAMPS = ["created_at", "updated_at"]


@dataclass(frozen=True)
class RecordType:
    key: str
    label: str
    model_label: str
    # Personal records (accounts, people, erasure requests): their history is for programme
    # admins only; other histories are for all programme staff.
    personal: bool = False

    @property
    def model(self) -> type[Model]:
        return apps.get_model(self.model_label)


RECORD_TYPES = {
    record.key: record
    for record in (
        RecordType("case", "Case study or resource", "cases.Resource"),
        RecordType("event", "Event", "events.Event"),
        RecordType("invitation", "Event place", "events.Invitation", personal=True),
        RecordType("challenge", "Peer challenge", "peer_challenge.Challenge"),
        RecordType("finding", "Peer challenge finding", "peer_challenge.Finding"),
        RecordType("assessment", "Self-assessment", "assessment.Assessment"),
        RecordType("champion", "Champion profile", "champions.ChampionProfile"),
        RecordType("cohort", "Academy cohort", "academies.Cohort"),
        RecordType("person", "Person", "organisations.Person", personal=True),
        RecordType("account", "Account", "accounts.User", personal=True),
        RecordType("erasure-request", "Erasure request", "privacy.ErasureRequest", personal=True),
    )
}


def record_type_of(model: type[Model]) -> RecordType | None:
    label = model._meta.label
    return next((r for r in RECORD_TYPES.values() if r.model_label == label), None)


def register_audited_models() -> None:
    get = apps.get_model
    auditlog.register(get("cases.Resource"), exclude_fields=_TIMESTAMPS, m2m_fields={"contacts"})
    auditlog.register(get("events.Event"), exclude_fields=_TIMESTAMPS, m2m_fields={"facilitators"})
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
