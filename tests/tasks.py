"""Background tasks in tests that need them as in production: Django's Tasks API on the
database backend (the suite otherwise runs them where they are enqueued, conftest.py),
and `manage.py db_worker` run in this process until no task is due."""

from __future__ import annotations

from django.core.management import call_command

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def run_the_worker() -> None:
    """Run every task that is due, and those they enqueue that are due at once."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
