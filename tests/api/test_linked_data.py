"""`Accept: application/ld+json`: schema.org JSON-LD for partners' pages (DESIGN 2.7).

Every document is checked against tests/api/schemaorg/vocabulary.json, the part
of the schema.org vocabulary we rely on: each type exists, each property is
declared on the type or an ancestor, and each value is of a type the property
accepts.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from content.models import FAQ, Condition, Disclaimer
from content.services import content_publish, content_save, content_unpublish
from tests.factories import untranslated

LD = "application/ld+json"
VOCABULARY = json.loads((Path(__file__).parent / "schemaorg" / "vocabulary.json").read_text())
TYPES: dict[str, Any] = VOCABULARY["types"]
# Data types a JSON string stands for.
TEXTUAL = {"Text", "URL", "Date", "DateTime"}
ITEM_ENDPOINTS = [
    "/api/v1/conditions/",
    "/api/v1/conditions/tennis-elbow/",
    "/api/v1/faqs/",
    "/api/v1/faqs/what-is-a-trigger-point/",
    "/api/v1/mechanisms/",
    "/api/v1/mechanisms/twitch-response/",
]


def ancestors(name: str) -> set[str]:
    found = {name}
    for parent in TYPES[name]["parents"]:
        found |= ancestors(parent)
    return found


def ranges_of(type_name: str, prop: str) -> list[str] | None:
    for name in ancestors(type_name):
        if prop in TYPES[name]["properties"]:
            return list(TYPES[name]["properties"][prop])
    return None


def members_of(accepted: list[str]) -> set[str]:
    """The enumeration members (https://schema.org/Physiotherapy) a property accepts as text."""
    return {
        member
        for name, definition in TYPES.items()
        if ancestors(name) & set(accepted)
        for member in definition.get("members", [])
    }


def vocabulary_errors(node: Any, path: str = "$") -> list[str]:
    """Every way `node` strays from the schema.org vocabulary (empty when it does not)."""
    if isinstance(node, list):
        return [e for i, child in enumerate(node) for e in vocabulary_errors(child, f"{path}[{i}]")]
    if not isinstance(node, dict):
        return []
    kind = node.get("@type")
    if kind not in TYPES:
        return [f"{path}: unknown type {kind!r}"]
    errors = []
    for prop, value in node.items():
        if prop.startswith("@"):
            continue
        accepted = ranges_of(kind, prop)
        if accepted is None:
            errors.append(f"{path}.{prop}: not a property of {kind}")
            continue
        for index, one in enumerate(value if isinstance(value, list) else [value]):
            where = f"{path}.{prop}[{index}]"
            if isinstance(one, dict) and "@value" in one:
                # A literal with its language (JSON-LD's value object): text.
                if not TEXTUAL & set(accepted):
                    errors.append(f"{where}: text, expected {accepted}")
            elif isinstance(one, dict):
                inner = one.get("@type")
                if inner in TYPES and not ancestors(inner) & set(accepted):
                    errors.append(f"{where}: {inner!r} is not one of {accepted}")
                errors.extend(vocabulary_errors(one, where))
            elif isinstance(one, bool) and "Boolean" not in accepted:
                errors.append(f"{where}: a boolean, expected {accepted}")
            elif isinstance(one, int) and not {"Integer", "Number"} & set(accepted):
                errors.append(f"{where}: a number, expected {accepted}")
            elif (
                isinstance(one, str)
                and not TEXTUAL & set(accepted)
                and one not in members_of(accepted)
            ):
                errors.append(f"{where}: text, expected {accepted}")
    return errors


def nodes(node: Any) -> list[dict[str, Any]]:
    """`node` and every node inside it."""
    if isinstance(node, list):
        return [n for child in node for n in nodes(child)]
    if not isinstance(node, dict):
        return []
    return [node, *(n for value in node.values() for n in nodes(value))]


def get_ld(client, url: str, **headers: str) -> Any:  # type: ignore[no-untyped-def]
    response = client.get(url, HTTP_ACCEPT=LD, **headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == LD
    return response.json()


def test_the_vocabulary_check_catches_what_schema_org_does_not_have() -> None:
    assert vocabulary_errors({"@type": "MedicalWebPage", "lastReviewed": "2026-01-01"}) == []
    assert (
        vocabulary_errors({"@type": "WebPage", "specialty": "https://schema.org/Physiotherapy"})
        == []
    )
    assert vocabulary_errors({"@type": "WebPage", "specialty": "https://schema.org/Massage"}) == [
        "$.specialty[0]: text, expected ['Specialty']"
    ]
    assert (
        vocabulary_errors({"@type": "Thing", "name": {"@value": "Coude", "@language": "fr"}}) == []
    )
    assert vocabulary_errors({"@type": "MedicalWebPage", "reviewer": "x"}) == [
        "$.reviewer: not a property of MedicalWebPage"
    ]
    assert vocabulary_errors({"@type": "MedicalPage"}) == ["$: unknown type 'MedicalPage'"]
    assert vocabulary_errors(
        {"@type": "MedicalWebPage", "reviewedBy": {"@type": "Question", "name": "x"}}
    ) == ["$.reviewedBy[0]: 'Question' is not one of ['Organization', 'Person']"]
    assert vocabulary_errors({"@type": "ItemList", "numberOfItems": "many"}) == [
        "$.numberOfItems[0]: text, expected ['Integer']"
    ]


@pytest.mark.parametrize("url", ITEM_ENDPOINTS)
@pytest.mark.parametrize("lang", ["en", "fr-ca"])
def test_every_document_uses_only_schema_org_terms(client, seed, url: str, lang: str) -> None:
    document = get_ld(client, f"{url}?lang={lang}")
    assert document["@context"] == "https://schema.org"
    assert vocabulary_errors(document) == []


@pytest.mark.parametrize("url", ITEM_ENDPOINTS)
def test_every_page_and_question_carries_attribution(client, seed, settings, url: str) -> None:
    document = get_ld(client, url)
    credited = [n for n in nodes(document) if "creditText" in n]
    items = [n for n in nodes(document) if n.get("@type") == "Question" or "datePublished" in n]
    assert items
    for node in credited:
        assert node["creditText"] == settings.ATTRIBUTION_TEXT
        assert node["copyrightNotice"] == settings.LICENSE_NAME
        # A licence is a URL a reader can follow: none is configured here.
        assert "license" not in node
    assert all(item in credited for item in items)


def test_the_licence_is_its_url(client, seed, settings) -> None:
    settings.LICENSE_URL = "https://clinic.example/terms/syndication/"

    page = get_ld(client, "/api/v1/conditions/tennis-elbow/")

    assert page["license"] == "https://clinic.example/terms/syndication/"
    assert vocabulary_errors(page) == []


def test_a_condition_is_a_medical_page_about_a_condition_treated_by_ims(client, seed) -> None:
    page = get_ld(client, "/api/v1/conditions/tennis-elbow/")
    canonical = "https://example-clinic.test/ims/conditions/tennis-elbow/"
    assert page["@type"] == "MedicalWebPage"
    assert page["@id"] == page["url"] == canonical
    assert page["name"] == "Tennis elbow"
    condition = page["about"]
    assert condition["@type"] == "MedicalCondition"
    assert "lateral epicondylitis" in condition["alternateName"]
    assert condition["associatedAnatomy"] == [{"@type": "AnatomicalStructure", "name": "Elbow"}]
    assert condition["possibleTreatment"] == {
        "@type": "MedicalTherapy",
        "name": "Intramuscular Stimulation (IMS)",
        "alternateName": "IMS",
    }
    *how, disclaimer = page["hasPart"]
    # How each mechanism applies is a node of this page's own, referring to the
    # mechanism's page by its @id (not restating that page with this page's note).
    assert [part["@id"] for part in how] == [
        f"{canonical}#how-twitch-response",
        f"{canonical}#how-healing-response",
    ]
    assert [part["about"]["@id"] for part in how] == [
        "https://example-clinic.test/ims/mechanisms/twitch-response/",
        "https://example-clinic.test/ims/mechanisms/healing-response/",
    ]
    assert all("url" not in part["about"] and "description" not in part["about"] for part in how)
    assert how[0]["text"].startswith("Helping tight forearm muscles relax")
    assert disclaimer["@id"] == f"{canonical}#disclaimer"
    assert disclaimer["text"] == Disclaimer.objects.current().text_en
    assert page["audience"] == {"@type": "Patient"}
    assert page["specialty"] == "https://schema.org/Physiotherapy"
    assert (
        page["publisher"]
        == page["copyrightHolder"]
        == {
            "@type": "Organization",
            "@id": "https://example-clinic.test/#organization",
            "name": "The IMS clinic",
            "url": "https://example-clinic.test/",
        }
    )
    # Nothing was reviewed yet: no review is claimed.
    assert "lastReviewed" not in page
    assert "reviewedBy" not in page


def test_a_reviewed_condition_says_when_and_by_whom(client, seed) -> None:
    condition = Condition.objects.get(slug="tennis-elbow")
    condition.last_reviewed = date(2026, 10, 1)
    condition.next_review_due = date(2027, 10, 1)
    condition.reviewed_by_name = "Dana Lee"
    condition.reviewed_by_credentials = "PT, MSc"
    condition.references = [{"citation": "Gunn CC. The Gunn Approach."}]
    content_save(item=condition, by=None)

    page = get_ld(client, "/api/v1/conditions/tennis-elbow/")

    assert page["lastReviewed"] == "2026-10-01"
    assert page["reviewedBy"] == {
        "@type": "Person",
        "name": "Dana Lee",
        "honorificSuffix": "PT, MSc",
    }
    assert page["citation"] == [{"@type": "CreativeWork", "name": "Gunn CC. The Gunn Approach."}]
    assert vocabulary_errors(page) == []


def test_the_condition_list_is_an_item_list_of_its_page(client, seed) -> None:
    document = get_ld(client, "/api/v1/conditions/?limit=5&offset=5")
    assert document["@type"] == "ItemList"
    assert document["numberOfItems"] == 18
    assert [element["position"] for element in document["itemListElement"]] == [6, 7, 8, 9, 10]
    assert {element["item"]["about"]["@type"] for element in document["itemListElement"]} == {
        "MedicalCondition"
    }


def test_faqs_are_a_faq_page_of_questions_and_answers(client, seed) -> None:
    document = get_ld(client, "/api/v1/faqs/")
    assert document["@type"] == "FAQPage"
    published = {faq.question: faq.body_html for faq in FAQ.objects.filter(status="published")}
    questions = document["mainEntity"]
    assert {q["@type"] for q in questions} == {"Question"}
    assert {q["name"]: q["acceptedAnswer"]["text"] for q in questions} == published
    assert {q["acceptedAnswer"]["@type"] for q in questions} == {"Answer"}


def test_one_faq_is_a_faq_page_of_one_question(client, seed) -> None:
    document = get_ld(client, "/api/v1/faqs/what-is-a-trigger-point/")
    assert document["@type"] == "FAQPage"
    assert [q["name"] for q in document["mainEntity"]] == ["What is a trigger point?"]
    assert document["url"] == "https://example-clinic.test/ims/faqs/what-is-a-trigger-point/"


def test_mechanisms_are_parts_of_the_page_on_how_ims_works(client, seed) -> None:
    document = get_ld(client, "/api/v1/mechanisms/")
    assert document["@type"] == "MedicalWebPage"
    assert document["about"]["@type"] == "MedicalTherapy"
    assert {part["name"] for part in document["hasPart"]} == {
        "The twitch response",
        "The healing response",
        "Axoplasmic flow",
    }
    assert {part["@type"] for part in document["hasPart"]} == {"MedicalWebPage"}

    one = get_ld(client, "/api/v1/mechanisms/twitch-response/")
    assert one["@type"] == "MedicalWebPage"
    assert one["isPartOf"]["@type"] == "MedicalWebPage"
    assert one["about"]["name"] == "Intramuscular Stimulation (IMS)"


def test_json_ld_is_served_in_the_asked_language(client, seed) -> None:
    page = get_ld(client, "/api/v1/conditions/tennis-elbow/?lang=fr-ca")
    assert page["inLanguage"] == "fr-ca"
    assert page["about"]["possibleTreatment"]["name"] == "Stimulation intramusculaire (IMS)"


def test_an_unpublished_item_has_no_json_ld(client, seed) -> None:
    content_unpublish(item=Condition.objects.get(slug="tennis-elbow"), by=None)
    response = client.get("/api/v1/conditions/tennis-elbow/", HTTP_ACCEPT=LD)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("parameter", ["fields=name", "expand=mechanisms", "body_format=text"])
def test_projection_parameters_are_refused_with_json_ld(client, seed, parameter: str) -> None:
    response = client.get(f"/api/v1/conditions/?{parameter}", HTTP_ACCEPT=LD)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    name = parameter.split("=")[0]
    assert response.json()["errors"] == [
        {
            "field": name,
            "message": "Does not apply here: JSON-LD documents always hold the whole item.",
        }
    ]


@pytest.mark.parametrize("url", ["/api/v1/search/?q=elbow", "/api/v1/bundle/", "/api/v1/"])
def test_endpoints_without_json_ld_say_so(client, seed, url: str) -> None:
    response = client.get(url, HTTP_ACCEPT=LD)
    assert response.status_code == 406
    assert response["Content-Type"] == "application/problem+json"


def test_json_and_json_ld_are_cached_apart(client, seed) -> None:
    url = "/api/v1/conditions/tennis-elbow/"
    as_json = client.get(url)
    as_ld = client.get(url, HTTP_ACCEPT=LD)
    assert as_json["ETag"] != as_ld["ETag"]
    assert "Accept" in as_ld["Vary"]
    # A cached JSON body is never served for a JSON-LD request, nor the other way round.
    assert client.get(url, HTTP_ACCEPT=LD).json() == as_ld.json()
    assert client.get(url).json() == as_json.json()
    revalidated = client.get(url, HTTP_ACCEPT=LD, HTTP_IF_NONE_MATCH=as_ld["ETag"])
    assert revalidated.status_code == 304


def test_every_node_has_an_id_of_its_own(client, seed) -> None:
    # One @id, one description: nodes that share an @id say the same (the clinic,
    # restated on every page) or only refer to it (a mechanism's page from a condition's).
    for url in ITEM_ENDPOINTS:
        described: dict[str, set[str]] = {}
        for node in nodes(get_ld(client, url)):
            if "@id" in node and set(node) - {"@id", "@type"}:
                described.setdefault(node["@id"], set()).add(json.dumps(node, sort_keys=True))
        assert {i: d for i, d in described.items() if len(d) > 1} == {}, url
    faq = get_ld(client, "/api/v1/faqs/what-is-a-trigger-point/")
    (question,) = faq["mainEntity"]
    assert faq["@id"] != question["@id"] != question["acceptedAnswer"]["@id"]


def test_text_that_fell_back_to_english_says_so(client, seed) -> None:
    condition = untranslated(Condition.objects.get(slug="tennis-elbow"))
    english_only = get_ld(client, "/api/v1/conditions/tennis-elbow/?lang=fr-ca")
    condition.summary_fr_ca = "Douleur au coude, côté externe."
    condition.translation_records = {"fr-ca": {"status": "machine"}}
    content_save(item=condition, by=None)

    page = get_ld(client, "/api/v1/conditions/tennis-elbow/?lang=fr-ca")

    assert english_only["inLanguage"] == "en"
    assert page["inLanguage"] == "fr-ca"
    assert page["description"] == "Douleur au coude, côté externe."
    assert page["name"] == {"@value": "Tennis elbow", "@language": "en"}
    assert vocabulary_errors(page) == []


def test_the_publisher_comes_from_the_settings(client, seed, settings) -> None:
    settings.PUBLISHER_NAME = "Clinique Exemple"
    settings.PUBLISHER_URL = "https://clinique.example/"
    settings.PUBLISHER_LOGO_URL = "https://clinique.example/logo.png"

    page = get_ld(client, "/api/v1/mechanisms/twitch-response/")

    assert page["publisher"]["name"] == "Clinique Exemple"
    assert page["copyrightHolder"]["logo"] == "https://clinique.example/logo.png"
    assert vocabulary_errors(page) == []


def test_the_dates_are_the_first_publication_and_the_last_published_change(client, seed) -> None:
    condition = Condition.objects.get(slug="tennis-elbow")
    first = condition.published_at
    content_unpublish(item=condition, by=None)
    content_publish(item=condition, by=None)

    page = get_ld(client, "/api/v1/conditions/tennis-elbow/")
    item = client.get("/api/v1/conditions/tennis-elbow/").json()

    assert page["datePublished"] == item["published_at"]
    assert datetime.fromisoformat(page["datePublished"]) == first
    assert page["dateModified"] == item["updated_at"]
    assert datetime.fromisoformat(page["dateModified"]) > first
