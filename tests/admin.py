"""Driving the admin as a browser would."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from django.contrib.auth.models import Group
from django.urls import reverse

from content.models import ReviewerProfile


def change_url(item: Any) -> str:
    """The admin's edit page of `item`."""
    return reverse(f"admin:content_{item._meta.model_name}_change", args=[item.pk])


def member(django_user_model: Any, name: str, group: str, *, profile: bool = True) -> Any:
    """A staff user in one of the editorial roles (a migration makes the groups); a
    clinical reviewer with the profile readers see in `reviewed_by`."""
    user = django_user_model.objects.create_user(name, f"{name}@clinic.test", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    if profile:
        ReviewerProfile.objects.create(
            user=user, display_name=f"Dr. {name.title()}", credentials="PT, IMS certified"
        )
    return user


def form_data(page) -> dict[str, str | list[str]]:  # type: ignore[no-untyped-def]
    """What a browser would post back, unchanged, from the admin's change form on `page`.

    Read from the page's HTML, as a browser reads it: a widget's inputs are
    posted under the names it renders, whatever its form field makes of them.
    """
    form = _ChangeForm()
    form.feed(page.content.decode())
    return {name: values[0] if len(values) == 1 else values for name, values in form.data.items()}


class _ChangeForm(HTMLParser):
    """The fields of the page's change form (`<form id="…_form">`) as a browser submits them."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._in_form = False
        self._textarea: str | None = None
        self._select: tuple[str, bool] | None = None  # (name, multiple)
        self._options: list[tuple[str, bool]] = []  # (value, selected)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "form":
            self._in_form = (attributes.get("id") or "").endswith("_form")
        elif not self._in_form or (tag != "option" and (not name or "disabled" in attributes)):
            return
        elif tag == "input":
            kind = attributes.get("type") or "text"
            if kind in {"submit", "button", "reset", "image", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attributes:
                return
            default = "on" if kind in {"checkbox", "radio"} else ""
            self._add(name, attributes.get("value") or default)
        elif tag == "textarea":
            self._textarea, self._text = name, []
        elif tag == "select":
            self._select, self._options = (name, "multiple" in attributes), []
        elif tag == "option" and self._select:
            self._options.append((attributes.get("value") or "", "selected" in attributes))

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        elif tag == "textarea" and self._textarea:
            # HTML drops the newline that starts a textarea's content.
            self._add(self._textarea, "".join(self._text).removeprefix("\n"))
            self._textarea = None
        elif tag == "select" and self._select:
            name, multiple = self._select
            selected = [value for value, chosen in self._options if chosen]
            if not selected and not multiple and self._options:
                selected = [self._options[0][0]]  # a single select submits its first option
            for value in selected:
                self._add(name, value)
            self._select = None

    def _add(self, name: str | None, value: str) -> None:
        if name:
            self.data.setdefault(name, []).append(value)
