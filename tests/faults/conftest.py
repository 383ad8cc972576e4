"""Real services for the fault tests: a private redis-server each test can kill, and
gunicorn serving the app as `make run` and the image serve it."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest
import redis
from django.conf import settings

REDIS_SERVER = shutil.which("redis-server")
ROOT = Path(settings.BASE_DIR)
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PrivateRedis:
    """A redis-server of this test's own on 127.0.0.1, stopped and started at will."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        assert REDIS_SERVER is not None
        self._process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = self.client()
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def kill(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait(timeout=10)
            self._process = None

    def pause(self) -> None:
        """Still accepting connections, never answering: a hung Redis."""
        assert self._process is not None
        self._process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self._process is not None
        self._process.send_signal(signal.SIGCONT)

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port, socket_connect_timeout=1, socket_timeout=1)

    def stored_keys(self) -> list[bytes]:
        return [key for key in self.client().keys("*") if isinstance(key, bytes)]


@pytest.fixture
def private_redis() -> Iterator[PrivateRedis]:
    if REDIS_SERVER is None:
        pytest.skip("needs the redis-server binary on PATH")
    server = PrivateRedis(free_port())
    server.start()
    try:
        yield server
    finally:
        if server._process is not None:
            server.resume()
        server.kill()


@dataclass(frozen=True)
class Reply:
    status: int
    headers: Message
    body: bytes

    def getheader(self, name: str) -> str | None:
        return self.headers.get(name)


class Served:
    """An HTTP server on 127.0.0.1, asked one request per connection."""

    def __init__(self, port: int, environment: Mapping[str, str] | None = None) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        # What the server's processes run with (gunicorn_serving), for others beside them.
        self.environment = dict(environment or {})

    def get(
        self,
        path: str,
        headers: Mapping[str, str] | None = None,
        *,
        source: str | None = None,
        timeout: float = 20,
    ) -> Reply:
        """GET `path`, from the address `source` of 127/8 when given (a client of its own)."""
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=timeout, source_address=(source, 0) if source else None
        )
        try:
            connection.request("GET", path, headers=dict(headers or {}))
            response = connection.getresponse()
            return Reply(response.status, response.headers, response.read())
        finally:
            connection.close()


@contextmanager
def gunicorn_serving(
    directory: Path,
    *,
    workers: int,
    seed: bool = False,
    env: Mapping[str, str] | None = None,
) -> Iterator[Served]:
    """gunicorn with config/gunicorn.py and `workers` workers on a free port of
    127.0.0.1, DEBUG off, on a new SQLite database in `directory` (migrated, and
    with the seed content when `seed`) and a per-process cache; `env` adds to or
    overrides the environment it is given."""
    environment = {
        **{k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "PYTHONPATH"}},
        "DATABASE_URL": f"sqlite:///{directory / 'db.sqlite3'}",
        "SECRET_KEY": "served-tests-only",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "ERROR",
        **(env or {}),
    }
    commands = [["migrate", "--no-input"]] + ([["load_content", "--keep-existing"]] if seed else [])
    for command in commands:
        subprocess.run(
            [sys.executable, "manage.py", *command, "--verbosity", "0"],
            cwd=ROOT, env=environment, check=True, timeout=120, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    port = free_port()
    server = subprocess.Popen(
        [BIN / "gunicorn", "--config", "config/gunicorn.py", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "config.wsgi"],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        served = Served(port, environment)
        for _ in range(200):
            try:
                if served.get("/healthz").status == 200:
                    break
            except OSError:
                time.sleep(0.05)
        else:
            raise RuntimeError("gunicorn did not start")
        yield served
    finally:
        server.terminate()
        server.wait(timeout=30)
