"""Webhook deliveries (DESIGN 2.10), as background tasks.

After every committed change, `dispatch` turns the change events each active
subscription has not looked at yet into deliveries (at most one per subscription
and event), and `deliver` posts each one, signed as the Standard Webhooks
specification says (`webhook-id`, `webhook-timestamp`, `webhook-signature`:
HMAC-SHA256 with the subscription's secret). The body is the changes feed's event
with its cursor, so a receiver that was down can catch up from `/changes/`.
A delivery that fails is retried for 35 hours (settings.WEBHOOK_RETRY_DELAYS);
every attempt is logged; a subscription whose deliveries have all failed for
settings.WEBHOOKS_DISABLE_AFTER_DAYS is turned off.
"""

from __future__ import annotations

import http.client
import json
import uuid
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from standardwebhooks import Webhook

from api import changes
from api.webhooks import targets
from api.webhooks.models import Attempt, Delivery, Subscription
from content import versions
from content.models import ContentEvent, Deletion
from content.tasks import last_try, retried

USER_AGENT = "IMS-Content-API-Webhooks/1"
BATCH = 500
# The API version whose event shape and item URLs deliveries carry.
PAYLOAD_VERSION = "v1"
# Each API version's item URL, by its name (registered by the version's app).
_ITEM_URLS: dict[str, Callable[[str, str], str]] = {}


class DeliveryFailed(Exception):
    """The endpoint did not take the delivery: retried later."""


def register(api_version: str, item_url: Callable[[str, str], str]) -> None:
    _ITEM_URLS[api_version] = item_url


def changed(sender: Any, **kwargs: Any) -> None:
    """`version_moved` receiver: look for deliveries to make, when anyone subscribes."""
    if Subscription.objects.filter(is_active=True).exists():
        dispatch.enqueue()


@task(takes_context=True)
@retried
def dispatch(*, retry: int = 0) -> int:
    """Deliveries of the events after each active subscription's mark; how many."""
    made = 0
    for pk in Subscription.objects.filter(is_active=True).values_list("pk", flat=True):
        while (count := _dispatch_batch(pk)) is not None:
            made += count
    return made


def _dispatch_batch(pk: int) -> int | None:
    """One batch of events for one subscription: how many deliveries, None when done."""
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
        )
        if subscription is None:
            return None  # another worker has it
        events = list(
            ContentEvent.objects.filter(id__gt=subscription.last_event_id).order_by("id")[:BATCH]
        )
        if not events:
            return None
        made = 0
        for event in events:
            name = event_name(event)
            if event.item_type in subscription.item_types and name in subscription.events:
                delivery, created = Delivery.objects.get_or_create(
                    subscription=subscription,
                    event_id=event.id,
                    defaults={"event": f"{event.item_type}.{name}", "message_id": _message_id(),
                              "body": _body(subscription, event, name)},
                )  # fmt: skip
                if created:
                    transaction.on_commit(partial(deliver.enqueue, delivery.pk))
                    made += 1
        subscription.last_event_id = events[-1].id
        subscription.save(update_fields=["last_event_id"])
        return made


def event_name(event: ContentEvent) -> str:
    """published, updated, unpublished or deleted: the feed's kind, told apart."""
    if event.kind == ContentEvent.Kind.CREATED:
        return "published"
    if event.kind == ContentEvent.Kind.UPDATED:
        return "updated"
    return "deleted" if Deletion.objects.filter(pk=event.item_id).exists() else "unpublished"


def _message_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


def _body(subscription: Subscription, event: ContentEvent, name: str) -> str:
    item_url = _ITEM_URLS[PAYLOAD_VERSION]
    url = None if event.kind == "removed" else item_url(event.item_type, event.slug)
    data = {
        **changes.payload(event, url),
        "cursor": changes.encode(versions.current().epoch, event.id),
    }
    body = {"type": f"{event.item_type}.{name}", "timestamp": event.at, "data": data}
    return json.dumps(body, cls=DjangoJSONEncoder, separators=(",", ":"))


@task(takes_context=True)
@retried(delays="WEBHOOK_RETRY_DELAYS")
def deliver(delivery_id: int, *, retry: int = 0) -> int | None:
    """Post one delivery; its answer's status. Idempotent: a delivered one is not sent
    again (a receiver drops a repeat by its `webhook-id` in any case)."""
    delivery = Delivery.objects.select_related("subscription").get(pk=delivery_id)
    subscription = delivery.subscription
    if delivery.status == Delivery.Status.DELIVERED or not subscription.is_active:
        return None
    attempt = _attempt(delivery)
    if attempt.succeeded:
        delivery.status, delivery.delivered_at = Delivery.Status.DELIVERED, attempt.at
        delivery.save(update_fields=["status", "delivered_at"])
        Subscription.objects.filter(pk=subscription.pk).update(failing_since=None)
        return attempt.status_code
    _failing(subscription, since=attempt.at)
    if last_try(retry, delays="WEBHOOK_RETRY_DELAYS"):
        delivery.status = Delivery.Status.FAILED
        delivery.save(update_fields=["status"])
    raise DeliveryFailed(attempt.error or f"HTTP {attempt.status_code}")


def _attempt(delivery: Delivery) -> Attempt:
    now = timezone.now()
    body = delivery.body.encode()
    headers = {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": Webhook(delivery.subscription.secret).sign(
            delivery.message_id, now, body
        ),
    }
    try:
        answer = targets.post(delivery.subscription.url, body, headers)
    except targets.Refused as refused:
        return Attempt.objects.create(delivery=delivery, at=now, error=str(refused)[:300])
    except (OSError, http.client.HTTPException) as error:
        failure = f"{type(error).__name__}: {error}"[:300]
        return Attempt.objects.create(delivery=delivery, at=now, error=failure)
    return Attempt.objects.create(
        delivery=delivery,
        at=now,
        status_code=answer.status,
        latency_ms=answer.latency_ms,
        response_excerpt=answer.excerpt,
    )


def _failing(subscription: Subscription, *, since: Any) -> None:
    """Note the failure; turn the subscription off once it has failed for too long."""
    Subscription.objects.filter(pk=subscription.pk, failing_since=None).update(failing_since=since)
    subscription.refresh_from_db(fields=["failing_since"])
    days = settings.WEBHOOKS_DISABLE_AFTER_DAYS
    if subscription.failing_since and since - subscription.failing_since >= timedelta(days=days):
        Subscription.objects.filter(pk=subscription.pk).update(
            is_active=False,
            disabled_because=f"Every delivery failed for {days} days, since "
            f"{subscription.failing_since:%Y-%m-%d %H:%M} UTC. Fix the endpoint, then turn it "
            "back on.",
        )


def redeliver(delivery: Delivery) -> None:
    """Send a delivery again (the admin's action), with retries of its own."""
    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.PENDING)
    transaction.on_commit(partial(deliver.enqueue, delivery.pk))
