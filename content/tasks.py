"""How background tasks retry (DESIGN 2.10).

Django's Tasks API has no retries of its own. A task decorated with `retried`
(under `@task(takes_context=True)`) that fails is enqueued again after the next of
its delays (seconds, from a setting: TASK_RETRY_DELAYS unless it names another),
and given up when they run out; the attempt that failed stays a failed task result,
its traceback in the admin. Only for idempotent tasks: an attempt may have done
part of its work.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskContext


def retried(
    function: Callable[..., Any] | None = None, *, delays: str = "TASK_RETRY_DELAYS"
) -> Any:
    """`function` as a task taking its context: run, and on failure enqueued again
    with `retry` one higher, after settings.<delays>[retry] seconds, where the backend
    can run a task later."""

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        def run(context: TaskContext, *args: Any, retry: int = 0, **kwargs: Any) -> Any:
            try:
                return function(*args, retry=retry, **kwargs)
            except Exception:
                task = context.task_result.task
                if not last_try(retry, delays=delays) and task.get_backend().supports_defer:
                    wait = getattr(settings, delays)[retry]
                    later = timezone.now() + timedelta(seconds=wait)
                    task.using(run_after=later).enqueue(*args, retry=retry + 1, **kwargs)
                raise

        # Found by its module and name (the task's path), as `function` would be.
        run.__module__, run.__name__ = function.__module__, function.__name__
        run.__qualname__, run.__doc__ = function.__qualname__, function.__doc__
        return run

    return decorate(function) if function is not None else decorate


def last_try(retry: int, *, delays: str = "TASK_RETRY_DELAYS") -> bool:
    """Whether attempt `retry` of a `retried` task is its last."""
    return retry >= len(getattr(settings, delays))
