from __future__ import annotations

from typing import Any

import factory
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from content.models import FAQ, BodyRegion, Condition, ConditionCategory, FaqTopic, Mechanism
from content.services import content_save, taxonomy_save


class BodyRegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BodyRegion

    slug = factory.Sequence(lambda n: f"region-{n}")
    name = factory.Sequence(lambda n: f"Region {n}")


class ConditionCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConditionCategory

    slug = factory.Sequence(lambda n: f"category-{n}")
    name = factory.Sequence(lambda n: f"Category {n}")


class FaqTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FaqTopic

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name = factory.Sequence(lambda n: f"Topic {n}")


class MechanismFactory(factory.django.DjangoModelFactory):
    """Unsaved by default: save through content.services, as editors do."""

    class Meta:
        model = Mechanism

    slug = factory.Sequence(lambda n: f"mechanism-{n}")
    name = factory.Sequence(lambda n: f"Mechanism {n}")
    summary = "How IMS works, in one sentence."
    body = "A paragraph about this mechanism."


class ConditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Condition

    slug = factory.Sequence(lambda n: f"condition-{n}")
    name = factory.Sequence(lambda n: f"Condition {n}")
    summary = "A short, general description."
    body = "## About\n\nA paragraph about this condition."
    category = factory.SubFactory(ConditionCategoryFactory)


class FaqFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FAQ

    slug = factory.Sequence(lambda n: f"question-{n}")
    question = factory.Sequence(lambda n: f"Question {n}?")
    summary = "The short answer."
    body = "The long answer."
    topic = factory.SubFactory(FaqTopicFactory)


def untranslated(item: Any) -> Any:
    """`item` (an item or a term) saved without its French, as before a translator came."""
    options = translator.get_options_for_model(type(item))
    for name in options.all_fields:
        if not name.startswith("body_"):
            field = type(item)._meta.get_field(build_localized_fieldname(name, "fr-ca"))
            setattr(item, field.attname, None if field.null else field.get_default())
    if isinstance(item, (Condition, FAQ, Mechanism)):
        item.translation_records = {}
        return content_save(item=item, by=None)
    return taxonomy_save(term=item, by=None)
