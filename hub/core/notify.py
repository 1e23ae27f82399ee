"""Sending email: Django's email backend by default, GOV.UK Notify when it is configured.

Notify needs one template whose subject is ((subject)) and whose body is ((body)); its id is
GOVUK_NOTIFY_TEMPLATE_ID. Email is sent by a background task, after the transaction commits.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django_tasks import task

from hub.core.tasks import enqueue_on_commit

logger = logging.getLogger(__name__)


def _send_with_notify(*, to: str, subject: str, body: str) -> None:
    from notifications_python_client.notifications import NotificationsAPIClient

    client = NotificationsAPIClient(settings.GOVUK_NOTIFY_API_KEY)
    client.send_email_notification(
        email_address=to,
        template_id=settings.GOVUK_NOTIFY_TEMPLATE_ID,
        personalisation={"subject": subject, "body": body},
    )


@task()
def send_email(to: list[str], subject: str, body: str, reply_to: list[str] | None = None) -> int:
    if settings.GOVUK_NOTIFY_API_KEY:
        for address in to:
            _send_with_notify(to=address, subject=subject, body=body)
        return len(to)
    message = EmailMessage(subject=subject, body=body, to=to, reply_to=reply_to or None)
    return message.send()


def email_on_commit(*, to: list[str], subject: str, body: str, reply_to: list[str] | None = None):
    """Send an email once the current transaction commits; nothing is sent if it rolls back."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return None
    logger.info("email queued subject=%r recipients=%d", subject, len(recipients))
    return enqueue_on_commit(send_email, recipients, subject, body, reply_to)


def absolute_url(path: str) -> str:
    """A link for an email or a calendar: the Hub's own address (HUB_BASE_URL) and `path`."""
    return settings.HUB_BASE_URL.rstrip("/") + path
