"""Personal data in the register: the person's own entry (name, job title, organisation).

Erasure keeps the entry, anonymised, because peer teams, academy places and events point at it
and the programme counts them by organisation; the organisation and councillor-or-officer stay,
the name, job title and seniority go."""

from hub.organisations.models import Person, Seniority
from hub.privacy.registry import PersonalDataSource, register

ERASED_NAME = "Erased person"


def _person(user):
    return Person.objects.filter(user=user).select_related("organisation").first()


def export(user) -> dict:
    person = _person(user)
    if person is None:
        return {"register_entry": None}
    return {
        "register_entry": {
            "full_name": person.full_name,
            "job_title": person.job_title,
            "organisation": person.organisation.name,
            "councillor_or_officer": person.get_role_type_display(),
            "seniority": person.get_seniority_display(),
        }
    }


def erase(user) -> dict[str, int]:
    person = _person(user)
    if person is None:
        return {"register entries anonymised": 0}
    person.full_name = ERASED_NAME
    person.job_title = ""
    person.seniority = Seniority.OTHER
    person.save()
    return {"register entries anonymised": 1}


register(
    PersonalDataSource(
        key="organisations",
        title="Your entry in the register",
        description="Your name, job title, organisation and seniority as the programme records "
        "them.",
        export=export,
        erase=erase,
        audited_records=lambda user: list(Person.objects.filter(user=user)),
        # After the apps that find the person's records through this entry.
        order=90,
    )
)
