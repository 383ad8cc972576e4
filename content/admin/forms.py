"""The edit form of an editorial item: a save never overwrites a change it did not see."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils.text import Truncator
from modeltranslation.utils import build_localized_fieldname

from content import conflicts, translation_records, working_copies
from content.widgets import ReferencesWidget, UrgentCareWidget

DEFAULT = settings.MODELTRANSLATION_DEFAULT_LANGUAGE

BASED_ON = "based_on"
DRAFT_BASED_ON = "draft_based_on"
REVIEW_NOTE = "review_note"
# How each other language's text was made: one field per language (fr-ca is the only
# one, as in content.documents.Language).
TRANSLATION_STATUS = {"fr-ca": "translation_status_fr_ca"}
assert set(TRANSLATION_STATUS) == set(translation_records.OTHER_LANGUAGES)


class ContentItemForm(forms.ModelForm):
    """Carries the version of the item it was built from (content.conflicts).

    If someone saved the item since, the form is not saved: it shows who
    changed what, with their value beside each field, and takes their version
    as its new base, so that saving again replaces their values knowingly.
    """

    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    draft_based_on = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    # Not stored with the item: what Submit for review or Request changes says (the
    # editorial record keeps it).
    review_note = forms.CharField(
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Note for the review",
        help_text="Sent with Submit for review or Request changes: what to look at or change.",
    )

    translation_status_fr_ca = forms.ChoiceField(
        choices=[("", "—"), *translation_records.Status.choices],
        required=False,
        label="French (Canada) translation",
        help_text="How the French text was made. Readers are told, so a machine translation "
        "is never passed off as a translator's.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[BASED_ON].initial = conflicts.latest_version(self.instance)
        self.fields[DRAFT_BASED_ON].initial = conflicts.draft_version(self.instance)
        records = self.instance.translation_records
        draft = working_copies.draft_of(self.instance)
        if draft is not None:
            # A live item's form edits its working copy, not what readers see.
            self.initial.update(working_copies.initial(self.instance, draft.content))
            records = draft.content["fields"].get("translation_records", records)
        for language, name in TRANSLATION_STATUS.items():
            self.initial[name] = records.get(language, {}).get("status", "")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for language, name in TRANSLATION_STATUS.items():
            columns = translation_records.text_columns(type(self.instance), language)
            texts = [cleaned.get(column) for column in columns if column in self.fields]
            if any(texts) and not cleaned.get(name):
                self.add_error(name, "Say how the French text was made: machine or human.")
        if self.instance._state.adding:
            return cleaned
        based_on = cleaned.get(BASED_ON)
        if based_on is None:
            raise forms.ValidationError(
                "This page is out of date: reload it, then make your changes again.",
                code="no_base",
            )
        try:
            conflicts.check_unchanged_since(item=self.instance, based_on=based_on)
        except conflicts.EditConflict as conflict:
            self._show(conflict, base_field=BASED_ON)
            return cleaned
        if self.instance.is_published:
            try:
                conflicts.check_draft_unchanged_since(
                    item=self.instance, based_on=cleaned.get(DRAFT_BASED_ON) or 0
                )
            except conflicts.EditConflict as conflict:
                self._show(conflict, base_field=DRAFT_BASED_ON)
        return cleaned

    def save(self, commit: bool = True) -> Any:
        for language, name in TRANSLATION_STATUS.items():
            status = self.cleaned_data.get(name) or ""
            translation_records.with_status(self.instance, language, status)
        return super().save(commit)

    def _show(self, conflict: conflicts.EditConflict, *, base_field: str) -> None:
        data = QueryDict(mutable=True)
        data.update(self.data)
        data[self.add_prefix(base_field)] = conflict.latest
        elsewhere = []
        for change in conflict.changes:
            # History holds a translated field as its default language's value.
            default = build_localized_fieldname(change.field, DEFAULT)
            name = change.field if change.field in self.fields else default
            if name not in self.fields:
                elsewhere.append(change.field.replace("_", " "))
                continue
            theirs = Truncator(_shown(change.value)).chars(300)
            if _comparable(self.cleaned_data.get(name)) == _comparable(change.before):
                # Only they changed it: their value goes into the form.
                _put(data, self.add_prefix(name), self.fields[name], change.value)
                self.add_error(name, f"{conflict.by} changed this to: {theirs} (now in the form).")
            else:
                self.add_error(
                    name, f"{conflict.by} changed this to: {theirs} (your value is kept below)."
                )
        self.add_error(
            None,
            f"{conflict.by} saved this item at {conflict.at:%Y-%m-%d %H:%M %Z}, after you "
            "opened it. Nothing of yours was saved. Their changes are shown by each field"
            + (f" (and: {', '.join(elsewhere)})" if elsewhere else "")
            + "; where only they changed a field, the form now holds their value. Save again "
            "to keep what the form holds, or reload the page to start from their version.",
        )
        self.data = data


def _shown(value: Any) -> str:
    if value in (None, "", []):
        return "(empty)"
    if isinstance(value, list) and all(isinstance(item, dict) and "text" in item for item in value):
        # Urgent-care statements: what they say (their reviews are not typed).
        return "; ".join(item["text"] for item in value)
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        # References: citations hold commas of their own.
        return "; ".join(
            f"{item.get('citation', '')} ({item['url']})" if item.get("url") else item["citation"]
            for item in value
        )
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def _comparable(value: Any) -> Any:
    """A cleaned form value as history stores it: a related object by its key; urgent-care
    statements by their text (the form never carries their reviews)."""
    if hasattr(value, "all"):  # a queryset of a many-to-many field
        return sorted(str(item.pk) for item in value)
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        return [item.get("text", item) for item in value]
    if isinstance(value, list):
        return sorted(str(item) for item in value) if value and hasattr(value[0], "pk") else value
    return getattr(value, "pk", value)


def _put(data: Any, key: str, field: forms.Field, value: Any) -> None:
    if isinstance(field.widget, ReferencesWidget | UrgentCareWidget):
        for name, values in field.widget.data_for(key, value).items():
            data.setlist(name, values)
    elif isinstance(field, forms.ModelMultipleChoiceField):
        data.setlist(key, [str(item) for item in value or []])
    elif isinstance(value, list):
        data[key] = "\n".join(str(item) for item in value)
    else:
        data[key] = "" if value is None else value
