from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from content import versions
from content.loading import load_content

SEED_DIRECTORY = Path(settings.BASE_DIR) / "content" / "seed"
# .ci/run looks for this reason in the JUnit report: a PostgreSQL-only test
# skipped in its PostgreSQL run fails the build.
POSTGRES_ONLY_SKIP = "postgres_only: needs PostgreSQL (set DATABASE_URL)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if connection.vendor == "postgresql":
        return
    for item in items:
        if item.get_closest_marker("postgres_only"):
            item.add_marker(pytest.mark.skip(reason=POSTGRES_ONLY_SKIP))


@pytest.fixture(autouse=True)
def _no_content_version_from_an_earlier_test() -> None:
    # Versions restart with each test's database; a copy kept from an earlier
    # test would name content this one never had.
    versions.forget_local_copy()


@pytest.fixture(autouse=True)
def _static_files_without_collectstatic(settings) -> None:  # type: ignore[no-untyped-def]
    # Production serves hashed files collected at build time; tests find them in place.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def seed(db: None) -> None:
    """The shipped seed content, loaded as `make run` loads it."""
    load_content(directory=SEED_DIRECTORY)


@pytest.fixture
def editor(django_user_model):  # type: ignore[no-untyped-def]
    return django_user_model.objects.create_superuser(
        username="editor", email="editor@example.test", password="correct horse battery"
    )
