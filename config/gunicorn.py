"""gunicorn's settings, from the environment: `gunicorn -c config/gunicorn.py config.wsgi`.

Used by `make run` and the Docker image. Command-line flags still win (make
run passes --bind). On SIGTERM gunicorn stops accepting connections and lets
workers finish their requests for up to `graceful_timeout` seconds.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from config.settings import env_int, env_str

bind = env_str("GUNICORN_BIND", default="0.0.0.0:8000")
workers = env_int("GUNICORN_WORKERS", default=2, minimum=1)
# More than one thread makes gunicorn use its gthread worker.
threads = env_int("GUNICORN_THREADS", default=1, minimum=1)
worker_class = env_str("GUNICORN_WORKER_CLASS", default="gthread" if threads > 1 else "sync")
timeout = env_int("GUNICORN_TIMEOUT", default=30, minimum=1)
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", default=30)
# Seconds an idle keep-alive connection stays open (gthread); behind a load
# balancer, longer than the balancer's own idle timeout avoids races on reuse.
keepalive = env_int("GUNICORN_KEEPALIVE", default=5)
# gunicorn's own limits, above the app's (API_MAX_QUERY_STRING_BYTES, 2 KiB;
# API_MAX_HEADER_BYTES, 8 KiB; API_MAX_HEADER_COUNT, 100) so that the app
# answers a long query string, a long header or too many headers with its 414
# or 431 problem. Past these, gunicorn answers with a page of its own: a
# request line over 8,190 bytes (its maximum), a header line over 16 KiB or
# more than 1,000 headers.
limit_request_line = 8190
limit_request_field_size = 16384
limit_request_fields = 1000
max_requests = env_int("GUNICORN_MAX_REQUESTS", default=0)
max_requests_jitter = env_int("GUNICORN_MAX_REQUESTS_JITTER", default=0)

# The app logs one line per request itself (web/requestlog.py), with the
# request id and API client; gunicorn's access log would say it again.
accesslog = None
errorlog = "-"
loglevel = env_str("LOG_LEVEL", default="info").lower()

# Each worker counts its own metrics; prometheus_client's multiprocess mode
# keeps them in files that /metrics adds up. It must be set before a worker
# imports prometheus_client (workers are forked from this process, so not even
# the master may import it first); without a directory given, a fresh one.
_own_directory = "PROMETHEUS_MULTIPROC_DIR" not in os.environ
if _own_directory:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="ims-metrics-")


def on_starting(server: Any) -> None:
    """Start from zero: metric files left by an earlier run would be added in."""
    directory = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.db"):
        stale.unlink()


def child_exit(server: Any, worker: Any) -> None:
    """A dead worker's live gauges stop counting (its counters still add up)."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server: Any) -> None:
    if _own_directory:
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
