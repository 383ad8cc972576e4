"""The edge, for real (issue 19): Debian's Varnish with docker/varnish/default.vcl as
shipped (but for its backend and purge list) in front of gunicorn, a task worker, and a
change published: the edge serves the change within 2 s while an untouched item stays
cached.
"""

from __future__ import annotations

import http.client
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.faults.conftest import ROOT, Served, free_port, gunicorn_serving

VARNISHD = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin")
pytestmark = pytest.mark.skipif(
    VARNISHD is None,
    reason="edge: needs Varnish (Debian's varnish and varnish-modules; .ci/run installs them)",
)
SHIPPED = ROOT / "docker" / "varnish" / "default.vcl"
CHANGED = "Pain on the outer elbow, from the forearm's overworked muscles."


@dataclass
class Edge:
    varnish: Served
    environment: dict[str, str]

    def publish(self, code: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
            cwd=ROOT, env=self.environment, check=True, timeout=60, stdout=subprocess.DEVNULL,
        )  # fmt: skip


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Edge]:
    directory = tmp_path_factory.mktemp("edge")
    port = free_port()
    settings = {
        "EDGE_KEY_HEADERS": "xkey",
        "EDGE_PURGER": "varnish",
        "EDGE_PURGE_URL": f"http://127.0.0.1:{port}/",
        "API_CACHE_MAX_AGE": "300",
        "WARM_AFTER_PUBLISH": "0",
    }
    with gunicorn_serving(directory, workers=2, seed=True, env=settings) as app:
        vcl = directory / "default.vcl"
        vcl.write_text(
            SHIPPED.read_text()
            .replace('.host = "nginx";', '.host = "127.0.0.1";')
            .replace('.port = "8000";', f'.port = "{app.port}";')
            .replace('    "app";\n', "")
        )
        varnish = subprocess.Popen(
            # No jail: its unprivileged user could not read the test's own directory.
            [VARNISHD, "-F", "-j", "none", "-n", str(directory / "varnish"),
             "-a", f"127.0.0.1:{port}", "-f", str(vcl), "-s", "malloc,32m"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.1"],
            cwd=ROOT, env=app.environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            served = Served(port)
            _wait_for(lambda: served.get("/healthz").status == 200)
            # Loading the seed enqueued a purge per item: the edge starts after them.
            _wait_for(lambda: _tasks_left(directory / "db.sqlite3") == 0, seconds=60)
            yield Edge(served, app.environment)
        finally:
            for process in (worker, varnish):
                process.terminate()
                process.wait(timeout=30)


def _tasks_left(database: Path) -> int:
    with closing(sqlite3.connect(database)) as connection:
        (count,) = connection.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult"
            " WHERE status IN ('READY', 'RUNNING')"
        ).fetchone()
    return int(count)


def _wait_for(ready, seconds: float = 20) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if ready():
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise AssertionError(f"not within {seconds} s")


def test_a_published_change_is_at_the_edge_within_2_s_untouched_items_stay_cached(
    edge: Edge,
) -> None:
    for path in ("/api/v1/conditions/tennis-elbow/", "/api/v1/conditions/headaches/"):
        edge.varnish.get(path)
    cached = edge.varnish.get("/api/v1/conditions/tennis-elbow/")

    edge.publish(
        "from content.models import Condition; from content.services import content_save; "
        "item = Condition.objects.get(slug='tennis-elbow'); "
        f"item.summary_en = {CHANGED!r}; content_save(item=item, by=None)"
    )
    published = time.monotonic()
    _wait_for(
        lambda: CHANGED in edge.varnish.get("/api/v1/conditions/tennis-elbow/").body.decode(),
        seconds=2,
    )
    seen_after = time.monotonic() - published
    untouched = edge.varnish.get("/api/v1/conditions/headaches/")

    assert cached.getheader("X-Cache") == "HIT"
    assert CHANGED not in cached.body.decode()
    assert seen_after < 2
    assert untouched.getheader("X-Cache") == "HIT"


def test_only_the_app_may_purge(edge: Edge) -> None:
    # From 127.0.0.2, which is not in the purge list (localhost and the app).
    connection = http.client.HTTPConnection(
        "127.0.0.1", edge.varnish.port, timeout=5, source_address=("127.0.0.2", 0)
    )
    connection.request("PURGE", "/", headers={"xkey-purge": "ims-lists"})

    assert connection.getresponse().status == 403
