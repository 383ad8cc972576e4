"""An edge cache in front, purged by surrogate key (DESIGN 3): the keys every answer
carries, the keys a change purges, and the purgers' requests, against a stub server
on loopback standing in for Varnish, Fastly and Cloudflare."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from api.caching import purgers
from api.caching.edge import changed_keys
from content.models import BodyRegion, Condition, ContentEvent
from content.services import content_delete, content_save, taxonomy_save

pytestmark = pytest.mark.django_db
HEADERS = ["Surrogate-Key", "xkey", "Cache-Tag"]


class StubEdge:
    """Records each request; answers 200."""

    def __init__(self) -> None:
        self.received: list[tuple[str, str, dict[str, str], bytes]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def _record(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                headers = {k.lower(): v for k, v in self.headers.items()}
                stub.received.append((self.command, self.path, headers, self.rfile.read(length)))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_POST = do_PURGE = _record

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def stub() -> Iterator[StubEdge]:
    edge = StubEdge()
    threading.Thread(target=edge.server.serve_forever, daemon=True).start()
    yield edge
    edge.server.shutdown()
    edge.server.server_close()


def test_every_answer_says_which_keys_purge_it(client, seed, settings) -> None:
    settings.EDGE_KEY_HEADERS = HEADERS
    item = Condition.objects.get(slug="tennis-elbow")

    detail = client.get("/api/v1/conditions/tennis-elbow/")
    listed = client.get("/api/v1/conditions/")
    again = client.get("/api/v1/conditions/")  # answered from the stored response
    missing = client.get("/api/v1/conditions/no-such-condition/")

    assert detail["Surrogate-Key"] == f"ims ims-v1 ims-item-{item.pk}"
    assert detail["xkey"] == detail["Surrogate-Key"]
    assert detail["Cache-Tag"] == f"ims,ims-v1,ims-item-{item.pk}"
    assert listed["Surrogate-Key"] == again["Surrogate-Key"] == "ims ims-v1 ims-lists"
    assert missing["Surrogate-Key"] == "ims ims-v1 ims-lists"


def test_no_keys_unless_an_edge_is_configured(client, seed) -> None:
    assert "Surrogate-Key" not in client.get("/api/v1/conditions/tennis-elbow/")


def test_a_change_purges_the_items_it_changed_and_the_lists_only(seed) -> None:
    region = BodyRegion.objects.get(slug="elbow")
    region.name = "Elbow and forearm"
    taxonomy_save(term=region, by=None)
    stamp = Condition.objects.get(slug="tennis-elbow").stamp

    keys = changed_keys(stamp)

    shown_in = {str(pk) for pk in region.conditions.values_list("pk", flat=True)}
    assert keys[0] == "ims-lists"
    assert {key.removeprefix("ims-item-") for key in keys[1:]} >= shown_in
    untouched = Condition.objects.get(slug="headaches")
    assert f"ims-item-{untouched.pk}" not in keys


def test_a_deleted_item_is_purged_too(seed, reviewer) -> None:
    item = Condition.objects.get(slug="golfers-elbow")
    content_delete(item=item, by=reviewer)

    removed = ContentEvent.objects.latest("id")

    assert f"ims-item-{item.pk}" in changed_keys(removed.version)


def test_a_published_change_is_purged_at_the_edge(
    seed, settings, stub, django_capture_on_commit_callbacks
) -> None:
    settings.EDGE_PURGER = "fastly"
    settings.EDGE_PURGE_API = stub.url
    settings.FASTLY_SERVICE_ID, settings.FASTLY_API_TOKEN = "svc123", "token-1"
    condition = Condition.objects.get(slug="tennis-elbow")
    condition.summary_en = "Pain on the outer elbow, from the forearm's overworked muscles."

    with django_capture_on_commit_callbacks(execute=True):
        content_save(item=condition, by=None)

    ((method, path, headers, body),) = stub.received
    assert (method, path, headers["fastly-key"]) == ("POST", "/service/svc123/purge", "token-1")
    assert json.loads(body)["surrogate_keys"] == changed_keys(condition.stamp)


def test_varnish_is_sent_purge_with_the_keys_in_a_header(stub) -> None:
    purgers.VarnishPurger(stub.url + "/").purge(["ims-lists", "ims-item-1"])

    ((method, path, headers, _),) = stub.received
    assert (method, path, headers["xkey-purge"]) == ("PURGE", "/", "ims-lists ims-item-1")


def test_cloudflare_is_sent_the_tags_thirty_at_a_time(stub) -> None:
    keys = [f"ims-item-{n}" for n in range(45)]

    purgers.CloudflarePurger(stub.url, "zone9", "token-2").purge(keys)

    assert [path for _, path, _, _ in stub.received] == ["/zones/zone9/purge_cache"] * 2
    assert {h["authorization"] for _, _, h, _ in stub.received} == {"Bearer token-2"}
    assert [json.loads(b)["tags"] for *_, b in stub.received] == [keys[:30], keys[30:]]
