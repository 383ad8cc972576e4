"""Images (DESIGN 1.6): an editorial item like the others (status, review, history,
translations) whose content is a picture, what it shows in words, and who made it;
and the renditions made of each uploaded file.

The uploaded file (the original) is kept as uploaded under a name made of its
content's hash and never served: it may carry EXIF data (a camera's location).
Renditions are made from it once (content.renditions), with EXIF stripped, and are
what the API and the kiosk serve. They belong to the file, not to the item: a
working copy that replaces a live image's file has its renditions made before it
is published, and the live item keeps its own until then.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from content.models.items import ContentItem

ALT_MAX_LENGTH = 250
UNIT_INTERVAL = [MinValueValidator(0.0), MaxValueValidator(1.0)]


class Image(ContentItem):
    """A picture items can show: a condition's or a mechanism's lead image, a figure in a body."""

    name = models.CharField(
        max_length=120, help_text="What editors call it, such as “IMS needles and tools”."
    )
    alt = models.CharField(
        "alt text",
        max_length=ALT_MAX_LENGTH,
        help_text="What the picture shows, for people who cannot see it: read out by screen "
        "readers and shown when it cannot load. Describe it, do not title it.",
    )
    caption = models.CharField(max_length=300, blank=True, help_text="Shown under the picture.")
    credit = models.CharField(
        max_length=200, blank=True, help_text="Who made it: “Photo: Jane Doe, Clinic name”."
    )
    licence = models.CharField(
        max_length=200, blank=True, help_text="Such as “CC BY 4.0” or “All rights reserved”."
    )
    licence_url = models.URLField("licence URL", blank=True)
    # The original as uploaded (content.uploads names it by its content's hash):
    # empty while the image awaits an upload. Never served.
    file = models.FileField(upload_to="originals/", max_length=200, blank=True)
    # Set from the file when it is uploaded (upright, as its EXIF turns it); editable
    # only so that a working copy keeps them with its file: no form shows them.
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    focal_x = models.FloatField(
        default=0.5,
        validators=UNIT_INTERVAL,
        help_text="Where the subject is, from the left edge (0) to the right (1): crops keep it.",
    )
    focal_y = models.FloatField(
        default=0.5,
        validators=UNIT_INTERVAL,
        help_text="Where the subject is, from the top (0) to the bottom (1).",
    )
    # Optional for a picture: a longer description, where the alt text cannot say enough.
    summary = models.CharField(
        "description",
        max_length=200,
        blank=True,
        help_text="Optional: a longer description than the alt text (a diagram's content).",
    )

    class Meta(ContentItem.Meta):
        indexes = [
            *ContentItem.Meta.indexes,
            models.Index(fields=["name_en"], name="image_name_en"),
        ]

    def __str__(self) -> str:
        return self.name


class Rendition(models.Model):
    """One resized, re-encoded copy of an uploaded file, EXIF stripped."""

    class Format(models.TextChoices):
        AVIF = "avif", "AVIF"
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"

    # The storage name of the original it was made from (Image.file).
    source = models.CharField(max_length=200, db_index=True)
    # "" for the original's proportions, else the ratio it was cropped to ("1:1"),
    # around the focal point `focus` ("0.50,0.30"; "" when not cropped).
    crop = models.CharField(max_length=10, blank=True)
    focus = models.CharField(max_length=9, blank=True)
    format = models.CharField(max_length=4, choices=Format.choices)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    # Its storage name, made of its content's hash: served as immutable.
    file = models.CharField(max_length=200)
    bytes = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["source", "crop", "focus", "format", "width"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "crop", "focus", "format", "width"], name="rendition_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.file
