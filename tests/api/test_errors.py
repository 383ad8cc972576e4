from __future__ import annotations

import json

import pytest
from django.test import Client

from api.errors import ProblemDetailSerializer, error_responses
from web.problems import problem_response

PROBLEM = "application/problem+json"
error_urls = pytest.mark.urls("tests.api.error_urls")


@error_urls
def test_invalid_parameters_are_a_problem_listing_every_field_error(client: Client) -> None:
    response = client.get("/api/invalid/")

    assert response.status_code == 400
    assert response.json() == {
        "type": "/problems/invalid-parameters",
        "title": "Invalid parameters",
        "status": 400,
        "detail": "One or more parameters are invalid.",
        "errors": [
            {"field": "body_format", "message": "Must be one of: html, text, blocks, markdown."},
            {"field": "filter.published_after", "message": "Enter a valid date/time."},
            {"field": "filter", "message": "Give either a date or a cursor."},
            {"field": "items.1.slug", "message": "Unknown slug."},
            {"field": "items.1.slug", "message": "Too long."},
            {"field": "", "message": "Too many parameters."},
        ],
    }


def test_a_list_reports_its_invalid_filters_and_page_bounds_at_once(client, seed) -> None:
    # The README's example, as the server answers it.
    response = client.get("/api/v1/conditions/?body_region=elbw&limit=500&offset=-1")

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "field": "body_region",
            "message": "No body region has the slug 'elbw'.",
        },
        {"field": "limit", "message": "Must be a whole number from 1 to 100."},
        {"field": "offset", "message": "Must be a whole number from 0 to 1000000."},
    ]


@error_urls
def test_an_invalid_filter_value_is_a_problem_naming_the_filter(client: Client) -> None:
    response = client.get("/api/filtered/", {"joined_after": "last tuesday"})

    assert response.status_code == 400
    assert response.json() == {
        "type": "/problems/invalid-parameters",
        "title": "Invalid parameters",
        "status": 400,
        "detail": "One or more parameters are invalid.",
        "errors": [{"field": "joined_after", "message": "Enter a valid date/time."}],
    }


@error_urls
def test_a_missing_item_is_a_not_found_problem_with_the_views_message(client: Client) -> None:
    response = client.get("/api/missing/")

    assert response.status_code == 404
    assert response.json() == {
        "type": "/problems/not-found",
        "title": "Not found",
        "status": 404,
        "detail": "No condition matches the given slug.",
    }


@error_urls
def test_a_method_the_view_lacks_is_a_problem_that_says_what_is_allowed(client: Client) -> None:
    response = client.post("/api/read-only/")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json() == {
        "type": "/problems/method-not-allowed",
        "title": "Method not allowed",
        "status": 405,
        "detail": 'Method "POST" not allowed.',
    }


@error_urls
def test_asking_for_html_is_a_not_acceptable_problem_in_json(client: Client) -> None:
    response = client.get("/api/read-only/", headers={"Accept": "text/html"})

    assert response.status_code == 406
    assert response.json() == {
        "type": "/problems/not-acceptable",
        "title": "Not acceptable",
        "status": 406,
        "detail": "Could not satisfy the request Accept header.",
    }


@error_urls
@pytest.mark.parametrize(
    ("method", "path", "accept"),
    [
        ("get", "/api/invalid/", "application/json"),
        ("get", "/api/missing/", "application/json"),
        ("post", "/api/read-only/", "application/json"),
        ("get", "/api/read-only/", "text/html"),
        ("get", "/api/nowhere/", "text/html"),
    ],
)
def test_every_api_error_is_served_as_problem_json(
    client: Client, method: str, path: str, accept: str
) -> None:
    response = getattr(client, method)(path, headers={"Accept": accept})

    assert response["Content-Type"] == PROBLEM


@error_urls
@pytest.mark.parametrize(
    ("accept", "status"),
    [("text/html", 404), ("application/xml", 406)],
)
def test_a_problem_is_json_even_from_a_view_that_renders_html(
    client: Client, accept: str, status: int
) -> None:
    response = client.get("/api/html/missing/", headers={"Accept": accept})

    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    assert response.json()["status"] == status


@error_urls
def test_a_throttled_request_is_a_problem_that_says_when_to_retry(client: Client) -> None:
    response = client.get("/api/throttled/")

    assert response.status_code == 429
    assert response["Retry-After"] == "12"
    assert response.json() == {
        "type": "/problems/too-many-requests",
        "title": "Too many requests",
        "status": 429,
        "detail": "Request was throttled. Expected available in 12 seconds.",
    }


@error_urls
def test_a_missing_key_is_an_unauthorized_problem_naming_the_scheme(client: Client) -> None:
    response = client.get("/api/unauthenticated/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"
    assert response.json() == {
        "type": "/problems/unauthorized",
        "title": "Unauthorized",
        "status": 401,
        "detail": "Authentication credentials were not provided.",
    }


@error_urls
@pytest.mark.parametrize("path", ["/api/forbidden/", "/api/plain/forbidden/"])
def test_djangos_permission_denied_is_a_forbidden_problem(client: Client, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 403
    assert response["Content-Type"] == PROBLEM
    assert response.json() == {
        "type": "/problems/forbidden",
        "title": "Forbidden",
        "status": 403,
        "detail": "You do not have permission to perform this action.",
    }


@error_urls
@pytest.mark.parametrize("path", ["/api/crash/", "/api/plain/crash/"])
def test_a_crash_under_the_api_is_a_server_error_problem(path: str) -> None:
    client = Client(raise_request_exception=False)

    response = client.get(path)

    assert response.status_code == 500
    assert response["Content-Type"] == PROBLEM
    assert response.json() == {
        "type": "/problems/server-error",
        "title": "Server error",
        "status": 500,
        "detail": "The server could not complete the request.",
    }


@error_urls
def test_the_database_gone_is_a_503_problem_that_says_when_to_retry() -> None:
    response = Client(raise_request_exception=False).get("/api/plain/database-gone/")

    assert response.status_code == 503
    assert response["Content-Type"] == PROBLEM
    assert response["Retry-After"] == "5"
    assert response.json()["type"] == "/problems/service-unavailable"


@error_urls
def test_a_crash_outside_the_api_stays_an_html_page() -> None:
    client = Client(raise_request_exception=False)

    response = client.get("/crash/")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")


@error_urls
def test_http404_from_a_plain_view_under_the_api_keeps_its_message(client: Client) -> None:
    response = client.get("/api/plain/missing/")

    assert response.status_code == 404
    assert response.json()["detail"] == "No condition matches the given slug."


@error_urls
def test_a_disallowed_host_under_the_api_is_a_bad_request_problem(client: Client) -> None:
    response = client.get("/api/read-only/", headers={"Host": "evil.example"})

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json() == {
        "type": "/problems/invalid-parameters",
        "title": "Invalid parameters",
        "status": 400,
        "detail": "The request is malformed or not allowed.",
    }


@error_urls
def test_a_disallowed_host_outside_the_api_stays_an_html_page(client: Client) -> None:
    response = client.get("/crash/", headers={"Host": "evil.example"})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("debug", [False, True], ids=["production", "make-run"])
@pytest.mark.parametrize(
    "path",
    ["/api/nope/", "/api/v1/nope/", "/api", "/API/V1/", "/api/v1/body-regions/%C2%84/",
     "/api/v1/conditions/tennis-elbow/extra/"],
)  # fmt: skip
def test_an_unknown_api_path_is_a_problem_not_an_html_page(
    client: Client, settings, path: str, debug: bool
) -> None:
    # Under DEBUG (`make run`) Django answers an unmatched path with its HTML
    # page of the patterns it tried, unless a route answers first.
    settings.DEBUG = debug
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json() == {
        "type": "/problems/not-found",
        "title": "Not found",
        "status": 404,
        "detail": "Nothing is served at this URL.",
    }


@pytest.mark.parametrize("debug", [False, True], ids=["production", "make-run"])
def test_a_disallowed_host_under_the_api_is_a_problem_not_an_html_page(
    client: Client, settings, debug: bool
) -> None:
    settings.DEBUG = debug
    response = client.get("/api/v1/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["detail"] == "The request is malformed or not allowed."


@pytest.mark.parametrize("debug", [False, True], ids=["production", "make-run"])
def test_an_api_path_without_its_slash_is_redirected_to_it(
    client: Client, settings, debug: bool
) -> None:
    settings.DEBUG = debug
    response = client.get("/api/v1/conditions")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/conditions/"


def test_an_unknown_page_outside_the_api_stays_an_html_page(client: Client) -> None:
    response = client.get("/nope/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_problem_response_is_utf8_json_with_its_extension_members() -> None:
    response = problem_response(
        status=503,
        detail="Base de données indisponible.",
        headers={"Retry-After": "30"},
        extensions={"checks": {"database": "unavailable"}, "status": 200},
    )

    assert response["Content-Type"] == PROBLEM
    assert response["Retry-After"] == "30"
    assert "données".encode() in response.content
    assert json.loads(response.content) == {
        "type": "/problems/service-unavailable",
        "title": "Service unavailable",
        "status": 503,
        "detail": "Base de données indisponible.",
        "checks": {"database": "unavailable"},
    }


def test_a_status_without_a_problem_type_of_its_own_is_about_blank() -> None:
    response = problem_response(status=409, detail="The item changed meanwhile.")

    assert json.loads(response.content) == {
        "type": "about:blank",
        "title": "Conflict",
        "status": 409,
        "detail": "The item changed meanwhile.",
    }


def test_error_responses_document_each_status_as_a_problem_with_a_valid_example() -> None:
    responses = error_responses(400, 404)

    assert list(responses) == [(400, PROBLEM), (404, PROBLEM)]
    not_found = responses[(404, PROBLEM)]
    assert not_found.response is ProblemDetailSerializer
    assert not_found.description == "Not found"
    assert [example.value for example in not_found.examples] == [
        {"type": "/problems/not-found", "title": "Not found", "status": 404, "detail": "Not found."}
    ]
    invalid = responses[(400, PROBLEM)].examples[0].value
    assert ProblemDetailSerializer(data=invalid).is_valid()
    assert invalid["errors"][0] == {
        "field": "body_format",
        "message": "Must be one of: html, text, blocks, markdown.",
    }
