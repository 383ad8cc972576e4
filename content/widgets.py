"""Form widgets for editors."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from content import urgent_care
from content.text import normalise_newlines
from content.validators import MAX_STATEMENT_LENGTH, validate_reference_url


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

    def has_changed(self, initial: object, data: object) -> bool:
        # Stored empty as [] or None alike: neither is a change from an empty box.
        return self.to_python(self.prepare_value(initial)) != self.to_python(data)


class ReferencesWidget(forms.Widget):
    """References as rows of inputs, a citation and an optional URL each; no script.

    `extra_rows` blank rows follow the references: a row left blank is no
    reference, so clearing a row removes it, and saving brings new blank rows.
    Its value is the rows as submitted (`{"citation": str, "url": str}`).
    """

    template_name = "admin/content/references_widget.html"
    extra_rows = 2

    class Media:
        css = {"all": ("content/references.css",)}

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        first_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        rows = [*_rows(value), *[{"citation": "", "url": ""}] * self.extra_rows]
        context["widget"]["rows"] = [
            {
                "number": number,
                "citation": row["citation"],
                "url": row["url"],
                # The field's label names the first citation.
                "citation_id": first_id if number == 1 else f"{first_id}_{number}_citation",
                "url_id": f"{first_id}_{number}_url",
            }
            for number, row in enumerate(rows, start=1)
        ]
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[dict[str, str]]:
        citations = data.getlist(f"{name}-citation")
        urls = data.getlist(f"{name}-url")
        return [
            {"citation": citation, "url": url}
            for citation, url in itertools.zip_longest(citations, urls, fillvalue="")
        ]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return f"{name}-citation" not in data and f"{name}-url" not in data

    def data_for(self, name: str, value: Any) -> dict[str, list[str]]:
        """What a browser posts for the references `value`: value_from_datadict's inverse."""
        rows = _rows(value)
        return {
            f"{name}-citation": [row["citation"] for row in rows],
            f"{name}-url": [row["url"] for row in rows],
        }


class ReferencesField(forms.Field):
    """References edited as rows, stored as the model's JSON list (content.validators):
    `{"citation": str}`, with `"url"` only when there is one."""

    widget = ReferencesWidget

    def to_python(self, value: Any) -> list[dict[str, str]]:
        references: list[dict[str, str]] = []
        errors: list[ValidationError] = []
        for number, row in enumerate(_rows(value), start=1):
            citation, url = row["citation"], row["url"]
            if not citation and not url:
                continue
            if not citation:
                errors.append(ValidationError(f"Row {number}: a URL needs its citation."))
            if url:
                try:
                    validate_reference_url(url)
                except ValidationError:
                    errors.append(ValidationError(f"Row {number}: “{url}” is not a web address."))
            references.append({"citation": citation, **({"url": url} if url else {})})
        if errors:
            raise ValidationError(errors)
        return references

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(initial) != self.to_python(data)
        except ValidationError:
            return True


def _rows(value: Any) -> list[dict[str, str]]:
    """Stored references or submitted rows, as rows of two stripped strings."""
    rows = value if isinstance(value, list) else []
    return [
        {
            "citation": str(row.get("citation") or "").strip(),
            "url": str(row.get("url") or "").strip(),
        }
        for row in rows
        if isinstance(row, dict)
    ]


class UrgentCareWidget(forms.Widget):
    """Urgent-care statements as rows, a textarea each, with each one's clinical review
    beside it, read only (content.urgent_care: a reviewer's approval of the condition
    records it); no script.

    `extra_rows` blank rows follow the statements: a row left blank is no statement,
    so clearing a row removes it, and saving brings new blank rows. Its value is the
    rows' texts as submitted.
    """

    template_name = "admin/content/urgent_care_widget.html"
    extra_rows = 2

    class Media:
        css = {"all": ("content/urgent-care.css",)}

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        first_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        statements = _statements(value)
        rows = [*statements, *[None] * self.extra_rows]
        context["widget"]["rows"] = [
            {
                "number": number,
                "text": statement["text"] if statement else "",
                # The field's label names the first statement.
                "id": first_id if number == 1 else f"{first_id}_{number}",
                "state": urgent_care.review_state(statement) if statement else "",
                "reviewed_by": statement["reviewed_by"] if statement else "",
                "reviewed_at": statement["reviewed_at"] if statement else None,
            }
            for number, statement in enumerate(rows, start=1)
        ]
        context["widget"]["max_length"] = MAX_STATEMENT_LENGTH
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        return [normalise_newlines(text) for text in data.getlist(f"{name}-text")]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return f"{name}-text" not in data

    def data_for(self, name: str, value: Any) -> dict[str, list[str]]:
        """What a browser posts for the statements `value`: value_from_datadict's inverse."""
        return {f"{name}-text": [statement["text"] for statement in _statements(value)]}


class UrgentCareField(forms.Field):
    """Urgent-care statements edited as rows, stored as the model's JSON list
    (content.validators). Each comes out pending: saving keeps the review of a
    statement whose text is unchanged (content.services), never one typed here."""

    widget = UrgentCareWidget

    def __init__(self, *, empty_value: list[Any] | None = None, **kwargs: Any) -> None:
        # None for a translation, so that reads fall back to English.
        self.empty_value = empty_value
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> list[urgent_care.Statement] | None:
        found: dict[str, int] = {}
        errors: list[ValidationError] = []
        for number, statement in enumerate(_statements(value), start=1):
            text = statement["text"]
            if not text:
                continue
            if len(text) > MAX_STATEMENT_LENGTH:
                errors.append(
                    ValidationError(
                        f"Row {number}: at most {MAX_STATEMENT_LENGTH} characters "
                        f"(it has {len(text)})."
                    )
                )
            if text.casefold() in found:
                errors.append(
                    ValidationError(f"Row {number} repeats row {found[text.casefold()]}.")
                )
            found.setdefault(text.casefold(), number)
        if errors:
            raise ValidationError(errors)
        return [
            urgent_care.pending(statement["text"])
            for statement in _statements(value)
            if statement["text"]
        ] or self.empty_value

    def bound_data(self, data: Any, initial: Any) -> Any:
        # Rows shown again (after an error elsewhere in the form) keep the review of
        # the statement they still say.
        reviews = {statement["text"]: statement for statement in _statements(initial)}
        return [
            reviews.get(statement["text"], statement)
            for statement in _statements(data)
            if statement["text"]
        ]

    def has_changed(self, initial: Any, data: Any) -> bool:
        return _texts(initial) != _texts(data)


def _statements(value: Any) -> list[urgent_care.Statement]:
    """Stored statements, or submitted texts, as statements of one line each."""
    rows = value if isinstance(value, list) else []
    found = []
    for row in rows:
        statement = row if isinstance(row, dict) else urgent_care.pending(str(row or ""))
        text = " ".join(str(statement.get("text") or "").split())
        found.append({**urgent_care.pending(text), **statement, "text": text})
    return found


def _texts(value: Any) -> list[str]:
    return [statement["text"] for statement in _statements(value) if statement["text"]]
