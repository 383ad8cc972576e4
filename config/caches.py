"""The Redis cache backend: Django's, failing fast while Redis is down, and
keeping its client objects.

Every caller of the cache carries on without it (the database answers, the
rate limit lets requests through; each logs the failure). With Django's own
backend a Redis that stops answering still costs each cache call its socket
timeout, and a request makes several: a request took 4 to 8 seconds instead
of milliseconds. Here, once a call has failed to reach Redis, the calls of the
next `FAIL_FAST_SECONDS` (a key of the cache's settings, default 2) fail at
once, and the first call after that tries Redis again.

Django's client also builds a new `redis.Redis` for every call (about 0.15 ms:
it registers some 170 response callbacks), a third of a cold API request's
time spent outside PostgreSQL. A `redis.Redis` is only a handle on its
connection pool and is safe to share, so one per pool is kept.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import redis
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

OUTAGES = (redis.ConnectionError, redis.TimeoutError)
DEFAULT_FAIL_FAST_SECONDS = 2.0


class KeptClients(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, redis.Redis] = {}

    # Django's private helpers, which its stubs leave out.
    def get_client(self, key: Any = None, *, write: bool = False) -> redis.Redis:
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]  # kept for good
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client


class FailFastRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = KeptClients
        self.fail_fast_seconds = float(params.get("FAIL_FAST_SECONDS", DEFAULT_FAIL_FAST_SECONDS))
        self._down_until = 0.0


def _guarded(name: str) -> Callable[..., Any]:
    unguarded = getattr(RedisCache, name)

    def method(self: FailFastRedisCache, *args: Any, **kwargs: Any) -> Any:
        if time.monotonic() < self._down_until:
            raise redis.ConnectionError("Redis failed moments ago; not waiting for it again yet.")
        try:
            return unguarded(self, *args, **kwargs)
        except OUTAGES:
            self._down_until = time.monotonic() + self.fail_fast_seconds
            raise

    method.__name__ = name
    return method


for _name in (
    "add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "set_many",
    "delete_many", "clear",
):  # fmt: skip
    setattr(FailFastRedisCache, _name, _guarded(_name))
