from __future__ import annotations

import pytest
from django.core.cache import cache

from api.representations import local_copies


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    # Stored representations are keyed by content version, which restarts
    # with each test database; start every test from an empty store.
    cache.clear()
    local_copies.clear()
