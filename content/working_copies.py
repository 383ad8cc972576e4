"""What a working copy (content.models.Draft) holds, and how it meets its item.

A working copy is what an editor writes of an item: every editable column
(each language's), the many-to-many relations the item's form edits, and
the rows of its relations that carry data of their own (a condition's
mechanism links, with their notes). It is taken from an item in memory (as
the edit form left it) and applied back to one: to the live row when it is
published (content.services), to an edit form as its initial values (the
admin), in a transaction rolled back for a preview (content.services).

The shape is JSON: {"fields": {column: value}, "relations": {name: [id]},
"rows": {name: [{column: value}]}}; values as Django's JSON encoder writes
them and each field's `to_python` reads them back.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from modeltranslation.translator import NotRegistered, translator

from content import urgent_care
from content.models import ContentItem, Draft, Status

Content = dict[str, Any]


@functools.cache
def fields(model: type[models.Model]) -> tuple[models.Field[Any, Any], ...]:
    """The columns an editor writes: editable ones, each language's, never the
    status (it moves by transitions only) or what saving derives."""
    try:
        translated = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        translated = set()
    return tuple(
        field
        for field in model._meta.concrete_fields
        if field.editable
        and not field.primary_key
        and field.name != "status"
        and field.name not in translated
    )


@functools.cache
def relations(model: type[ContentItem]) -> tuple[str, ...]:
    """The many-to-many relations an item's form edits (those without data of their own)."""
    return tuple(
        field.name
        for field in model._meta.many_to_many
        if field.remote_field.through._meta.auto_created  # type: ignore[union-attr]
    )


@functools.cache
def row_relations(model: type[ContentItem]) -> tuple[str, ...]:
    """The item's rows of many-to-many relations that carry data of their own
    (a condition's mechanism links): their through model's rows, by the
    reverse name that reaches them."""
    throughs = {
        field.remote_field.through
        for field in model._meta.many_to_many
        if not field.remote_field.through._meta.auto_created  # type: ignore[union-attr]
    }
    return tuple(
        str(rel.get_accessor_name())
        for rel in model._meta.related_objects
        if rel.one_to_many and rel.related_model in throughs
    )


def _json(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _columns(obj: models.Model, *, skip: str = "") -> dict[str, Any]:
    return {field.attname: _value(field, obj) for field in fields(type(obj)) if field.name != skip}


def _value(field: models.Field[Any, Any], obj: models.Model) -> Any:
    value = field.value_from_object(obj)
    if isinstance(field, models.FileField):
        return value.name or ""  # a stored file, by its name (content.services.images)
    if value == "" and field.null:
        # An empty translation is no translation (NULL: read in English), however
        # the form submitted it.
        return None
    return _json(value)


def take(
    item: ContentItem,
    *,
    related: Mapping[str, Iterable[Any]] | None = None,
    rows: Mapping[str, Iterable[models.Model]] | None = None,
) -> Content:
    """The working copy of `item` as it is in memory; its relations as given
    (an edit form's), else as stored."""
    model = type(item)
    related = (
        related
        if related is not None
        else {name: getattr(item, name).all() for name in relations(model)}
    )
    if rows is None:
        rows = {name: getattr(item, name).all() for name in row_relations(model)}
    return {
        "fields": _columns(item),
        "relations": {name: sorted(str(obj.pk) for obj in objs) for name, objs in related.items()},
        "rows": {
            name: [_columns(row, skip=_back_link(model, name)) for row in objs]
            for name, objs in rows.items()
        },
    }


def apply_fields(item: ContentItem, content: Content) -> None:
    """Set `item`'s columns, in memory, to the working copy's."""
    for field in fields(type(item)):
        if field.attname in content["fields"]:
            setattr(item, field.attname, field.to_python(content["fields"][field.attname]))


def write_relations(item: ContentItem, content: Content) -> None:
    """Store the working copy's relations and rows as `item`'s."""
    for name, ids in content["relations"].items():
        getattr(item, name).set(ids)
    for name, rows in content["rows"].items():
        manager = getattr(item, name)
        manager.all().delete()
        row_model = manager.model
        back = _back_link(type(item), name)
        for values in rows:
            row = row_model(**{f"{back}_id": item.pk})
            for field in fields(row_model):
                if field.attname in values:
                    setattr(row, field.attname, field.to_python(values[field.attname]))
            row.save()


def draft_of(item: ContentItem) -> Draft | None:
    """The working copy of `item`, if it is live and has one."""
    if item._state.adding or item.status != Status.PUBLISHED:
        return None
    return Draft.objects.filter(item_id=item.pk).first()


def initial(item: ContentItem, content: Content) -> dict[str, Any]:
    """The working copy's fields and relations as an edit form's initial data."""
    found: dict[str, Any] = {
        field.name: field.to_python(content["fields"][field.attname])
        for field in fields(type(item))
        if field.attname in content["fields"]
    }
    found.update(content["relations"])
    return found


def rows_initial(
    item: ContentItem | None, row_model: type[models.Model]
) -> list[dict[str, Any]] | None:
    """The rows of `row_model` of a live `item`'s working copy (its draft's, else
    the live ones) as a formset's initial data (field name -> value); None when
    `item` is not live, and its stored rows are its working copy."""
    if item is None or item._state.adding or item.status != Status.PUBLISHED:
        return None
    draft = draft_of(item)
    content = draft.content if draft is not None else take(item)
    name = next(
        name for name in row_relations(type(item)) if getattr(item, name).model is row_model
    )
    return [
        {
            field.name: field.to_python(values[field.attname])
            for field in fields(row_model)
            if field.attname in values
        }
        for values in content["rows"].get(name, [])
    ]


def _back_link(model: type[ContentItem], name: str) -> str:
    """The field of a row of `name` that points back at the item."""
    return model._meta.get_field(name).field.name  # type: ignore[union-attr]


@dataclass(frozen=True)
class Difference:
    name: str  # the field's or relation's verbose name
    live: str
    draft: str


def differences(item: ContentItem, live: Content, draft: Content) -> list[Difference]:
    """What the working copy `draft` changes of `live`, field by field, as text."""
    model = type(item)
    found = []
    for field in fields(model):
        before, after = live["fields"].get(field.attname), draft["fields"].get(field.attname)
        if before != after:
            found.append(
                Difference(str(field.verbose_name), _text(field, before), _text(field, after))
            )
    for name in relations(model):
        before, after = live["relations"].get(name, []), draft["relations"].get(name, [])
        if sorted(before) != sorted(after):
            m2m = model._meta.get_field(name)
            assert isinstance(m2m, models.ManyToManyField)
            found.append(Difference(str(m2m.verbose_name), _names(m2m, before), _names(m2m, after)))
    for name in row_relations(model):
        before, after = live["rows"].get(name, []), draft["rows"].get(name, [])
        if before != after:
            row_model = getattr(item, name).model
            found.append(
                Difference(
                    str(row_model._meta.verbose_name_plural),
                    _rows_text(row_model, before),
                    _rows_text(row_model, after),
                )
            )
    return found


def _text(field: models.Field[Any, Any], value: Any) -> str:
    if value in (None, "", []):
        return "(empty)"
    if field.is_relation:
        return _names(field, [value])
    if isinstance(value, list):
        return "; ".join(
            _entry_text(entry) if isinstance(entry, dict) else str(entry) for entry in value
        )
    return str(value)


def _entry_text(entry: dict[str, Any]) -> str:
    """A row of a JSON list: an urgent-care statement with its review, or a reference's
    citation and then its other parts that hold something (in that order, whatever
    order the database keeps a JSON object's keys in)."""
    if "text" in entry:
        return urgent_care.described(entry)
    keys = sorted(entry, key=lambda key: (key != "citation", key))
    return " ".join(str(entry[key]) for key in keys if entry[key] not in (None, ""))


def _names(field: Any, ids: list[Any]) -> str:
    if not ids:
        return "(none)"
    found = field.related_model._default_manager.in_bulk(ids)
    return ", ".join(
        sorted(str(found.get(field.related_model._meta.pk.to_python(pk), pk)) for pk in ids)
    )


def _rows_text(row_model: type[models.Model], rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "(none)"
    lines = []
    for values in rows:
        parts = [
            _text(field, values.get(field.attname))
            for field in fields(row_model)
            if values.get(field.attname) not in (None, "", [])
        ]
        lines.append(" — ".join(parts))
    return "\n".join(lines)
