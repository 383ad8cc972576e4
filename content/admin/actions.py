"""What editors do to items besides editing them, each through one service of
content.services: the changelist actions, applied to every selected item (the
transitions and a translation's review), and the edit page's workflow buttons."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import ngettext_lazy

from content import services
from content.models import ContentItem

# Those only a user whose changes may reach readers is offered (content.approval).
READERS_SEE = ("publish", "unpublish", "approve", "review_translation")


def _transition_action(
    service: Callable[..., ContentItem],
    *,
    name: str,
    description: str,
    done: str,
) -> Callable[[Any, HttpRequest, QuerySet[Any]], None]:
    """A changelist action applying `service` to each selected item. `done` is the
    message for those it changed, a plural-aware one (ngettext_lazy with a
    `count`); each refusal is a warning of its own."""

    def action(model_admin: Any, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        count, refused = 0, []
        for item in queryset:
            try:
                service(item=item, by=request.user)
                count += 1
            except ValidationError as error:
                refused.append(" ".join(error.messages))
        if count:
            model_admin.message_user(request, done % {"count": count})
        for reason in refused:
            model_admin.message_user(request, reason, messages.WARNING)

    action.__name__ = name
    return admin.action(description=description)(action)


ITEM_ACTIONS = [
    _transition_action(
        services.content_publish,
        name="publish",
        description="Publish selected items",
        done=ngettext_lazy("Published %(count)d item.", "Published %(count)d items.", "count"),
    ),
    _transition_action(
        services.content_unpublish,
        name="unpublish",
        description="Unpublish selected items",
        done=ngettext_lazy("Unpublished %(count)d item.", "Unpublished %(count)d items.", "count"),
    ),
    _transition_action(
        services.content_approve,
        name="approve",
        description="Approve (record your clinical review) and publish selected items",
        done=ngettext_lazy("Approved %(count)d item.", "Approved %(count)d items.", "count"),
    ),
    _transition_action(
        functools.partial(services.translation_review, language="fr-ca"),
        name="review_translation",
        description="Record your review of the French (Canada) translation of selected items",
        done=ngettext_lazy(
            "Recorded your review of %(count)d translation.",
            "Recorded your review of %(count)d translations.",
            "count",
        ),
    ),
    _transition_action(
        services.content_archive,
        name="archive",
        description="Archive selected items",
        done=ngettext_lazy("Archived %(count)d item.", "Archived %(count)d items.", "count"),
    ),
]


# Buttons of the edit page that change the workflow state after the form is saved.
# Each takes the item, the user and the form's note for the review.
TRANSITION_BUTTONS: tuple[tuple[str, Callable[..., Any], str], ...] = (
    ("_submit", services.content_submit, "Submitted “%(item)s” for clinical review."),
    (
        "_request_changes",
        services.content_request_changes,
        "Sent “%(item)s” back to its editors with your note.",
    ),
    (
        "_publish",
        lambda item, by, note: services.content_publish(item=item, by=by),
        "Published “%(item)s”.",
    ),
    (
        "_unpublish",
        lambda item, by, note: services.content_unpublish(item=item, by=by),
        "Unpublished “%(item)s”: readers no longer see it.",
    ),
    (
        "_archive",
        lambda item, by, note: services.content_archive(item=item, by=by),
        "Archived “%(item)s”.",
    ),
)
