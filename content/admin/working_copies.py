"""The edit page of a live item works on its working copy (DESIGN 1.5, content.working_copies).

Saving a live item keeps its changes as a draft (content.models.Draft) and
leaves the row readers see alone; the page shows the state, what the draft
changes of the live version, and only the buttons the user may use. Restoring
an old version of a live item makes it the draft. An item that is not live
is its own working copy: it saves as any model does.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.html import format_html
from reversion.models import Version

from content import approval, services, working_copies
from content.admin import schedules
from content.admin.actions import TRANSITION_BUTTONS
from content.admin.forms import REVIEW_NOTE
from content.models import ContentItem, Draft, EditorialEvent, Status, Submission

WORKFLOW_FIELDS = ("status", "published_at", "revision")
# How many steps of the editorial record the edit page lists (the rest: Editorial events).
EVENTS_SHOWN = 10
WORKFLOW_STATE = "_ims_workflow_state"


def drafting(request: HttpRequest, item: ContentItem | None) -> bool:
    """Whether saving `item` keeps a draft: it is live, and not being recovered
    after a deletion (the recover page writes the row before the form saves it)."""
    match = request.resolver_match
    recovering = match is not None and (match.url_name or "").endswith("_recover")
    return item is not None and item.is_published and not recovering


# What an editor sees of an item's state (DESIGN 1.5).
STATE_LABELS = {
    "live": "Live",
    "live-draft": "Live + draft changes",
    "draft": "Draft only",
    "archived": "Archived",
}


def _restored(version: Version) -> str:
    return f"Version of {version.revision.date_created:%Y-%m-%d %H:%M} restored."


def state_of(status: str, *, has_draft: bool) -> str:
    if status == Status.PUBLISHED:
        return "live-draft" if has_draft else "live"
    return str(status)


class WorkingCopyAdmin(admin.ModelAdmin):
    """What an editorial type's admin does with working copies; mixed in before
    django-reversion's VersionAdmin, whose history and restore it builds on."""

    change_form_template = "admin/content/item_change_form.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        drafts = Draft.objects.filter(item_id=OuterRef("pk"))
        submitted = Submission.objects.filter(item_id=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .annotate(has_draft=Exists(drafts), awaiting_review=Exists(submitted))
        )

    def save_model(self, request: HttpRequest, obj: ContentItem, form: Any, change: bool) -> None:
        if drafting(request, obj):
            return  # A live item's row is what readers see: save_related keeps a draft.
        for name, value in getattr(request, WORKFLOW_STATE, {}).items():
            setattr(obj, name, value)
        services.content_save(item=obj, by=request.user, comment="Edited in the admin.")

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        item = form.instance
        if not drafting(request, item):
            super().save_related(request, form, formsets, change)
            services.content_relations_saved(item=item)
            return
        related = {name: form.cleaned_data[name] for name in working_copies.relations(type(item))}
        rows = {
            formset.fk.remote_field.get_accessor_name(): [
                row.instance
                for row in formset.forms
                if row.cleaned_data and not row.cleaned_data.get("DELETE")
            ]
            for formset in formsets
        }
        content = working_copies.take(item, related=related, rows=rows)
        services.draft_save(item=item, content=content, by=request.user)

    def construct_change_message(
        self, request: HttpRequest, form: Any, formsets: Any, add: bool = False
    ) -> Any:
        if add or not drafting(request, form.instance):
            return super().construct_change_message(request, form, formsets, add)
        # A live item's formsets were read into its working copy, not saved:
        # history says what the draft now changes of the live version.
        item = type(form.instance)._base_manager.get(pk=form.instance.pk)
        draft = working_copies.draft_of(item)
        if draft is None:
            return "Saved: nothing differs from the live version, so there is no draft."
        live = working_copies.take(item)
        changed = [d.name for d in working_copies.differences(item, live, draft.content)]
        return f"Saved a draft (changes to the live version: {', '.join(changed)})."

    def get_formset_kwargs(
        self, request: HttpRequest, obj: Any, inline: Any, prefix: str
    ) -> dict[str, Any]:
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        rows = working_copies.rows_initial(obj, inline.model) if drafting(request, obj) else None
        if rows is not None:
            # A live item's rows are its working copy's, edited as new rows
            # (the stored ones are the live version's), whether or not it has
            # a draft yet: the form posts back what it showed. Posted, each row
            # with data is one (no initial to compare with, none is skipped
            # as an untouched extra form).
            kwargs["queryset"] = inline.model._default_manager.none()
            if request.method != "POST":
                kwargs["initial"] = rows
        return kwargs

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: Any = None,
    ) -> HttpResponse:
        if request.method == "POST" and object_id and "_discard" in request.POST:
            item = self.get_object(request, unquote(object_id))
            if item is None:
                raise Http404(f"No {self.opts.verbose_name} has the id “{object_id}”.")
            if not self.has_change_permission(request, item):
                raise PermissionDenied
            services.draft_discard(item=item, by=request.user)
            self.message_user(request, "Draft discarded: the live version is unchanged.")
            return HttpResponseRedirect(request.path)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        item = self.get_object(request, unquote(object_id))
        context = {**(extra_context or {}), **self._working_copy_context(request, item)}
        return super().change_view(request, object_id, form_url, context)

    def _working_copy_context(self, request: HttpRequest, item: Any) -> dict[str, Any]:
        if item is None:
            return {}
        draft = working_copies.draft_of(item)
        live = item.is_published
        may_publish = approval.reaches_readers(request.user)
        state = state_of(item.status, has_draft=draft is not None)
        submission = Submission.objects.select_related("by").filter(item_id=item.pk).first()
        events = list(EditorialEvent.objects.filter(item_id=item.pk)[:EVENTS_SHOWN])
        latest = events[0] if events else None
        return {
            **schedules.context(request, item),
            "submission": submission,
            "changes_requested": latest
            if latest is not None and latest.action == EditorialEvent.Action.CHANGES_REQUESTED
            else None,
            "show_request_changes": submission is not None and may_publish,
            "editorial_events": events,
            "show_submit": item.status != Status.ARCHIVED and (not live or draft is not None),
            "item_state": STATE_LABELS[state],
            "item_state_key": state,
            "draft": draft,
            "differences": (
                working_copies.differences(item, working_copies.take(item), draft.content)
                if draft is not None
                else []
            ),
            "live_changed_since_draft": draft is not None
            and draft.based_on_revision != item.revision,
            "show_publish": may_publish
            and (not live or draft is not None)
            and item.status != Status.ARCHIVED,
            "publish_label": (
                "Approve and publish" if settings.REVIEW_REQUIRED_TO_PUBLISH else "Publish"
            )
            + (" the draft changes" if live else ""),
            "show_discard": draft is not None,
            "show_unpublish": may_publish and live,
            "show_archive": item.status != Status.ARCHIVED and (may_publish or not live),
            "save_label": "Save draft" if item.status != Status.ARCHIVED else "Save",
        }

    def response_change(self, request: HttpRequest, obj: Any) -> HttpResponse:
        if (scheduled := schedules.respond(request, obj)) is not None:
            return scheduled
        for button, service, done in TRANSITION_BUTTONS:
            if button in request.POST:
                try:
                    note = request.POST.get(REVIEW_NOTE, "")[:500]
                    service(item=obj, by=request.user, note=note)
                    self.message_user(request, done % {"item": obj})
                except ValidationError as refused:
                    self.message_user(request, " ".join(refused.messages), messages.WARNING)
                return HttpResponseRedirect(request.path)
        if drafting(request, obj):
            saved = Draft.objects.filter(item_id=obj.pk).exists()
            self.message_user(
                request,
                "Draft saved: readers see the live version until the draft is published."
                if saved
                else "Nothing differs from the live version: there is no draft.",
            )
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def revision_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        # Restoring brings back an old version's content, not its workflow
        # state: status, publication date and revision stay as they are now
        # (the revision then goes up, as for any change).
        item = self.get_object(request, unquote(object_id))
        if item is not None and item.is_published:
            return self._restore_as_draft(request, item, version_id, extra_context)
        current = self.model._default_manager.filter(pk=object_id).values(*WORKFLOW_FIELDS)
        setattr(request, WORKFLOW_STATE, current.first() or {})
        response = super().revision_view(request, object_id, version_id, extra_context)
        if item is not None and request.method == "POST" and response.status_code == 302:
            version = Version.objects.get(pk=version_id)
            services.content_restored(item=item, by=request.user, note=_restored(version))
        return response

    def _restore_as_draft(
        self, request: HttpRequest, item: ContentItem, version_id: str, extra_context: Any
    ) -> HttpResponse:
        """A live item's old version becomes its working copy; readers keep the live one.

        As django-reversion's own view: the old version is written in a
        transaction, the edit form shows it, and only a successful save keeps
        what it wrote (here: the draft, never the live row).
        """
        version = get_object_or_404(Version, pk=version_id, object_id=str(item.pk))
        with transaction.atomic():
            with transaction.atomic():
                version.revision.revert(delete=True)
                old = working_copies.take(type(item)._base_manager.get(pk=item.pk))
                transaction.set_rollback(True)
            # Shown in the form; the form's save is the draft that counts.
            services.draft_save(item=item, content=old, by=request.user, record=False)
            context = {
                **(extra_context or {}),
                "title": f"Restore {item} as of {version.revision.date_created:%Y-%m-%d %H:%M} "
                "as a draft",
            }
            response = self.change_view(request, str(item.pk), request.path, context)
            if not (request.method == "POST" and response.status_code == 302):
                if hasattr(response, "render"):
                    response.render()
                transaction.set_rollback(True)
            else:
                services.content_restored(item=item, by=request.user, note=_restored(version))
        return response

    @admin.display(description="State", ordering="status")
    def state(self, item: ContentItem) -> str:
        state = state_of(item.status, has_draft=getattr(item, "has_draft", False))
        badge = format_html(
            '<span class="ims-badge ims-state-{}">{}</span>', state, STATE_LABELS[state]
        )
        if getattr(item, "awaiting_review", False):
            return format_html('{} <span class="ims-when">awaiting review</span>', badge)
        return badge
