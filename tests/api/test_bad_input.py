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
            "No body region has the slug 'elbw'.",
        ),
        (
            "category=tendon,bones",
            "category",
            "No category has the slug 'bones'.",
        ),
        (
            "mechanism=magic",
            "mechanism",
            "No published mechanism has the slug 'magic'.",
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
        ("expand=category", "expand", "Unknown name(s): category. Known: faqs, image, mechanisms."),
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

    # Past settings.API_MAX_QUERY_STRING_BYTES a query is a 414 before any parsing.
    expected = {414} if len(query) > 2048 else {200, 400}
    assert response.status_code in expected
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


@pytest.mark.parametrize(
    "path", ["/api/v1/conditions/?limit=0&preview=maybe", "/api/v1/body-regions/?colour=red"]
)
def test_an_unsupported_method_is_a_405_whatever_its_parameters(client, seed, path: str) -> None:
    # Found by `make fuzz`: TRACE with bad parameters was a 400.
    response = client.generic("TRACE", path)

    assert response.status_code == 405
    assert _problem(response)["type"] == "/problems/method-not-allowed"


def test_asking_for_html_is_not_acceptable(client, seed) -> None:
    response = client.get("/api/v1/conditions/", HTTP_ACCEPT="text/html")

    assert response.status_code == 406
    assert _problem(response)["type"] == "/problems/not-acceptable"


def test_the_detail_refuses_list_parameters(client, seed) -> None:
    response = client.get("/api/v1/conditions/neck-pain/?limit=5")

    assert response.status_code == 400
    assert _problem(response)["errors"] == [{"field": "limit", "message": "Unknown parameter."}]


# Found by `make fuzz` (schemathesis), each kept here as a regression test.


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/conditions/?body_format=pdf", 400),
        ("/api/v1/conditions/?limit=true", 400),
        ("/api/v1/mechanisms/twitch-response/?fields=colour", 400),
        ("/api/v1/conditions/tenis-elbow/", 404),
    ],
)
@pytest.mark.parametrize(
    "precondition",
    [{"HTTP_IF_NONE_MATCH": "*"}, {"HTTP_IF_MODIFIED_SINCE": "Mon, 24 Nov 3698 08:34:21 GMT"}],
)
def test_a_precondition_never_turns_an_error_into_a_304(
    client, seed, url: str, status: int, precondition: dict[str, str]
) -> None:
    # RFC 9110 §13.2.1: preconditions apply only to what would otherwise be a 2xx.
    response = client.get(url, **precondition)

    assert response.status_code == status
    assert _problem(response)["status"] == status


def test_a_precondition_still_gives_a_304_for_a_good_request(client, seed) -> None:
    response = client.get("/api/v1/conditions/?limit=5", HTTP_IF_NONE_MATCH="*")

    assert response.status_code == 304


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=5&limit=500", "limit"),
        ("body_format=pdf&body_format=html", "body_format"),
        ("slug=neck-pain&slug=headaches", "slug"),
    ],
)
def test_a_parameter_given_twice_is_a_400(client, seed, query: str, field: str) -> None:
    # Otherwise the last value silently won; lists are comma-separated in one value.
    response = client.get(f"/api/v1/conditions/?{query}")

    assert response.status_code == 400
    assert _problem(response)["errors"] == [
        {"field": field, "message": "Give this parameter once (lists are comma-separated)."}
    ]


def test_an_empty_updated_since_is_a_400_not_no_filter(client, seed) -> None:
    response = client.get("/api/v1/faqs/?updated_since=")

    assert response.status_code == 400
    assert _problem(response)["errors"] == [
        {"field": "updated_since", "message": "Enter a valid date/time."}
    ]


EMPTY_SLUG = "Give one or more slugs (letters, digits, - and _) separated by commas, none empty."


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("body_region=", "body_region", EMPTY_SLUG),
        ("slug=neck-pain,", "slug", EMPTY_SLUG),
        ("category=,tendon", "category", EMPTY_SLUG),
        (
            "mechanism=twitch%20response",
            "mechanism",
            f"Not a slug: 'twitch response'. {EMPTY_SLUG}",
        ),
        ("body_region=%C3%A9paule", "body_region", f"Not a slug: 'épaule'. {EMPTY_SLUG}"),
    ],
)
def test_a_slug_filter_given_empty_or_not_a_slug_is_a_400_not_everything(
    client, seed, query: str, field: str, message: str
) -> None:
    # openapi.yaml declares each slug's pattern and at least one slug: a request
    # that the schema allows is never refused for its shape, only for naming nothing.
    response = client.get(f"/api/v1/conditions/?{query}")

    assert response.status_code == 400
    assert _problem(response)["errors"] == [{"field": field, "message": message}]


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("fields=slug,,name", 200),
        ("fields=%20slug%20,%20name", 200),
        ("fields=%09slug", 400),
        ("fields=slug%C2%A0", 400),
        ("expand=", 400),
    ],
)
def test_a_list_of_names_is_held_to_its_documented_pattern(
    client, seed, query: str, status: int
) -> None:
    # The pattern in openapi.yaml (api.querying.params.names_pattern) is the rule the
    # parser applies: neither accepts what the other refuses.
    response = client.get(f"/api/v1/conditions/?{query}")

    assert response.status_code == status


@pytest.mark.parametrize("query", ["q=%20%20", "q=" + "x" * 198 + "%20%20%20", "q=&type="])
def test_search_text_is_held_to_its_documented_length(client, seed, query: str) -> None:
    response = client.get(f"/api/v1/search/?{query}")

    assert response.status_code == 400
    assert _problem(response)["errors"][0]["field"] == "q"


@pytest.mark.parametrize("query", ["ordering=", "ordering=name,", "ordering=-name,,position"])
def test_an_empty_ordering_name_is_a_400_not_the_default_order(client, seed, query: str) -> None:
    response = client.get(f"/api/v1/conditions/?{query}")

    assert response.status_code == 400
    assert _problem(response)["errors"] == [
        {"field": "ordering", "message": "Give ordering names separated by commas, none empty."}
    ]
