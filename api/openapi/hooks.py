"""drf-spectacular postprocessing hooks (settings.SPECTACULAR_SETTINGS): what the
generated document cannot say from the views alone."""

from __future__ import annotations

from typing import Any

PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}


def document_health(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: the health probes are plain Django views (so that no
    authentication or throttling can ever turn a probe away), documented here."""
    checks = {
        "type": "object",
        "properties": {
            "database": {"type": "string", "enum": ["ok", "unavailable"]},
            "cache": {"type": "string", "enum": ["ok", "unavailable"]},
        },
    }
    status = {"type": "string", "enum": ["ok"]}
    result["paths"]["/healthz"] = {
        "get": {
            "operationId": "healthz",
            "summary": "Liveness",
            "description": "200 while the process serves requests; touches neither the "
            "database nor the cache. Never cached.",
            "tags": ["health"],
            "responses": {
                "200": {
                    "description": "Alive",
                    "content": {
                        "application/json": {
                            "schema": {"type": "object", "properties": {"status": status}},
                            "example": {"status": "ok"},
                        }
                    },
                },
                "405": {"description": "Only GET and HEAD", "content": PROBLEM},
            },
        }
    }
    result["paths"]["/readyz"] = {
        "get": {
            "operationId": "readyz",
            "summary": "Readiness",
            "description": "200 while the database answers: `ok`, or `degraded` when the "
            "cache is down (the API then answers from the database). A 503 problem when the "
            "database is down. Never cached.",
            "tags": ["health"],
            "responses": {
                "200": {
                    "description": "Ready",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "status": {"type": "string", "enum": ["ok", "degraded"]},
                                    "checks": checks,
                                },
                            },
                            "examples": {
                                "ready": {
                                    "value": {
                                        "status": "ok",
                                        "checks": {"database": "ok", "cache": "ok"},
                                    }
                                },
                                "cacheDown": {
                                    "summary": "Redis down: still in rotation",
                                    "value": {
                                        "status": "degraded",
                                        "checks": {"database": "ok", "cache": "unavailable"},
                                    },
                                },
                            },
                        }
                    },
                },
                "503": {
                    "description": "Not ready",
                    "content": {
                        "application/problem+json": {
                            "schema": {
                                "allOf": [
                                    {"$ref": "#/components/schemas/Problem"},
                                    {"type": "object", "properties": {"checks": checks}},
                                ]
                            },
                            "example": {
                                "type": "/problems/service-unavailable",
                                "title": "Service unavailable",
                                "status": 503,
                                "detail": "Not ready; unavailable: database.",
                                "checks": {"database": "unavailable", "cache": "ok"},
                            },
                        }
                    },
                },
                "405": {"description": "Only GET and HEAD", "content": PROBLEM},
            },
        }
    }
    return result


def comma_separated_lists(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: a list parameter is one comma-separated value
    (`?slug=neck,jaw`, as api.querying.filters parses it); a parameter given twice is a
    400 (api.querying.params.check_known). django-filter's multiple-choice filters are
    otherwise documented as repeated (`explode: true`). A list holds at least
    one item: `?ordering=` and `?body_region=` are a 400, and would otherwise
    read as an empty list as well as a list of one empty name."""
    for operations in result["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") != "query":
                    continue
                if parameter.get("explode"):
                    parameter["explode"] = False
                schema = parameter.get("schema", {})
                if schema.get("type") == "array":
                    schema["minItems"] = 1
    return result


def document_answers_of_every_operation(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: every API operation may answer a query string longer
    than settings.API_MAX_QUERY_STRING_BYTES with a 414 problem, a header
    longer than settings.API_MAX_HEADER_BYTES or more headers than
    settings.API_MAX_HEADER_COUNT with a 431 (web/security.py), and
    an unavailable database with a 503 and `Retry-After` (web/problems.py)."""

    for path, operations in result["paths"].items():
        if path.startswith("/api/"):
            for operation in operations.values():
                responses = operation["responses"]
                responses.setdefault(
                    "414", {"description": "Query string too long", "content": PROBLEM}
                )
                responses.setdefault(
                    "431", {"description": "A header too long, or too many", "content": PROBLEM}
                )
                responses.setdefault(
                    "503",
                    {
                        "description": "The database is unavailable for a moment; retry "
                        "after `Retry-After` seconds",
                        "headers": {"Retry-After": {"schema": {"type": "integer"}}},
                        "content": PROBLEM,
                    },
                )
    return result


def sparse_fieldsets(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: `fields=slug,name` leaves every other property out of
    each item (DESIGN 2.3), so the items of an operation that takes `fields` are
    `Sparse…` schemas: the full item's properties, none of them required. The
    full schemas (`ConditionV1`, …) stay as they are for the bundle, whose items
    are always whole."""
    schemas = result["components"]["schemas"]
    for operations in result["paths"].values():
        for operation in operations.values():
            if not any(p["name"] == "fields" for p in operation.get("parameters", [])):
                continue
            answer = operation["responses"]["200"]["content"]["application/json"]
            page = schemas[_name(answer["schema"])]
            if "results" in page.get("properties", {}):
                holder = page["properties"]["results"]["items"]
            else:
                holder = answer["schema"]
            holder["$ref"] = _sparse(schemas, _name(holder))
    result["components"]["schemas"] = dict(sorted(schemas.items()))
    return result


def _name(schema: dict[str, Any]) -> str:
    return str(schema["$ref"]).rsplit("/", 1)[-1]


def _sparse(schemas: dict[str, Any], name: str) -> str:
    sparse = f"Sparse{name}"
    if sparse not in schemas:
        partial = {key: value for key, value in schemas[name].items() if key != "required"}
        about = schemas[name].get("description", "").rstrip(".")
        partial["description"] = (f"{about}. " if about else "") + (
            f"Every property of `{name}` is present, unless `fields` names the properties "
            "to return: then only those."
        )
        schemas[sparse] = partial
    return f"#/components/schemas/{sparse}"
