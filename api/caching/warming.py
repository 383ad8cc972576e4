"""Representations warmed after publishing (DESIGN 2.9), before readers ask.

A change stamps every item whose representation it alters with the value of
the content version it moves to (content.stamps). Once it has committed,
content.versions sends `version_moved`, and the change enqueues the task `warm`:
a worker (`manage.py db_worker`) renders and stores those items'
representations, in every language and in each form a request reads (full;
embedded for the types `expand` inlines), with the body in HTML, what a client
gets unless it asks for another `body_format` (those are rendered on first
read), so that the first readers after a publish find them stored instead of
each rendering them under load. The editor's request no longer waits for it.
At most settings.WARM_AFTER_PUBLISH items of each type, first in list order, are
warmed per change; the rest are rendered on first read, as they would be without
warming. Readers never wait for the worker and never get a stale representation:
representations are keyed by the items' stamps.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from api.caching.representations import Resource, fetch
from api.querying import languages
from content.tasks import retried
from content.versions import Version

logger = logging.getLogger(__name__)


def warm_changed(resources: Mapping[str, Resource], version: Version) -> int:
    """Render and store what the change that moved to `version` altered; how many items."""
    limit = settings.WARM_AFTER_PUBLISH
    if not limit:
        return 0
    inlined = {target for resource in resources.values() for target in resource.expandable.values()}
    warmed = 0
    for resource in resources.values():
        changed = resource.published().filter(stamp=version.value)
        stamps = dict(changed.values_list("pk", "stamp")[:limit])
        for language in languages.SUPPORTED:
            for embedded in (False, True) if resource.name in inlined else (False,):
                fetch(resource, stamps, language=language, epoch=version.epoch, embedded=embedded)
        warmed += len(stamps)
    if warmed:
        logger.info("content version %s: %d changed items warmed", version.token, warmed)
    return warmed


# Each API version's resources, by its name: what `warm` renders for.
_RESOURCES: dict[str, Mapping[str, Resource]] = {}


def receiver(api_version: str, resources: Mapping[str, Resource]) -> Any:
    """A `version_moved` receiver enqueueing the warming of `resources` (those of
    `api_version`) for a worker."""
    _RESOURCES[api_version] = resources

    def enqueue_warming(sender: Any, *, version: Version, **kwargs: Any) -> None:
        if settings.WARM_AFTER_PUBLISH:
            warm.enqueue(api_version, version.token)

    return enqueue_warming


@task(takes_context=True)
@retried
def warm(api_version: str, token: str, *, retry: int = 0) -> int:
    """Render and store, for `api_version`'s readers, what the change that moved the
    content to version `token` altered; how many items. Idempotent, so retried when
    it fails (content.tasks): rendering again stores the same representations, and
    items changed again since are left to the later change's task."""
    # warm_changed reads the token only.
    version = Version(token=token, changed_at=timezone.now())
    return warm_changed(_RESOURCES[api_version], version)
