"""One log line per request, request ids, and Prometheus metrics (DESIGN 3)."""

from __future__ import annotations

import io
import itertools
import json
import logging

import pytest
from django.test import Client
from prometheus_client import REGISTRY
from pythonjsonlogger.json import JsonFormatter

from api.consumers.models import ApiClient
from web.requestlog import RequestIdFilter

pytestmark = pytest.mark.django_db

URL = "/api/v1/conditions/?fields=slug&limit=1"


def _request_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "api.requests"]


def _sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_each_request_logs_one_line_with_its_fields(client, seed, caplog) -> None:
    _, key = ApiClient.objects.create_key(name="Main St kiosk", kind="kiosk")
    prefix = ApiClient.objects.get().prefix

    with caplog.at_level(logging.INFO, logger="api.requests"):
        response = client.get(URL, HTTP_AUTHORIZATION=f"Api-Key {key}")

    [line] = _request_lines(caplog)
    fields = {
        name: getattr(line, name)
        for name in ("method", "path", "status", "client_id", "request_id")
    }
    assert fields == {
        "method": "GET",
        "path": "/api/v1/conditions/",
        "status": 200,
        "client_id": prefix,
        "request_id": response["X-Request-ID"],
    }
    assert line.duration_ms >= 0  # type: ignore[attr-defined]


def test_an_anonymous_or_failed_request_is_logged_without_a_client(client, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="api.requests"):
        client.get("/api/v1/nowhere/")

    [line] = _request_lines(caplog)
    assert (line.status, line.client_id) == (404, None)  # type: ignore[attr-defined]


def test_the_request_line_is_one_json_object_in_production_format(client, caplog) -> None:
    formatter = JsonFormatter(
        "%(levelname)s %(name)s %(message)s",
        rename_fields={"levelname": "level", "name": "logger"},
        timestamp="time",
    )
    with caplog.at_level(logging.INFO, logger="api.requests"):
        client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a")

    [line] = _request_lines(caplog)
    document = json.loads(formatter.format(line))
    assert {k: document[k] for k in ("level", "logger", "method", "path", "status")} == {
        "level": "INFO",
        "logger": "api.requests",
        "method": "GET",
        "path": "/healthz",
        "status": 200,
    }
    assert (document["client_id"], document["request_id"]) == (None, "lb-7f3a")
    assert {"time", "duration_ms", "message"} <= document.keys()


def test_a_disallowed_host_is_one_warning_line_without_a_traceback(client) -> None:
    # What the log handler of config/settings.py writes, captured where it writes.
    console = next(h for h in logging.getLogger().handlers if h.name == "console")
    written = io.StringIO()
    capture = logging.StreamHandler(written)
    capture.setFormatter(console.formatter)
    capture.filters = list(console.filters)
    logging.getLogger().addHandler(capture)
    try:
        response = client.get("/api/v1/", headers={"Host": "scanner.example"})
    finally:
        logging.getLogger().removeHandler(capture)

    assert response.status_code == 400
    [line] = [json.loads(text) for text in written.getvalue().splitlines() if "Invalid" in text]
    assert (line["level"], line["logger"]) == ("WARNING", "django.security.DisallowedHost")
    assert "exc_info" not in line
    assert "Traceback" not in written.getvalue()


def test_settings_log_json_by_default_with_debug_off(settings) -> None:
    assert settings.LOG_FORMAT == "json"
    assert settings.LOGGING["handlers"]["console"]["formatter"] == "json"
    assert settings.LOGGING["handlers"]["console"]["filters"] == ["request_id", "client_mistakes"]


def test_a_sane_request_id_is_echoed(client) -> None:
    response = client.get("/healthz", HTTP_X_REQUEST_ID="abc-123.def:9_Z")

    assert response["X-Request-ID"] == "abc-123.def:9_Z"


def test_a_request_id_is_generated_when_none_is_sent(client) -> None:
    first, second = client.get("/healthz"), client.get("/healthz")

    assert len(first["X-Request-ID"]) == 32
    assert int(first["X-Request-ID"], 16) >= 0
    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.parametrize(
    "offered", ["", "x" * 129, "abc def", "id\r\nSet-Cookie: a=b", "naïve", "<script>"]
)
def test_an_unsafe_request_id_is_replaced(client, offered: str) -> None:
    response = client.get("/healthz", HTTP_X_REQUEST_ID=offered)

    assert response["X-Request-ID"] != offered
    assert len(response["X-Request-ID"]) == 32


@pytest.mark.urls("tests.api.error_urls")
def test_every_record_logged_during_a_request_carries_its_id(caplog) -> None:
    caplog.handler.addFilter(RequestIdFilter())
    client = Client(raise_request_exception=False)

    with caplog.at_level(logging.INFO):
        response = client.get("/crash/", HTTP_X_REQUEST_ID="req-42")

    ids = {record.name: record.request_id for record in caplog.records}  # type: ignore[attr-defined]
    assert response.status_code == 500
    assert ids == {"django.request": "req-42", "api.requests": "req-42"}


def test_a_record_outside_any_request_has_no_request_id() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "m", None, None)

    assert RequestIdFilter().filter(record)
    assert record.request_id is None  # type: ignore[attr-defined]


def test_requests_are_counted_and_timed_by_route_not_path(client, seed) -> None:
    route = "api/v1/conditions/<slug>/"
    labels = {"route": route, "method": "GET", "status": "200"}
    before = _sample("ims_http_requests_total", **labels)
    timed = _sample("ims_http_request_duration_seconds_count", route=route, method="GET")

    client.get("/api/v1/conditions/tennis-elbow/")
    client.get("/api/v1/conditions/neck-pain/")

    assert _sample("ims_http_requests_total", **labels) == before + 2
    assert _sample("ims_http_request_duration_seconds_count", route=route, method="GET") == (
        timed + 2
    )


def test_unresolved_paths_share_one_series(client) -> None:
    labels = {"route": "<unmatched>", "method": "GET", "status": "404"}
    before = _sample("ims_http_requests_total", **labels)

    client.get("/api/v1/no-such-thing/")
    client.get("/nothing/here/")

    assert _sample("ims_http_requests_total", **labels) == before + 2


def test_cache_lookups_are_counted_by_the_layer_that_answered(client, seed) -> None:
    from api.caching.store import forget_local_copies

    series = [("resp", "local"), ("resp", "shared"), ("resp", "miss")]

    def lookups() -> dict[tuple[str, str], float]:
        return {
            (cache, layer): _sample("ims_cache_lookups_total", cache=cache, layer=layer)
            for cache, layer in series
        }

    before = lookups()
    client.get(URL)  # rendered: a miss
    forget_local_copies()
    client.get(URL)  # the shared cache's, as for a process that never answered it
    client.get(URL)  # this process's copy

    after = lookups()
    assert {name: after[name] - before[name] for name in series} == dict.fromkeys(series, 1)


def test_a_response_is_kept_in_the_process_once_asked_for_again(client, seed) -> None:
    # A response rendered once (as most are after a publish) stays out of this
    # process's copies, which keep the representations every response is built from.
    series = [("resp", "local"), ("resp", "shared"), ("resp", "miss")]

    def counts() -> list[float]:
        return [_sample("ims_cache_lookups_total", cache=c, layer=la) for c, la in series]

    seen = [counts()]
    for _ in range(3):
        client.get(URL)
        seen.append(counts())

    steps = [[b - a for a, b in zip(x, y, strict=True)] for x, y in itertools.pairwise(seen)]
    assert steps == [[0, 0, 1], [0, 1, 0], [1, 0, 0]]  # rendered, then shared, then local


def test_metrics_are_served_with_the_token(client, settings) -> None:
    settings.METRICS_TOKEN = "s3cret-token"
    client.get("/healthz")

    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    assert response["Cache-Control"] == "no-store"
    assert 'ims_http_requests_total{method="GET",route="healthz",status="200"}' in (
        response.content.decode()
    )


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic czNjcmV0LXRva2Vu", "Bearer"])
def test_metrics_are_refused_without_the_token(client, settings, header: str | None) -> None:
    settings.METRICS_TOKEN = "s3cret-token"
    extra = {"HTTP_AUTHORIZATION": header} if header else {}

    response = client.get("/metrics", **extra)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="metrics"'
    assert "ims_http" not in response.content.decode()


def test_without_a_token_metrics_are_not_served_in_production(client, settings) -> None:
    settings.METRICS_TOKEN = ""

    assert client.get("/metrics").status_code == 404
    settings.DEBUG = True
    assert client.get("/metrics").status_code == 200


def test_metrics_can_be_turned_off(client, settings) -> None:
    settings.METRICS_ENABLED = False
    settings.METRICS_TOKEN = "s3cret-token"

    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token").status_code == 404
