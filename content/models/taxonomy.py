"""The taxonomies: terms that group content (DESIGN 1.1)."""

from __future__ import annotations

import uuid

from django.db import models

from content.querysets import LIST_ORDER


class Taxonomy(models.Model):
    """A term that groups content: a body region, a condition category, an FAQ topic."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0, help_text="Lower comes first.")

    class Meta:
        abstract = True
        ordering = list(LIST_ORDER)

    def __str__(self) -> str:
        return self.name


class BodyRegion(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = "body region"


class ConditionCategory(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = "condition category"
        verbose_name_plural = "condition categories"


class FaqTopic(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = "FAQ topic"
