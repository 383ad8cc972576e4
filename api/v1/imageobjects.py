"""schema.org JSON-LD of v1 images (DESIGN 1.6): each an `ImageObject` with its
alt text as `description`, its caption, credit and licence where editors gave
them, its largest JPEG as `contentUrl`, its size in pixels (`QuantitativeValue`s) and
every rendition as a `thumbnail` `ImageObject` of its own; a list is an `ItemList`
of them."""

from __future__ import annotations

from collections.abc import Sequence

from api.renderers import LinkedData
from api.v1.jsonld import CONTEXT, Item, Node, tagged_text


def image_object(item: Item) -> Node:
    """An image, as a page that shows it would embed it."""
    largest = max(
        (r for r in item["renditions"] if r["format"] == "jpeg" and not r["crop"]),
        key=lambda r: r["width"],
        default=None,
    )
    node: Node = {
        "@type": "ImageObject",
        "@id": f"{item['canonical_url']}#image",
        "name": tagged_text(item, "name"),
        "description": tagged_text(item, "alt"),
        "inLanguage": item["language"],
        "width": pixels(item["width"]),
        "height": pixels(item["height"]),
        "datePublished": item["published_at"],
        "dateModified": item["updated_at"],
        "thumbnail": [
            {
                "@type": "ImageObject", "contentUrl": r["url"], "encodingFormat": r["type"],
                "width": pixels(r["width"]), "height": pixels(r["height"]),
            }
            for r in item["renditions"]
        ],
    }  # fmt: skip
    if largest is not None:
        node |= {"contentUrl": largest["url"], "encodingFormat": largest["type"]}
    optional = {
        "caption": tagged_text(item, "caption") if item["caption"] else None,
        "creditText": item["credit"] or None,
        "license": item["licence_url"],
        "copyrightNotice": item["licence"] or None,
    }
    return node | {key: value for key, value in optional.items() if value is not None}


def pixels(count: int) -> Node:
    """A width or height: schema.org takes a quantity (E37: UN/CEFACT's pixel)."""
    return {"@type": "QuantitativeValue", "value": count, "unitCode": "E37", "unitText": "px"}


def image_document(item: Item) -> Node:
    return {"@context": CONTEXT, **image_object(item)}


def images_document(items: Sequence[Item], *, count: int, offset: int, language: str) -> Node:
    return {
        "@context": CONTEXT,
        "@type": "ItemList",
        "numberOfItems": count,
        "itemListElement": [
            {"@type": "ListItem", "position": offset + index, "item": image_object(item)}
            for index, item in enumerate(items, start=1)
        ],
    }


IMAGES = LinkedData(item=image_document, page=images_document)
