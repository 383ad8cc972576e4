"""Who works in the admin in these tests, and on what."""

from __future__ import annotations

import pytest

from content.models import Condition


@pytest.fixture
def signed_in(client, editor):  # type: ignore[no-untyped-def]
    """A browser signed in to the admin as `editor` (a superuser and clinical reviewer)."""
    client.force_login(editor)
    return client


@pytest.fixture
def live(seed) -> Condition:
    """A seed condition, published as the clinic's page is."""
    return Condition.objects.get(slug="tennis-elbow")
