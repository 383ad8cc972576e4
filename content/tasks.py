"""How background tasks retry (DESIGN 2.10).

Django's Tasks API has no retries of its own. A task decorated with `retried`
(under `@task(takes_context=True)`) that fails is enqueued again, later each time
(FIRST_DELAY, then twice as long each time), up to RETRIES more times; the attempt
that failed stays a failed task result, its traceback in the admin. Only for
idempotent tasks: an attempt may have done part of its work.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django_tasks import TaskContext

RETRIES = 4
FIRST_DELAY = timedelta(seconds=30)


def retried(function: Callable[..., Any]) -> Callable[..., Any]:
    """`function` as a task taking its context: run, and on failure enqueued again
    with `retry` one higher, where the backend can run a task later."""

    def run(context: TaskContext, *args: Any, retry: int = 0, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except Exception:
            task = context.task_result.task
            if retry < RETRIES and task.get_backend().supports_defer:
                later = timezone.now() + FIRST_DELAY * 2**retry
                task.using(run_after=later).enqueue(*args, retry=retry + 1, **kwargs)
            raise

    # Found by its module and name (the task's path), as `function` would be.
    run.__module__, run.__name__ = function.__module__, function.__name__
    run.__qualname__, run.__doc__ = function.__qualname__, function.__doc__
    return run
