from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.test import override_settings
from pytest_django import DjangoDbBlocker
from pytest_django.fixtures import validate_django_db
from reversion.models import Revision, Version

from api.caching.store import forget_local_copies
from content import versions
from content.models import Condition, ReviewerProfile
from content.seed import SEED_DIRECTORY
from content.seed.loading import load_content
from tests.admin import member
from tests.faults.conftest import Served, gunicorn_serving

# .ci/run looks for this reason in the JUnit report: a PostgreSQL-only test
# skipped in its PostgreSQL run fails the build.
POSTGRES_ONLY_SKIP = "postgres_only: needs PostgreSQL (set DATABASE_URL)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        _restore_the_seed_before(item)
    if connection.vendor == "postgresql":
        return
    for item in items:
        if item.get_closest_marker("postgres_only"):
            item.add_marker(pytest.mark.skip(reason=POSTGRES_ONLY_SKIP))


def _restore_the_seed_before(item: pytest.Item) -> None:
    """Mark a transactional test to start from the database as the session seeded it.

    A transactional test commits, so pytest-django empties the database when
    it ends. It runs after every other database test (pytest-django orders
    them so): only the transactional tests after it would miss the seed.
    Django's serialized rollback gives each of them back the copy of the
    seeded database that django_db_setup takes.
    """
    marker = item.get_closest_marker("django_db")
    transactional, reset_sequences, databases, _, available_apps = (
        validate_django_db(marker) if marker else (False, False, None, False, None)
    )
    fixtures = getattr(item, "fixturenames", ())
    if transactional or reset_sequences or {"transactional_db", "live_server"} & set(fixtures):
        item.add_marker(
            pytest.mark.django_db(
                transaction=True,
                reset_sequences=reset_sequences,
                databases=databases,
                serialized_rollback=True,
                available_apps=available_apps,
            ),
            append=False,  # the closest marker is the one pytest-django reads
        )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> None:
    """The test database with the shipped seed content, loaded once for the whole run."""
    # Every test runs in a transaction rolled back on top of it; loading it
    # for each test that needed it took most of the suite's time.
    with django_db_blocker.unblock(), override_settings(WARM_AFTER_PUBLISH=0):
        # Not warmed: what it would store is cleared below.
        load_content(directory=SEED_DIRECTORY)
        # What a transactional test is restored to (_restore_the_seed_before):
        # Django took its copy when the database was created, before the seed.
        # On the backend's class, not this connection object: asgiref gives each
        # context its own (the browser tests' Playwright runs an event loop here).
        wrapper = type(connections[DEFAULT_DB_ALIAS])
        wrapper._test_serialized_contents = connection.creation.serialize_db_to_string()
        # Django also kept its pre-seed copy on this connection object, where it would
        # hide the seeded one: a second transactional test found no content.
        vars(connections[DEFAULT_DB_ALIAS]).pop("_test_serialized_contents", None)
    # Loading committed, so it wrote the content version to the cache: the
    # tests start from an empty one.
    cache.clear()
    versions.forget_local_copy()


@pytest.fixture(autouse=True)
def _nothing_cached_by_an_earlier_test(settings) -> None:  # type: ignore[no-untyped-def]
    # Every test starts from the seed's content version and rolls its changes
    # back: a version, representation or response kept from an earlier test
    # could belong to a change it rolled back. Start from empty caches.
    versions.forget_local_copy()
    cache.clear()
    forget_local_copies()
    # Tests run inside a transaction that never commits, so the version a
    # change writes to the cache on commit would never arrive; tests of that
    # path turn it on with real commits (tests/api/test_http_caching.py).
    settings.CONTENT_VERSION_CACHE_SECONDS = 0


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _tasks_run_where_they_are_enqueued(settings) -> None:  # type: ignore[no-untyped-def]
    # Background work runs at once, in the process that enqueues it (Django's own
    # ImmediateBackend), so a test sees its effect; the database backend and a real
    # worker are tested in tests/api/test_background_work.py.
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture(autouse=True)
def _static_files_without_collectstatic(settings) -> None:  # type: ignore[no-untyped-def]
    # Production serves hashed files collected at build time; tests find them in place.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:  # type: ignore[no-untyped-def]
    # Django's default hasher is slow on purpose (about a second a password
    # here); what tests check of signing in does not depend on the hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seed(db: None) -> None:
    """The shipped seed content, loaded as `make run` loads it: once per run, by django_db_setup."""
    # Only a plain test run after a transactional one, which empties the
    # database, could find it gone; pytest-django runs those last.
    assert Condition.objects.exists(), "the seed is gone: did a transactional test run before?"


# Everything loading content writes, history included; not users or content types.
CONTENT_MODELS = [
    *apps.get_app_config("content").get_models(include_auto_created=True),
    Version,
    Revision,
]


@pytest.fixture
def no_content(db: None) -> None:
    """A database without any content: the seed's rows deleted inside this test."""
    # Plain DELETEs: no signals, no version bump, nothing rendered. In one
    # transaction: foreign keys are checked at its end, when all are empty.
    with transaction.atomic(), connection.cursor() as cursor:
        for model in CONTENT_MODELS:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


@pytest.fixture
def unreachable_cache(settings) -> None:  # type: ignore[no-untyped-def]
    # A real Redis client against a port nothing listens on. Changing CACHES
    # makes Django drop its cache connections, here and again on restore.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }


@pytest.fixture
def editor(django_user_model):  # type: ignore[no-untyped-def]
    """A superuser, so a clinical reviewer too, with the profile approvals credit."""
    user = django_user_model.objects.create_superuser(
        username="editor", email="editor@example.test", password="correct horse battery"
    )
    ReviewerProfile.objects.create(user=user, display_name="Dr. Ada Editor", credentials="PT")
    return user


@pytest.fixture
def writer(django_user_model):  # type: ignore[no-untyped-def]
    """In the Editor group: writes drafts, never publishes."""
    return member(django_user_model, "writer", "Editor", profile=False)


@pytest.fixture
def reviewer(django_user_model):  # type: ignore[no-untyped-def]
    """In the Clinical reviewer group, with the profile readers see."""
    return member(django_user_model, "reviewer", "Clinical reviewer")


@pytest.fixture(scope="session")
def served_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """gunicorn serving the seed content from its own SQLite database, as `make run` does.

    Configured as `make run` and the image run it (config/gunicorn.py), with DEBUG
    off; for what the test client cannot show: gunicorn itself, and clients that
    are not Python. Not warmed: the loading command's cache is its own.
    """
    directory = tmp_path_factory.mktemp("served")
    env = {"WARM_AFTER_PUBLISH": "0"}
    with gunicorn_serving(directory, workers=1, seed=True, env=env) as served:
        yield served
