"""Schemathesis hooks for `make fuzz` (.ci/fuzz loads them by SCHEMATHESIS_HOOKS).

Two kinds of report are the API doing what it promises, which OpenAPI 3.0 has
no words for; each is dropped only in the narrow case described, so the same
check still fails on anything else.
"""

from __future__ import annotations

import json
from typing import Any

import schemathesis
from schemathesis.openapi.checks import JsonSchemaError, RejectedPositiveData

# Filters whose values name content (a slug) or are opaque (a changes cursor).
# Any string fits their schema, but one that names nothing is a 400 by design
# (DESIGN 2.3: "Unknown filter values are a 400, not an empty list").
DATA_DEPENDENT = {"slug", "body_region", "category", "mechanism", "topic", "condition", "since"}


@schemathesis.hook
def filter_failure(context: Any, failure: Any, case: Any, response: Any) -> bool:
    """False drops the failure: the two by-design cases below; True keeps it."""
    if isinstance(failure, RejectedPositiveData):
        return not _only_unknown_names_rejected(response)
    if isinstance(failure, JsonSchemaError):
        return not _sparse_fieldset(failure, case)
    return True


def _only_unknown_names_rejected(response: Any) -> bool:
    """A 400 whose every error is about a filter value naming nothing."""
    if response.status_code != 400:
        return False
    try:
        errors = json.loads(response.content)["errors"]
    except (ValueError, KeyError, TypeError):
        return False
    return bool(errors) and all(error.get("field") in DATA_DEPENDENT for error in errors)


def _sparse_fieldset(failure: JsonSchemaError, case: Any) -> bool:
    """`fields=slug,name` leaves the other fields out of each item (DESIGN 2.3);
    the item schema lists them as required, as they are without `fields`."""
    raw = (case.query or {}).get("fields")
    if not isinstance(raw, str) or not failure.schema_path or failure.schema_path[-1] != "required":
        return False
    requested = {name.strip() for name in raw.split(",")}
    return isinstance(failure.instance, dict) and set(failure.instance) <= requested
