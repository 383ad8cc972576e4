"""A repeated anonymous read is answered before the rest of the stack (api/caching/responses.py),
with exactly what the full path sends, and only when the full path would answer it alike."""

from __future__ import annotations

import brotli
import pytest
from django.core.cache import cache

from api.caching import keys, store
from api.caching.store import forget_local_copies
from api.consumers.models import ApiClient
from content.models import Condition
from content.services import content_save

pytestmark = pytest.mark.django_db

LIST = "/api/v1/conditions/?limit=3&expand=mechanisms"
# Set by every request per request: not part of the answer.
PER_REQUEST = {"X-Request-ID", "Content-Security-Policy", "RateLimit-Remaining", "RateLimit-Reset"}


def _answered_in_full(response) -> bool:  # type: ignore[no-untyped-def]
    """The full path routes the request; the kept answer never does."""
    return response.wsgi_request.resolver_match is not None


def _headers(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {k: v for k, v in response.headers.items() if k not in PER_REQUEST}


def test_the_repeat_gets_what_the_first_request_got_without_routing(client, seed) -> None:
    first = client.get(LIST, headers={"Accept-Language": "fr-CA"})
    repeat = client.get(LIST, headers={"Accept-Language": "fr-CA"})

    assert _answered_in_full(first)
    assert not _answered_in_full(repeat)
    assert (repeat.status_code, repeat.content) == (200, first.content)
    assert _headers(repeat) == _headers(first)
    assert repeat["Content-Language"] == "fr-ca"


def test_a_repeat_with_the_validator_gets_a_304_with_its_validators(client, seed) -> None:
    etag = client.get(LIST)["ETag"]

    repeat = client.get(LIST, headers={"If-None-Match": etag})

    assert not _answered_in_full(repeat)
    assert repeat.status_code == 304
    assert repeat.content == b""
    assert repeat["ETag"] == etag
    assert "Accept-Language" in repeat["Vary"]


def test_a_revalidation_answered_in_full_is_answered_early_next_time(client, seed) -> None:
    # The first request, with its body, reached another process.
    etag = client.get(LIST)["ETag"]
    forget_local_copies()

    first = client.get(LIST, headers={"If-None-Match": etag})
    repeat = client.get(LIST, headers={"If-None-Match": etag})
    unconditional = client.get(LIST)

    assert _answered_in_full(first)
    assert not _answered_in_full(repeat)
    assert (first.status_code, repeat.status_code) == (304, 304)
    assert _headers(repeat) == _headers(first)
    # The stored response has its body: the next plain request is answered early too.
    assert not _answered_in_full(unconditional)
    assert unconditional.status_code == 200
    assert unconditional["ETag"] == etag


def test_a_keyed_request_is_answered_from_what_an_anonymous_one_stored(
    client, seed, django_assert_num_queries
) -> None:
    anonymous = client.get(LIST)
    _, key = ApiClient.objects.create_key(name="Main St kiosk", kind="kiosk")
    headers = {"Authorization": f"Api-Key {key}"}
    client.get(LIST, headers=headers)  # the first use of a key also records when it was used

    # 1 the API client of the key, 1 the content version (this test has no shared cache)
    with django_assert_num_queries(2):
        keyed = client.get(LIST, headers=headers)

    assert _answered_in_full(keyed)
    assert (keyed.status_code, keyed.content) == (200, anonymous.content)
    assert keyed["ETag"] == anonymous["ETag"]


def test_other_request_headers_the_answer_varies_on_are_another_answer(client, seed) -> None:
    page = "/api/v1/conditions/?limit=3"
    client.get(page)

    french = client.get(page, headers={"Accept-Language": "fr-CA"})
    linked = client.get(page, headers={"Accept": "application/ld+json"})

    assert _answered_in_full(french)
    assert french["Content-Language"] == "fr-ca"
    assert _answered_in_full(linked)
    assert linked["Content-Type"] == "application/ld+json"


def test_a_change_is_served_at_once(client, seed) -> None:
    client.get("/api/v1/conditions/neck-pain/?fields=name")
    condition = Condition.objects.get(slug="neck-pain")
    condition.name = "Neck pain and stiffness"
    content_save(item=condition, by=None)

    after = client.get("/api/v1/conditions/neck-pain/?fields=name")

    assert after.json() == {"name": "Neck pain and stiffness"}


def test_keys_always_take_the_full_path(client, seed) -> None:
    client.get(LIST)
    client.get(LIST)
    _, key = ApiClient.objects.create_key(name="Main St kiosk", kind="kiosk")

    keyed = client.get(LIST, headers={"Authorization": f"Api-Key {key}"})
    wrong = client.get(LIST, headers={"Authorization": "Api-Key not-a-key"})

    assert _answered_in_full(keyed)
    assert keyed.status_code == 200
    assert wrong.status_code == 401


def test_the_anonymous_rate_limit_counts_repeats_once_each(client, seed, settings) -> None:
    settings.API_RATE_LIMITS = {**settings.API_RATE_LIMITS, "anonymous": 3}
    answers = [client.get(LIST) for _ in range(4)]

    assert [a["RateLimit-Remaining"] for a in answers[:3]] == ["2", "1", "0"]
    assert not _answered_in_full(answers[2])
    refused = answers[3]
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert refused["RateLimit-Remaining"] == "0"


BUNDLE = "/api/v1/bundle/"


def test_a_process_keeps_only_the_form_of_a_body_its_clients_are_sent(client, seed) -> None:
    plain = client.get(BUNDLE)
    client.get(BUNDLE, headers={"Accept-Encoding": "br"})  # its Brotli form made
    # Another process serves Brotli clients alone.
    forget_local_copies()

    sent = [client.get(BUNDLE, headers={"Accept-Encoding": "gzip, deflate, br"}) for _ in range(3)]

    assert [answer["Content-Encoding"] for answer in sent] == ["br"] * 3
    assert brotli.decompress(sent[-1].content) == plain.content
    assert not _answered_in_full(sent[-1])
    # The headers and the Brotli form (12 kB of an 84 kB bundle), not the body as it is.
    assert store.local.bytes < len(plain.content) / 2


def test_an_answer_whose_body_the_shared_cache_lost_is_rendered_again(client, seed) -> None:
    first = client.get(LIST, headers={"Accept-Encoding": "br"})
    etag = client.get(LIST)["ETag"]
    # Redis evicts entries one by one (allkeys-lru): the headers may outlive the bodies.
    cache.delete_many([keys.body(etag, None), keys.body(etag, "br")])
    forget_local_copies()

    revalidated = client.get(LIST, headers={"If-None-Match": etag})
    again = client.get(LIST, headers={"Accept-Encoding": "br"})

    assert revalidated.status_code == 304  # a 304 needs no body
    assert again.status_code == 200
    assert again.content == first.content
    assert brotli.decompress(again.content) == client.get(LIST).content
