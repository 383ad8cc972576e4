"""Markdown → the stored renditions of a body (DESIGN 1.3), and the block of
urgent-care statements that follows a condition's body in each format.

`render_markdown` is called by content.services when an item is saved, never
while serving. A paragraph that is only an image named by id,
`![caption](image:<id>)`, is a figure: stored as a placeholder in each rendition
(`<figure data-image>`, `[image:<id>]`, a `figure` block) that the API fills with the
image as it is when it serves the body (its alt text, renditions and credit change
without the body being saved again). Raw HTML in the source is escaped by markdown-it and whatever
HTML it produces is cleaned again by nh3 (ammonia) against an allow-list, so
the `html` rendition is safe to inject into a page.

`with_urgent_care` adds a condition's statements (content.urgent_care) to a
body as served, in the language served: they are not part of the stored
renditions, which search indexes and the admin shows, and each is taken in
that language or in English (field by field, as the body is).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

# No h1: the item's title is the page's one (see _section_headings).
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "em", "ul", "ol", "li",
    "blockquote", "a", "code", "pre", "hr", "figure", "figcaption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "figure": {"data-image"}}
FIGURE_BLOCK = "figure"
_IMAGE_SOURCE = re.compile(
    r"image:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})", re.IGNORECASE
)
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# Raw HTML is recognised (so that it can be told apart from text) and then
# dropped from every rendition: it is never passed through, not even escaped.
_markdown = MarkdownIt("commonmark", {"html": True})
_markdown.add_render_rule("html_inline", lambda *args: "")
_markdown.add_render_rule("html_block", lambda *args: "")
# Every link parses as a link, so that a `javascript:` one loses its href (nh3
# keeps only ALLOWED_URL_SCHEMES) but keeps its text, instead of leaking the
# raw `[text](javascript:…)` source into every rendition.
_markdown.validateLink = lambda url: True  # type: ignore[method-assign]


def _render_figure(renderer: Any, tokens: list[Token], index: int, *args: Any) -> str:
    """A figure's placeholder: the image by id, and the caption the body gives it."""
    meta = tokens[index].meta
    caption = f"<figcaption>{escape(meta['caption'])}</figcaption>" if meta["caption"] else ""
    return f'<figure data-image="{meta["image"]}">{caption}</figure>\n'


_markdown.add_render_rule(FIGURE_BLOCK, _render_figure)


@dataclass(frozen=True)
class Rendition:
    """A body in every stored form: sanitized `html`, plain `text`, typed `blocks`."""

    html: str
    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)


def render_markdown(source: str) -> Rendition:
    tokens = _figures(_markdown.parse(source or ""))
    _section_headings(tokens)
    html = nh3.clean(
        _markdown.renderer.render(tokens, _markdown.options, {}),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()
    blocks = _blocks(tokens)
    return Rendition(html=html, text=_plain_text(blocks), blocks=blocks)


def figure_ids(blocks: list[dict[str, Any]] | None) -> set[str]:
    """The ids of the images a body's `blocks` place."""
    return {block["image"] for block in blocks or () if block["type"] == FIGURE_BLOCK}


def _figures(tokens: list[Token]) -> list[Token]:
    """Each paragraph that is only an image named `image:<id>`, as one figure token."""
    result: list[Token] = []
    index = 0
    while index < len(tokens):
        children = tokens[index + 1].children if index + 1 < len(tokens) else None
        images = [c for c in children or () if c.type != "softbreak"]
        found = (
            tokens[index].type == "paragraph_open"
            and len(images) == 1
            and images[0].type == "image"
            and _IMAGE_SOURCE.fullmatch(str(images[0].attrs.get("src", "")))
        )
        if not found:
            result.append(tokens[index])
            index += 1
            continue
        figure = Token(FIGURE_BLOCK, "figure", 0, block=True)
        caption = "".join(c.content for c in images[0].children or () if c.type == "text")
        figure.meta = {"image": found.group(1).lower(), "caption": caption.strip()}
        result.append(figure)
        index += 3  # paragraph_open, inline, paragraph_close
    return result


def _section_headings(tokens: list[Token]) -> None:
    """Make every heading at least a level-2 one, in place.

    The item's title is the only level-1 heading of the page that shows it, so
    a body's `# Heading` (or underlined with `===`) is one of its sections, as
    `## Heading` is: an `h2`, a `heading` block of level 2.
    """
    for token in tokens:
        if token.type in {"heading_open", "heading_close"} and token.tag == "h1":
            token.tag = "h2"


def _blocks(tokens: list[Token]) -> list[dict[str, Any]]:
    """Top-level blocks as `heading`, `paragraph`, `list` and `quote` dicts.

    Inline formatting is flattened to text; nested lists become their items' text.
    """
    blocks: list[dict[str, Any]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        end = _closing_index(tokens, index)
        inner = tokens[index : end + 1]
        if token.type == "heading_open":
            blocks.append({"type": "heading", "level": int(token.tag[1]), "text": _text(inner)})
        elif token.type == "bullet_list_open":
            blocks.append({"type": "list", "ordered": False, "items": _list_items(inner)})
        elif token.type == "ordered_list_open":
            start = int(token.attrGet("start") or 1)
            blocks.append(
                {"type": "list", "ordered": True, "start": start, "items": _list_items(inner)}
            )
        elif token.type == "blockquote_open":
            blocks.append({"type": "quote", "text": _text(inner, separator="\n\n")})
        elif token.type == FIGURE_BLOCK:
            blocks.append({"type": FIGURE_BLOCK, **token.meta})
        elif token.type in {"paragraph_open", "fence", "code_block"}:
            text = token.content.strip() if token.type != "paragraph_open" else _text(inner)
            blocks.append({"type": "paragraph", "text": text})
        index = end + 1
    return blocks


def _closing_index(tokens: list[Token], start: int) -> int:
    """Index of the token that closes the block opened at `start` (itself if self-closing)."""
    if tokens[start].nesting != 1:
        return start
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


def _list_items(tokens: list[Token]) -> list[str]:
    items: list[str] = []
    depth = 0
    for index, token in enumerate(tokens):
        if token.type == "list_item_open":
            depth += 1
            if depth == 1:
                items.append(_text(tokens[index : _closing_index(tokens, index) + 1]))
        elif token.type == "list_item_close":
            depth -= 1
    return items


def _text(tokens: list[Token], *, separator: str = " ") -> str:
    parts = [_inline_text(token) for token in tokens if token.type == "inline"]
    return separator.join(part for part in parts if part)


def _inline_text(token: Token) -> str:
    pieces: list[str] = []
    for child in token.children or []:
        if child.type in {"text", "code_inline"}:
            pieces.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            pieces.append(" ")
    return "".join(pieces).strip()


def _plain_text(blocks: list[dict[str, Any]]) -> str:
    """Blocks as plain text: one paragraph per block, list items on their own lines."""
    paragraphs: list[str] = []
    for block in blocks:
        if block["type"] == FIGURE_BLOCK:
            caption = f" {block['caption']}" if block["caption"] else ""
            paragraphs.append(f"[image:{block['image']}]{caption}")
        elif block["type"] == "list":
            start = block.get("start", 1)
            paragraphs.append(
                "\n".join(
                    f"{number}. {item}" if block["ordered"] else f"- {item}"
                    for number, item in enumerate(block["items"], start=start)
                )
            )
        else:
            paragraphs.append(block["text"])
    return "\n\n".join(paragraphs)


# The urgent-care block's heading, by language served (settings.LANGUAGES); French
# typography's apostrophe, as in the disclaimer.
URGENT_CARE_HEADINGS = {
    "en": "When to seek urgent care",
    "fr-ca": "Quand consulter d’urgence",  # noqa: RUF001
}
URGENT_CARE_BLOCK = "urgent_care"
# What Markdown would read as markup in a statement's text: inline anywhere, a block
# marker at its start (in a list item, "1. …" would open a list of its own).
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>&])")
_LEADING_MARKER = re.compile(r"^([#+=-])")
_LEADING_NUMBER = re.compile(r"^(\d+)(?=[.)])")


def with_urgent_care(body: Any, statements: list[str], *, language: str, body_format: str) -> Any:
    """`body`, served in `body_format` (html, text, markdown or blocks), followed by
    the block of urgent-care `statements` under its heading in `language`; `body`
    as it is when there are none."""
    if not statements:
        return body
    heading = URGENT_CARE_HEADINGS.get(language, URGENT_CARE_HEADINGS["en"])
    if body_format == "blocks":
        return [*(body or []), {"type": URGENT_CARE_BLOCK, "text": heading, "items": statements}]
    if body_format == "html":
        items = "".join(f"<li>{escape(text, quote=False)}</li>" for text in statements)
        block = f'<aside class="urgent-care"><h2>{heading}</h2><ul>{items}</ul></aside>'
        separator = "\n"
    elif body_format == "markdown":
        items = "\n".join(f"- {_markdown_text(text)}" for text in statements)
        block = f"## {heading}\n\n{items}"
        separator = "\n\n"
    else:
        block = "\n".join([heading, *(f"- {text}" for text in statements)])
        separator = "\n\n"
    return f"{body}{separator}{block}" if body else block


def _markdown_text(text: str) -> str:
    """`text` as Markdown that reads as that text (CommonMark backslash escapes)."""
    escaped = _INLINE_MARKUP.sub(r"\\\1", text)
    escaped = _LEADING_MARKER.sub(r"\\\1", escaped)
    return _LEADING_NUMBER.sub(r"\1\\", escaped)
