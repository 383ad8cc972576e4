"""The query parameters every read endpoint shares: fields, expand, body_format, lang.

Unknown parameters and unknown names are a 400 (DESIGN 2.3), so a typo never
silently returns something other than what was asked for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request

from api.caching.representations import Projection

BODY_FORMATS = ("html", "text", "blocks", "markdown")
# "Not blank" as a documented `pattern` says it (ECMA-262, as clients and
# schemathesis read it) and as the server checks it: some character other than
# ASCII white space. (Python's str.strip() also strips control characters such
# as U+001E, which the pattern accepts: found by make fuzz.)
ASCII_SPACE = " \t\n\r\f\v"
NOT_BLANK = "[^ \\t\\n\\r\\f\\v]"

COMMON = {"lang", "fields", "expand", "body_format", "limit", "offset", "preview"}
ITEM = {"lang", "fields", "expand", "body_format", "preview"}


def check_known(request: Request, allowed: Iterable[str]) -> None:
    """400 for any parameter not in `allowed`, given more than once, or holding NUL bytes."""
    allowed = set(allowed)
    errors = {name: ["Unknown parameter."] for name in request.query_params if name not in allowed}
    # `?limit=5&limit=500` is ambiguous: lists are comma-separated in one value.
    errors.update(
        {
            name: ["Give this parameter once (lists are comma-separated)."]
            for name, values in request.query_params.lists()
            if name in allowed and len(values) > 1
        }
    )
    errors.update(
        {
            name: ["Must not contain NUL characters."]
            for name, values in request.query_params.lists()
            if any("\x00" in value for value in values) or "\x00" in name
        }
    )
    if errors:
        raise ValidationError(errors)


def check_not_given(request: Request, names: Iterable[str], *, reason: str) -> None:
    """400 for any of `names` given where it does not apply, saying why."""
    errors = {
        name: [f"Does not apply here: {reason}"] for name in names if name in request.query_params
    }
    if errors:
        raise ValidationError(errors)


def projection(request: Request, *, fields: Iterable[str], expandable: Iterable[str]) -> Projection:
    body_format = request.query_params.get("body_format", "html")
    if body_format not in BODY_FORMATS:
        raise ValidationError({"body_format": [f"Must be one of: {', '.join(BODY_FORMATS)}."]})
    return Projection(
        body_format=body_format,
        fields=_names(request, "fields", set(fields)),
        expand=_names(request, "expand", set(expandable)),
    )


def names_pattern(known: Iterable[str]) -> str:
    """What a comma-separated list of `known` names may look like: at least one
    name; spaces around names and empty entries are tolerated. The OpenAPI
    document publishes it, and the parsers hold values to it."""
    name = "(?:" + "|".join(re.escape(name) for name in sorted(known)) + ")"
    return f"^(?: *,)* *{name} *(?:,(?: *{name})? *)*$"


def _names(request: Request, parameter: str, known: set[str]) -> tuple[str, ...]:
    raw = request.query_params.get(parameter)
    if raw is None:
        return ()
    names = tuple(dict.fromkeys(name.strip() for name in raw.split(",") if name.strip()))
    unknown = [name[:40] for name in names if name not in known]
    if unknown or not names or not re.search(names_pattern(known), raw):
        raise ValidationError(
            {parameter: [f"Unknown name(s): {', '.join(unknown) or '(none)'}. "
                         f"Known: {', '.join(sorted(known)) or 'none'}."]}
        )  # fmt: skip
    return names


def preview(request: Request) -> bool:
    """`preview=true` asks for drafts too; only a key that may preview gets them (else 403)."""
    raw = request.query_params.get("preview", "false")
    if raw not in {"true", "false"}:
        raise ValidationError({"preview": ["Must be true or false."]})
    if raw == "false":
        return False
    client = request.auth
    if client is None or not getattr(client, "may_preview", False):
        raise PermissionDenied(
            "Previews need an API key that may preview; ask the content team for one."
        )
    return True


def item_types(request: Request, known: Iterable[str]) -> list[str]:
    """`type=condition,faq`: the item types asked for (all when absent); unknown ones are a 400."""
    known = list(known)
    raw = request.query_params.get("type")
    if raw is None:
        return known
    kinds = [kind.strip() for kind in raw.split(",") if kind.strip()]
    unknown = [kind[:40] for kind in kinds if kind not in known]
    if unknown or not kinds or not re.search(names_pattern(known), raw):
        raise ValidationError({"type": [f"Unknown type(s): {', '.join(unknown) or '(none)'}."]})
    return list(dict.fromkeys(kinds))
