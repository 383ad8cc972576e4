"""Webhook subscriptions of API clients and what was delivered to them (DESIGN 2.10)."""

from __future__ import annotations

import base64
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max
from django.utils import timezone

from api.consumers.models import ApiClient
from content import types
from content.models import ContentEvent

EVENTS = ("published", "updated", "unpublished", "deleted")
ITEM_TYPES = tuple(types.ITEM_TYPES)


def new_secret() -> str:
    """A Standard Webhooks secret: `whsec_` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def _check_names(value: object, allowed: tuple[str, ...]) -> None:
    if not isinstance(value, list) or not value or not set(value) <= set(allowed):
        raise ValidationError(f"Choose one or more of: {', '.join(allowed)}.")


def validate_events(value: object) -> None:
    _check_names(value, EVENTS)


def validate_item_types(value: object) -> None:
    _check_names(value, ITEM_TYPES)


def validate_target(url: str) -> None:
    if not url.startswith("https://") and not settings.WEBHOOKS_ALLOW_PRIVATE:
        raise ValidationError("Give an https:// address.")


class Subscription(models.Model):
    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(
        max_length=500, validators=[validate_target], help_text="Where events go."
    )
    events = models.JSONField(
        default=list, validators=[validate_events], help_text=f"Any of {', '.join(EVENTS)}."
    )
    item_types = models.JSONField(
        default=list,
        validators=[validate_item_types],
        help_text=f"Any of {', '.join(ITEM_TYPES)}.",
    )
    # Signs every delivery (HMAC-SHA256): shown once, when made; the receiver keeps it.
    secret = models.CharField(max_length=64, default=new_secret, editable=False)
    is_active = models.BooleanField(default=True)
    # The last change event looked at for this subscription: events after it are due.
    last_event_id = models.BigIntegerField(default=0, editable=False)
    # Since when every delivery has failed, if they have; past
    # WEBHOOKS_DISABLE_AFTER_DAYS the subscription is turned off, saying why.
    failing_since = models.DateTimeField(null=True, blank=True, editable=False)
    disabled_because = models.CharField(max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "webhook subscription"

    def __str__(self) -> str:
        return f"{self.client.name} → {self.url}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding and not self.last_event_id:
            # From now on: a new subscriber catches up on the past from the feed.
            self.last_event_id = ContentEvent.objects.aggregate(last=Max("id"))["last"] or 0
        super().save(*args, **kwargs)


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed (gave up)"

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    # The change event, by its id in the feed (the feed may be pruned; this stays).
    event_id = models.BigIntegerField()
    event = models.CharField(max_length=32)
    # `webhook-id`: the same on every attempt, so a receiver can drop repeats.
    message_id = models.CharField(max_length=40, unique=True)
    # What is sent, the same bytes on every attempt.
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "event_id"], name="delivery_once_per_event"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} #{self.event_id} → {self.subscription.url}"


class Attempt(models.Model):
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempts")
    at = models.DateTimeField(default=timezone.now)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    latency_ms = models.PositiveIntegerField(null=True, blank=True)
    # The start of the receiver's answer, or why there was none.
    response_excerpt = models.CharField(max_length=500, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S}: {self.status_code or self.error}"

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300
