"""Scheduling in the admin (DESIGN 2.10): on an item's page, publish or unpublish it at a
time; the list of what is scheduled, where a schedule can be cancelled."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from content import approval, services
from content.models import ContentItem, Schedule
from content.services.schedules import pending

# The item page's field: a `datetime-local` value, in UTC (the admin's time zone).
AT = "_schedule_at"
BUTTONS = {"_schedule_publish": "publish", "_schedule_unpublish": "unpublish"}
CANCEL = "_unschedule"


def context(request: HttpRequest, item: ContentItem) -> dict[str, Any]:
    """What the item page shows of schedules: the pending ones, and whether the user
    may schedule."""
    return {
        "schedules": list(pending(item)),
        "may_schedule": approval.reaches_readers(request.user),
    }


def respond(request: HttpRequest, item: ContentItem) -> HttpResponse | None:
    """The item page's answer to a scheduling button; None for any other button."""
    if CANCEL in request.POST:
        schedule = pending(item).filter(pk=request.POST[CANCEL]).first()
        if schedule is not None:
            services.content_unschedule(schedule=schedule, by=request.user)
            messages.success(request, f"Cancelled: {schedule}.")
        return HttpResponseRedirect(request.path)
    action = next((BUTTONS[name] for name in BUTTONS if name in request.POST), None)
    if action is None:
        return None
    try:
        at = _when(request.POST.get(AT, ""))
        schedule = services.content_schedule(item=item, action=action, at=at, by=request.user)
        messages.success(request, f"Scheduled: {schedule}, as you.")
    except ValidationError as refused:
        messages.warning(request, " ".join(refused.messages))
    return HttpResponseRedirect(request.path)


def _when(value: str) -> datetime:
    parsed = parse_datetime(value.strip())
    if parsed is None:
        raise ValidationError("Give a date and time, e.g. 2026-12-24 09:00.")
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin):
    list_display = ("item_name", "item_type", "action", "at", "by", "state", "outcome")
    list_filter = ("state", "action", "item_type")
    ordering = ("-at",)
    actions = ["cancel"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_approve_permission(self, request: HttpRequest) -> bool:
        return approval.reaches_readers(request.user)

    @admin.action(description="Cancel the selected schedules", permissions=["approve"])
    def cancel(self, request: HttpRequest, queryset: QuerySet[Schedule]) -> None:
        for schedule in queryset.filter(state=Schedule.State.SCHEDULED):
            services.content_unschedule(schedule=schedule, by=request.user)
        self.message_user(request, "Cancelled what was still scheduled.")
