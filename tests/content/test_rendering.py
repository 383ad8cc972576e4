from __future__ import annotations

import pytest

from content.rendering import render_markdown, with_urgent_care

HOSTILE = """\
Hello <script>alert("x")</script> world.

<div onclick="steal()">raw block</div>

[click](javascript:alert(1)) and [ok](https://example.test/ok)

<img src="x" onerror="alert(1)"> <a href="https://example.test" onmouseover="x()">a</a>
"""


def test_it_renders_markdown_to_html_text_and_blocks() -> None:
    rendition = render_markdown("## Causes\n\nRepetitive *strain*.\n\n- one\n- two\n\n> Note\n")

    assert rendition.html == (
        "<h2>Causes</h2>\n<p>Repetitive <em>strain</em>.</p>\n"
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<blockquote>\n<p>Note</p>\n</blockquote>"
    )
    assert rendition.text == "Causes\n\nRepetitive strain.\n\n- one\n- two\n\nNote"
    assert rendition.blocks == [
        {"type": "heading", "level": 2, "text": "Causes"},
        {"type": "paragraph", "text": "Repetitive strain."},
        {"type": "list", "ordered": False, "items": ["one", "two"]},
        {"type": "quote", "text": "Note"},
    ]


@pytest.mark.parametrize(
    "fragment", ["<script", "javascript:", "onclick", "onerror", "onmouseover", "<img", "<div"]
)
def test_no_raw_html_or_script_survives_any_rendition(fragment: str) -> None:
    rendition = render_markdown(HOSTILE)

    assert fragment not in rendition.html
    assert fragment not in rendition.text
    assert fragment not in str(rendition.blocks)


def test_safe_links_survive_with_a_safe_rel() -> None:
    html = render_markdown("[ok](https://example.test/ok)").html

    assert html == '<p><a href="https://example.test/ok" rel="noopener noreferrer">ok</a></p>'


def test_ordered_lists_keep_their_numbers_in_text() -> None:
    rendition = render_markdown("3. third\n4. fourth\n")

    assert rendition.blocks == [
        {"type": "list", "ordered": True, "start": 3, "items": ["third", "fourth"]}
    ]
    assert rendition.text == "3. third\n4. fourth"


def test_a_javascript_link_keeps_its_text_but_loses_its_target() -> None:
    rendition = render_markdown("[click me](javascript:alert(1))")

    assert rendition.html == '<p><a rel="noopener noreferrer">click me</a></p>'
    assert rendition.text == "click me"


@pytest.mark.parametrize("source", ["# Causes\n\nStrain.", "Causes\n===\n\nStrain."])
def test_a_top_level_heading_is_a_section_heading_in_every_rendition(source: str) -> None:
    rendition = render_markdown(source)

    assert rendition.html == "<h2>Causes</h2>\n<p>Strain.</p>"
    assert rendition.text == "Causes\n\nStrain."
    assert rendition.blocks == [
        {"type": "heading", "level": 2, "text": "Causes"},
        {"type": "paragraph", "text": "Strain."},
    ]


def test_deeper_headings_keep_their_level_down_to_h6() -> None:
    rendition = render_markdown("## Two\n\n### Three\n\n#### Four\n\n###### Six")

    assert rendition.html == "<h2>Two</h2>\n<h3>Three</h3>\n<h4>Four</h4>\n<h6>Six</h6>"
    assert [block["level"] for block in rendition.blocks] == [2, 3, 4, 6]


@pytest.mark.parametrize(
    "statement",
    [
        "Sudden *severe* pain, or [numbness](x) <b>and</b> a_b & \\ c, needs care.",
        "1. Call 911 now.",
        "12) Then this.",
        "# Not a heading",
        "- Not a nested list",
        "+ Nor this",
        "911 is the number to call.",
    ],
)
def test_an_urgent_care_statement_in_markdown_reads_as_its_text(statement: str) -> None:
    markdown = with_urgent_care("", [statement], language="en", body_format="markdown")

    assert render_markdown(markdown).blocks == [
        {"type": "heading", "level": 2, "text": "When to seek urgent care"},
        {"type": "list", "ordered": False, "items": [statement]},
    ]


def test_a_paragraph_that_is_only_an_image_by_id_is_a_figure_placeholder() -> None:
    image = "997ca8ae-b4c5-4091-a9f0-dc249791ab03"

    rendition = render_markdown(f"Intro\n\n![Needles *ready*](image:{image.upper()})\n\nOn.")

    assert f'<figure data-image="{image}"><figcaption>Needles ready</figcaption></figure>' in (
        rendition.html
    )
    assert rendition.blocks[1] == {"type": "figure", "image": image, "caption": "Needles ready"}
    assert f"[image:{image}] Needles ready" in rendition.text
    # An image by address, or inside a sentence, is no figure (and no <img> is ever stored).
    other = render_markdown(f"See ![x](image:{image}) here.\n\n![y](https://e.test/a.png)")
    assert "figure" not in other.html
    assert "<img" not in other.html
