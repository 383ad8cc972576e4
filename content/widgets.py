"""Form widgets for editors."""

from __future__ import annotations

from django import forms


class MarkdownWidget(forms.Textarea):
    """A Markdown textarea with a live preview rendered by the server, as saving would."""

    template_name = "admin/content/markdown_widget.html"

    class Media:
        js = ("content/markdown-preview.js",)
        css = {"all": ("content/markdown-preview.css",)}
