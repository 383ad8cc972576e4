from __future__ import annotations

import pytest

from content import translation_records
from content.models import BodyRegion, Condition
from content.services import content_save, taxonomy_save
from tests.factories import untranslated

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated(seed) -> None:
    """Neck pain with only its name and body in French, its terms in English only."""
    neck = untranslated(Condition.objects.get(slug="neck-pain"))
    for term in (neck.category, *neck.body_regions.all()):
        untranslated(term)
    neck.name_fr_ca = "Douleur au cou"
    neck.body_fr_ca = "Texte en *français*."
    neck.translation_records = {"fr-ca": {"status": "machine"}}
    content_save(item=neck, by=None)


def test_english_is_the_default_and_says_so(client, translated) -> None:
    response = client.get("/api/v1/conditions/neck-pain/?fields=name,language,fallback_fields")

    assert response.json() == {"name": "Neck pain", "language": "en", "fallback_fields": []}
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]


def test_french_falls_back_to_english_field_by_field_and_lists_what_fell_back(
    client, translated
) -> None:
    response = client.get(
        "/api/v1/conditions/neck-pain/?lang=fr-ca&fields=name,summary,body,language,fallback_fields"
    )

    body = response.json()
    # Both languages are served: RFC 9110 §8.5 lists them.
    assert response["Content-Language"] == "fr-ca, en"
    assert body["name"] == "Douleur au cou"
    assert body["body"] == "<p>Texte en <em>français</em>.</p>"
    assert body["summary"] == Condition.objects.get(slug="neck-pain").summary_en
    # Its terms have no French names: they are served in English, and say so.
    assert body["fallback_fields"] == [
        "aliases",
        "search_terms",
        "summary",
        "category.name",
        "body_regions.name",
    ]
    assert body["language"] == "fr-ca"


@pytest.mark.parametrize(
    ("header", "served"),
    [
        ("fr-CA,fr;q=0.9,en;q=0.5", "fr-ca"),
        ("fr", "fr-ca"),
        ("de-DE,de", "en"),
        ("*", "en"),
        ("", "en"),
    ],
)
def test_accept_language_is_negotiated(client, seed, header: str, served: str) -> None:
    # Translated in full (the seed's French), terms and all.
    response = client.get(
        "/api/v1/conditions/tennis-elbow/?fields=name", HTTP_ACCEPT_LANGUAGE=header
    )

    assert response["Content-Language"] == served


def test_lang_overrides_the_header(client, translated) -> None:
    response = client.get(
        "/api/v1/conditions/neck-pain/?lang=en&fields=name", HTTP_ACCEPT_LANGUAGE="fr-CA"
    )

    assert response.json() == {"name": "Neck pain"}


def test_names_sort_in_the_language_served(client, translated) -> None:
    body = client.get("/api/v1/conditions/?lang=fr-ca&ordering=name&fields=name&limit=18").json()

    names = [item["name"] for item in body["results"]]
    assert names == sorted(names)
    assert "Douleur au cou" in names


def test_related_references_are_in_the_language_served(client, translated) -> None:
    body = client.get("/api/v1/mechanisms/twitch-response/?lang=fr-ca&fields=conditions").json()

    assert {"Douleur au cou"} <= {ref["name"] for ref in body["conditions"]}


def test_a_term_without_a_french_name_says_so_and_one_with_it_does_not(client, seed) -> None:
    untranslated(BodyRegion.objects.get(slug="elbow"))
    untranslated(Condition.objects.get(slug="neck-pain").category)
    neck = untranslated(BodyRegion.objects.get(slug="neck"))
    neck.name_fr_ca = "Cou"
    taxonomy_save(term=neck, by=None)

    region = client.get("/api/v1/body-regions/neck/?lang=fr-ca").json()
    other = client.get("/api/v1/body-regions/elbow/?lang=fr-ca").json()
    condition = client.get(
        "/api/v1/conditions/neck-pain/?lang=fr-ca&fields=body_regions,fallback_fields"
    ).json()

    assert (region["name"], region["fallback_fields"]) == ("Cou", ["description"])
    assert (other["name"], other["fallback_fields"]) == ("Elbow", ["name", "description"])
    assert [r["name"] for r in condition["body_regions"]] == ["Cou"]
    assert "body_regions.name" not in condition["fallback_fields"]
    assert "category.name" in condition["fallback_fields"]


def test_each_language_says_how_its_text_came_to_be(client, translated) -> None:
    shoulder = Condition.objects.get(slug="frozen-shoulder")
    for column in translation_records.text_columns(Condition, "fr-ca"):
        setattr(shoulder, column, None)
    shoulder.translation_records = {}
    content_save(item=shoulder, by=None)
    fields = "?fields=translation,fallback_fields&lang="

    english = client.get(f"/api/v1/conditions/neck-pain/{fields}en").json()
    machine = client.get(f"/api/v1/conditions/neck-pain/{fields}fr-ca").json()
    shoulder = client.get(f"/api/v1/conditions/frozen-shoulder/{fields}fr-ca")
    again = client.get(f"/api/v1/conditions/frozen-shoulder/{fields}fr-ca")

    assert english["translation"]["status"] == "original"
    assert machine["translation"] == {"status": "machine", "reviewed_by": None, "reviewed_at": None}
    assert shoulder.json()["translation"]["status"] == "none"
    assert {"name", "summary", "body"} <= set(shoulder.json()["fallback_fields"])
    # Asked for in French, served in English: the header says so, stored answers too.
    assert shoulder["Content-Language"] == again["Content-Language"] == "en"
