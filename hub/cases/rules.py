"""Who may see and do what in the good practice database. Unpublished records are seen only by
their contributor, their named contacts and editors."""

import rules

from hub.accounts.rules import is_editor, is_signed_in
from hub.cases.models import Status

EDITABLE_BY_CONTRIBUTOR = (Status.DRAFT, Status.CHANGES_REQUESTED)


@rules.predicate
def is_published(user, resource) -> bool:
    return resource is not None and resource.status == Status.PUBLISHED


@rules.predicate
def is_contributor(user, resource) -> bool:
    return resource is not None and user.is_authenticated and resource.contributor_id == user.pk


@rules.predicate
def is_contact(user, resource) -> bool:
    return (
        resource is not None
        and user.is_authenticated
        and resource.contacts.filter(pk=user.pk).exists()
    )


@rules.predicate
def is_open_for_contributor_edits(user, resource) -> bool:
    return resource is not None and resource.status in EDITABLE_BY_CONTRIBUTOR


@rules.predicate
def has_an_organisation(user) -> bool:
    person = getattr(user, "person", None) if user.is_authenticated else None
    return person is not None


rules.add_perm("cases.view_resource", is_published | is_contributor | is_contact | is_editor)
rules.add_perm("cases.contribute", is_signed_in)
rules.add_perm(
    "cases.change_resource", (is_contributor & is_open_for_contributor_edits) | is_editor
)
rules.add_perm("cases.moderate", is_editor)
rules.add_perm("cases.verify_benefit", is_editor)
rules.add_perm(
    "cases.record_adoption", is_signed_in & is_published & (has_an_organisation | is_editor)
)
rules.add_perm("cases.ask_question", is_signed_in & is_published)
rules.add_perm("cases.save_search", is_signed_in)
