"""The two-level store of everything the API derives from content.

The shared cache (Redis in production) is seen by every process; in front of
it each process keeps one least-recently-used copy of its hot entries,
bounded in bytes by settings.API_LOCAL_CACHE_MB: responses, representations,
counts and stamps share that one budget. Every key carries what its value
depends on (api.caching.keys), the content version among them, so neither
level can serve a stale entry. When the shared cache fails, callers carry on
without it: the database answers, and the failure is logged.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import orjson
from django.conf import settings
from django.core.cache import cache

from config.caches import outages
from web.metrics import count_lookups

T = TypeVar("T")

# A Python dict of strings takes about three times its JSON in memory.
_OBJECT_OVERHEAD = 3
# What keeping an entry costs beside its key's characters and its value: the key's
# string header, the entry and its place in the order (255 bytes for an
# 81-character key holding a stamp, tracemalloc).
ENTRY_BYTES = 160


def weigh(value: Any) -> int:
    """About how many bytes `value` holds in this process."""
    size = getattr(value, "size", None)
    if isinstance(size, int):
        return size
    if isinstance(value, bytes):
        return len(value)
    return len(orjson.dumps(value, default=str)) * _OBJECT_OVERHEAD


def _exact(value: Any) -> Any:
    """`value`, bytes in a buffer of their own length: orjson never trims the buffer
    it writes into (4 KB or more however short the document, from 3.12 16 KB and up
    to 8 times its length), so the representations it rendered, kept as they were,
    held three to four times the budget (a 20 MB budget: 74 MB of a worker)."""
    return bytes(memoryview(value)) if type(value) is bytes else value


class LocalCopies:
    """This process's least-recently-used copies of entries, at most `max_bytes` in all,
    keys and bookkeeping included.

    An entry heavier than a tenth of the budget is not kept: one large
    document (a bundle) must not push out everything else.
    """

    def __init__(self, *, max_bytes: int) -> None:
        self._max_bytes = max_bytes
        self._entries: OrderedDict[str, tuple[Any, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @property
    def bytes(self) -> int:
        return self._bytes

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        found = {}
        with self._lock:
            for key in keys:
                entry = self._entries.get(key)
                if entry is not None:
                    self._entries.move_to_end(key)
                    found[key] = entry[0]
        return found

    def set_many(self, entries: dict[str, Any]) -> None:
        weighed = {
            key: (value, weigh(value) + len(key) + ENTRY_BYTES) for key, value in entries.items()
        }
        # Copied only if kept: a bundle is not, and is 155 MB for the large bench set.
        kept = {
            key: (_exact(value), weight)
            for key, (value, weight) in weighed.items()
            if weight * 10 <= self._max_bytes
        }
        with self._lock:
            for key in weighed:
                old = self._entries.pop(key, None)
                if old is not None:
                    self._bytes -= old[1]
            for key, entry in kept.items():
                self._entries[key] = entry
                self._bytes += entry[1]
            while self._bytes > self._max_bytes:
                _, (_, weight) = self._entries.popitem(last=False)
                self._bytes -= weight

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0


local = LocalCopies(max_bytes=settings.API_LOCAL_CACHE_MB * 1024 * 1024)


def get_many(keys: Iterable[str]) -> dict[str, Any]:
    """The entries of `keys`: this process's copies, else the shared cache's (then kept here)."""
    keys = list(keys)
    found = local.get_many(keys)
    count_lookups(found, layer="local")
    if len(found) < len(keys):
        shared = _shared_get_many([key for key in keys if key not in found])
        local.set_many(shared)
        found.update(shared)
    return found


def set_many(entries: dict[str, Any], *, timeout: int, keep_here: bool = True) -> None:
    """Store `entries` in the shared cache and, unless not `keep_here`, in this
    process's copies too (else they are kept here once read again)."""
    if not entries:
        return
    if keep_here:
        local.set_many(entries)
    try:
        cache.set_many(entries, timeout=timeout)
    except Exception as error:
        outages.failed(f"storing {len(entries)} entries", error)


def remembered(key: str, compute: Callable[[], T], *, timeout: int) -> T:
    """The value stored under `key`, else `compute()`, stored. `key` must change with its inputs."""
    found = get_many([key])
    if key in found:
        value: T = found[key]
        return value
    value = compute()
    set_many({key: value}, timeout=timeout)
    return value


def forget_local_copies() -> None:
    """Empty this process's copies: for a database whose content versions start
    again (a test's, a benchmark's), where keys could repeat."""
    local.clear()


def _shared_get_many(keys: list[str]) -> dict[str, Any]:
    # Each key counts once in the metrics: a local hit, a shared hit, or a miss.
    try:
        found = cache.get_many(keys)
    except Exception as error:
        outages.failed("reading stored entries; serving from the database", error)
        found = {}
    count_lookups(found, layer="shared")
    count_lookups((key for key in keys if key not in found), layer="miss")
    return found
