"""Form widgets for editors."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from content.text import normalise_newlines


class Textarea(forms.Textarea):
    """A textarea whose value has LF line endings, as content.text stores text.

    Browsers submit a textarea's line breaks as CRLF: compared as sent, every
    unchanged body would count as changed, and history would say so.
    """

    def value_from_datadict(self, data: Mapping[str, Any], files: Any, name: str) -> Any:
        value = super().value_from_datadict(data, files, name)
        return normalise_newlines(value) if isinstance(value, str) else value


class MarkdownWidget(Textarea):
    """A Markdown textarea with a live preview rendered by the server, as saving would.

    `preview_url` is where the preview posts the source: a named URL, so that
    the preview works on whichever page shows the editor (add, change, a
    history version to restore).
    """

    template_name = "admin/content/markdown_widget.html"

    def __init__(self, attrs: dict[str, Any] | None = None, *, preview_url: str) -> None:
        super().__init__(attrs)
        self.preview_url = preview_url

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["preview_url"] = self.preview_url
        return context

    class Media:
        js = ("content/markdown-preview.js",)
        css = {"all": ("content/markdown-preview.css",)}


class LinesField(forms.Field):
    """A list of short strings, edited one per line (aliases)."""

    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, *, empty_value: list[str] | None = None, **kwargs: object) -> None:
        # None for a translation, so that reads fall back to English.
        self.empty_value = empty_value
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def prepare_value(self, value: object) -> str:
        if isinstance(value, list):
            return "\n".join(str(line) for line in value)
        return "" if value is None else str(value)

    def to_python(self, value: object) -> list[str] | None:
        lines = [line.strip() for line in str(value or "").splitlines()]
        return [line for line in lines if line] or self.empty_value
