"""Webhooks (DESIGN 2.10): each change, signed, to a real receiver on loopback, retried
until it answers, every attempt logged; private addresses refused.

Tasks go through the database backend and `manage.py db_worker`, in this process,
with the retry delays at 0 so that one run of the worker sees a delivery through.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import django_rq
import pytest
from django.urls import reverse
from django.utils import timezone
from standardwebhooks import Webhook

from api import changes
from api.consumers.models import ApiClient
from api.webhooks import targets
from api.webhooks.models import Delivery, Subscription
from content import versions
from content.models import Condition, ContentEvent
from content.services import content_delete, content_save, content_unpublish
from tests.tasks import DATABASE_TASKS, RQ_TASKS, run_the_worker

pytestmark = pytest.mark.django_db(transaction=True)


class Receiver:
    """An endpoint on loopback that answers each POST with the next of `statuses`."""

    def __init__(self) -> None:
        self.statuses: list[int] = [204]
        self.received: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                status = receiver.statuses[min(len(receiver.received), len(receiver.statuses)) - 1]
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]


@pytest.fixture(params=["database", "rq"])
def receiver(request, settings) -> Iterator[Receiver]:  # type: ignore[no-untyped-def]
    """The receiver, with the tasks on the database backend, and again on RQ (Redis)."""
    if request.param == "rq":
        if not settings.REDIS_URL:
            pytest.skip("tasks on RQ: needs REDIS_URL")
        settings.TASKS = RQ_TASKS
        django_rq.get_connection("default").flushdb()
    else:
        settings.TASKS = DATABASE_TASKS
    settings.WEBHOOK_RETRY_DELAYS = [0] * 9
    endpoint = Receiver()
    thread = threading.Thread(target=endpoint.server.serve_forever, daemon=True)
    thread.start()
    yield endpoint
    endpoint.server.shutdown()
    endpoint.server.server_close()


def _subscribe(url: str, **fields: object) -> Subscription:
    client, _ = ApiClient.objects.create_key(name="Partner clinic", kind="partner")
    chosen = {"events": ["updated"], "item_types": ["condition"], **fields}
    return Subscription.objects.create(client=client, url=url, **chosen)


def _change_tennis_elbow() -> None:
    condition = Condition.objects.get(slug="tennis-elbow")
    condition.summary_en = "Pain on the outer elbow, from the forearm's overworked muscles."
    content_save(item=condition, by=None)


def test_a_change_is_delivered_signed_and_retried_until_the_receiver_takes_it(
    settings, receiver
) -> None:
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    receiver.statuses = [500, 503, 204]
    subscription = _subscribe(f"http://127.0.0.1:{receiver.port}/hooks/ims")

    _change_tennis_elbow()
    run_the_worker()

    assert len(receiver.received) == 3
    headers, body = receiver.received[-1]
    event = Webhook(subscription.secret).verify(body, headers)
    assert event["type"] == "condition.updated"
    assert (event["data"]["slug"], event["data"]["kind"]) == ("tennis-elbow", "updated")
    # The feed's cursor: a receiver that was down catches up from /changes/?since=.
    latest = ContentEvent.objects.latest("id").id
    assert changes.decode(event["data"]["cursor"], epoch=versions.current().epoch) == latest
    # One message, the same id and bytes on every attempt: a receiver drops repeats.
    assert len({h["webhook-id"] for h, _ in receiver.received}) == 1
    assert {b for _, b in receiver.received} == {body}
    delivery = Delivery.objects.get()
    assert delivery.status == "delivered"
    assert [a.status_code for a in delivery.attempts.all()] == [500, 503, 204]


def test_a_private_address_is_refused_without_connecting(settings, receiver) -> None:
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    settings.WEBHOOK_RETRY_DELAYS = [0]
    _subscribe(f"https://127.0.0.1:{receiver.port}/hooks/ims")

    _change_tennis_elbow()
    run_the_worker()

    assert receiver.received == []
    delivery = Delivery.objects.get()
    assert delivery.status == "failed"
    errors = [a.error for a in delivery.attempts.all()]
    assert errors == ["127.0.0.1 resolves to 127.0.0.1, which is not a public address."] * 2


def test_an_endpoint_failing_for_days_is_turned_off_saying_why(
    client, django_user_model, settings, receiver
) -> None:
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    settings.WEBHOOK_RETRY_DELAYS = []
    receiver.statuses = [500]
    subscription = _subscribe(
        f"http://127.0.0.1:{receiver.port}/hooks/ims",
        failing_since=timezone.now() - timedelta(days=3, minutes=1),
    )

    _change_tennis_elbow()
    run_the_worker()

    subscription.refresh_from_db()
    assert not subscription.is_active
    assert "Every delivery failed for 3 days" in subscription.disabled_because
    # The client's own page in the admin says so.
    client.force_login(django_user_model.objects.create_superuser("ops", "ops@clinic.test", "pw"))
    page = client.get(reverse("admin:api_apiclient_change", args=[subscription.client_id]))
    assert "Every delivery failed for 3 days" in page.content.decode()


def test_only_the_events_subscribed_to_are_delivered(settings, receiver) -> None:
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    _subscribe(f"http://127.0.0.1:{receiver.port}/hooks/ims", item_types=["faq"])

    _change_tennis_elbow()
    run_the_worker()

    assert receiver.received == []
    assert not Delivery.objects.exists()


def test_deleting_and_unpublishing_are_told_apart(settings, receiver) -> None:
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    _subscribe(f"http://127.0.0.1:{receiver.port}/hooks/ims", events=["unpublished", "deleted"])

    content_unpublish(item=Condition.objects.get(slug="tennis-elbow"), by=None)
    content_delete(item=Condition.objects.get(slug="golfers-elbow"), by=None)
    run_the_worker()

    sent = sorted(json.loads(body)["type"] for _, body in receiver.received)
    assert sent == ["condition.deleted", "condition.unpublished"]


@pytest.fixture
def subscribing(client, django_user_model) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """An administrator signed in, and the form of a new subscription for a partner."""
    client.force_login(django_user_model.objects.create_superuser("ops", "ops@clinic.test", "pw"))
    partner, _ = ApiClient.objects.create_key(name="Partner clinic", kind="partner")
    return {
        "client": partner.pk,
        "url": "https://partner.example/hooks/ims",
        "events": '["published", "updated"]',
        "item_types": '["condition"]',
        "is_active": "on",
    }


@pytest.mark.django_db
def test_the_admin_shows_a_new_subscriptions_secret_once(client, subscribing) -> None:
    form = subscribing

    added = client.post("/admin/webhooks/subscription/add/", form, follow=True)
    subscription = Subscription.objects.get()
    again = client.get(f"/admin/webhooks/subscription/{subscription.pk}/change/")

    assert subscription.secret.startswith("whsec_")
    assert subscription.secret in added.content.decode()
    assert subscription.secret not in again.content.decode()


@pytest.mark.django_db
def test_an_address_that_is_not_https_is_refused_in_the_admin(client, subscribing) -> None:
    form = {**subscribing, "url": "http://partner.example/hooks/ims", "events": '["teleported"]'}

    page = client.post("/admin/webhooks/subscription/add/", form).content.decode()

    assert "Give an https:// address." in page
    assert "Choose one or more of: published, updated, unpublished, deleted." in page
    assert not Subscription.objects.exists()


@pytest.mark.parametrize(
    "host", ["localhost", "10.1.2.3", "169.254.169.254", "[::1]", "[::ffff:192.168.0.1]"]
)
def test_no_endpoint_inside_the_network_is_posted_to(settings, host: str) -> None:
    settings.WEBHOOKS_ALLOW_PRIVATE = False

    with pytest.raises(targets.Refused, match="which is not a public address"):
        targets.post(f"https://{host}/hooks", b"{}", {})
