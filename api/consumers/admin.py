"""API clients in the admin: the key is shown once, when the client is created."""

from __future__ import annotations

from django.contrib import admin
from rest_framework_api_key.admin import APIKeyModelAdmin
from rest_framework_api_key.models import APIKey

from api.consumers.models import ApiClient
from api.webhooks.admin import SubscriptionInline

# The library's own key model is unused: our keys belong to API clients.
admin.site.unregister(APIKey)


@admin.register(ApiClient)
class ApiClientAdmin(APIKeyModelAdmin):
    list_display = (
        "name", "kind", "prefix", "rate_tier", "may_preview", "is_active", "revoked",
        "last_used_at", "created",
    )  # fmt: skip
    list_filter = ("kind", "rate_tier", "may_preview", "is_active", "revoked")
    fields = (
        "name", "kind", "allowed_origins", "rate_tier", "may_preview", "is_active",
        "expiry_date", "revoked", "prefix", "created", "last_used_at",
    )  # fmt: skip
    inlines = [SubscriptionInline]

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        return (*super().get_readonly_fields(request, obj), "created", "last_used_at")
