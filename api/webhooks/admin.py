"""Webhooks in the admin: subscriptions (the secret shown once), deliveries and their
attempts, redelivery."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from api.webhooks import tasks
from api.webhooks.models import Attempt, Delivery, Subscription, new_secret


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = (
        "client", "url", "events", "item_types", "is_active", "failing_since", "disabled_because",
    )  # fmt: skip
    list_filter = ("is_active",)
    readonly_fields = ("failing_since", "disabled_because", "created_at")
    actions = ["rotate_secret"]
    # An address typed without a scheme is an https one.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if obj.is_active and change and "is_active" in form.changed_data:
            obj.failing_since, obj.disabled_because = None, ""
        super().save_model(request, obj, form, change)
        if not change:
            _show_secret(request, obj)

    @admin.action(description="Rotate the secret (the new one is shown once)")
    def rotate_secret(self, request: HttpRequest, queryset: QuerySet[Subscription]) -> None:
        for subscription in queryset:
            subscription.secret = new_secret()
            subscription.save(update_fields=["secret"])
            _show_secret(request, subscription)


def _show_secret(request: HttpRequest, subscription: Subscription) -> None:
    messages.warning(
        request,
        f"The signing secret of {subscription.url} is {subscription.secret}. Give it to the "
        "receiver now: it is not shown again.",
    )


class SubscriptionInline(admin.TabularInline):
    """On an API client's page: its endpoints, and why one was turned off."""

    model = Subscription
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ("url", "is_active", "failing_since", "disabled_because")
    readonly_fields = fields
    verbose_name_plural = "webhook subscriptions (change them under Webhooks)"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AttemptInline(admin.TabularInline):
    model = Attempt
    extra = 0
    can_delete = False
    fields = ("at", "status_code", "latency_ms", "response_excerpt", "error")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("event", "event_id", "subscription", "status", "created_at", "delivered_at")
    list_filter = ("status",)
    readonly_fields = (
        "subscription", "event", "event_id", "message_id", "body", "status", "created_at",
        "delivered_at",
    )  # fmt: skip
    inlines = [AttemptInline]
    actions = ["send_again"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Send again")
    def send_again(self, request: HttpRequest, queryset: QuerySet[Delivery]) -> None:
        for delivery in queryset:
            tasks.redeliver(delivery)
        self.message_user(request, f"{queryset.count()} sent again.")
