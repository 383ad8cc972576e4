"""Background work on Django's Tasks API, run by a real worker (DESIGN 2.10).

The rest of the suite runs tasks where they are enqueued (tests/conftest.py); here
they go through the database backend, as in production, and `manage.py db_worker`
runs them: in a process of its own on PostgreSQL (it must see what the test
committed, and what it renders must reach the test's cache, Redis), in this one
elsewhere. One test does the same on RQ, with `manage.py rqworker`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import django_rq
import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from api.caching.representations import Resource
from content.models import FAQ, Condition, Mechanism
from content.services import content_save
from tests.tasks import DATABASE_TASKS, RQ_TASKS, run_the_worker

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(django_settings.BASE_DIR)


DB_WORKER = ["db_worker", "--batch", "--no-startup-delay", "--no-reload"]
RQ_WORKER = ["rqworker", "--burst", "--with-scheduler", "--job-class", "django_tasks_rq.Job"]


def _run_a_worker_process(command: list[str] = DB_WORKER, **env: str) -> None:
    """A worker, a process of its own, on the test database, until no task is left."""
    database = connection.settings_dict
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, **env},
        check=True,
        timeout=120,
        capture_output=True,
    )


@pytest.mark.postgres_only
def test_a_worker_renders_a_published_change_before_anyone_asks(
    client, settings, django_user_model
) -> None:
    settings.TASKS = DATABASE_TASKS
    settings.WARM_AFTER_PUBLISH = 50
    condition = Condition.objects.get(slug="tennis-elbow")
    condition.summary_en = "Pain on the outer elbow, from the forearm's overworked muscles."

    content_save(item=condition, by=None)

    (queued,) = DBTaskResult.objects.all()
    assert (queued.task_path, queued.status) == ("api.caching.warming.warm", "READY")
    _run_a_worker_process()
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    with CaptureQueriesContext(connection) as queries:
        item = client.get("/api/v1/conditions/tennis-elbow/").json()
    # The first reader gets the change, stored by the worker: only the content
    # version and the item's stamp are read, nothing is rendered.
    assert item["summary"] == condition.summary_en
    assert len(queries) == 2
    # An administrator sees what ran, and how it ended, in the admin.
    client.force_login(django_user_model.objects.create_superuser("ops", "ops@clinic.test", "pw"))
    listed = client.get("/admin/django_tasks_database/dbtaskresult/").content.decode()
    assert str(queued.id) in listed
    assert "Successful" in listed


@pytest.mark.postgres_only
@pytest.mark.skipif(not django_settings.REDIS_URL, reason="tasks on RQ: needs REDIS_URL")
def test_on_rq_an_rq_worker_renders_a_published_change(client, settings) -> None:
    settings.TASKS = RQ_TASKS
    settings.WARM_AFTER_PUBLISH = 50
    django_rq.get_connection("default").flushdb()
    condition = Condition.objects.get(slug="tennis-elbow")
    condition.summary_en = "Pain on the outer elbow, from the forearm's overworked muscles."

    content_save(item=condition, by=None)

    queue = django_rq.get_queue("default")
    assert queue.count == 1
    _run_a_worker_process(RQ_WORKER, TASKS_BACKEND="rq")
    assert queue.count == 0
    assert django_rq.get_queue("default").finished_job_registry.count == 1
    with CaptureQueriesContext(connection) as queries:
        item = client.get("/api/v1/conditions/tennis-elbow/").json()
    assert item["summary"] == condition.summary_en
    assert len(queries) == 2


@pytest.mark.postgres_only
def test_without_a_worker_readers_render_the_change_themselves(client, settings) -> None:
    settings.TASKS = DATABASE_TASKS
    settings.WARM_AFTER_PUBLISH = 50
    condition = Condition.objects.get(slug="tennis-elbow")
    condition.summary_en = "Pain on the outer elbow, from the forearm's overworked muscles."

    content_save(item=condition, by=None)

    with CaptureQueriesContext(connection) as queries:
        item = client.get("/api/v1/conditions/tennis-elbow/").json()
    # Never the representation from before the change, whether or not a worker runs.
    assert item["summary"] == condition.summary_en
    assert len(queries) > 2
    assert DBTaskResult.objects.get().status == "READY"


def test_a_failed_warm_up_is_retried_later_and_the_failure_kept(settings, monkeypatch) -> None:
    settings.TASKS = DATABASE_TASKS
    settings.WARM_AFTER_PUBLISH = 50
    # Due at once, so that the worker below runs the retry too (30 s in production).
    settings.TASK_RETRY_DELAYS = [0, 0, 0, 0]
    render = Resource.render
    failures = iter([RuntimeError("the cache went away")])

    def fails_once(*args, **kwargs):  # type: ignore[no-untyped-def]
        for failure in failures:
            raise failure
        return render(*args, **kwargs)

    monkeypatch.setattr(Resource, "render", fails_once)
    condition = Condition.objects.get(slug="tennis-elbow")
    condition.summary_en = "Pain on the outer elbow, from the forearm's overworked muscles."

    content_save(item=condition, by=None)
    run_the_worker()

    failed, retried = DBTaskResult.objects.order_by("enqueued_at")
    assert (failed.status, failed.args_kwargs["kwargs"]) == ("FAILED", {})
    assert "the cache went away" in failed.traceback
    assert (retried.status, retried.args_kwargs["kwargs"]) == ("SUCCESSFUL", {"retry": 1})
    assert retried.args_kwargs["args"] == failed.args_kwargs["args"]
    # Every item the change stamped (the condition and those that show it), warmed.
    stamp = Condition.objects.get(pk=condition.pk).stamp
    changed = sum(
        model.objects.filter(status="published", stamp=stamp).count()
        for model in (Condition, FAQ, Mechanism)
    )
    assert retried.return_value == changed > 1


def test_a_warm_up_that_keeps_failing_is_given_up_after_its_retries(settings, monkeypatch) -> None:
    settings.TASKS = DATABASE_TASKS
    settings.WARM_AFTER_PUBLISH = 50
    settings.TASK_RETRY_DELAYS = [0, 0, 0, 0]

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("renderer broke")

    monkeypatch.setattr(Resource, "render", broken)
    content_save(item=Condition.objects.get(slug="tennis-elbow"), by=None)
    run_the_worker()

    attempts = DBTaskResult.objects.order_by("enqueued_at")
    assert [a.status for a in attempts] == ["FAILED"] * 5
    assert [a.args_kwargs["kwargs"].get("retry", 0) for a in attempts] == [0, 1, 2, 3, 4]
