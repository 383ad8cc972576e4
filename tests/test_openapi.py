"""The committed contract: openapi.yaml is what the code generates, and v1 never breaks."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

from api import changes
from api.contract import breaking_changes

ROOT = Path(settings.BASE_DIR)
V1_SNAPSHOT = ROOT / "api" / "v1" / "contract.yaml"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict:  # type: ignore[type-arg]
    path = tmp_path_factory.mktemp("schema") / "openapi.yaml"
    call_command("spectacular", "--file", str(path), "--validate", "--fail-on-warn")
    return {"text": path.read_text(), "schema": yaml.safe_load(path.read_text())}


def test_the_committed_openapi_yaml_is_what_the_code_generates(generated) -> None:
    assert (ROOT / "openapi.yaml").read_text() == generated["text"], "run `make schema`"


def test_every_parameter_says_what_it_does(generated) -> None:
    undescribed = [
        f"{method.upper()} {path} {parameter['name']}"
        for path, operations in generated["schema"]["paths"].items()
        for method, operation in operations.items()
        for parameter in operation.get("parameters", [])
        if not parameter.get("description")
    ]

    assert undescribed == []


def test_the_current_schema_keeps_everything_v1_released(generated) -> None:
    released = yaml.safe_load(V1_SNAPSHOT.read_text())

    assert breaking_changes(released, generated["schema"], path_prefix="/api/v1/") == []


def test_the_contract_check_catches_a_removed_renamed_or_retyped_field(generated) -> None:
    released = generated["schema"]
    changed = copy.deepcopy(released)
    condition = changed["components"]["schemas"]["SparseConditionV1"]["properties"]
    condition["title"] = condition.pop("name")
    condition["revision"]["type"] = "string"
    del changed["paths"]["/api/v1/faqs/"]
    changed["paths"]["/api/v1/conditions/"]["get"]["parameters"] = [
        p
        for p in changed["paths"]["/api/v1/conditions/"]["get"]["parameters"]
        if p["name"] != "lang"
    ]

    problems = breaking_changes(released, changed, path_prefix="/api/v1/")

    assert "GET /api/v1/faqs/: removed" in problems
    assert "GET /api/v1/conditions/: parameter lang: removed" in problems
    detail = "GET /api/v1/conditions/{slug}/: response 200 application/json"
    assert f"{detail}: field name removed" in problems
    assert f"{detail}.revision: type integer became string" in problems


def test_additions_are_not_breaking(generated) -> None:
    released = generated["schema"]
    changed = copy.deepcopy(released)
    changed["components"]["schemas"]["ConditionV1"]["properties"]["new_field"] = {"type": "string"}

    assert breaking_changes(released, changed) == []


def test_the_health_probes_are_documented(generated) -> None:
    paths = generated["schema"]["paths"]

    assert set(paths["/readyz"]["get"]["responses"]) == {"200", "503", "405"}
    assert set(paths["/healthz"]["get"]["responses"]) == {"200", "405"}


def _references(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [ref for value in node.values() for ref in _references(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _references(value)]
    return []


def test_every_reference_resolves(generated) -> None:
    # Found by `make fuzz`: the blocks of `body_format=blocks` named a
    # BodyBlockV1 component that the document did not hold.
    components = generated["schema"]["components"]["schemas"]
    refs = set(_references(generated["schema"]))

    assert "#/components/schemas/BodyBlockV1" in refs
    assert {ref for ref in refs if ref.rsplit("/", 1)[-1] not in components} == set()


def _api_operations(generated) -> list[tuple[str, dict]]:  # type: ignore[no-untyped-def,type-arg]
    return [
        (f"{method.upper()} {path}", operation)
        for path, operations in generated["schema"]["paths"].items()
        if path.startswith("/api/")
        for method, operation in operations.items()
    ]


def test_list_parameters_are_documented_comma_separated(generated) -> None:
    # Found by `make fuzz`: `slug` was documented as repeated (`?slug=a&slug=b`),
    # which filtered by the last slug only; it is `?slug=a,b`.
    exploded = [
        f"{where} {parameter['name']}"
        for where, operation in _api_operations(generated)
        for parameter in operation.get("parameters", [])
        if parameter.get("explode")
    ]

    assert exploded == []


@pytest.mark.parametrize("status", ["414", "431", "503"])
def test_every_api_operation_documents_its_site_wide_answers(generated, status: str) -> None:
    # Found by `make fuzz`: a long query string is a 414 problem, a long header a 431;
    # the database gone, a 503.
    assert [
        where for where, op in _api_operations(generated) if status not in op["responses"]
    ] == []


def test_page_bounds_are_documented(generated) -> None:
    # Found by `make fuzz`: any integer was documented, 1..100 and 0..1000000 are served.
    parameters = generated["schema"]["paths"]["/api/v1/conditions/"]["get"]["parameters"]
    schemas = {p["name"]: p["schema"] for p in parameters}

    assert schemas["limit"] == {"type": "integer", "minimum": 1, "maximum": 100}
    assert schemas["offset"] == {"type": "integer", "minimum": 0, "maximum": 1000000}


def test_the_cursor_parameter_says_what_a_cursor_looks_like(generated) -> None:
    # Found by schemathesis: `since=` was schema-valid and a 400 for its shape.
    parameters = generated["schema"]["paths"]["/api/v1/changes/"]["get"]["parameters"]
    pattern = {p["name"]: p["schema"] for p in parameters}["since"]["pattern"]

    assert re.fullmatch(pattern, "") is None
    assert re.fullmatch(pattern, changes.encode("3f2a9c1b42e1", 51)) is not None


def _json_schema(node: object) -> object:
    """OpenAPI 3.0's `nullable: true` as JSON Schema says it (a null type)."""
    if isinstance(node, dict):
        converted = {key: _json_schema(value) for key, value in node.items()}
        if converted.pop("nullable", False):
            return {"anyOf": [converted, {"type": "null"}]}
        return converted
    if isinstance(node, list):
        return [_json_schema(value) for value in node]
    return node


def _validator(generated, name: str) -> jsonschema.Draft7Validator:  # type: ignore[no-untyped-def]
    root = {"components": _json_schema(generated["schema"]["components"])}
    return jsonschema.Draft7Validator({**root, "$ref": f"#/components/schemas/{name}"})


@pytest.mark.parametrize(
    ("url", "schema"),
    [
        ("/api/v1/conditions/?fields=aliases", "PaginatedConditionV1List"),
        (
            "/api/v1/conditions/?expand=mechanisms,faqs&fields=name,mechanisms",
            "PaginatedConditionV1List",
        ),
        ("/api/v1/conditions/neck-pain/?fields=slug", "SparseConditionV1"),
        ("/api/v1/faqs/?fields=question,topic", "PaginatedFaqV1List"),
        ("/api/v1/mechanisms/twitch-response/?fields=conditions", "SparseMechanismV1"),
        # Without `fields`, an item is whole: valid against the schema that requires everything.
        ("/api/v1/conditions/neck-pain/?expand=mechanisms,faqs", "ConditionV1"),
        ("/api/v1/faqs/what-is-ims/", "FaqV1"),
        ("/api/v1/bundle/", "BundleV1"),
    ],
)
def test_what_the_api_answers_is_valid_against_its_documented_schema(
    client, seed, generated, url: str, schema: str
) -> None:
    # schemathesis checks the same on generated requests (`make fuzz`); these are
    # the cases a generated client meets first.
    body = client.get(url).json()

    errors = [error.message for error in _validator(generated, schema).iter_errors(body)]

    assert errors == []


def test_an_item_with_fields_would_not_be_valid_against_the_whole_item(
    generated, client, seed
) -> None:
    # Why list and detail items are `Sparse…`: a sparse item lacks what the whole one requires.
    body = client.get("/api/v1/conditions/neck-pain/?fields=slug").json()

    assert body == {"slug": "neck-pain"}
    assert not _validator(generated, "ConditionV1").is_valid(body)
    paths = generated["schema"]["paths"]
    answer = paths["/api/v1/conditions/{slug}/"]["get"]["responses"]["200"]["content"]
    assert answer["application/json"]["schema"]["$ref"].endswith("/SparseConditionV1")
