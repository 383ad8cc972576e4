"""Two levels of storage for derived data: the shared cache and local copies.

The shared cache (Redis in production) is seen by every process; each
process also keeps a small LRU of hot entries in front of it. Everything
stored here is keyed by the content version, so neither level can serve a
stale entry. When the shared cache fails, callers carry on without it: the
database answers, and the failure is logged.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.cache import cache

from web.metrics import count_lookups

logger = logging.getLogger(__name__)

T = TypeVar("T")


class LocalCopies:
    """A small least-recently-used map of this process's hot entries.

    Keys carry the content version, so an entry can never be stale: after a
    change, requests ask for new keys and old entries simply fall out. At most
    `size` entries; with `weigh` (an entry's size in bytes), at most
    `max_bytes` in all, and an entry heavier than that is not kept.
    """

    def __init__(
        self, size: int, *, max_bytes: int = 0, weigh: Callable[[Any], int] | None = None
    ) -> None:
        self._size = size
        self._max_bytes = max_bytes if weigh else 0
        self._weigh = weigh
        self._entries: OrderedDict[str, Any] = OrderedDict()
        self._weights: dict[str, int] = {}
        self._bytes = 0
        self._lock = threading.Lock()
        _every_local_copies.add(self)

    def get_many(self, keys: Iterable[str], *, counted: bool = True) -> dict[str, Any]:
        """The entries of `keys` this process has; `counted`: as local hits in the metrics
        (else the caller counts what it could use)."""
        found = {}
        with self._lock:
            for key in keys:
                if key in self._entries:
                    self._entries.move_to_end(key)
                    found[key] = self._entries[key]
        if counted:
            count_lookups(found, layer="local")
        return found

    def set_many(self, entries: dict[str, Any]) -> None:
        with self._lock:
            if not self._weigh:
                self._entries.update(entries)
            else:
                for key, value in entries.items():
                    self._bytes -= self._weights.pop(key, 0)
                    self._entries.pop(key, None)
                    weight = self._weigh(value)
                    if weight <= self._max_bytes:
                        self._entries[key], self._weights[key] = value, weight
                        self._bytes += weight
            while len(self._entries) > self._size or self._bytes > self._max_bytes:
                key, _ = self._entries.popitem(last=False)
                self._bytes -= self._weights.pop(key, 0)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._weights.clear()
            self._bytes = 0


_every_local_copies: weakref.WeakSet[LocalCopies] = weakref.WeakSet()


def forget_local_copies() -> None:
    """Empty every local copy of this process: for a database whose content
    versions start again (a test's, a benchmark's), where keys could repeat."""
    for copies in list(_every_local_copies):
        copies.clear()


def shared_get_many(keys: Iterable[str]) -> dict[str, Any]:
    """The shared cache's entries for `keys`; none when it is unavailable.

    Callers ask it for what their local copies lacked, so each key counts once
    in the metrics: a local hit, a shared hit, or a miss.
    """
    keys = list(keys)
    try:
        found = cache.get_many(keys)
    except Exception:
        logger.warning("cache unavailable: serving from the database", exc_info=True)
        found = {}
    count_lookups(found, layer="shared")
    count_lookups((key for key in keys if key not in found), layer="miss")
    return found


def shared_set_many(entries: dict[str, Any], *, timeout: int) -> None:
    try:
        cache.set_many(entries, timeout=timeout)
    except Exception:
        logger.warning("cache unavailable: could not store %d entries", len(entries), exc_info=True)


def remembered(key: str, compute: Callable[[], T], *, local: LocalCopies, timeout: int) -> T:
    """The value stored under `key` (a local copy, else the shared cache), else
    `compute()`, stored at both levels. `key` must change with its inputs."""
    found = local.get_many([key])
    if key not in found:
        found = shared_get_many([key])
    if key in found:
        value: T = found[key]
    else:
        value = compute()
        shared_set_many({key: value}, timeout=timeout)
    local.set_many({key: value})
    return value
