"""The contributor is emailed when an editor moves their record on: through Django's email
backend, or through GOV.UK Notify when it is configured. Email is sent after commit, by a task."""

import uuid

import pytest
from django.core import mail

from hub.accounts.roles import Role
from hub.cases.models import Status
from hub.cases.services import resource_transition
from hub.cases.tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(user_with_role):
    return user_with_role(Role.EDITOR)


@pytest.fixture
def contributor(user_with_role):
    return user_with_role(Role.MEMBER, email="contributor@example.org")


def _move(resource, to_status, by, reason, capture):
    with capture(execute=True):
        resource_transition(resource=resource, to_status=to_status, by=by, reason=reason)


@pytest.mark.usefixtures("immediate_tasks")
@pytest.mark.parametrize(
    ("start", "to_status", "reason", "subject"),
    [
        (
            Status.SUBMITTED,
            Status.CHANGES_REQUESTED,
            "Say what the project cost.",
            "Your good practice record needs changes before it can be published",
        ),
        (Status.SUBMITTED, Status.PUBLISHED, "", "Your good practice record has been published"),
        (
            Status.PUBLISHED,
            Status.ARCHIVED,
            "The service has closed.",
            "Your good practice record has been archived",
        ),
    ],
)
def test_the_contributor_is_emailed_when_an_editor_moves_their_record(
    django_capture_on_commit_callbacks,
    settings,
    editor,
    contributor,
    start,
    to_status,
    reason,
    subject,
):
    settings.HUB_BASE_URL = "https://hub.example.org"
    resource = ResourceFactory(status=start, contributor=contributor, title="Smarter bin rounds")

    _move(resource, to_status, editor, reason, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["contributor@example.org"]
    assert message.subject == subject
    assert "“Smarter bin rounds”" in message.body
    assert f"https://hub.example.org/cases/{resource.slug}/" in message.body
    if reason:
        assert f"The editor said:\n{reason}" in message.body


@pytest.mark.usefixtures("immediate_tasks")
def test_nothing_is_sent_when_the_contributor_submits_their_own_record(
    django_capture_on_commit_callbacks, contributor
):
    resource = ResourceFactory(status=Status.DRAFT, contributor=contributor)
    _move(resource, Status.SUBMITTED, contributor, "", django_capture_on_commit_callbacks)
    resource.refresh_from_db()
    assert resource.status == Status.SUBMITTED
    assert mail.outbox == []


@pytest.mark.usefixtures("immediate_tasks")
def test_nothing_is_sent_for_an_imported_record_without_a_contributor(
    django_capture_on_commit_callbacks, editor
):
    resource = ResourceFactory(status=Status.SUBMITTED, contributor=None)
    _move(resource, Status.PUBLISHED, editor, "", django_capture_on_commit_callbacks)
    assert mail.outbox == []


@pytest.mark.usefixtures("immediate_tasks")
def test_nothing_is_sent_if_the_transaction_rolls_back(
    django_capture_on_commit_callbacks, editor, contributor
):
    resource = ResourceFactory(status=Status.SUBMITTED, contributor=contributor)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        resource_transition(resource=resource, to_status=Status.PUBLISHED, by=editor)
    # The email waits for the commit: nothing has been sent yet.
    assert mail.outbox == []
    assert callbacks


@pytest.mark.usefixtures("immediate_tasks")
def test_the_review_page_emails_the_contributor_the_editors_reason(
    django_capture_on_commit_callbacks, client, editor, contributor
):
    resource = ResourceFactory(status=Status.SUBMITTED, contributor=contributor)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/cases/{resource.slug}/review/",
            {"to_status": Status.CHANGES_REQUESTED, "reason": "Add a named contact."},
        )
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["contributor@example.org"]]
    assert "Add a named contact." in mail.outbox[0].body


@pytest.mark.usefixtures("immediate_tasks")
def test_with_notify_configured_the_email_goes_through_govuk_notify(
    django_capture_on_commit_callbacks, settings, monkeypatch, editor, contributor
):
    from notifications_python_client.notifications import NotificationsAPIClient

    template_id = str(uuid.uuid4())
    # Notify keys are "<name>-<service id>-<secret>"; this one is made up and never sent.
    settings.GOVUK_NOTIFY_API_KEY = f"hub_test-{uuid.uuid4()}-{uuid.uuid4()}"
    settings.GOVUK_NOTIFY_TEMPLATE_ID = template_id
    calls = []

    def capture(self, **kwargs):
        calls.append(kwargs)
        return {"id": str(uuid.uuid4())}

    monkeypatch.setattr(NotificationsAPIClient, "send_email_notification", capture)
    resource = ResourceFactory(
        status=Status.SUBMITTED, contributor=contributor, title="Smarter bin rounds"
    )

    _move(
        resource,
        Status.CHANGES_REQUESTED,
        editor,
        "Add the costs.",
        django_capture_on_commit_callbacks,
    )

    assert mail.outbox == []  # Notify, not Django's backend.
    assert len(calls) == 1
    call = calls[0]
    assert call["email_address"] == "contributor@example.org"
    assert call["template_id"] == template_id
    assert (
        call["personalisation"]["subject"]
        == "Your good practice record needs changes before it can be published"
    )
    assert "Add the costs." in call["personalisation"]["body"]
    assert "“Smarter bin rounds”" in call["personalisation"]["body"]
