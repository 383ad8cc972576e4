"""The Redis cache backend: Django's, failing fast while Redis is down, and
keeping its Redis client; and the counters that limits keep in the cache.

Every caller of the cache carries on without it (the database answers, the
rate limit lets requests through; each logs the failure). With Django's own
backend a Redis that stops answering still costs each cache call its socket
timeout, and a request makes several: a request took 4 to 8 seconds instead
of milliseconds. Here, once a call has failed to reach Redis, the calls of the
next `FAIL_FAST_SECONDS` (a key of the cache's settings, default 2) fail at
once, and the first call after that tries Redis again.

Django's client also builds a new `redis.Redis` for every call (it registers
some 170 response callbacks): in `make bench` that was 0.67 ms of each of the
three cache calls of a cold detail, a quarter of its time in process. A
`redis.Redis` is a handle on a thread-safe connection pool, so with one server
`KeptClients` builds it once, through `get_client`, the hook Django names for
custom clients. Choosing the client class is `RedisCache._class`, a private
attribute: `KEEP_CLIENTS: False` in the cache's settings (REDIS_KEEP_CLIENTS)
turns it off, and tests/test_caches.py pins what it relies on.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

import redis
from django.conf import settings
from django.core.cache import BaseCache, cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

OUTAGES = (redis.ConnectionError, redis.TimeoutError)
DEFAULT_FAIL_FAST_SECONDS = 2.0

T = TypeVar("T")


class KeptClients(RedisCacheClient):
    """Django's client, with one `redis.Redis` per role (read, write) when there is one server."""

    def __init__(self, servers: list[str], **options: Any) -> None:
        super().__init__(servers, **options)
        self._single_server = len(servers) == 1
        self._kept: dict[bool, redis.Redis] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> redis.Redis:
        if not self._single_server:
            return super().get_client(key, write=write)
        client = self._kept.get(write)
        if client is None:
            client = self._kept[write] = super().get_client(key, write=write)
        return client


class FailFastRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        if params.get("KEEP_CLIENTS", True):
            self._class = KeptClients
        self.fail_fast_seconds = float(params.get("FAIL_FAST_SECONDS", DEFAULT_FAIL_FAST_SECONDS))
        self._down_until = 0.0

    def _guarded(self, call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        if time.monotonic() < self._down_until:
            raise redis.ConnectionError("Redis failed moments ago; not waiting for it again yet.")
        try:
            return call(*args, **kwargs)
        except OUTAGES:
            self._down_until = time.monotonic() + self.fail_fast_seconds
            raise

    def add(self, *args: Any, **kwargs: Any) -> bool:
        return self._guarded(super().add, *args, **kwargs)

    def get(self, *args: Any, **kwargs: Any) -> Any:
        return self._guarded(super().get, *args, **kwargs)

    def set(self, *args: Any, **kwargs: Any) -> None:
        self._guarded(super().set, *args, **kwargs)

    def touch(self, *args: Any, **kwargs: Any) -> bool:
        return self._guarded(super().touch, *args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> bool:
        return self._guarded(super().delete, *args, **kwargs)

    def get_many(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return self._guarded(super().get_many, *args, **kwargs)

    def has_key(self, *args: Any, **kwargs: Any) -> bool:
        return self._guarded(super().has_key, *args, **kwargs)

    def incr(self, *args: Any, **kwargs: Any) -> int:
        return self._guarded(super().incr, *args, **kwargs)

    def set_many(self, *args: Any, **kwargs: Any) -> list[Any]:
        return self._guarded(super().set_many, *args, **kwargs)

    def delete_many(self, *args: Any, **kwargs: Any) -> None:
        self._guarded(super().delete_many, *args, **kwargs)

    def clear(self) -> None:
        self._guarded(super().clear)


class OutageLog:
    """What callers that carry on without the shared cache log: one WARNING per
    `interval` seconds in each process, with how many calls failed since the
    last, rather than a traceback per call (a request makes several) that would
    flood the log for as long as Redis is down."""

    def __init__(self, *, interval: float = 10.0) -> None:
        self.interval = interval
        self._lock = threading.Lock()
        self._failed = 0
        self._next_report = 0.0

    def report_next(self) -> None:
        """Report the next failure at once, whenever the last report was."""
        with self._lock:
            self._next_report = 0.0

    def failed(self, what: str, error: BaseException) -> None:
        with self._lock:
            self._failed += 1
            now = time.monotonic()
            if now < self._next_report:
                return
            failed, self._failed, self._next_report = self._failed, 0, now + self.interval
        logger.warning(
            "shared cache unavailable: %d call(s) failed in this process since the last report "
            "(at most %g s ago), carrying on without it; latest: %s: %r",
            failed, self.interval, what, error,
        )  # fmt: skip


outages = OutageLog()

# Where count() counts while the shared cache cannot: this process's memory.
PROCESS_COUNTS = LocMemCache("process-counts", {})


def count(key: str, *, timeout: int) -> tuple[int, bool]:
    """Add one to the counter `key` (made with `timeout` seconds to live), and
    say whether every process shares the count.

    Counted in the shared cache; while it cannot count, in this process's
    memory (PROCESS_COUNTS), so that a limit built on it holds, roughly,
    instead of letting everything through. A limit divides itself by the
    number of processes when the count is not shared.
    """
    try:
        return _count(cache, key, timeout), True
    except Exception as error:
        outages.failed(f"counting {key} in this process", error)
        return _count(PROCESS_COUNTS, key, timeout), False


def allowed(limit: int, *, shared: bool) -> int:
    """What `limit` allows a count: all of it when every process shares the
    count, else this process's share (settings.API_RATE_PROCESSES divides it)."""
    return limit if shared else max(1, limit // settings.API_RATE_PROCESSES)


def current(key: str) -> tuple[int, bool]:
    """The counter `key` as count() keeps it, without adding to it."""
    try:
        return int(cache.get(key, 0)), True
    except Exception:
        return int(PROCESS_COUNTS.get(key, 0)), False


def uncount(key: str) -> None:
    """Take back one count() of `key` (in whichever cache holds it)."""
    for counts in (cache, PROCESS_COUNTS):
        try:
            counts.decr(key)
            return
        except Exception:
            continue


def _count(cache: BaseCache, key: str, timeout: int) -> int:
    try:
        cache.add(key, 0, timeout=timeout)
        return int(cache.incr(key))
    except ValueError:
        # The key expired between add and incr: this is its window's first count.
        cache.set(key, 1, timeout=timeout)
        return 1
