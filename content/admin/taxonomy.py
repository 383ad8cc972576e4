"""The admin of the taxonomy: body regions, condition categories, FAQ topics."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from content import services
from content.models import BodyRegion, ConditionCategory, FaqTopic
from content.widgets import Textarea


@admin.register(BodyRegion, ConditionCategory, FaqTopic)
class TaxonomyAdmin(TranslationAdmin):
    list_display = ("name", "slug", "position")
    formfield_overrides = {
        models.TextField: {"widget": Textarea(attrs={"class": "vLargeTextField", "rows": 6})}
    }

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        services.taxonomy_save(term=obj, by=request.user)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.taxonomy_delete(term=obj, by=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for term in queryset:
            services.taxonomy_delete(term=term, by=request.user)

    search_fields = ("name_en", "name_fr_ca", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
