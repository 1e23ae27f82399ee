"""Abstract base models shared by every domain app."""

from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class DemoMarkedModel(models.Model):
    """Records the demo seed wrote, so they can be told apart from real content and removed."""

    is_demo = models.BooleanField(
        default=False, help_text="Written by the demo seed: fictional or illustrative content."
    )

    class Meta:
        abstract = True
