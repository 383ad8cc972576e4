"""Production settings: the deploy checks, the read replica and the server's configuration."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from config.routers import REPLICA, ReplicaRouter, reads_from_replica
from content.models import Condition

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k7#Vq2!xR9@pL4$wZ8^mN3&bT6*yH1(cJ5)fG0-sD-uE_oA+iK=rW~vQ",
    "ALLOWED_HOSTS": "content.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://content.example.org",
    "BEHIND_TLS_PROXY": "true",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_PRELOAD": "true",
    "METRICS_TOKEN": "a-long-random-metrics-token",
}


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )


def _documented_production_settings() -> dict[str, str]:
    """The example block of docs/operating.md, "Settings a deployment needs"."""
    text = (Path(settings.BASE_DIR) / "docs" / "operating.md").read_text()
    section = text.split("## Settings a deployment needs", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    return dict(line.split("=", 1) for line in block.splitlines() if line.strip())


def test_the_deploy_checks_report_nothing_with_the_documented_settings() -> None:
    documented = _documented_production_settings()
    assert documented["SECRET_KEY"].startswith("<")  # a placeholder: a real one here
    result = _run(
        "import django; django.setup(); from django.core.management import call_command;"
        "call_command('check', '--deploy', '--fail-level', 'WARNING')",
        **{**documented, "DEBUG": "false", "SECRET_KEY": PRODUCTION["SECRET_KEY"]},
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_deploy_checks_catch_a_weak_configuration() -> None:
    result = _run(
        "import django; django.setup(); from django.core.management import call_command;"
        "call_command('check', '--deploy', '--fail-level', 'WARNING')",
        **{**PRODUCTION, "SECURE_HSTS_SECONDS": "0", "SESSION_COOKIE_SECURE": "false"},
    )

    assert result.returncode != 0
    assert "security.W004" in result.stderr
    assert "security.W012" in result.stderr


def test_a_replica_url_adds_the_replica_database_and_its_router() -> None:
    result = _run(
        "import config.settings as s; r = s.DATABASES['replica'];"
        "print(r['NAME'], r['TEST'], s.DATABASE_ROUTERS, 'config.routers.ReplicaReadsMiddleware'"
        " in s.MIDDLEWARE)",
        SECRET_KEY="x",
        DATABASE_REPLICA_URL="postgres://reader@replica.internal:5432/ims",
    )

    assert result.stdout.split(" ", 1) == [
        "ims",
        "{'MIRROR': 'default'} ['config.routers.ReplicaRouter'] True\n",
    ]


def test_without_a_replica_url_nothing_is_routed() -> None:
    assert set(settings.DATABASES) == {"default"}
    assert getattr(settings, "DATABASE_ROUTERS", []) == []
    assert "config.routers.ReplicaReadsMiddleware" not in settings.MIDDLEWARE


@pytest.fixture
def api_request() -> Iterator[None]:
    token = reads_from_replica.set(True)
    yield
    reads_from_replica.reset(token)


def test_the_router_sends_api_reads_to_the_replica_and_writes_to_the_primary(
    api_request: None,
) -> None:
    router = ReplicaRouter()

    assert router.db_for_read(Condition) == REPLICA
    assert router.db_for_write(Condition) == "default"
    assert router.allow_migrate("default", "content") is True
    assert router.allow_migrate(REPLICA, "content") is False


def test_the_router_reads_from_the_primary_inside_a_transaction(
    api_request: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As inside transaction.atomic() on the primary.
    monkeypatch.setattr(connection, "in_atomic_block", True)

    assert ReplicaRouter().db_for_read(Condition) is None


def test_the_router_leaves_other_requests_and_commands_on_the_primary() -> None:
    assert ReplicaRouter().db_for_read(Condition) is None


def test_the_middleware_marks_only_safe_api_requests(rf) -> None:
    from config.routers import ReplicaReadsMiddleware

    seen = {}

    def view(request):  # type: ignore[no-untyped-def]
        seen[request.method, request.path] = reads_from_replica.get()
        return None

    middleware = ReplicaReadsMiddleware(view)
    for request in (rf.get("/api/v1/conditions/"), rf.post("/api/v1/x/"), rf.get("/admin/")):
        middleware(request)

    assert seen == {
        ("GET", "/api/v1/conditions/"): True,
        ("POST", "/api/v1/x/"): False,
        ("GET", "/admin/"): False,
    }
    assert reads_from_replica.get() is False


def test_gunicorn_reads_its_settings_from_the_environment(tmp_path) -> None:
    result = _run(
        "import runpy, os; c = runpy.run_path('config/gunicorn.py');"
        "print(c['workers'], c['threads'], c['worker_class'], c['timeout'], c['graceful_timeout'],"
        " c['keepalive'], c['accesslog'], os.environ['PROMETHEUS_MULTIPROC_DIR'])",
        SECRET_KEY="x",
        GUNICORN_WORKERS="4",
        GUNICORN_THREADS="8",
        GUNICORN_GRACEFUL_TIMEOUT="20",
        PROMETHEUS_MULTIPROC_DIR=str(tmp_path),
    )

    assert result.stdout.split() == ["4", "8", "gthread", "30", "20", "5", "None", str(tmp_path)]


def test_a_serving_process_loads_no_seed_file_machinery() -> None:
    # pydantic (content.documents, the seed-file format) costs each worker about
    # 8 MB; only loading and exporting content files need it.
    loaded = _run(
        "import django, sys; django.setup(); "
        "from django.core.handlers.wsgi import WSGIHandler; WSGIHandler(); "
        "from django.urls import get_resolver; get_resolver().url_patterns; "
        "print(sorted(m for m in ('pydantic', 'content.documents') if m in sys.modules))",
        **PRODUCTION,
    )

    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == "[]"
