"""Search as you type: `/api/v1/suggest/?q=` offers names as they are typed (DESIGN 2.4)."""

from __future__ import annotations

import pytest

from content.models import Condition, Suggestion
from content.services import content_delete, content_save, content_unpublish
from tests.factories import untranslated

pytestmark = pytest.mark.django_db


def _names(client, query: str, **params: str) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/suggest/", {"q": query, **params})
    assert response.status_code == 200, response.content
    return [(hit["title"], hit["alias"]) for hit in response.json()["results"]]


def test_what_was_typed_may_begin_any_word_of_a_title(client, seed) -> None:
    assert _names(client, "ten")[:2] == [("Tennis elbow", None), ("Tendonitis", None)]
    assert _names(client, "elb") == [("Tennis elbow", None), ("Golfer's elbow", None)]


def test_an_alias_is_offered_with_the_title_it_names(client, seed) -> None:
    response = client.get("/api/v1/suggest/?q=adhesive")

    assert response.json()["results"] == [
        {
            "type": "condition",
            "id": str(Condition.objects.get(slug="frozen-shoulder").pk),
            "slug": "frozen-shoulder",
            "title": "Frozen shoulder",
            "alias": "adhesive capsulitis",
            "url": "/api/v1/conditions/frozen-shoulder/",
        }
    ]


def test_names_are_offered_in_the_language_served_whatever_the_accents_typed(client, seed) -> None:
    assert _names(client, "epicondylite lat", lang="fr-ca")[0] == (
        "Coude du joueur de tennis",
        "épicondylite latérale",
    )
    assert _names(client, "CÉPH", lang="fr-ca")[0] == ("Maux de tête", "céphalées")
    assert _names(client, "what", type="faq")[0] == ("What is IMS and how does it work?", None)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("tenis", "Tennis elbow"), ("plantar fascitis", "Plantar fasciitis"), ("sholder", None)],
)
def test_a_misspelling_is_offered_what_it_looks_like(
    client, seed, typed: str, expected: str | None
) -> None:
    names = [title for title, _ in _names(client, typed)]
    if expected is None:
        assert {"Frozen shoulder", "Shoulder dislocation"} <= set(names)
    else:
        assert names[0] == expected


def test_only_published_names_are_offered_and_a_change_at_once(client, seed) -> None:
    assert ("Tennis elbow", None) in _names(client, "tenn")
    content_unpublish(item=Condition.objects.get(slug="tennis-elbow"), by=None)
    assert "Tennis elbow" not in {title for title, _ in _names(client, "tenn")}

    neck = Condition.objects.get(slug="neck-pain")
    neck.name = "Neck and shoulder pain"
    content_save(item=neck, by=None)

    assert _names(client, "neck and") == [("Neck and shoulder pain", None)]


def test_at_most_eight_and_fewer_if_asked(client, seed) -> None:
    assert len(_names(client, "p")) == 8
    assert len(_names(client, "p", limit="3")) == 3


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("", "q"),
        ("q=%20%20", "q"),
        (f"q={'x' * 101}", "q"),
        ("q=ten&limit=9", "limit"),
        ("q=ten&limit=0", "limit"),
        ("q=ten&type=video", "type"),
        ("q=ten&offset=8", "offset"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(client, seed, query: str, field: str) -> None:
    response = client.get(f"/api/v1/suggest/?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert field in {error["field"] for error in response.json()["errors"]}


def test_a_suggestion_costs_a_bounded_number_of_queries_and_a_repeat_one(
    client, seed, django_assert_num_queries
) -> None:
    # The content version, the names that begin with what was typed, and as fewer than
    # 8 do, the words of the names (once per content version): "tennis" is one of them,
    # so it is not corrected.
    with django_assert_num_queries(3):
        client.get("/api/v1/suggest/?q=tennis")
    with django_assert_num_queries(1):  # the content version only: it is the stored answer
        client.get("/api/v1/suggest/?q=tennis")
    with django_assert_num_queries(2):
        client.get("/api/v1/suggest/?q=elbow")
    # A misspelling is corrected against the words already read, then the names that
    # begin with the correction are read.
    with django_assert_num_queries(3):
        client.get("/api/v1/suggest/?q=elbw")


def test_a_deleted_item_is_not_offered(client, seed) -> None:
    assert ("Temporomandibular (TMJ) jaw pain", "TMJ disorder") in _names(client, "tmj")
    content_delete(item=Condition.objects.get(slug="tmj-jaw-pain"), by=None)

    assert "Temporomandibular (TMJ) jaw pain" not in {t for t, _ in _names(client, "tmj")}
    assert not Suggestion.objects.filter(slug="tmj-jaw-pain").exists()


def test_the_languages_the_names_are_in_are_named(client, seed) -> None:
    french = client.get("/api/v1/suggest/?q=coude&lang=fr-ca")
    untranslated(Condition.objects.get(slug="golfers-elbow"))
    mixed = client.get("/api/v1/suggest/?q=el&lang=fr-ca")
    again = client.get("/api/v1/suggest/?q=el&lang=fr-ca")

    assert client.get("/api/v1/suggest/?q=ten")["Content-Language"] == "en"
    assert french["Content-Language"] == "fr-ca"
    # Golfer's elbow has no French any more: it is offered by its English name.
    assert "Golfer's elbow" in {hit["title"] for hit in mixed.json()["results"]}
    assert mixed["Content-Language"] == again["Content-Language"] == "fr-ca, en"
