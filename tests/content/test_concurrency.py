from __future__ import annotations

import threading

import pytest
from django.db import connection

from content.models import Condition
from content.services import content_publish, content_save
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
