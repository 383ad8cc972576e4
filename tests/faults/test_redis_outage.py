"""Redis goes away and comes back: published content keeps being served (DESIGN 2.6).

Against a real redis-server of the test's own (conftest.private_redis), with
the production cache settings: killed, the API answers from the database,
fast, and /readyz says the cache is down; restarted on the same port, the
cache fills again with no restart of the app.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from django.test import Client

from api.caching.store import forget_local_copies
from content import versions
from content.models import Condition
from content.services import content_save
from tests.faults.conftest import PrivateRedis

pytestmark = pytest.mark.django_db

URLS = [
    "/api/v1/conditions/tennis-elbow/",
    "/api/v1/conditions/?body_region=elbow&expand=mechanisms",
    "/api/v1/faqs/?limit=3",
    "/api/v1/search/?q=tenis%20elbow",
    "/api/v1/body-regions/",
]
# A killed Redis refuses connections at once; a hung one costs the first call
# its 1 s socket timeout, and the calls of the next FAIL_FAST_SECONDS nothing.
SECONDS_PER_REQUEST = 1.5
FAIL_FAST_SECONDS = 2
# How long a process keeps the content version it read (the setting's default).
CONTENT_VERSION_LOCAL_SECONDS = 1


@pytest.fixture
def redis_cache(settings, private_redis: PrivateRedis) -> Iterator[PrivateRedis]:  # type: ignore[no-untyped-def]
    # As config/settings.py configures REDIS_URL. Changing CACHES makes Django
    # drop its cache connections, here and again on restore.
    settings.CACHES = {
        "default": {
            "BACKEND": "config.caches.FailFastRedisCache",
            "LOCATION": private_redis.url,
            "KEY_PREFIX": "ims",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
            "FAIL_FAST_SECONDS": FAIL_FAST_SECONDS,
        }
    }
    # The content version comes from the shared cache, as in production.
    settings.CONTENT_VERSION_CACHE_SECONDS = 30
    # Each process keeps hot entries in front of Redis; without them every
    # request below has to go through the shared cache (or the database).
    forget_local_copies()
    yield private_redis
    forget_local_copies()


def _bodies(client: Client) -> dict[str, bytes]:
    bodies = {}
    for url in URLS:
        started = time.monotonic()
        response = client.get(url)
        assert time.monotonic() - started < SECONDS_PER_REQUEST, url
        assert response.status_code == 200, (url, response.content[:300])
        bodies[url] = response.content
    return bodies


def test_content_is_served_from_the_database_while_redis_is_down(
    client: Client, seed: None, redis_cache: PrivateRedis
) -> None:
    before = _bodies(client)
    assert redis_cache.stored_keys(), "the responses were cached in Redis"

    redis_cache.kill()
    forget_local_copies()

    assert _bodies(client) == before
    # Twice: nothing half-stored by the failed writes is served.
    assert _bodies(client) == before


def test_readyz_reports_the_cache_down_then_up(
    client: Client, seed: None, redis_cache: PrivateRedis
) -> None:
    assert client.get("/readyz").status_code == 200

    redis_cache.kill()
    down = client.get("/readyz")

    assert down.status_code == 200
    assert down.json() == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "unavailable"},
    }

    redis_cache.start()

    assert _eventually_ok(client, "/readyz").json()["checks"] == {"database": "ok", "cache": "ok"}


def test_the_cache_fills_again_when_redis_returns(
    client: Client, seed: None, redis_cache: PrivateRedis
) -> None:
    before = _bodies(client)
    redis_cache.kill()
    forget_local_copies()
    assert _bodies(client) == before

    redis_cache.start()  # empty: nothing survived the restart
    assert redis_cache.stored_keys() == []
    forget_local_copies()
    time.sleep(FAIL_FAST_SECONDS)  # until the app asks Redis again

    for _ in range(3):
        assert _bodies(client) == before
        if len(redis_cache.stored_keys()) >= len(URLS):
            break
    keys = [key.decode() for key in redis_cache.stored_keys()]
    assert any(":resp:" in key for key in keys), keys
    assert any("content-version" in key for key in keys), keys


def test_a_hung_redis_costs_a_request_at_most_one_timeout(
    client: Client, seed: None, redis_cache: PrivateRedis
) -> None:
    # Found by this test: every cache call waited out its own 1 s timeout, so
    # each request took 4 to 8 seconds while Redis hung (config/caches.py).
    before = _bodies(client)
    redis_cache.pause()
    forget_local_copies()

    started = time.monotonic()
    assert _bodies(client) == before
    assert _bodies(client) == before
    assert time.monotonic() - started < 3

    redis_cache.resume()
    time.sleep(FAIL_FAST_SECONDS)
    assert _eventually_ok(client, "/readyz").json()["checks"]["cache"] == "ok"


def test_a_publish_while_redis_hangs_is_not_undone_when_it_resumes(
    client: Client, seed: None, redis_cache: PrivateRedis, django_capture_on_commit_callbacks
) -> None:
    # Found by fault injection: Redis kept the version from before the publish,
    # and once it answered again every process served the older content for the
    # rest of CONTENT_VERSION_CACHE_SECONDS (63 of 208 answers, for 22 s).
    detail = URLS[0]
    assert client.get(detail).status_code == 200  # the version is in Redis
    redis_cache.pause()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            condition = Condition.objects.get(slug="tennis-elbow")
            condition.summary = "Published while Redis hung."
            content_save(item=condition, by=None)  # its write to Redis fails
    finally:
        redis_cache.resume()
    time.sleep(FAIL_FAST_SECONDS + CONTENT_VERSION_LOCAL_SECONDS)

    # This process saw the publish: Redis's older version does not take it back...
    assert client.get(detail).json()["summary"] == "Published while Redis hung."
    # ...and it put the newer one back in Redis, for the processes that did not.
    versions.forget_local_copy()
    forget_local_copies()
    assert client.get(detail).json()["summary"] == "Published while Redis hung."


def _eventually_ok(client: Client, url: str):  # type: ignore[no-untyped-def]
    # The first command after a restart may still meet a connection from
    # before it (redis-py then reconnects), and for FAIL_FAST_SECONDS after a
    # failure the cache is not asked at all.
    for _ in range(10):
        response = client.get(url)
        # /readyz is a 200 while only the cache is down: `ok` says it is back.
        if response.status_code == 200 and response.json().get("status", "ok") == "ok":
            return response
        time.sleep(FAIL_FAST_SECONDS / 4)
    raise AssertionError(f"{url} did not recover: {response.status_code} {response.content!r}")
