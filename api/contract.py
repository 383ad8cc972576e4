"""What counts as breaking a released API contract (DESIGN 2.1).

`breaking_changes(released, current)` lists every path, parameter, response,
field or enum value of the released OpenAPI document that the current one
removes, renames or retypes. Additions are fine and are not reported.
"""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]


def breaking_changes(released: Schema, current: Schema, *, path_prefix: str = "") -> list[str]:
    problems: list[str] = []
    for path, operations in released.get("paths", {}).items():
        if not path.startswith(path_prefix):
            continue
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            now = current.get("paths", {}).get(path, {}).get(method)
            if now is None:
                problems.append(f"{where}: removed")
                continue
            problems += _parameters(where, operation, now, released, current)
            problems += _responses(where, operation, now, released, current)
    return problems


def _parameters(
    where: str, old: Schema, new: Schema, released: Schema, current: Schema
) -> list[str]:
    problems = []
    present = {(p["name"], p["in"]): p for p in new.get("parameters", [])}
    for parameter in old.get("parameters", []):
        key = (parameter["name"], parameter["in"])
        label = f"{where}: parameter {parameter['name']}"
        if key not in present:
            problems.append(f"{label}: removed")
            continue
        problems += _schema(
            label, parameter.get("schema", {}), present[key].get("schema", {}), released, current
        )
    return problems


def _responses(
    where: str, old: Schema, new: Schema, released: Schema, current: Schema
) -> list[str]:
    problems = []
    for status, response in old.get("responses", {}).items():
        label = f"{where}: response {status}"
        now = new.get("responses", {}).get(status)
        if now is None:
            problems.append(f"{label}: removed")
            continue
        for media_type, content in response.get("content", {}).items():
            if media_type not in now.get("content", {}):
                problems.append(f"{label}: {media_type} removed")
                continue
            problems += _schema(
                f"{label} {media_type}",
                content.get("schema", {}),
                now["content"][media_type].get("schema", {}),
                released,
                current,
            )
    return problems


def _schema(
    label: str, old: Schema, new: Schema, released: Schema, current: Schema, depth: int = 0
) -> list[str]:
    if depth > 12:
        return []
    old, new = _resolve(old, released), _resolve(new, current)
    problems = []
    for key in ("type", "format"):
        if key in old and old.get(key) != new.get(key):
            problems.append(f"{label}: {key} {old[key]} became {new.get(key)}")
    if "enum" in old:
        still_allowed: list[Any] = new.get("enum") or old["enum"]
        missing = [value for value in old["enum"] if value not in still_allowed]
        if missing:
            problems.append(f"{label}: enum values removed: {missing}")
    for name, field in old.get("properties", {}).items():
        if name not in new.get("properties", {}):
            problems.append(f"{label}: field {name} removed")
            continue
        problems += _schema(
            f"{label}.{name}", field, new["properties"][name], released, current, depth + 1
        )
    for name in old.get("required", []):
        if name not in new.get("required", []):
            problems.append(f"{label}: field {name} no longer always present")
    if "items" in old:
        problems += _schema(
            f"{label}[]", old["items"], new.get("items", {}), released, current, depth + 1
        )
    for combinator in ("oneOf", "anyOf", "allOf"):
        for index, variant in enumerate(old.get(combinator, [])):
            variants = new.get(combinator, [])
            if index >= len(variants):
                problems.append(f"{label}: {combinator}[{index}] removed")
                continue
            problems += _schema(
                f"{label}<{index}>", variant, variants[index], released, current, depth + 1
            )
    return problems


def _resolve(schema: Schema, document: Schema) -> Schema:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document.get("components", {}).get("schemas", {}).get(name, {})
    return schema
