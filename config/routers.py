"""Reads of the public API from a PostgreSQL read replica (DATABASE_REPLICA_URL).

Only configured when settings.DATABASE_REPLICA_URL is set: settings then add
the `replica` database, this router and `ReplicaReadsMiddleware`. Reads go
to the replica only while a safe request under /api/ is being answered and
no transaction is open on the primary; everything else (writes, the admin,
management commands, reads inside `transaction.atomic()` such as the
bundle's snapshot) stays on `default`.

The content version that keys every cached response is read on the primary
(or from Redis, written after each commit), so the replica must be a
synchronous standby that has applied a commit before it is acknowledged
(PostgreSQL `synchronous_commit = remote_apply`); a lagging replica could
otherwise have content older than the version it is stored under.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

reads_from_replica: ContextVar[bool] = ContextVar("reads_from_replica", default=False)


class ReplicaRouter:
    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        if reads_from_replica.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return REPLICA
        return None

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        # Both databases hold the same rows.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS


class ReplicaReadsMiddleware:
    """Lets ReplicaRouter send the reads of safe /api/ requests to the replica."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = reads_from_replica.set(
            request.method in _SAFE_METHODS and request.path_info.startswith("/api/")
        )
        try:
            return self.get_response(request)
        finally:
            reads_from_replica.reset(token)
