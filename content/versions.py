"""The content version: one number for "everything a consumer can see, as of now"."""

from __future__ import annotations

from django.db import connection
from django.db.models import F

from content.models import ContentVersion


def current() -> str:
    """The current content version, e.g. `3f2a9c1b-42` ("0" before any change). One query.

    Read on every API request, so in plain SQL: the ORM's query compilation
    costs more than the query itself.
    """
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT epoch, value FROM {ContentVersion._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    if row is None:
        return "0"
    epoch, value = row
    return f"{str(epoch).replace('-', '')[:12]}-{value}"


def bump() -> str:
    """Move the version on; call inside the transaction of the change it announces."""
    ContentVersion.objects.get_or_create(pk=1)
    ContentVersion.objects.filter(pk=1).update(value=F("value") + 1)
    return current()
