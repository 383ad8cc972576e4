"""Stored representations: a change re-renders what shows it, and only that.

An item's representation names other items and terms (a condition shows its
regions, category, mechanisms and FAQs). Whatever path a change takes (a
service, the admin's form, a content file), every representation that shows
it is served fresh at once, and the rest stay stored.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from content.models import FAQ, BodyRegion, Condition, Mechanism
from content.services import (
    content_relations_saved,
    content_save,
    content_unpublish,
    taxonomy_delete,
    taxonomy_save,
)

pytestmark = pytest.mark.django_db

ALL_CONDITIONS = "/api/v1/conditions/?limit=18"


def _faq_slugs(client, condition: str) -> list[str]:  # type: ignore[no-untyped-def]
    body = client.get(f"/api/v1/conditions/{condition}/?fields=faqs").json()
    return [faq["slug"] for faq in body["faqs"]]


def test_a_change_no_condition_shows_renders_no_condition_again(
    client, seed, django_assert_num_queries
) -> None:
    client.get(ALL_CONDITIONS)
    faq = FAQ.objects.get(slug="what-is-ims")  # related to mechanisms only
    faq.summary = "A new short answer."
    content_save(item=faq, by=None)

    # 1 content version, 1 page of ids and stamps, 1 count: all 18 still stored
    with django_assert_num_queries(3):
        client.get(f"{ALL_CONDITIONS}&fields=slug,name")


def test_a_change_a_condition_shows_renders_that_condition_again(
    client, seed, django_assert_num_queries
) -> None:
    client.get(ALL_CONDITIONS)
    mechanism = Mechanism.objects.get(slug="twitch-response")
    mechanism.name = "The twitch reflex"
    content_save(item=mechanism, by=None)

    # 3 as above, then 1 rows + category, 1 regions, 1 links, 1 FAQs for those showing
    # it, and the disclaimer their attribution carries
    with django_assert_num_queries(8):
        body = client.get(f"{ALL_CONDITIONS}&fields=slug,mechanisms").json()
    names = {m["name"] for c in body["results"] for m in c["mechanisms"]}
    assert "The twitch reflex" in names
    assert "Twitch response" not in names


def test_renaming_a_body_region_shows_in_its_conditions(client, seed) -> None:
    client.get("/api/v1/conditions/tennis-elbow/")
    region = BodyRegion.objects.get(slug="elbow")
    region.name = "Elbow and forearm"
    taxonomy_save(term=region, by=None)

    body = client.get("/api/v1/conditions/tennis-elbow/?fields=body_regions").json()
    assert [r["name"] for r in body["body_regions"]] == ["Elbow and forearm"]


def test_deleting_a_body_region_takes_it_off_its_conditions(client, seed) -> None:
    client.get("/api/v1/conditions/tennis-elbow/")
    taxonomy_delete(term=BodyRegion.objects.get(slug="elbow"), by=None)

    assert client.get("/api/v1/conditions/tennis-elbow/?fields=body_regions").json() == {
        "body_regions": []
    }


def test_unpublishing_a_faq_takes_it_off_its_conditions(client, seed) -> None:
    condition = Condition.objects.filter(faqs__isnull=False).first()
    faq = condition.faqs.first()
    assert faq.slug in _faq_slugs(client, condition.slug)

    content_unpublish(item=faq, by=None)

    assert faq.slug not in _faq_slugs(client, condition.slug)


def test_linking_a_faq_to_a_condition_shows_on_both_sides(client, seed) -> None:
    assert _faq_slugs(client, "tennis-elbow") == []
    assert client.get("/api/v1/faqs/what-is-ims/?fields=conditions").json()["conditions"] == []
    faq = FAQ.objects.get(slug="what-is-ims")
    # Relations written on their own, not after a content_save of the FAQ.
    faq.conditions.add(Condition.objects.get(slug="tennis-elbow"))
    content_relations_saved(item=faq)

    assert _faq_slugs(client, "tennis-elbow") == ["what-is-ims"]
    conditions = client.get("/api/v1/faqs/what-is-ims/?fields=conditions").json()["conditions"]
    assert [c["slug"] for c in conditions] == ["tennis-elbow"]


def test_relations_edited_in_the_admin_show_on_both_sides(client, seed, editor) -> None:
    client.get("/api/v1/conditions/tennis-elbow/")
    client.get("/api/v1/conditions/neck-pain/")
    faq = FAQ.objects.get(slug="what-is-ims")
    faq.conditions.set([Condition.objects.get(slug="neck-pain")])
    content_relations_saved(item=faq)
    assert _faq_slugs(client, "neck-pain") == ["what-is-ims"]
    client.force_login(editor)
    url = reverse("admin:content_faq_change", args=[faq.pk])
    form = _change_form_data(client, url)

    # The reviewer moves the FAQ from neck pain to tennis elbow and publishes the change.
    form["conditions"] = [str(Condition.objects.get(slug="tennis-elbow").pk)]
    response = client.post(url, {**form, "_publish": "1"})

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert _faq_slugs(client, "tennis-elbow") == ["what-is-ims"]
    assert _faq_slugs(client, "neck-pain") == []


def _change_form_data(client, url: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """What the admin's change form would post unchanged."""
    form = client.get(url).context["adminform"].form
    data: dict[str, object] = {}
    for name in form.fields:
        value = form[name].value()  # as the form renders it
        if isinstance(value, list):
            data[name] = [str(v) for v in value]
        elif value is not None:
            data[name] = value
    return data
