"""The content version: one token for "everything a consumer can see, as of now".

Every visible change moves it (inside the change's transaction), so anything
derived from published content and keyed by it (stored representations,
cached responses, ETags) is unreachable the moment the change commits.

It is read on every API request. With a cache shared by all processes
(settings.CONTENT_VERSION_CACHE_SECONDS > 0) the read costs no database
query: the change writes the new version to the cache once it commits. Each
process then keeps what it read for settings.CONTENT_VERSION_LOCAL_SECONDS, so
a warm hit or a 304 makes no network call at all; a change committed by this
process is seen here at once, one committed by another within that time.
Without a shared cache, or when it fails, the database answers.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.dispatch import Signal
from django.utils import timezone

from config.caches import outages
from content.models import ContentVersion

logger = logging.getLogger(__name__)

CACHE_KEY = "content-version"

# Sent once a change has committed, with the `version` it moved to: what is
# derived from content elsewhere (the API's stored representations of the
# items the change stamped, content.stamps) can be prepared for readers now.
version_moved = Signal()


@dataclass(frozen=True)
class Version:
    token: str
    changed_at: datetime

    @property
    def epoch(self) -> str:
        """Which database counted it: new with each database."""
        return self.token.split("-")[0]

    @property
    def value(self) -> int:
        """The counter, within the epoch."""
        return int(self.token.split("-")[1])


NEVER = Version(token="0", changed_at=datetime(2000, 1, 1, tzinfo=UTC))

# (version, monotonic deadline): this process's copy. Replaced whole, never
# mutated, so threads of one process share it safely.
_local: tuple[Version, float] | None = None
# The newest version this process has seen, from whichever source. The shared
# cache can hold an older one: a change that committed while the cache was
# unreachable could not write it there, and the cache kept what it had.
_newest: Version | None = None


def current() -> Version:
    """The current content version: this process's recent copy, else the shared
    cache, else one query."""
    if not settings.CONTENT_VERSION_CACHE_SECONDS:
        return stored()
    local = _local
    if local is not None and time.monotonic() < local[1]:
        return local[0]
    try:
        cached = cache.get(CACHE_KEY)
    except Exception as error:
        outages.failed("reading the content version", error)
        version = stored()
        _keep(version, from_database=True)
        return version
    if isinstance(cached, Version) and not _older(cached, _newest):
        _keep(cached)
        return cached
    version = stored()
    _keep(version, from_database=True)
    # Absent, or older than what this process has seen (the shared cache went
    # back in time): what the database says, for every process.
    _remember(version, replace=cached is not None)
    return version


def forget_local_copy() -> None:
    """Drop what this process knows: the next read asks the shared cache."""
    global _local, _newest
    _local = _newest = None


def _keep(version: Version, *, from_database: bool = False) -> None:
    global _local, _newest
    seconds = settings.CONTENT_VERSION_LOCAL_SECONDS
    _local = (version, time.monotonic() + seconds) if seconds else None
    # The database is the truth, even behind what this process saw (a restore).
    if from_database or not _older(version, _newest):
        _newest = version


def _older(version: Version, than: Version | None) -> bool:
    """Whether `version` comes before `than` (never across databases)."""
    return than is not None and version.epoch == than.epoch and version.value < than.value


def stored() -> Version:
    """The content version in the database (in plain SQL: it is read on every request)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT epoch, value, changed_at FROM {ContentVersion._meta.db_table} WHERE id = 1"
        )
        row = cursor.fetchone()
    if row is None:
        return NEVER
    epoch, value, changed_at = row
    if isinstance(changed_at, str):
        changed_at = datetime.fromisoformat(changed_at)
    if timezone.is_naive(changed_at):
        changed_at = changed_at.replace(tzinfo=UTC)
    return Version(token=f"{str(epoch).replace('-', '')[:12]}-{value}", changed_at=changed_at)


def bump() -> Version:
    """Move the version on; call inside the transaction of the change it announces."""
    ContentVersion.objects.get_or_create(pk=1)
    ContentVersion.objects.filter(pk=1).update(value=F("value") + 1, changed_at=timezone.now())
    if settings.CONTENT_VERSION_CACHE_SECONDS:
        # After the commit, what the database says then: a later change that
        # committed first is never overwritten by this older one.
        transaction.on_commit(lambda: _remember(stored(), replace=True))
    version = stored()
    transaction.on_commit(lambda: _announce(version))
    return version


def _announce(version: Version) -> None:
    # The change has committed: a listener that fails must not fail it.
    for receiver, outcome in version_moved.send_robust(sender=Version, version=version):
        if isinstance(outcome, Exception):
            logger.warning(
                "content version %s: %r failed", version.token, receiver, exc_info=outcome
            )


def _remember(version: Version, *, replace: bool) -> None:
    timeout = settings.CONTENT_VERSION_CACHE_SECONDS
    if replace:
        # This process committed the change: it never serves the older version again.
        _keep(version, from_database=True)
    try:
        if replace:
            cache.set(CACHE_KEY, version, timeout=timeout)
        else:
            # Never overwrite a newer version written by a commit meanwhile.
            cache.add(CACHE_KEY, version, timeout=timeout)
    except Exception as error:
        outages.failed("updating the content version", error)
