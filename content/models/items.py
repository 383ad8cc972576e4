"""The editorial items (DESIGN 1.1 to 1.3): `ContentItem`, the fields every item has, and the
three types that share it: Mechanism, Condition (with its ConditionMechanism links) and FAQ.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from content import review
from content.models.taxonomy import BodyRegion, ConditionCategory, FaqTopic
from content.querysets import LIST_ORDER, ContentItemQuerySet
from content.validators import (
    validate_aliases,
    validate_references,
    validate_search_terms,
    validate_translation_records,
    validate_urgent_care,
)

SUMMARY_MAX_LENGTH = 200
LANGUAGE_SUFFIXES = ("en", "fr_ca")
# What saving derives for search alone (below): a kilobyte or more an item, never shown.
SEARCH_COLUMNS = ("search_text", "search_vector", "names_vector")


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class ContentItem(models.Model):
    """Fields every editorial item has (DESIGN 1.2)."""

    id = models.UUIDField(
        primary_key=True,
        default=uuid.uuid4,
        editable=False,
        help_text="Never changes, in any environment.",
    )
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.CharField(
        max_length=SUMMARY_MAX_LENGTH,
        help_text="Plain text, at most 200 characters: the kiosk tile and meta description.",
    )
    body = models.TextField(blank=True, help_text="Markdown. Raw HTML is not passed through.")
    # Renditions of `body`, derived by content.services on every save so that
    # serving never parses Markdown (DESIGN 1.3).
    body_html = models.TextField(blank=True, editable=False)
    body_text = models.TextField(blank=True, editable=False)
    body_blocks = models.JSONField(default=list, blank=True, editable=False)

    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    revision = models.PositiveIntegerField(
        default=0, editable=False, help_text="Goes up on every published change."
    )
    # The content version at which what the API shows of this item last
    # changed: its own change, or one of an item or term it names
    # (content.stamps). Stored representations are keyed by it.
    stamp = models.PositiveBigIntegerField(default=0, editable=False)
    position = models.PositiveIntegerField(default=0, help_text="Lower comes first.")

    last_reviewed = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(null=True, blank=True)
    reviewed_by_name = models.CharField(max_length=120, blank=True)
    reviewed_by_credentials = models.CharField(
        max_length=120, blank=True, help_text="For example: PT, FCAMPT, CGIMS."
    )
    references = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_references],
        help_text='A list of {"citation": "...", "url": "https://..."}; url is optional.',
    )
    translation_records = models.JSONField(
        default=dict,
        blank=True,
        validators=[validate_translation_records],
        help_text="How each other language was translated and who reviewed that translation "
        "(content.translation_records).",
    )
    synthetic = models.BooleanField(
        default=False,
        editable=False,
        help_text="Made up by generate_content for benchmarks: not the clinic's content.",
    )
    # Derived by content.services on save (content.search): what people type to
    # find the item, and on PostgreSQL the weighted full-text vector and that of
    # the names alone.
    search_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    names_vector = SearchVectorField(null=True, editable=False)

    objects = ContentItemQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = list(LIST_ORDER)
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="%(class)s_status_valid",
                violation_error_message="Status must be draft, published or archived.",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
                name="%(class)s_published_has_date",
                violation_error_message="Published content needs a publication date.",
            ),
            models.CheckConstraint(
                condition=Q(last_reviewed__isnull=True)
                | Q(next_review_due__isnull=True)
                | Q(next_review_due__gte=F("last_reviewed")),
                name="%(class)s_review_due_after_review",
                violation_error_message="The next review cannot be due before the last review.",
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"summary_{suffix}__isnull": True})
                    | Q(LessThanOrEqual(Length(f"summary_{suffix}"), SUMMARY_MAX_LENGTH)),
                    name=f"%(class)s_summary_{suffix}_length",
                    violation_error_message=(
                        f"The summary is limited to {SUMMARY_MAX_LENGTH} characters."
                    ),
                )
                for suffix in LANGUAGE_SUFFIXES
            ),
        ]
        indexes = [
            # The list order, covering what a page reads (ids and stamps) and
            # what a count needs: index-only scans, so a deep `offset` or a
            # count over thousands of items reads no table rows.
            models.Index(
                fields=["status", *LIST_ORDER],
                include=["id", "stamp"],
                name="%(class)s_status_order",
            ),
            models.Index(fields=["status", "updated_at"], name="%(class)s_status_updated"),
        ]

    @property
    def review_status(self) -> str:
        """`pending`, `current` or `overdue` today (content.review)."""
        return review.status_of(
            last_reviewed=self.last_reviewed,
            next_review_due=self.next_review_due,
            today=date.today(),
        )

    @property
    def review_overdue(self) -> bool:
        """Past its review date: still served, but flagged (DESIGN 1.2)."""
        return self.review_status == review.ReviewStatus.OVERDUE

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


def lead_image(*, related_name: str) -> models.ForeignKey[Any, Any]:
    """An item's optional lead image (DESIGN 1.6); an image an item shows cannot be deleted."""
    return models.ForeignKey(
        "content.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name="lead image",
        help_text="Shown with it on websites, the kiosk and partners' pages.",
    )


class Mechanism(ContentItem):
    """One way IMS works: the twitch response, the healing response, axoplasmic flow."""

    name = models.CharField(max_length=120)
    image = lead_image(related_name="mechanisms")

    class Meta(ContentItem.Meta):
        indexes = [
            *ContentItem.Meta.indexes,
            models.Index(fields=["name_en"], name="mechanism_name_en"),
        ]

    def __str__(self) -> str:
        return self.name


class Condition(ContentItem):
    """A condition IMS is used for."""

    name = models.CharField(max_length=120)
    aliases = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_aliases],
        help_text="Other names of this same condition, such as “lateral epicondylitis”, or "
        "common misspellings of its name. Partners' pages publish them as its names: never "
        "a broader or another condition.",
    )
    search_terms = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_search_terms],
        help_text="What people type to find it that is not another name of it, such as "
        "“heel pain” for plantar fasciitis: used by search only.",
    )
    # Safety advice, each statement with its review (content.urgent_care, DESIGN 1.7).
    urgent_care = models.JSONField(
        "when to seek urgent care",
        default=list,
        blank=True,
        validators=[validate_urgent_care],
        help_text="Statements of when to seek urgent care, each pending until a clinical "
        "reviewer approves the condition.",
    )
    category = models.ForeignKey(
        ConditionCategory, on_delete=models.PROTECT, related_name="conditions"
    )
    image = lead_image(related_name="conditions")
    body_regions = models.ManyToManyField(BodyRegion, related_name="conditions", blank=True)
    mechanisms = models.ManyToManyField(
        Mechanism, through="ConditionMechanism", related_name="conditions", blank=True
    )

    class Meta(ContentItem.Meta):
        indexes = [
            *ContentItem.Meta.indexes,
            models.Index(fields=["name_en"], name="condition_name_en"),
        ]

    def __str__(self) -> str:
        return self.name


class ConditionMechanism(models.Model):
    """How one mechanism applies to one condition."""

    condition = models.ForeignKey(
        Condition, on_delete=models.CASCADE, related_name="mechanism_links"
    )
    mechanism = models.ForeignKey(
        Mechanism, on_delete=models.CASCADE, related_name="condition_links"
    )
    note = models.CharField(max_length=200, blank=True, help_text="One line: how it applies.")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "related mechanism"
        constraints = [
            models.UniqueConstraint(
                fields=["condition", "mechanism"],
                name="conditionmechanism_unique_pair",
                violation_error_message="This mechanism is already related to the condition.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.condition} — {self.mechanism}"


class FAQ(ContentItem):
    """A question and its answer. `summary` is the short answer; `body` the full one."""

    question = models.CharField(max_length=200)
    topic = models.ForeignKey(FaqTopic, on_delete=models.PROTECT, related_name="faqs")
    conditions = models.ManyToManyField(Condition, related_name="faqs", blank=True)
    mechanisms = models.ManyToManyField(Mechanism, related_name="faqs", blank=True)

    class Meta(ContentItem.Meta):
        verbose_name = "FAQ"
        verbose_name_plural = "FAQs"
        indexes = [
            *ContentItem.Meta.indexes,
            models.Index(fields=["question_en"], name="faq_question_en"),
        ]

    def __str__(self) -> str:
        return self.question
