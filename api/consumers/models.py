"""Who consumes the API: clinic websites, kiosks, apps and partners (DESIGN 2.8).

Keys are django-rest-framework-api-key keys: only a prefix and a SHA-512 hash
are stored; the key itself is shown once, when the client is created.
"""

from __future__ import annotations

from django.db import models
from rest_framework_api_key.models import AbstractAPIKey

from api.consumers.validators import validate_origins


class ApiClient(AbstractAPIKey):
    class Kind(models.TextChoices):
        WEBSITE = "website", "Website"
        KIOSK = "kiosk", "Kiosk"
        APP = "app", "App"
        PARTNER = "partner", "Partner"

    class Tier(models.TextChoices):
        STANDARD = "standard", "Standard"
        HIGH = "high", "High"
        UNLIMITED = "unlimited", "Unlimited"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    allowed_origins = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_origins],
        help_text='Browser origins allowed to call with this key, e.g. ["https://clinic.example"].',
    )
    rate_tier = models.CharField(max_length=16, choices=Tier.choices, default=Tier.STANDARD)
    may_preview = models.BooleanField(
        default=False, help_text="May see drafts with preview=true (never publicly cached)."
    )
    is_active = models.BooleanField(
        default=True, help_text="Turn off to refuse the key for now; revoking is for good."
    )
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta(AbstractAPIKey.Meta):
        verbose_name = "API client"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["website", "kiosk", "app", "partner"]),
                name="apiclient_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"
