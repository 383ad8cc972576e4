"""A condition's "when to seek urgent care" statements (DESIGN 1.7) and their review.

`Condition.urgent_care` holds, per language, a list of statements
`{"text": str, "reviewed_by": str, "reviewed_at": "YYYY-MM-DD" | None}`
(content.validators checks the shape). A statement is `approved` while a
clinical reviewer's review covers its text, else `pending`:

- a clinical reviewer who approves or publishes a condition (content.approval)
  reviews every statement of it, in every language: each records them and today;
- a person's save keeps a statement's review only while its text is unchanged:
  a changed or new statement is pending, whatever review it came with (`settle`);
- writes with no user (loading content files) store statements as given, as they
  store an item's review record: the files are the deployment's own, and the
  shipped ones approve nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from modeltranslation.utils import build_localized_fieldname

FIELD = "urgent_care"
REVIEW_KEYS = ("reviewed_by", "reviewed_at")

Statement = dict[str, Any]


class ReviewState(models.TextChoices):
    PENDING = "pending", "Pending clinical review"
    APPROVED = "approved", "Approved"


def pending(text: str) -> Statement:
    """A statement no review covers yet."""
    return {"text": text, "reviewed_by": "", "reviewed_at": None}


def review_state(statement: Statement) -> str:
    """`approved` when a review (who and when) covers the statement, else `pending`."""
    if statement.get("reviewed_by") and statement.get("reviewed_at"):
        return ReviewState.APPROVED.value
    return ReviewState.PENDING.value


def settled(
    statements: list[Statement] | None, *, before: Iterable[Statement] | None
) -> list[Statement] | None:
    """`statements` as a person saves them: each with the review that the statement
    of the same text had `before`, or pending. None (no translation) stays None, and
    what is no statement is left for content.validators to refuse."""
    if not isinstance(statements, list):
        return statements
    reviews = {old["text"]: old for old in before or () if isinstance(old, dict) and "text" in old}
    found = []
    for statement in statements:
        text = statement.get("text") if isinstance(statement, dict) else None
        if not isinstance(text, str):
            found.append(statement)
            continue
        review = reviews.get(text) or pending(text)
        found.append({**pending(text), **{key: review[key] for key in REVIEW_KEYS}})
    return found


def described(statement: Statement) -> str:
    """The statement and its review, as an editor reads them."""
    if review_state(statement) == ReviewState.APPROVED:
        return (
            f"{statement['text']} (approved by {statement['reviewed_by']} "
            f"on {statement['reviewed_at']})"
        )
    return f"{statement['text']} (pending review)"


def reviewed(statements: list[Statement] | None, *, by: str, on: date) -> list[Statement] | None:
    """`statements`, every one reviewed by `by` on `on`."""
    if statements is None:
        return None
    return [
        {"text": statement["text"], "reviewed_by": by, "reviewed_at": on.isoformat()}
        for statement in statements
    ]


def columns(model: type[models.Model] | models.Model) -> list[str]:
    """The columns of `model` that hold statements, one per language; none if it has none."""
    opts = model._meta
    names = [build_localized_fieldname(FIELD, code) for code, _ in settings.LANGUAGES]
    return [name for name in names if any(f.name == name for f in opts.concrete_fields)]


def settle(item: models.Model, *, before: Mapping[str, Any]) -> None:
    """Settle, in memory, `item`'s statements in every language as `settled` does,
    against `before` (column -> the statements stored; empty for a new item)."""
    for name in columns(item):
        setattr(item, name, settled(getattr(item, name), before=before.get(name)))


def settle_fields(fields: dict[str, Any], *, before: Mapping[str, Any]) -> dict[str, Any]:
    """A working copy's fields (content.working_copies) with their statements settled
    against `before`, the live version's fields."""
    return {
        name: settled(value, before=before.get(name)) if name.startswith(f"{FIELD}_") else value
        for name, value in fields.items()
    }


def record_review(item: models.Model, *, by: str, on: date) -> None:
    """Every statement of `item`, in every language, reviewed by `by` on `on` (in memory)."""
    for name in columns(item):
        setattr(item, name, reviewed(getattr(item, name), by=by, on=on))
