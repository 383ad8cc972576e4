"""The PostgreSQL backend's health check (config/postgresql): no round trip for
a live connection, and a connection the server ended is found dead."""

from __future__ import annotations

import psycopg
import pytest
from django.db import connection

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def _server() -> psycopg.Connection[tuple[object, ...]]:
    """A second connection to the test database, to watch and to end the first."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("options", None)
    return psycopg.connect(**params, autocommit=True)


def _last_statement(watcher: psycopg.Connection[tuple[object, ...]], pid: int) -> object:
    row = watcher.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone()
    return row[0] if row else None


def test_a_live_connection_is_usable_without_a_query() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid() /* before the check */")
        pid = cursor.fetchone()[0]

    with _server() as watcher:
        assert connection.is_usable()
        # The server saw nothing after the last statement (Django's check sends SELECT 1).
        assert _last_statement(watcher, pid) == "SELECT pg_backend_pid() /* before the check */"


def test_a_connection_the_server_ended_is_not_usable_and_is_replaced() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]

    with _server() as watcher:
        # Waits (up to 5 s) until the backend has gone.
        assert watcher.execute("SELECT pg_terminate_backend(%s, 5000)", [pid]).fetchone() == (True,)

    assert not connection.is_usable()
    connection.health_check_done = False
    connection.close_if_health_check_failed()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
