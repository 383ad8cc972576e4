"""A consistent view of the database for reads that must agree with each other."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def snapshot() -> Iterator[None]:
    """Inside `transaction.atomic()`: every read sees the same committed state.

    PostgreSQL's REPEATABLE READ gives one snapshot for the whole transaction
    (it must be set before its first query, so only in an outermost block: a
    test's enclosing transaction already sees one state); SQLite's
    transactions already do.
    """
    if connection.vendor == "postgresql" and len(connection.atomic_blocks) == 1:
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
    yield
