"""Slow clients cannot block the service behind nginx (issue 15).

A sync gunicorn worker reads a request until its headers end: a client that
sends a header line every few seconds, never ending them, holds a worker, and
a few such clients hold all of them. Against real processes: gunicorn with 2
sync workers as config/gunicorn.py configures it, and Debian's nginx with
docker/nginx.conf as shipped (but for its port and upstream) in front of it.
Slow clients that stall gunicorn met directly leave a request through nginx
answered at once. The same nginx passes what the app answers itself (a long
header's 431 problem), answers what it must answer itself as a problem, and
lets the app see each client's own address and never one the client made up.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from tests.faults.conftest import ROOT, Served, free_port, gunicorn_serving

NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
pytestmark = pytest.mark.skipif(
    NGINX is None, reason="slow clients: needs nginx (Debian's package; .ci/run installs it)"
)

FRONT_CONFIG = ROOT / "docker" / "nginx.conf"
PROBLEM = "application/problem+json"
URL = "/api/v1/conditions/"
# The four slow clients, against gunicorn's two workers.
SLOW_CLIENTS = 4
SLOW_HEADER_SECONDS = 1.0
# Long enough for any answer from an idle app, short of a stalled one's (a
# stalled worker is restarted after gunicorn's timeout, 30 s).
CLIENT_TIMEOUT_SECONDS = 3.0
# What an idle app takes at most to answer URL, with room to spare.
PROMPT_SECONDS = 1.0
# Low, so that the client-address test can reach it with a few requests; the
# other tests send each request from an address of its own (new_client()).
RATE_ANONYMOUS = 2

# What nginx answers itself (docker/nginx.conf), as it says it.
NGINX_PROBLEMS = {
    414: {
        "type": "about:blank",
        "title": "Request-URI Too Long",
        "status": 414,
        "detail": "The URL is limited to 8000 bytes.",
    },
    431: {
        "type": "about:blank",
        "title": "Request Header Fields Too Large",
        "status": 431,
        "detail": "A header line is limited to 16 KiB.",
    },
    502: {
        "type": "about:blank",
        "title": "Bad Gateway",
        "status": 502,
        "detail": "The service is unavailable for a moment; try again shortly.",
    },
}

# The rest of what the official image's nginx.conf sets around conf.d/, with
# this test's own files, and no need for root.
MAIN_CONFIG = """\
daemon off;
{user}
worker_processes 1;
pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
events {{
    worker_connections 256;
}}
http {{
    access_log off;
    default_type application/octet-stream;
    client_body_temp_path {directory}/client_body;
    proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi;
    uwsgi_temp_path {directory}/uwsgi;
    scgi_temp_path {directory}/scgi;
    include {directory}/front.conf;
}}
"""

_clients = itertools.count()


def new_client() -> str:
    """An address of 127/8 that no request came from yet: a client of its own."""
    number = next(_clients)
    return f"127.1.{number // 250}.{number % 250 + 1}"


@contextmanager
def nginx_front(directory: Path, *, upstream_port: int) -> Iterator[Served]:
    """nginx on a free port of 127.0.0.1, serving docker/nginx.conf in front of
    127.0.0.1:`upstream_port` (the shipped file's `app:8000`)."""
    assert NGINX is not None
    port = free_port()
    front = FRONT_CONFIG.read_text()
    for shipped, here in [
        ("listen 8000;", f"listen 127.0.0.1:{port};"),
        ("server app:8000;", f"server 127.0.0.1:{upstream_port};"),
    ]:
        assert front.count(shipped) == 1, f"docker/nginx.conf no longer says {shipped!r} once"
        front = front.replace(shipped, here)
    (directory / "front.conf").write_text(front)
    # Started by root, nginx runs its workers as nobody, who could not read
    # this test's directory.
    user = "user root;" if os.geteuid() == 0 else ""
    (directory / "nginx.conf").write_text(MAIN_CONFIG.format(directory=directory, user=user))
    error_log = directory / "error.log"
    process = subprocess.Popen(
        [NGINX, "-p", str(directory), "-e", str(error_log), "-c", str(directory / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(200):
            if process.poll() is not None:
                raise RuntimeError(f"nginx did not start: {error_log.read_text()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise RuntimeError("nginx did not listen")
        yield Served(port)
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def slow_clients(port: int) -> Iterator[list[socket.socket]]:
    """SLOW_CLIENTS connections to `port` that send a request line, then a
    header line every SLOW_HEADER_SECONDS, and never end their headers."""
    connections = [socket.create_connection(("127.0.0.1", port)) for _ in range(SLOW_CLIENTS)]
    stop = threading.Event()

    def send(line: bytes) -> None:
        for connection in connections:
            # One the server dropped has nothing more to say (is_waiting tells).
            with suppress(OSError):
                connection.sendall(line)

    def trickle() -> None:
        for number in itertools.count():
            if stop.wait(SLOW_HEADER_SECONDS):
                return
            send(f"X-Slow-{number}: 1\r\n".encode())

    send(f"GET {URL} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode())
    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    try:
        # Long enough for the server to take each connection and read a header line.
        time.sleep(SLOW_HEADER_SECONDS)
        yield connections
    finally:
        stop.set()
        thread.join()
        for connection in connections:
            connection.close()


def is_waiting(connection: socket.socket) -> bool:
    """Whether the server still waits for the rest of the request on `connection`:
    it answered nothing and closed nothing."""
    try:
        connection.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
    except BlockingIOError:
        return True
    return False


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    env = {
        "GUNICORN_WORKERS": "2",
        "GUNICORN_WORKER_CLASS": "sync",
        "GUNICORN_THREADS": "1",
        # As docker-compose.yml has it behind nginx.
        "API_TRUSTED_PROXIES": "1",
        "API_RATE_ANONYMOUS": str(RATE_ANONYMOUS),
        # One window for the whole module, but for a day's end.
        "API_RATE_WINDOW": "86400",
        # As behind a TLS proxy in production: the app believes X-Forwarded-Proto,
        # and says so with Strict-Transport-Security on what it takes for HTTPS.
        "BEHIND_TLS_PROXY": "true",
        "SECURE_HSTS_SECONDS": "60",
    }
    directory = tmp_path_factory.mktemp("app")
    with gunicorn_serving(directory, workers=2, seed=True, env=env) as served:
        yield served


@pytest.fixture(scope="module")
def front(tmp_path_factory: pytest.TempPathFactory, app: Served) -> Iterator[Served]:
    with nginx_front(tmp_path_factory.mktemp("nginx"), upstream_port=app.port) as served:
        yield served


def test_slow_clients_do_not_delay_a_request_through_nginx(front: Served) -> None:
    with slow_clients(front.port) as held:
        for _ in range(3):
            started = time.monotonic()
            reply = front.get(URL, source=new_client(), timeout=CLIENT_TIMEOUT_SECONDS)

            assert reply.status == 200
            assert time.monotonic() - started < PROMPT_SECONDS
            time.sleep(SLOW_HEADER_SECONDS)
        assert all(is_waiting(connection) for connection in held), "nginx still holds them"


def test_the_same_slow_clients_hold_every_gunicorn_worker_without_nginx(app: Served) -> None:
    with slow_clients(app.port), pytest.raises(TimeoutError):
        app.get(URL, source=new_client(), timeout=CLIENT_TIMEOUT_SECONDS)

    assert app.get(URL, source=new_client(), timeout=CLIENT_TIMEOUT_SECONDS).status == 200


@pytest.mark.parametrize(
    ("size", "status", "problem"),
    [
        (6 * 1024, 200, None),
        # Past nginx's default buffer (8 KiB), which would answer with a page of its own.
        (
            12 * 1024,
            431,
            {
                "type": "about:blank",
                "title": "Request Header Fields Too Large",
                "status": 431,
                "detail": "A header is limited to 8192 bytes: X-Trace.",
            },
        ),
        # Past what gunicorn lets through (16 KiB).
        (20 * 1024, 431, NGINX_PROBLEMS[431]),
    ],
)
def test_a_long_header_meets_the_apps_limit_through_nginx(
    front: Served, size: int, status: int, problem: dict[str, object] | None
) -> None:
    reply = front.get(URL, headers={"X-Trace": "t" * size}, source=new_client())

    assert reply.status == status
    if problem is not None:
        assert reply.getheader("Content-Type") == PROBLEM
        assert json.loads(reply.body) == problem


@pytest.mark.parametrize(
    ("length", "problem"),
    [
        (
            6000,
            {
                "type": "about:blank",
                "title": "Request-URI Too Long",
                "status": 414,
                "detail": "The query string is limited to 2048 bytes.",
            },
        ),
        # Past what gunicorn's request line can carry (8,190 bytes).
        (9000, NGINX_PROBLEMS[414]),
        # Past nginx's buffers (16 KiB).
        (20000, NGINX_PROBLEMS[414]),
    ],
)
def test_a_long_url_is_a_414_problem_through_nginx(
    front: Served, length: int, problem: dict[str, object]
) -> None:
    reply = front.get(f"{URL}?q=" + "a" * length, source=new_client())

    assert (reply.status, reply.getheader("Content-Type")) == (414, PROBLEM)
    assert json.loads(reply.body) == problem


def test_nginx_answers_a_problem_while_gunicorn_is_down(tmp_path: Path) -> None:
    with nginx_front(tmp_path, upstream_port=free_port()) as front:
        reply = front.get(URL)

    assert (reply.status, reply.getheader("Content-Type")) == (502, PROBLEM)
    assert json.loads(reply.body) == NGINX_PROBLEMS[502]


def test_a_response_passes_through_nginx_as_the_app_made_it(app: Served, front: Served) -> None:
    path = "/api/v1/conditions/tennis-elbow/"
    headers = {"Accept-Encoding": "gzip"}
    direct = app.get(path, headers=headers, source=new_client())
    through = front.get(path, headers=headers, source=new_client())

    assert through.status == direct.status == 200
    assert through.getheader("Content-Encoding") == "gzip"
    for name in ["Content-Type", "Content-Encoding", "ETag", "Vary", "Cache-Control"]:
        assert through.getheader(name) == direct.getheader(name), name
    assert gzip.decompress(through.body) == gzip.decompress(direct.body)


def test_the_app_counts_each_client_by_its_own_address_behind_nginx(front: Served) -> None:
    # Each from an address of its own, all claiming the same one: none is
    # limited, so the app counted neither nginx's address nor the claimed one
    # (each worker allows RATE_ANONYMOUS requests per address).
    made_up = {"X-Forwarded-For": "10.0.0.1"}
    statuses = [front.get(URL, headers=made_up, source=new_client()).status for _ in range(6)]
    assert statuses == [200] * 6

    # From one address, each claiming another: counted together, so limited.
    # Nine, so that even split by a window's end, one window holds more than
    # both workers allow.
    source = new_client()
    statuses = [
        front.get(URL, headers={"X-Forwarded-For": f"10.0.1.{n}"}, source=source).status
        for n in range(9)
    ]
    assert 429 in statuses


def test_the_app_believes_only_nginxs_word_on_the_scheme(app: Served, front: Served) -> None:
    made_up = {"X-Forwarded-Proto": "https"}

    through = front.get(URL, headers=made_up, source=new_client())
    direct = app.get(URL, headers=made_up, source=new_client())

    assert through.getheader("Strict-Transport-Security") is None
    assert direct.getheader("Strict-Transport-Security") is not None, "the app believed it"
