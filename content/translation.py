"""Which fields are translated (django-modeltranslation).

Each gets a column per language in settings.LANGUAGES (`name_en`, `name_fr_ca`)
and reads fall back to English field by field when a translation is empty.
"""

from modeltranslation.translator import TranslationOptions, register

from content.models import (
    FAQ,
    BodyRegion,
    Condition,
    ConditionCategory,
    ConditionMechanism,
    Disclaimer,
    FaqTopic,
    Image,
    Mechanism,
)

BODY_FIELDS = ("summary", "body", "body_html", "body_text", "body_blocks")


@register(BodyRegion)
@register(ConditionCategory)
@register(FaqTopic)
class TaxonomyTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Mechanism)
class MechanismTranslation(TranslationOptions):
    fields = ("name", *BODY_FIELDS)


@register(Condition)
class ConditionTranslation(TranslationOptions):
    fields = ("name", "aliases", "search_terms", "urgent_care", *BODY_FIELDS)


@register(FAQ)
class FAQTranslation(TranslationOptions):
    fields = ("question", *BODY_FIELDS)


@register(Image)
class ImageTranslation(TranslationOptions):
    # Required in English; another language falls back to it, as every text does.
    fields = ("name", "alt", "caption", *BODY_FIELDS)


@register(ConditionMechanism)
class ConditionMechanismTranslation(TranslationOptions):
    fields = ("note",)


@register(Disclaimer)
class DisclaimerTranslation(TranslationOptions):
    fields = ("text",)
