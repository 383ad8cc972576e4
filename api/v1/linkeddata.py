"""schema.org JSON-LD for partners' pages (DESIGN 2.7), built from v1 representations.

- a condition is a `MedicalWebPage` about a `MedicalCondition` whose possible
  treatment is IMS, a `MedicalTherapy`; the mechanisms that explain how IMS
  helps with it are parts of the page;
- FAQs are a `FAQPage` of `Question`s, each with its `acceptedAnswer`;
- a mechanism is a `MedicalWebPage` about IMS, part of the page on how IMS
  works; the mechanism list is that page, with every mechanism as a part;
- a list of conditions is an `ItemList` of their pages;
- a condition's or a mechanism's lead image is its page's `image`, an `ImageObject`
  (api.v1.imageobjects).
Every page carries its canonical URL, the dates of its first publication and
last published change, attribution (`creditText`), terms (`copyrightNotice`)
and, where one is configured, the licence's URL, its publisher and copyright
holder (the clinic, from settings), its audience (patients) and specialty
(physiotherapy), the medical disclaimer (a part of the page) and, where a
reviewer recorded one, its clinical review (`lastReviewed`, `reviewedBy`),
never invented. `inLanguage` is the language its text was served in. Each node
has an `@id` of its own; a text that fell back to English says so
(`{"@value", "@language": "en"}`).
tests/api/schemaorg/vocabulary.json holds the part of schema.org used here.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings

from api.renderers import LinkedData
from api.v1.imageobjects import image_object
from api.v1.jsonld import CONTEXT, FALLBACK_LANGUAGE, Item, Node, tagged_text
from api.v1.links import canonical_url

# A member of schema.org's MedicalSpecialty enumeration.
PHYSIOTHERAPY = "https://schema.org/Physiotherapy"


_THERAPY_NAMES = {
    "en": "Intramuscular Stimulation (IMS)",
    "fr-ca": "Stimulation intramusculaire (IMS)",
}


def ims_therapy(language: str) -> Node:
    """IMS itself, the treatment every page here is about or offers."""
    return {
        "@type": "MedicalTherapy",
        "name": _THERAPY_NAMES.get(language, _THERAPY_NAMES["en"]),
        "alternateName": "IMS",
    }


def condition_document(item: Item) -> Node:
    return {"@context": CONTEXT, **condition_page(item)}


def conditions_document(items: Sequence[Item], *, count: int, offset: int, language: str) -> Node:
    """One page of conditions; `numberOfItems` counts every match, as `count` does."""
    return {
        "@context": CONTEXT,
        "@type": "ItemList",
        "numberOfItems": count,
        "itemListElement": [
            {"@type": "ListItem", "position": offset + index, "item": condition_page(item)}
            for index, item in enumerate(items, start=1)
        ],
    }


def faq_document(item: Item) -> Node:
    """One FAQ: a FAQ page of one question, with the review of that answer."""
    return {
        "@context": CONTEXT,
        "@type": "FAQPage",
        **_page(item),
        "name": tagged_text(item, "question"),
        "description": tagged_text(item, "summary"),
        "mainEntity": [question(item)],
        "hasPart": [_disclaimer(item)],
    }


def faqs_document(items: Sequence[Item], *, count: int, offset: int, language: str) -> Node:
    return {
        "@context": CONTEXT,
        "@type": "FAQPage",
        "inLanguage": language,
        **_credit(),
        "mainEntity": [question(item) for item in items],
    }


def mechanism_document(item: Item) -> Node:
    return {"@context": CONTEXT, **mechanism_page(item), "isPartOf": _how_ims_works(item)}


def mechanisms_document(items: Sequence[Item], *, count: int, offset: int, language: str) -> Node:
    """How IMS works: one medical page, each mechanism a part of it."""
    return {
        "@context": CONTEXT,
        "@type": "MedicalWebPage",
        "inLanguage": language,
        "about": ims_therapy(language),
        **_credit(),
        "hasPart": [mechanism_page(item) for item in items],
    }


def condition_page(item: Item) -> Node:
    url = item["canonical_url"]
    page: Node = {
        "@type": "MedicalWebPage",
        **_page(item),
        "name": tagged_text(item, "name"),
        "description": tagged_text(item, "summary"),
        "about": {
            "@type": "MedicalCondition",
            "@id": f"{url}#condition",
            "name": tagged_text(item, "name"),
            "alternateName": item["aliases"],
            "description": tagged_text(item, "summary"),
            "associatedAnatomy": [
                {"@type": "AnatomicalStructure", "name": region["name"]}
                for region in item["body_regions"]
            ],
            "possibleTreatment": ims_therapy(item["language"]),
        },
        # How each mechanism applies here: a part of this page, which refers to the
        # mechanism's own page by its @id (that page describes the mechanism itself).
        "hasPart": [
            *(
                {
                    "@type": "WebPageElement",
                    "@id": f"{url}#how-{link['slug']}",
                    "name": link["name"],
                    "text": link["note"],
                    "about": {
                        "@type": "MedicalWebPage",
                        "@id": canonical_url("mechanisms", link["slug"]),
                    },
                }
                for link in item["mechanisms"]
            ),
            _disclaimer(item),
        ],
        "relatedLink": [canonical_url("faqs", faq["slug"]) for faq in item["faqs"]],
        **_lead_image(item),
    }
    return page


def question(item: Item) -> Node:
    return {
        "@type": "Question",
        # Its own node: the FAQ's page (`url`) is another.
        "@id": f"{item['canonical_url']}#question",
        "url": item["canonical_url"],
        "name": tagged_text(item, "question"),
        "inLanguage": _served_language(item),
        "datePublished": item["published_at"],
        "dateModified": item["updated_at"],
        **_credit(),
        "about": [
            {
                "@type": "MedicalCondition",
                "@id": f"{canonical_url('conditions', condition['slug'])}#condition",
                "name": condition["name"],
            }
            for condition in item["conditions"]
        ],
        "acceptedAnswer": {
            "@type": "Answer",
            "@id": f"{item['canonical_url']}#answer",
            "abstract": tagged_text(item, "summary"),
            "text": tagged_text(item, "body"),
        },
    }


def mechanism_page(item: Item) -> Node:
    return {
        "@type": "MedicalWebPage",
        **_page(item),
        "name": tagged_text(item, "name"),
        "description": tagged_text(item, "summary"),
        "about": ims_therapy(item["language"]),
        "relatedLink": [canonical_url("conditions", link["slug"]) for link in item["conditions"]],
        "hasPart": [_disclaimer(item)],
        **_lead_image(item),
    }


def _lead_image(item: Item) -> Node:
    """The page's lead image (inlined: the JSON-LD projection expands it), if it has one."""
    image = item.get("image")
    return {"image": image_object(image)} if image and "renditions" in image else {}


def _page(item: Item) -> Node:
    """What every page of one item says about itself: address, dates, review, credit."""
    page: Node = {
        "@id": item["canonical_url"],
        "url": item["canonical_url"],
        "inLanguage": _served_language(item),
        "datePublished": item["published_at"],
        "dateModified": item["updated_at"],
        "audience": {"@type": "Patient"},
        "specialty": PHYSIOTHERAPY,
    }
    if item["last_reviewed"]:
        page["lastReviewed"] = item["last_reviewed"]
    if item["reviewed_by"]:
        reviewer: Node = {"@type": "Person", "name": item["reviewed_by"]["name"]}
        if item["reviewed_by"]["credentials"]:
            reviewer["honorificSuffix"] = item["reviewed_by"]["credentials"]
        page["reviewedBy"] = reviewer
    if item["references"]:
        page["citation"] = [
            {"@type": "CreativeWork", "name": ref["citation"], **_url(ref)}
            for ref in item["references"]
        ]
    return {**page, **_credit()}


def _served_language(item: Item) -> str:
    """The language `item` was served in: English when none of its text is translated
    (a text that fell back where others did not says so itself, `_text`)."""
    if item["translation"]["status"] == "none":
        return FALLBACK_LANGUAGE
    return str(item["language"])


def _credit() -> Node:
    """Credit, terms and owner. `license` is the licence's URL (schema.org's expected
    value, what a reader can follow), and only when the deployment has one
    (settings.LICENSE_URL); the terms in words are the `copyrightNotice`."""
    clinic = _publisher()
    credit: Node = {
        "creditText": settings.ATTRIBUTION_TEXT,
        "copyrightNotice": settings.LICENSE_NAME,
        "publisher": clinic,
        "copyrightHolder": clinic,
    }
    if settings.LICENSE_URL:
        credit["license"] = settings.LICENSE_URL
    return credit


def _publisher() -> Node:
    """The clinic (settings.PUBLISHER_*), as an Organization."""
    clinic: Node = {
        "@type": "Organization",
        "@id": f"{settings.PUBLISHER_URL}#organization",
        "name": settings.PUBLISHER_NAME,
        "url": settings.PUBLISHER_URL,
    }
    if settings.PUBLISHER_LOGO_URL:
        clinic["logo"] = settings.PUBLISHER_LOGO_URL
    return clinic


def _disclaimer(item: Item) -> Node:
    """The medical disclaimer, as the item's attribution carries it: a part of its page."""
    attribution = item["attribution"]
    return {
        "@type": "WebPageElement",
        "@id": f"{item['canonical_url']}#disclaimer",
        "name": "Medical disclaimer",
        "text": attribution["disclaimer"],
        "version": attribution["disclaimer_version"],
    }


def _url(reference: dict[str, str]) -> dict[str, str]:
    return {"url": reference["url"]} if reference.get("url") else {}


def _how_ims_works(item: Item) -> Node:
    return {"@type": "MedicalWebPage", "about": ims_therapy(item["language"])}


CONDITIONS = LinkedData(item=condition_document, page=conditions_document)
FAQS = LinkedData(item=faq_document, page=faqs_document)
MECHANISMS = LinkedData(item=mechanism_document, page=mechanisms_document)
