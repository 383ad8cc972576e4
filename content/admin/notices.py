"""The medical disclaimer in the admin: one text per language, changed by clinical reviewers."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin
from reversion.admin import VersionAdmin

from content import approval, services
from content.models import Disclaimer
from content.widgets import Textarea


@admin.register(Disclaimer)
class DisclaimerAdmin(VersionAdmin, TranslationAdmin):
    """Everyone on the admin reads it; a clinical reviewer changes it (it is clinical text)."""

    list_display = ("__str__", "updated_at", "updated_by")
    readonly_fields = ("version", "updated_at", "updated_by")
    fields = ("text", "version", "updated_at", "updated_by")
    formfield_overrides = {
        models.CharField: {"widget": Textarea(attrs={"class": "vLargeTextField", "rows": 4})}
    }

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # one disclaimer, made by a migration

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return approval.reaches_readers(request.user)

    def save_model(self, request: HttpRequest, obj: Disclaimer, form: Any, change: bool) -> None:
        services.disclaimer_save(disclaimer=obj, by=request.user)
