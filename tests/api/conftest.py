from __future__ import annotations

import pytest
from django.core.cache import cache

from api.caching.store import forget_local_copies


@pytest.fixture(autouse=True)
def _version_from_the_database(settings) -> None:  # type: ignore[no-untyped-def]
    # Tests run inside a transaction that never commits, so the version a
    # change writes to the cache on commit would never arrive; tests of that
    # path turn it on with real commits (tests/api/test_http_caching.py).
    settings.CONTENT_VERSION_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    # Stored representations are keyed by content version, and every test
    # starts from the seed's version: what an earlier test stored for a change
    # it rolled back could be served for another; start from an empty store.
    cache.clear()
    forget_local_copies()
