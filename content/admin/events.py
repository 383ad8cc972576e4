"""The changes feed and the editorial record in the admin, read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from content.models import ContentEvent, EditorialEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record: it is read, never added to, changed or deleted by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(EditorialEvent)
class EditorialEventAdmin(ReadOnlyAdmin):
    """Every editorial step, with who and when, newest first (DESIGN 1.5)."""

    list_display = ("at", "action", "item_type", "slug", "by_name", "revision", "note")
    list_filter = ("action", "item_type")
    search_fields = ("slug", "item_id", "by_name")
    ordering = ("-id",)


@admin.register(ContentEvent)
class ContentEventAdmin(ReadOnlyAdmin):
    """The changes feed as partners see it: read-only, newest first."""

    list_display = ("id", "at", "kind", "item_type", "slug", "revision")
    list_filter = ("kind", "item_type")
    search_fields = ("slug", "item_id")
    ordering = ("-id",)
