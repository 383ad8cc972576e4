"""The admin of images (DESIGN 1.6): upload, alt text, credit, focal point, and what
the renditions look like; review, working copies and history as for every item."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils.html import format_html

from content.admin.forms import ContentItemForm
from content.admin.items import ContentItemAdmin
from content.models import Image, Rendition
from content.renditions import focus_of
from content.services import images

PREVIEW_WIDTH = 320


class ImageForm(ContentItemForm):
    """A picture uploaded is checked and stored before the rest of the form is saved:
    the item (or its working copy) then names the stored original."""

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):
            return upload  # unchanged, or cleared
        try:
            stored = images.image_upload(file=upload)
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        self.instance.width, self.instance.height = stored.width, stored.height
        return stored.name


@admin.register(Image)
class ImageAdmin(ContentItemAdmin):
    form = ImageForm
    list_display = ("preview", "name", "state", "review", "updated_at", "revision", "slug")
    search_fields = (
        "slug", "name_en", "name_fr_ca", "alt_en", "alt_fr_ca", "caption_en", "credit",
    )  # fmt: skip
    readonly_fields = (*ContentItemAdmin.readonly_fields, "preview", "size")
    fieldsets = (
        (None, {"fields": ("name", "slug", "file", "preview", "size", "alt")}),
        ("Shown with it", {"fields": ("caption", "credit", "licence", "licence_url")}),
        (
            "Cropping",
            {
                "fields": ("focal_x", "focal_y"),
                "description": "Crops (a square tile, a wide banner) keep this point in frame.",
            },
        ),
        ("More", {"fields": ("summary", "body", "position"), "classes": ("collapse",)}),
        ContentItemAdmin.review_fieldset,
        ContentItemAdmin.translation_fieldset,
        ContentItemAdmin.workflow_fieldset,
    )
    prepopulated_fields = {"slug": ("name_en",)}

    def formfield_for_dbfield(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if db_field.name == "licence_url":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="Picture")
    def preview(self, image: Image) -> str:
        if not image.file:
            return "Awaiting upload"
        small = Rendition.objects.filter(
            source=image.file.name, crop="", format="jpeg", width__lte=PREVIEW_WIDTH
        ).last()
        if small is None:
            return "Renditions are being made"
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}" style="max-width:160px;height:auto">',
            default_storage.url(small.file), image.alt, small.width, small.height,
        )  # fmt: skip

    @admin.display(description="Size and renditions")
    def size(self, image: Image) -> str:
        if not image.file:
            return "-"
        made = Rendition.objects.filter(source=image.file.name)
        count = made.filter(focus__in=("", focus_of(image.focal_x, image.focal_y))).count()
        return f"{image.width:,} by {image.height:,} pixels; {count} renditions made"
