"""The API's documentation pages come from this deployment alone (web/docs.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from web import docs

pytestmark = pytest.mark.django_db


def test_the_docs_load_from_our_own_static_files(client) -> None:
    for path in ("/api/docs/", "/api/redoc/"):
        page = client.get(path).content.decode()

        assert not re.search(r"""(src|href)=["']https?://""", page)
    assert "/static/drf_spectacular_sidecar/" in client.get("/api/docs/").content.decode()
    assert client.get("/api/schema/").status_code == 200
    # ReDoc's bundle draws a logo from its CDN: the page loads a copy that does not.
    assert (
        '<script src="/api/redoc/redoc.standalone.js">'
        in client.get("/api/redoc/").content.decode()
    )
    bundle = client.get("/api/redoc/redoc.standalone.js")
    assert bundle["Content-Type"] == "text/javascript; charset=utf-8"
    assert b"Redoc" in bundle.content
    assert b"cdn.redoc.ly" not in bundle.content
    original = Path(finders.find(docs.BUNDLE)).read_bytes()  # type: ignore[arg-type]
    assert docs.CDN_LOGO in original, "ReDoc's bundle changed: is its logo still fetched?"
    assert "img-src 'self' data: blob:;" in client.get("/api/redoc/")["Content-Security-Policy"]
    # Swagger UI's start-up script is served apart from its page (no inline script).
    assert '"validatorUrl": null' in client.get("/api/docs/?script=").content.decode()
