"""Anything a client can send gets a clear 4xx problem, never a 500 or a silent default."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def _problem(response) -> dict:  # type: ignore[no-untyped-def,type-arg]
    assert response["Content-Type"] == PROBLEM
    return response.json()


def test_an_unknown_parameter_is_named(client, seed) -> None:
    response = client.get("/api/v1/conditions/?colour=blue")

    assert response.status_code == 400
    assert _problem(response) == {
        "type": "/problems/invalid-parameters",
        "title": "Invalid parameters",
        "status": 400,
        "detail": "One or more parameters are invalid.",
        "errors": [{"field": "colour", "message": "Unknown parameter."}],
    }


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        (
            "body_region=elbw",
            "body_region",
            "Select a valid choice. elbw is not one of the available choices.",
        ),
        (
            "category=tendon,bones",
            "category",
            "Select a valid choice. bones is not one of the available choices.",
        ),
        (
            "mechanism=magic",
            "mechanism",
            "Select a valid choice. magic is not one of the available choices.",
        ),
        ("updated_since=yesterday", "updated_since", "Enter a valid date/time."),
        (
            "ordering=colour",
            "ordering",
            "Select a valid choice. colour is not one of the available choices.",
        ),
        ("limit=0", "limit", "Must be a whole number from 1 to 100."),
        ("limit=101", "limit", "Must be a whole number from 1 to 100."),
        ("limit=-5", "limit", "Must be a whole number from 1 to 100."),
        ("limit=ten", "limit", "Must be a whole number from 1 to 100."),
        ("limit=%EF%BC%95", "limit", "Must be a whole number from 1 to 100."),
        ("offset=-1", "offset", "Must be a whole number from 0 to 1000000."),
        ("offset=99999999999999999999999", "offset", "Must be a whole number from 0 to 1000000."),
        ("body_format=pdf", "body_format", "Must be one of: html, text, blocks, markdown."),
        ("lang=de", "lang", "Must be one of: en, fr-ca."),
        ("fields=slug,colour", "fields", "Unknown name(s): colour. Known: "),
        ("expand=category", "expand", "Unknown name(s): category. Known: faqs, mechanisms."),
        ("fields=,", "fields", "Unknown name(s): (none). Known: "),
        ("q=%00", "q", "Must not contain NUL characters."),
    ],
)
def test_a_bad_value_is_a_400_naming_the_parameter(
    client, seed, query: str, field: str, message: str
) -> None:
    response = client.get(f"/api/v1/conditions/?{query}")

    assert response.status_code == 400
    errors = _problem(response)["errors"]
    assert [error["field"] for error in errors] == [field]
    assert errors[0]["message"].startswith(message)


@pytest.mark.parametrize(
    "query",
    [
        "q=" + "x" * 5000,
        "q=%F0%9F%92%A5%E2%80%AE%CC%81",
        "q=%27%3B%20DROP%20TABLE%20content_condition%3B--",
        "fields=" + "a" * 5000,
        "slug=" + ",".join(["neck-pain"] * 500),
    ],
)
def test_odd_or_huge_input_is_never_a_server_error(client, seed, query: str) -> None:
    response = client.get(f"/api/v1/conditions/?{query}")

    assert response.status_code in {200, 400}
    assert response["Content-Type"] in {"application/json", PROBLEM}


def test_an_unknown_slug_is_a_not_found_problem(client, seed) -> None:
    response = client.get("/api/v1/conditions/tenis-elbow/")

    assert response.status_code == 404
    assert _problem(response) == {
        "type": "/problems/not-found",
        "title": "Not found",
        "status": 404,
        "detail": "No published condition has the slug “tenis-elbow”.",
    }


@pytest.mark.parametrize(
    "path", ["/api/v1/nothing-here/", "/api/v1/conditions/NOT_A_SLUG/", "/api/v2/conditions/"]
)
def test_an_unknown_path_is_a_not_found_problem(client, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 404
    assert _problem(response)["type"] == "/problems/not-found"


def test_writing_is_not_allowed(client, seed) -> None:
    response = client.post("/api/v1/conditions/", {"name": "x"})

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert _problem(response)["type"] == "/problems/method-not-allowed"


def test_asking_for_html_is_not_acceptable(client, seed) -> None:
    response = client.get("/api/v1/conditions/", HTTP_ACCEPT="text/html")

    assert response.status_code == 406
    assert _problem(response)["type"] == "/problems/not-acceptable"


def test_the_detail_refuses_list_parameters(client, seed) -> None:
    response = client.get("/api/v1/conditions/neck-pain/?limit=5")

    assert response.status_code == 400
    assert _problem(response)["errors"] == [{"field": "limit", "message": "Unknown parameter."}]
