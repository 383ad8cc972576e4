"""The admin of the editorial item types: conditions, mechanisms and FAQs."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from modeltranslation.utils import build_localized_fieldname
from reversion.admin import VersionAdmin

from content import approval, services, working_copies
from content.admin.actions import ITEM_ACTIONS, READERS_SEE
from content.admin.forms import (
    BASED_ON,
    DRAFT_BASED_ON,
    REVIEW_NOTE,
    TRANSLATION_STATUS,
    ContentItemForm,
)
from content.admin.review import (
    AwaitingReviewFilter,
    ReviewFilter,
    review_badge,
    translation_reviews,
)
from content.admin.working_copies import WorkingCopyAdmin, drafting
from content.models import (
    FAQ,
    Condition,
    ConditionMechanism,
    ContentItem,
    Mechanism,
)
from content.rendering import render_markdown
from content.widgets import LinesField, MarkdownWidget, ReferencesField, UrgentCareField

DEFAULT = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
REVIEW_RECORD = ("last_reviewed", "next_review_due", "reviewed_by_name", "reviewed_by_credentials")


class ContentItemAdmin(WorkingCopyAdmin, VersionAdmin, TranslationAdmin):
    """What every editorial type shares: workflow actions, review, preview, history."""

    title_field = "name"
    form = ContentItemForm
    # State and review first: they are what an editor scans the list for.
    list_display: tuple[str, ...] = ("__str__", "state", "review", "updated_at", "revision", "slug")
    list_filter: tuple[Any, ...] = ("status", AwaitingReviewFilter, ReviewFilter)
    search_fields: tuple[str, ...] = (
        "slug",
        "name_en",
        "name_fr_ca",
        "summary_en",
        "summary_fr_ca",
    )
    ordering = ("position", "slug")
    date_hierarchy = "updated_at"
    readonly_fields = (
        "id", "status", "revision", "published_at", "updated_at", "rendered_body",
        "translation_reviews",
    )  # fmt: skip
    actions = ITEM_ACTIONS
    history_latest_first = True

    class Media:
        css = {"all": ("content/badges.css",)}

    workflow_fieldset = (
        "Publishing",
        {
            "fields": (
                "id", "status", "revision", "published_at", "updated_at", REVIEW_NOTE,
                BASED_ON, DRAFT_BASED_ON,
            )
        },
    )  # fmt: skip
    review_fieldset = (
        "Clinical review",
        {
            "fields": (
                "last_reviewed",
                "next_review_due",
                "reviewed_by_name",
                "reviewed_by_credentials",
                "references",
            )
        },
    )

    translation_fieldset = (
        "Translation",
        {"fields": (*TRANSLATION_STATUS.values(), "translation_reviews")},
    )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = super().get_readonly_fields(request, obj)
        if settings.REVIEW_REQUIRED_TO_PUBLISH:
            # Recorded by a clinical reviewer's approval (content.approval), never typed.
            return (*fields, *REVIEW_RECORD)
        return fields

    def get_actions(self, request: HttpRequest) -> Any:
        actions = super().get_actions(request)
        if not approval.reaches_readers(request.user):
            for name in READERS_SEE:
                actions.pop(name, None)
        return actions

    def formfield_for_dbfield(
        self, db_field: models.Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Any:
        if db_field.name.startswith("body") and isinstance(db_field, models.TextField):
            kwargs["widget"] = MarkdownWidget(preview_url=self._preview_url())
        if db_field.name == "references":
            return ReferencesField(
                required=False,
                label="References",
                help_text=(
                    "One per row: the citation as you would write it (authors, year, title, "
                    "source) and, if it is online, its address. Clear a row to remove it."
                ),
            )
        if db_field.name.startswith(("aliases", "search_terms")):
            base = "aliases" if db_field.name.startswith("aliases") else "search_terms"
            default_language = db_field.name == build_localized_fieldname(base, DEFAULT)
            return LinesField(
                empty_value=[] if default_language else None,
                required=False,
                label=db_field.verbose_name.capitalize(),
                help_text="One per line. " + str(db_field.help_text),
            )
        if db_field.name.startswith("urgent_care"):
            default_language = db_field.name == build_localized_fieldname("urgent_care", DEFAULT)
            return UrgentCareField(
                empty_value=[] if default_language else None,
                required=False,
                label=db_field.verbose_name.capitalize(),
                help_text=(
                    "One statement per row, of when to seek urgent care: each is shown after "
                    "the body as its own block. A clinical reviewer's approval of the condition "
                    "reviews them all; a statement whose text changes, or a new one, is pending "
                    "review again. Clear a row to remove it."
                ),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def delete_model(self, request: HttpRequest, obj: ContentItem) -> None:
        services.content_delete(item=obj, by=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for item in queryset:
            services.content_delete(item=item, by=request.user)

    @admin.display(description="Review", ordering="next_review_due")
    def review(self, item: ContentItem) -> str:
        return review_badge(item)

    @admin.display(description="Translation review")
    def translation_reviews(self, item: ContentItem) -> str:
        return translation_reviews(item)

    @admin.display(description="Stored rendition (what the API serves)")
    def rendered_body(self, item: ContentItem) -> str:
        # body_html was sanitized by content.rendering when it was stored.
        return format_html('<div class="ims-rendition">{}</div>', mark_safe(item.body_html))

    def get_urls(self) -> list[URLPattern]:
        preview = path(
            "markdown-preview/",
            self.admin_site.admin_view(markdown_preview),
            name=f"{self.opts.app_label}_{self.opts.model_name}_markdown_preview",
        )
        return [preview, *super().get_urls()]

    def _preview_url(self) -> str:
        name = f"{self.opts.app_label}_{self.opts.model_name}_markdown_preview"
        return reverse(f"{self.admin_site.name}:{name}")


@require_POST
def markdown_preview(request: HttpRequest) -> HttpResponse:
    """Render Markdown exactly as saving would, for the editor's live preview."""
    return JsonResponse({"html": render_markdown(request.POST.get("source", "")).html})


class ConditionMechanismInline(TranslationTabularInline):
    model = ConditionMechanism
    extra = 0
    fields = ("mechanism", "note", "position")
    autocomplete_fields = ("mechanism",)

    def get_extra(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> int:
        # A live item's working copy shows its rows as extra forms (ContentItemAdmin).
        if obj is None or not drafting(request, obj):
            return 0
        return len(working_copies.rows_initial(obj, self.model) or ())


@admin.register(Condition)
class ConditionAdmin(ContentItemAdmin):
    list_display = ("name", "state", "review", "category", "updated_at", "revision", "slug")
    list_filter = (*ContentItemAdmin.list_filter, "category", "body_regions")
    search_fields = (*ContentItemAdmin.search_fields, "aliases_en", "search_terms_en")
    filter_horizontal = ("body_regions",)
    autocomplete_fields = ("image",)
    inlines = (ConditionMechanismInline,)
    fieldsets = (
        (
            None,
            {"fields": ("name", "slug", "summary", "image", "body", "rendered_body", "position")},
        ),
        ("When to seek urgent care", {"fields": ("urgent_care",)}),
        ("Classification", {"fields": ("aliases", "search_terms", "category", "body_regions")}),
        ContentItemAdmin.review_fieldset,
        ContentItemAdmin.translation_fieldset,
        ContentItemAdmin.workflow_fieldset,
    )
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Mechanism)
class MechanismAdmin(ContentItemAdmin):
    list_display = ("name", *ContentItemAdmin.list_display[1:])
    autocomplete_fields = ("image",)
    fieldsets = (
        (
            None,
            {"fields": ("name", "slug", "summary", "image", "body", "rendered_body", "position")},
        ),
        ContentItemAdmin.review_fieldset,
        ContentItemAdmin.translation_fieldset,
        ContentItemAdmin.workflow_fieldset,
    )
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(FAQ)
class FaqAdmin(ContentItemAdmin):
    list_display = ("question", "state", "review", "topic", "updated_at", "revision", "slug")
    list_filter = (*ContentItemAdmin.list_filter, "topic")
    search_fields = ("slug", "question_en", "question_fr_ca", "summary_en", "summary_fr_ca")
    filter_horizontal = ("conditions", "mechanisms")
    fieldsets = (
        (None, {"fields": ("question", "slug", "summary", "body", "rendered_body", "position")}),
        ("Related", {"fields": ("topic", "conditions", "mechanisms")}),
        ContentItemAdmin.review_fieldset,
        ContentItemAdmin.translation_fieldset,
        ContentItemAdmin.workflow_fieldset,
    )
    prepopulated_fields = {"slug": ("question_en",)}
