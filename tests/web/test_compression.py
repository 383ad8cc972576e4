"""Large responses are compressed: Brotli when the client accepts it, else gzip."""

from __future__ import annotations

import gzip

import brotli
import pytest

from api.consumers.models import ApiClient
from web.compression import accepts_brotli


@pytest.mark.parametrize(
    ("accept_encoding", "expected"),
    [
        ("gzip, deflate, br", "br"),
        ("br;q=0.5, gzip;q=1.0", "br"),
        ("gzip, br;q=0", "gzip"),
        ("gzip", "gzip"),
    ],
)
def test_the_bundle_is_compressed_as_the_client_accepts(
    client, seed, accept_encoding: str, expected: str
) -> None:
    plain = client.get("/api/v1/bundle/")
    response = client.get("/api/v1/bundle/", HTTP_ACCEPT_ENCODING=accept_encoding)

    assert response["Content-Encoding"] == expected
    assert "Accept-Encoding" in response["Vary"]
    decompress = brotli.decompress if expected == "br" else gzip.decompress
    assert decompress(response.content) == plain.content
    assert len(response.content) < len(plain.content) / 4
    # A compressed body has a weak ETag (RFC 9110 §8.8.1) that still revalidates.
    assert response["ETag"] == f"W/{plain['ETag']}"
    revalidated = client.get("/api/v1/bundle/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert revalidated.status_code == 304


def test_nothing_is_compressed_for_a_client_that_asks_for_nothing(client, seed) -> None:
    response = client.get("/api/v1/bundle/")
    assert not response.has_header("Content-Encoding")
    assert response["ETag"].startswith('"')


def test_html_pages_are_never_brotli_compressed(client) -> None:
    # HTML may carry a CSRF token; gzip pads against BREACH, Brotli here does not.
    response = client.get("/api/docs/", HTTP_ACCEPT_ENCODING="br, gzip")
    assert response["Content-Encoding"] == "gzip"


@pytest.mark.parametrize(
    ("header", "accepted"),
    [("br", True), ("BR ; q=0.1", True), ("br;q=0", False), ("br;q=x", False), ("gzip", False)],
)
def test_accept_encoding_is_read_with_its_weights(header: str, accepted: bool) -> None:
    assert accepts_brotli(header) is accepted


def test_a_stored_response_is_compressed_once_per_coding_for_every_client(
    client, seed, monkeypatch
) -> None:
    import web.compression

    compressed: list[int] = []
    real = web.compression.brotli.compress

    def counting(data: bytes, **options: int) -> bytes:
        compressed.append(len(data))
        return real(data, **options)

    monkeypatch.setattr(web.compression.brotli, "compress", counting)
    _, key = ApiClient.objects.create_key(name="Main St kiosk", kind="kiosk")
    url = "/api/v1/conditions/?expand=mechanisms"

    first = client.get(url, HTTP_ACCEPT_ENCODING="br")
    again = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    keyed = client.get(url, HTTP_ACCEPT_ENCODING="br", HTTP_AUTHORIZATION=f"Api-Key {key}")
    zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip")

    assert len(compressed) == 1
    assert first.content == again.content == keyed.content
    assert first["Content-Encoding"] == keyed["Content-Encoding"] == "br"
    assert [v.strip() for v in keyed["Vary"].split(",")] == [
        v.strip() for v in first["Vary"].split(",")
    ]
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == brotli.decompress(first.content)
