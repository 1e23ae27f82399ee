from django.db import transaction

from hub.organisations.models import Organisation, Person


@transaction.atomic
def person_save_profile(
    *, user, organisation: Organisation, job_title: str, role_type: str, seniority: str
) -> Person:
    """Create or update the Person record of a signed-in user."""
    person, _ = Person.objects.update_or_create(
        user=user,
        defaults={
            "full_name": user.full_name,
            "organisation": organisation,
            "job_title": job_title,
            "role_type": role_type,
            "seniority": seniority,
        },
    )
    return person
