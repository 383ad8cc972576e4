"""Who works in the admin in these tests, and on what."""

from __future__ import annotations

import pytest

from content.models import Condition
from tests.admin import member


@pytest.fixture
def signed_in(client, editor):  # type: ignore[no-untyped-def]
    """A browser signed in to the admin as `editor` (a superuser and clinical reviewer)."""
    client.force_login(editor)
    return client


@pytest.fixture
def writer(django_user_model):  # type: ignore[no-untyped-def]
    """In the Editor group: writes drafts, never publishes."""
    return member(django_user_model, "writer", "Editor", profile=False)


@pytest.fixture
def reviewer(django_user_model):  # type: ignore[no-untyped-def]
    """In the Clinical reviewer group, with the profile readers see."""
    return member(django_user_model, "reviewer", "Clinical reviewer")


@pytest.fixture
def live(seed) -> Condition:
    """A seed condition, published as the clinic's page is."""
    return Condition.objects.get(slug="tennis-elbow")
