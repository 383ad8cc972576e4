"""The changes feed in the admin, read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from content.models import ContentEvent


@admin.register(ContentEvent)
class ContentEventAdmin(admin.ModelAdmin):
    """The changes feed as partners see it: read-only, newest first."""

    list_display = ("id", "at", "kind", "item_type", "slug", "revision")
    list_filter = ("kind", "item_type")
    search_fields = ("slug", "item_id")
    ordering = ("-id",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
