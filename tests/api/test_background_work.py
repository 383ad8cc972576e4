"""Background work on Django's Tasks API, run by a real worker process (DESIGN 2.10).

The rest of the suite runs tasks where they are enqueued (tests/conftest.py); here
they go through the database backend, as in production, and `manage.py db_worker`
runs them in a process of its own. PostgreSQL only: the worker must see what the
test committed, and what it renders must reach the test's cache (Redis).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from content.models import Condition
from content.services import content_save

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

ROOT = Path(django_settings.BASE_DIR)
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _run_the_worker() -> None:
    """`manage.py db_worker` on the test database, until no task is left."""
    database = connection.settings_dict
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        check=True,
        timeout=120,
        capture_output=True,
    )


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
    _run_the_worker()
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
