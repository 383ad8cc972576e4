"""Settings come from the environment and refuse bad values at start-up."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import cache


def _settings_with(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import config.settings as s; print(s.DATABASES['default']['ENGINE'])",
        ],
        env={**clean, **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )


def test_secret_key_is_required_when_debug_is_off() -> None:
    result = _settings_with(DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off." in result.stderr


def test_the_default_database_is_an_embedded_sqlite_file() -> None:
    result = _settings_with(SECRET_KEY="x")

    assert result.stdout.strip() == "django.db.backends.sqlite3"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "maybe"}, "DEBUG='maybe' is not a boolean"),
        ({"DATABASE_CONN_MAX_AGE": "ten"}, "DATABASE_CONN_MAX_AGE='ten' is not an integer"),
        ({"DATABASE_URL": "nonsense://x"}, "DATABASE_URL is not a database URL"),
        ({"REDIS_URL": "localhost:6379"}, "REDIS_URL must start with redis://"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL='LOUD' must be one of"),
        (
            {"CANONICAL_URL_TEMPLATE": "https://x.test/"},
            "CANONICAL_URL_TEMPLATE must contain {slug}",
        ),
        ({"TASKS_BACKEND": "celery"}, "TASKS_BACKEND: database or rq."),
        ({"TASKS_BACKEND": "rq", "REDIS_URL": ""}, "TASKS_BACKEND=rq keeps the tasks in Redis"),
    ],
)
def test_a_bad_value_stops_start_up_with_a_clear_message(env: dict[str, str], message: str) -> None:
    result = _settings_with(SECRET_KEY="x", **env)

    assert result.returncode != 0
    assert message in result.stderr


def test_postgresql_connections_persist_and_are_health_checked() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings as s; d = s.DATABASES['default'];"
         "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"],
        env={**os.environ, "SECRET_KEY": "x", "DATABASE_URL": "postgres://u@127.0.0.1:5432/db"},
        capture_output=True, text=True, cwd=settings.BASE_DIR, check=True,
    )  # fmt: skip

    assert result.stdout.split() == ["600", "True"]


@pytest.mark.skipif(not settings.REDIS_URL, reason="REDIS_URL is not set")
def test_the_cache_is_the_redis_that_redis_url_names() -> None:
    import redis

    cache.set("settings-test", "shared", timeout=30)

    raw = redis.Redis.from_url(settings.REDIS_URL)
    assert raw.exists(cache.make_and_validate_key("settings-test")) == 1
    cache.delete("settings-test")


def test_make_run_starts_without_a_warning_on_the_embedded_database(tmp_path) -> None:
    # `make run` migrates an SQLite file with DEBUG on; its checks run against it.
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env = {**clean, "DEBUG": "true", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--database", "default"],
        env=env, capture_output=True, text=True, cwd=settings.BASE_DIR, check=False,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert "WARNINGS" not in done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


@pytest.mark.skipif(not settings.REDIS_URL, reason="REDIS_URL is not set")
def test_tasks_on_rq_start_with_their_workers_command() -> None:
    env = {**os.environ, "SECRET_KEY": "x", "TASKS_BACKEND": "rq"}
    done = subprocess.run(
        [sys.executable, "manage.py", "check"],
        env=env, capture_output=True, text=True, cwd=settings.BASE_DIR, check=False,
    )  # fmt: skip
    help_text = subprocess.run(
        [sys.executable, "manage.py", "rqworker", "--help"],
        env=env, capture_output=True, text=True, cwd=settings.BASE_DIR, check=False,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout
    assert "--with-scheduler" in help_text.stdout
