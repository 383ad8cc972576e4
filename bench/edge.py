"""`make bench`'s edge row (issue 19): a warm answer through the edge cache against
the physical ceiling of this machine, and how long a publish takes to reach the edge.

- Varnish runs docker/varnish/default.vcl as shipped (but for its backend, the
  bench's gunicorn, and its purge list) in front of the production server; the app
  labels answers with `xkey` and purges Varnish after each change (EDGE_*), and a
  `db_worker` process runs the tasks as `make run` does (polling every second).
- The ceiling: nginx serving the very bytes Varnish sends (gzip: Varnish asks the
  app for gzip whatever the client accepts) as a static file, with the same
  Content-Type and Content-Encoding.
- Warm list and detail: wrk with the same settings as every other run, against each.
- Publish to edge: the publisher saves the first condition (an editor's save of a
  live item: its revision goes up), and Varnish is asked for its detail every 10 ms
  until it answers with a new ETag; PUBLISHES times.
- An image rendition (a generated 640-pixel WebP, as content.renditions makes them,
  in the app's MEDIA_ROOT): served by the app itself (web/media.py), through Varnish,
  and by nginx as a static file.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from PIL import Image as Pillow

from bench import load
from bench.scenarios import BY_NAME
from bench.servers import free_port
from bench.session import ROOT, Bench, say

VARNISHD = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin")
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
SHIPPED_VCL = ROOT / "docker" / "varnish" / "default.vcl"
ENDPOINTS = ("list", "detail")
PUBLISHES = 5
NGINX_CONFIG = """\
daemon off;
{user}
worker_processes 2;
pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    client_body_temp_path {directory}/client_body;
    proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi;
    uwsgi_temp_path {directory}/uwsgi;
    scgi_temp_path {directory}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {directory}/static;
        default_type application/json;
        add_header Content-Encoding gzip;
        add_header Vary Accept-Encoding;
        location = /rendition {{
            default_type image/webp;
            add_header Cache-Control "public, max-age=31536000, immutable";
        }}
    }}
}}
"""


def available() -> bool:
    return VARNISHD is not None and NGINX is not None


def app_settings(port: int, media: Path) -> dict[str, str]:
    """What the app and its worker need to label answers for, and purge, Varnish on
    `port`; and the MEDIA_ROOT the rendition is served from."""
    return {
        "EDGE_KEY_HEADERS": "xkey",
        "EDGE_PURGER": "varnish",
        "EDGE_PURGE_URL": f"http://127.0.0.1:{port}/",
        "MEDIA_ROOT": str(media),
    }


def rendition(media: Path) -> str:
    """Write a 640 by 427 WebP rendition under `media`, named by its content's hash as
    content.renditions names them; its path under /media/."""
    picture = Pillow.new("RGB", (640, 427))
    # A photograph's worth of detail: noise compresses as a photo does not.
    picture.putdata(
        [(x * 7 % 256, y * 5 % 256, (x * y) % 256) for y in range(427) for x in range(640)]
    )
    buffer = io.BytesIO()
    picture.save(buffer, format="WEBP", quality=80, method=4)
    data = buffer.getvalue()
    name = f"images/{hashlib.sha256(data).hexdigest()[:32]}.webp"
    (media / "images").mkdir(parents=True, exist_ok=True)
    (media / name).write_bytes(data)
    return f"/media/{name}"


def measure(bench: Bench, port: int, env: dict[str, str], media_path: str) -> dict[str, Any]:
    """The edge row: warm list and detail through Varnish on `port` and from nginx's
    static files, the rendition at `media_path` from the app, Varnish and nginx, then
    publish-to-edge times (a worker process running the tasks)."""
    rows: dict[str, Any] = {}
    with ExitStack() as stack:
        directory = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="ims-edge-")))
        edge = stack.enter_context(_varnish(directory, port, bench.server.base))
        paths = {name: BY_NAME[name].warm_load(bench.context).paths[0] for name in ENDPOINTS}
        static = directory / "static"
        static.mkdir()
        for name, path in paths.items():
            body, headers = _get(edge + path)  # a miss, then stored
            body, headers = _get(edge + path)
            if headers.get("x-cache") != "HIT" or headers.get("content-encoding") != "gzip":
                raise RuntimeError(f"edge: {path} was not a gzip hit: {headers}")
            (static / name).write_bytes(body)
            rows[name] = {"path": path, "bytes_sent": len(body)}
        image, _ = _get(bench.server.base + media_path)
        (static / "rendition").write_bytes(image)
        ceiling = stack.enter_context(_nginx(directory))
        for name, path in paths.items():
            bench.say(f"edge: {name} through Varnish and from nginx ({bench.seconds:g} s each)")
            rows[name]["edge"] = _wrk(edge, path, bench.seconds)
            rows[name]["ceiling"] = _wrk(ceiling, f"/{name}", bench.seconds)
            rows[name]["ratio"] = round(rows[name]["edge"]["rps"] / rows[name]["ceiling"]["rps"], 2)
        bench.say(
            f"edge: an image rendition from the app, Varnish and nginx ({bench.seconds:g} s each)"
        )
        served = {
            "app": _wrk(bench.server.base, media_path, bench.seconds),
            "edge": _wrk(edge, media_path, bench.seconds),
            "ceiling": _wrk(ceiling, "/rendition", bench.seconds),
        }
        images: dict[str, Any] = {"path": media_path, "bytes": len(image), **served}
        images |= {
            f"ratio_{k}": round(served[k]["rps"] / served["ceiling"]["rps"], 2)
            for k in ("app", "edge")
        }
        stack.enter_context(_worker(bench.app.root, env))
        seconds = sorted(_publish_to_edge(bench, edge, paths["detail"]) for _ in range(PUBLISHES))
    published = {"times": PUBLISHES, "median_seconds": seconds[len(seconds) // 2]}
    published["slowest_seconds"] = seconds[-1]
    say(
        "edge: "
        + ", ".join(f"{n} {r['edge']['rps']}/s ({r['ratio']} of nginx)" for n, r in rows.items())
        + f"; a rendition {images['app']['rps']}/s from the app ({images['ratio_app']} of nginx)"
        + f"; publish to edge {published['median_seconds']} s (median of {PUBLISHES})"
    )
    return {"endpoints": rows, "rendition": images, "publish_to_edge": published}


def _wrk(base: str, path: str, seconds: float) -> dict[str, Any]:
    run = load.Load(paths=(path,), headers=load.BROWSER_HEADERS)
    return load.run(base, run, seconds=seconds).as_dict()


def _publish_to_edge(bench: Bench, edge: str, path: str) -> float:
    """Seconds from the editor's save until Varnish serves the detail it changed."""
    _, before = _get(edge + path)
    bench.server.wait_idle()
    started = time.perf_counter()
    bench.publisher.publish("item")
    while time.perf_counter() - started < 30:
        _, now = _get(edge + path)
        if now["etag"] != before["etag"]:
            return round(time.perf_counter() - started, 2)
        time.sleep(0.01)
    raise RuntimeError(f"edge: {path} did not change within 30 s of a publish")


def _get(url: str) -> tuple[bytes, dict[str, str]]:
    request = urllib.request.Request(url, headers=load.BROWSER_HEADERS)
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read(), {k.lower(): v for k, v in response.headers.items()}


@contextmanager
def _varnish(directory: Path, port: int, backend: str) -> Iterator[str]:
    """varnishd on `port` with the shipped VCL in front of `backend`; its base URL."""
    assert VARNISHD is not None
    backend_port = backend.rsplit(":", 1)[1]
    vcl = SHIPPED_VCL.read_text()
    for shipped, here in [
        ('.host = "nginx";', '.host = "127.0.0.1";'),
        ('.port = "8000";', f'.port = "{backend_port}";'),
        ('    "app";\n', ""),
    ]:
        assert vcl.count(shipped) == 1, f"default.vcl no longer says {shipped!r} once"
        vcl = vcl.replace(shipped, here)
    (directory / "default.vcl").write_text(vcl)
    base = f"http://127.0.0.1:{port}"
    # No jail: its unprivileged user could not read the temporary directory.
    command = [
        VARNISHD, "-F", "-j", "none", "-n", str(directory / "varnish"),
        "-a", f"127.0.0.1:{port}", "-f", str(directory / "default.vcl"), "-s", "malloc,256m",
    ]  # fmt: skip
    with _running(command, ready=base + "/healthz"):
        yield base


@contextmanager
def _nginx(directory: Path) -> Iterator[str]:
    """nginx serving `directory`/static as gzip-encoded JSON files; its base URL."""
    assert NGINX is not None
    port = free_port()
    user = "user root;" if os.geteuid() == 0 else ""
    config = directory / "nginx.conf"
    config.write_text(NGINX_CONFIG.format(directory=directory, user=user, port=port))
    base = f"http://127.0.0.1:{port}"
    command = [NGINX, "-p", str(directory), "-e", str(directory / "error.log"), "-c", str(config)]
    with _running(command, ready=base + "/list"):
        yield base


@contextmanager
def _running(command: list[str], *, ready: str) -> Iterator[None]:
    """`command` running until the block ends, once it answers `ready`."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(ready, process, Path(command[0]).name)
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextmanager
def _worker(root: Path, env: dict[str, str]) -> Iterator[None]:
    """A task worker as `make run` starts one (the Procfile's, polling every second)."""
    command = [sys.executable, "manage.py", "db_worker", "--no-reload", "--queue-name=default"]
    process = subprocess.Popen(
        command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        yield
    finally:
        process.terminate()
        process.wait(timeout=60)


def _wait_for(url: str, process: subprocess.Popen[bytes], name: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}")
        try:
            _get(url)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{name} did not answer {url} within 30 s")
