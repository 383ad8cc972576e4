from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from content.models import Condition, ContentEvent, Draft
from content.services import TransitionNotAllowed, content_publish, content_save
from tests.admin import form_data
from tests.factories import ConditionCategoryFactory, ConditionFactory


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_at_once_each_bump_the_revision() -> None:
    condition = content_save(
        item=ConditionFactory.build(category=ConditionCategoryFactory()), by=None
    )
    content_publish(item=condition, by=None)
    # Both editors opened the item before either saved: both hold revision 1.
    copies = [Condition.objects.get(pk=condition.pk) for _ in range(2)]
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def edit(copy: Condition, summary: str) -> None:
        try:
            start.wait()
            copy.summary = summary
            content_save(item=copy, by=None)
        except BaseException as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=edit, args=(copy, f"Edit {n}.")) for n, copy in enumerate(copies)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert Condition.objects.get(pk=condition.pk).revision == 3


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_of_two_publishes_at_once_one_publishes_and_the_other_is_refused() -> None:
    condition = content_save(
        item=ConditionFactory.build(category=ConditionCategoryFactory()), by=None
    )
    # Two reviewers press Publish on the same draft at the same moment.
    copies = [Condition.objects.get(pk=condition.pk) for _ in range(2)]
    start = threading.Barrier(2)
    refused: list[BaseException] = []

    def publish(copy: Condition) -> None:
        try:
            start.wait()
            content_publish(item=copy, by=None)
        except TransitionNotAllowed as error:
            refused.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(copy,)) for copy in copies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(refused) == 1
    assert "it is published" in str(refused[0])
    stored = Condition.objects.get(pk=condition.pk)
    assert (stored.status, stored.revision) == ("published", 1)
    assert ContentEvent.objects.filter(item_id=condition.pk).count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("live", [False, True], ids=["draft-only", "live-keeps-a-draft"])
def test_of_two_admin_saves_at_once_from_one_version_one_is_refused(
    django_user_model, live: bool
) -> None:
    condition = content_save(
        item=ConditionFactory.build(category=ConditionCategoryFactory(), summary="Before."),
        by=None,
    )
    if live:
        # Both start the item's first draft at once: neither sees a draft to lock.
        content_publish(item=condition, by=None)
    url = reverse("admin:content_condition_change", args=[condition.pk])
    clients = []
    for name in ("first", "second"):
        client = Client()
        client.force_login(django_user_model.objects.create_superuser(name, f"{name}@x.test", "pw"))
        clients.append((client, form_data(client.get(url))))
    start = threading.Barrier(2)
    statuses: list[int] = []

    def save(client: Client, form: dict[str, object], summary: str) -> None:
        try:
            start.wait()
            statuses.append(client.post(url, {**form, "summary_en": summary}).status_code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(client, form, f"By {n}."))
        for n, (client, form) in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # One saved (a redirect), the other shown the form again with the first's change.
    assert sorted(statuses) == [200, 302]
    if live:
        assert Condition.objects.get(pk=condition.pk).summary == "Before."
        saved = Draft.objects.get(item_id=condition.pk).content["fields"]["summary_en"]
    else:
        saved = Condition.objects.get(pk=condition.pk).summary
    assert saved in {"By 0.", "By 1."}
