"""Background tasks in tests that need them as in production (the suite otherwise runs
them where they are enqueued, conftest.py): Django's Tasks API on the database backend,
or on RQ in Redis, and a worker run in this process until no task is due."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
RQ_TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}


def run_the_worker() -> None:
    """Run every task that is due, and those they enqueue that are due at once."""
    if settings.TASKS == RQ_TASKS:
        _run_rq_worker()
    else:
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def _run_rq_worker() -> None:
    """`manage.py rqworker --burst --with-scheduler`, without forking, until no job
    is due: a burst moves the jobs that are due from RQ's schedule to its queue once,
    at its start, so a retry scheduled during one burst needs another."""
    import django_rq
    from django_tasks_rq import Job
    from rq import SimpleWorker
    from rq.registry import ScheduledJobRegistry

    queue = django_rq.get_queue("default", job_class=Job)
    scheduled = ScheduledJobRegistry(queue=queue)
    while True:
        worker = django_rq.get_worker("default", job_class=Job, worker_class=SimpleWorker)
        worker.work(burst=True, with_scheduler=True, logging_level="WARNING")
        if not scheduled.get_jobs_to_schedule() and not queue.count:
            return
