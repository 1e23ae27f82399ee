"""Requests to erase a person's data, and what was done about them.

The request outlives the erasure as its audit: who asked (the account, by then anonymised),
when, who carried it out or refused it and why, and counts of what was erased, never the data.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from hub.core.dates import add_months

# UK GDPR Article 12(3): act on a request within one month of receipt.
RESPONSE_MONTHS = 1


class ErasureStatus(models.TextChoices):
    REQUESTED = "requested", "Waiting"
    CARRIED_OUT = "carried_out", "Carried out"
    REFUSED = "refused", "Refused"


class ErasureRequest(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="erasure_requests"
    )
    reason = models.TextField(
        "why they asked", blank=True, help_text="Optional; cleared when the erasure is carried out."
    )
    status = models.CharField(
        max_length=20, choices=ErasureStatus, default=ErasureStatus.REQUESTED, db_index=True
    )
    requested_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField("respond by")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.TextField("reason for refusing", blank=True)
    # Counts of what each app erased or kept, e.g. {"events": {"places removed": 2}}.
    outcome = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="requested"),
                name="one_waiting_erasure_request_a_person",
            )
        ]

    def __str__(self) -> str:
        # Never the person's name: this text is kept in the audit log.
        return f"Erasure request {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("privacy:erasure-request", args=[self.pk])

    @staticmethod
    def due_date_for(requested: date) -> date:
        return add_months(requested, RESPONSE_MONTHS)

    @property
    def is_waiting(self) -> bool:
        return self.status == ErasureStatus.REQUESTED

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_waiting and today > self.due_on
