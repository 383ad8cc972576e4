"""Schemathesis hooks for `make fuzz` (.ci/fuzz loads them by SCHEMATHESIS_HOOKS).

No failure is filtered: every check runs on every case. What this steers is
the data. A slug filter, a detail's slug and the changes feed's cursor name
content, and a well-formed name of nothing is a 400 (DESIGN 2.3; a detail's is
a 404) that the schema cannot foresee, since the content is not in it. So in
the positive phase (data that fits the schema) those values are replaced by
names of what the server serves, read once from its bundle: the fuzzer then
checks real pages, filtered and expanded, against the schema. The negative
phase keeps what it generated. Unknown slugs are tested in tests/api/.
"""

from __future__ import annotations

import json
import os
import urllib.request
import zlib
from functools import cache
from typing import Any

import schemathesis

# (path of the operation, name of the parameter) -> the bundle's list of that content.
PATH_SLUG = {
    "/api/v1/conditions/{slug}/": "conditions",
    "/api/v1/faqs/{slug}/": "faqs",
    "/api/v1/mechanisms/{slug}/": "mechanisms",
    "/api/v1/body-regions/{slug}/": "body_regions",
}
QUERY_SLUGS = {
    ("/api/v1/conditions/", "slug"): "conditions",
    ("/api/v1/conditions/", "body_region"): "body_regions",
    ("/api/v1/conditions/", "category"): "categories",
    ("/api/v1/conditions/", "mechanism"): "mechanisms",
    ("/api/v1/faqs/", "slug"): "faqs",
    ("/api/v1/faqs/", "topic"): "topics",
    ("/api/v1/faqs/", "condition"): "conditions",
    ("/api/v1/faqs/", "mechanism"): "mechanisms",
    ("/api/v1/mechanisms/", "slug"): "mechanisms",
}


@cache
def served() -> dict[str, list[str]]:
    """The slugs of what the server serves, and a cursor of its changes feed."""
    with urllib.request.urlopen(f"{os.environ['FUZZ_URL']}/api/v1/bundle/", timeout=30) as answer:
        bundle = json.load(answer)
    names = {
        name: sorted(item["slug"] for item in bundle[name])
        for name in ("conditions", "faqs", "mechanisms", "body_regions")
    }
    names["categories"] = sorted({item["category"]["slug"] for item in bundle["conditions"]})
    names["topics"] = sorted({item["topic"]["slug"] for item in bundle["faqs"]})
    names["cursors"] = [bundle["cursor"]]
    return names


def _one_of(names: list[str], generated: Any) -> str:
    # The same generated value always maps to the same name: a seed replays a run.
    return names[zlib.crc32(str(generated).encode()) % len(names)]


@schemathesis.hook
def map_case(context: Any, case: Any) -> Any:
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return case
    path = case.operation.path
    if path in PATH_SLUG and "slug" in case.path_parameters:
        case.path_parameters["slug"] = _one_of(
            served()[PATH_SLUG[path]], case.path_parameters["slug"]
        )
    for name, value in list((case.query or {}).items()):
        if (path, name) in QUERY_SLUGS:
            names = served()[QUERY_SLUGS[(path, name)]]
            values = value if isinstance(value, list) else [value]
            case.query[name] = [_one_of(names, item) for item in values]
        elif (path, name) == ("/api/v1/changes/", "since"):
            case.query[name] = served()["cursors"][0]
    return case
