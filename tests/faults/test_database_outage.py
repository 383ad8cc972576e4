"""PostgreSQL connections die and the database goes away: the app recovers by itself.

Against the app as it runs in production: gunicorn, DEBUG off, persistent
connections with health checks (config/settings.py, config/postgresql), on a database of this
module's own on the test server. The faults come from a second connection
(psycopg): pg_terminate_backend, a lock, ALLOW_CONNECTIONS.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from tests.faults.conftest import free_port

pytestmark = pytest.mark.postgres_only

ROOT = Path(settings.BASE_DIR)
BIN = Path(sys.executable).parent
URLS = ["/api/v1/conditions/tennis-elbow/", "/api/v1/faqs/?limit=3", "/api/v1/search/?q=elbow"]


@dataclass
class Served:
    url: str
    database: str
    admin: str  # a connection string to the server's `postgres` database

    def get(self, path: str, timeout: float = 20) -> tuple[int, str, bytes]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as response:
                return response.status, response.headers["Content-Type"], response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers["Content-Type"], error.read()

    def sql(self, statement: str) -> list[tuple[object, ...]]:
        with psycopg.connect(self.admin, autocommit=True) as connection:
            cursor = connection.execute(statement)
            return cursor.fetchall() if cursor.description else []

    def kill_connections(self) -> int:
        rows = self.sql(
            # Waits (up to 5 s) for each to end: the next request finds it ended.
            "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
            f"WHERE datname = '{self.database}' AND pid <> pg_backend_pid()"
        )
        return len(rows)


def _server_url(database: str) -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{database}"


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    database = f"ims_fault_{uuid.uuid4().hex[:10]}"
    served = Served(url="", database=database, admin=_server_url("postgres"))
    served.sql(f"CREATE DATABASE {database}")
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "PYTHONPATH"}},
        "DATABASE_URL": _server_url(database),
        "SECRET_KEY": "fault-tests-only",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "API_RATE_ANONYMOUS": "0",
        "LOG_LEVEL": "ERROR",
    }
    server = None
    try:
        for command in (["migrate", "--no-input"], ["load_content"]):
            subprocess.run(
                [sys.executable, "manage.py", *command, "--verbosity", "0"],
                cwd=ROOT, env=env, check=True, timeout=120,
            )  # fmt: skip
        port = free_port()
        # One sync worker: every request below meets the same connection.
        server = subprocess.Popen(
            [BIN / "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
             "--timeout", "30"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        served.url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                if served.get("/healthz", timeout=1)[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not start")
        yield served
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        served.sql(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


def test_a_connection_killed_between_requests_costs_no_request(served: Served) -> None:
    before = {url: served.get(url) for url in URLS}
    assert {status for status, _, _ in before.values()} == {200}

    for url in URLS:
        assert served.kill_connections() >= 1
        # The health check on the persistent connection finds it dead and reconnects.
        assert served.get(url) == before[url]


def test_a_connection_killed_mid_request_is_a_503_then_served_again(served: Served) -> None:
    assert served.get(URLS[0])[0] == 200
    answers: list[tuple[int, str, bytes]] = []
    with psycopg.connect(served.admin.rsplit("/", 1)[0] + f"/{served.database}") as blocker:
        # Every request reads the content version first; this holds it still.
        blocker.execute("LOCK TABLE content_contentversion IN ACCESS EXCLUSIVE MODE")
        request = threading.Thread(target=lambda: answers.append(served.get(URLS[0])))
        request.start()
        waiting = _backend_waiting_for_a_lock(served)
        served.sql(f"SELECT pg_terminate_backend({waiting})")
        request.join(timeout=20)
        blocker.rollback()

    status, content_type, body = answers[0]
    assert (status, content_type) == (503, "application/problem+json")
    assert b'"status":503' in body
    # The next request gets a new connection.
    assert [served.get(url)[0] for url in URLS] == [200, 200, 200]


def test_readyz_and_the_api_report_a_database_outage_and_recover(served: Served) -> None:
    assert served.get("/readyz")[0] == 200
    served.sql(f"ALTER DATABASE {served.database} ALLOW_CONNECTIONS false")
    try:
        served.kill_connections()
        status, content_type, body = served.get("/readyz")
        assert status == 503
        assert content_type == "application/problem+json"
        assert b'"checks":{"database":"unavailable","cache":"ok"}' in body.replace(b" ", b"")

        status, content_type, _ = served.get(URLS[0])
        assert (status, content_type) == (503, "application/problem+json")
    finally:
        served.sql(f"ALTER DATABASE {served.database} ALLOW_CONNECTIONS true")

    assert served.get("/readyz")[0] == 200
    assert [served.get(url)[0] for url in URLS] == [200, 200, 200]


def _backend_waiting_for_a_lock(served: Served) -> int:
    for _ in range(100):
        rows = served.sql(
            "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            f"AND datname = '{served.database}'"
        )
        if rows:
            return int(rows[0][0])  # type: ignore[call-overload]
        time.sleep(0.1)
    raise AssertionError("no request came to wait for the lock")
