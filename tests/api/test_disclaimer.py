"""The medical disclaimer (DESIGN 1.7): served with the content everywhere, in the reader's
language, and changed only by a clinical reviewer."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from content.models import Disclaimer
from content.services import disclaimer_save
from tests.admin import form_data

pytestmark = pytest.mark.django_db

NEW_TEXT = "General information only, not medical advice. In an emergency, call 911."


def _everywhere(client, lang: str = "en") -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The disclaimer as the index, the bundle, a list and a detail carry it."""
    index = client.get(f"/api/v1/?lang={lang}").json()["disclaimer"]
    bundle = client.get(f"/api/v1/bundle/?lang={lang}").json()
    detail = client.get(f"/api/v1/conditions/tennis-elbow/?lang={lang}").json()["attribution"]
    listed = client.get(f"/api/v1/faqs/?lang={lang}&fields=attribution").json()["results"]
    expanded = client.get(f"/api/v1/conditions/tennis-elbow/?lang={lang}&expand=mechanisms").json()[
        "mechanisms"
    ][0]["attribution"]
    return {
        "index": (index["text"], index["version"]),
        "bundle": (bundle["disclaimer"]["text"], bundle["disclaimer"]["version"]),
        "bundle items": {
            (item["attribution"]["disclaimer"], item["attribution"]["disclaimer_version"])
            for name in ("conditions", "faqs", "mechanisms")
            for item in bundle[name]
        },
        "detail": (detail["disclaimer"], detail["disclaimer_version"]),
        "list": {
            (i["attribution"]["disclaimer"], i["attribution"]["disclaimer_version"]) for i in listed
        },
        "expanded": (expanded["disclaimer"], expanded["disclaimer_version"]),
    }


def test_every_payload_carries_the_disclaimer_in_the_language_served(client, seed) -> None:
    shipped = Disclaimer.objects.current()

    english = _everywhere(client)
    french = _everywhere(client, lang="fr-ca")

    en, fr = (shipped.text_en, 1), (shipped.text_fr_ca, 1)
    assert "not medical advice" in shipped.text_en
    assert "emergency" in shipped.text_en
    assert english == {
        "index": en, "bundle": en, "bundle items": {en}, "detail": en, "list": {en},
        "expanded": en,
    }  # fmt: skip
    assert french == {
        "index": fr, "bundle": fr, "bundle items": {fr}, "detail": fr, "list": {fr},
        "expanded": fr,
    }  # fmt: skip


def test_a_reviewers_change_reaches_every_item_at_once(client, seed, editor) -> None:
    detail = client.get("/api/v1/conditions/tennis-elbow/")
    _everywhere(client)  # every representation stored with the old text
    client.force_login(editor)  # a clinical reviewer
    url = reverse("admin:content_disclaimer_change", args=[1])

    response = client.post(url, {**form_data(client.get(url)), "text_en": NEW_TEXT})
    client.logout()

    assert response.status_code == 302
    new = (NEW_TEXT, 2)
    assert _everywhere(client) == {
        "index": new, "bundle": new, "bundle items": {new}, "detail": new, "list": {new},
        "expanded": new,
    }  # fmt: skip
    # French has its own text, unchanged, at the new version.
    assert _everywhere(client, lang="fr-ca")["detail"][1] == 2
    assert client.get("/api/v1/conditions/tennis-elbow/")["ETag"] != detail["ETag"]


def test_only_a_clinical_reviewer_changes_it(client, seed, writer) -> None:
    client.force_login(writer)
    url = reverse("admin:content_disclaimer_change", args=[1])

    page = client.get(url)
    refused = client.post(url, {"text_en": NEW_TEXT})

    assert page.status_code == 200  # an editor reads it
    assert 'name="text_en"' not in page.content.decode()
    assert refused.status_code == 403
    disclaimer = Disclaimer.objects.current()
    disclaimer.text_en = NEW_TEXT
    with pytest.raises(ValidationError, match="clinical reviewer"):
        disclaimer_save(disclaimer=disclaimer, by=writer)
    assert Disclaimer.objects.current().version == 1


def test_a_disclaimer_too_long_for_one_short_paragraph_is_refused(seed, editor) -> None:
    disclaimer = Disclaimer.objects.current()
    disclaimer.text_en = "x" * 501

    with pytest.raises(ValidationError, match="at most 500"):
        disclaimer_save(disclaimer=disclaimer, by=editor)
    assert Disclaimer.objects.current().version == 1
