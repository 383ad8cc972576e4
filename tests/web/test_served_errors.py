"""Errors as a client meets them through gunicorn, configured as `make run` and the image run it.

What the test client cannot show: gunicorn's own limits on the request line
and headers (config/gunicorn.py), a path that starts with `//`, and the raw
path that gunicorn passes beside the decoded one (an encoded slash).
"""

from __future__ import annotations

import pytest

from tests.faults.conftest import Served

PROBLEM = "application/problem+json"


@pytest.mark.parametrize(
    "path", ["//api/v1/conditions/", "/API/V1/", "/api/v1/body-regions/%C2%84/"]
)
def test_a_path_no_route_matches_is_a_not_found_problem(served_app: Served, path: str) -> None:
    response = served_app.get(path)

    assert (response.status, response.getheader("Content-Type")) == (404, PROBLEM)


@pytest.mark.parametrize("path", ["/api%2Fv1%2Fconditions%2F", "/api/v1%2Fconditions/"])
def test_an_encoded_slash_does_not_reach_a_route(served_app: Served, path: str) -> None:
    response = served_app.get(path)

    assert (response.status, response.getheader("Content-Type")) == (404, PROBLEM)
    assert served_app.get("/api/v1/conditions/").status == 200


def test_a_query_string_past_the_apps_limit_is_its_414_problem(served_app: Served) -> None:
    # Past gunicorn's default request line (4,094 bytes), short of its maximum.
    response = served_app.get("/api/v1/conditions/?q=" + "a" * 6000)

    assert (response.status, response.getheader("Content-Type")) == (414, PROBLEM)


def test_a_header_past_the_apps_limit_is_its_431_problem(served_app: Served) -> None:
    # Past gunicorn's default header line (8,190 bytes), short of its limit here.
    response = served_app.get("/api/v1/conditions/", headers={"X-Trace": "t" * 12000})

    assert (response.status, response.getheader("Content-Type")) == (431, PROBLEM)


def test_more_headers_than_the_apps_limit_is_its_431_problem(served_app: Served) -> None:
    # Past gunicorn's default (100 headers), short of its limit here (1,000).
    headers = {f"X-Extra-{n}": "x" for n in range(150)}

    response = served_app.get("/api/v1/conditions/", headers=headers)

    assert (response.status, response.getheader("Content-Type")) == (431, PROBLEM)
