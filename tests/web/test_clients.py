"""The pages and files the app serves for browsers beside the API."""

from __future__ import annotations

from django.test import Client


def test_the_site_has_an_icon_where_browsers_ask_for_it(client: Client) -> None:
    # Every page a browser opens (kiosk, docs, admin) asks for /favicon.ico.
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in b"".join(response.streaming_content)
