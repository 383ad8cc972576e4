"""Errors as a client meets them through gunicorn, configured as `make run` and the image run it.

What the test client cannot show: gunicorn's own limits on the request line
and headers (config/gunicorn.py), a path that starts with `//`, and the raw
path that gunicorn passes beside the decoded one (an encoded slash).
"""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from tests.faults.conftest import free_port

ROOT = Path(settings.BASE_DIR)
BIN = Path(sys.executable).parent
PROBLEM = "application/problem+json"


class Served:
    def __init__(self, port: int) -> None:
        self.port = port

    def get(self, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        response.read()
        connection.close()
        return response


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    database = tmp_path_factory.mktemp("served") / "db.sqlite3"
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "PYTHONPATH"}},
        "DATABASE_URL": f"sqlite:///{database}",
        "SECRET_KEY": "served-tests-only",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "ERROR",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "--verbosity", "0"],
        cwd=ROOT, env=env, check=True, timeout=120,
    )  # fmt: skip
    port = free_port()
    server = subprocess.Popen(
        [BIN / "gunicorn", "--config", "config/gunicorn.py", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "config.wsgi"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        served = Served(port)
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


@pytest.mark.parametrize(
    "path", ["//api/v1/conditions/", "/API/V1/", "/api/v1/body-regions/%C2%84/"]
)
def test_a_path_no_route_matches_is_a_not_found_problem(served: Served, path: str) -> None:
    response = served.get(path)

    assert (response.status, response.getheader("Content-Type")) == (404, PROBLEM)


@pytest.mark.parametrize("path", ["/api%2Fv1%2Fconditions%2F", "/api/v1%2Fconditions/"])
def test_an_encoded_slash_does_not_reach_a_route(served: Served, path: str) -> None:
    response = served.get(path)

    assert (response.status, response.getheader("Content-Type")) == (404, PROBLEM)
    assert served.get("/api/v1/conditions/").status == 200


def test_a_query_string_past_the_apps_limit_is_its_414_problem(served: Served) -> None:
    # Past gunicorn's default request line (4,094 bytes), short of its maximum.
    response = served.get("/api/v1/conditions/?q=" + "a" * 6000)

    assert (response.status, response.getheader("Content-Type")) == (414, PROBLEM)


def test_a_header_past_the_apps_limit_is_its_431_problem(served: Served) -> None:
    # Past gunicorn's default header line (8,190 bytes), short of its limit here.
    response = served.get("/api/v1/conditions/", headers={"X-Trace": "t" * 12000})

    assert (response.status, response.getheader("Content-Type")) == (431, PROBLEM)
