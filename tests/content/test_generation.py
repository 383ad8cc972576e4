from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from reversion.models import Version

from content.models import (
    FAQ,
    BodyRegion,
    Condition,
    ConditionCategory,
    ContentEvent,
    FaqTopic,
    Mechanism,
)
from content.versions import stored

pytestmark = pytest.mark.django_db


def _generate(seed: int = 7) -> None:
    call_command(
        "generate_content", seed=seed, conditions=12, faqs=30, regions=3, mechanisms=4, verbosity=0
    )


def test_it_generates_the_requested_published_counts_through_the_services(no_content) -> None:
    _generate()

    assert Condition.objects.published().count() == 12
    assert FAQ.objects.published().count() == 30
    assert Mechanism.objects.published().count() == 4
    assert BodyRegion.objects.count() == 3
    assert ContentEvent.objects.filter(kind="created").count() == 12 + 30 + 4
    assert Version.objects.count() >= 12 + 30 + 4
    assert stored().token.endswith(f"-{3 + 8 + 10 + 3}")  # taxonomies, then one per load
    condition = Condition.objects.get(slug=Condition.objects.values_list("slug", flat=True)[0])
    assert condition.revision == 1
    assert condition.body_html_en.startswith("<h2>What it is</h2>")  # type: ignore[attr-defined]
    assert condition.mechanisms.count() == 2
    assert condition.body_regions.exists()


def test_it_writes_both_languages_and_leaves_some_to_fall_back(no_content) -> None:
    _generate()

    conditions = Condition.objects.exclude(name_fr_ca="").exclude(body_html_fr_ca=None).count()
    faqs = FAQ.objects.exclude(question_fr_ca="").exclude(body_html_fr_ca=None).count()
    fallbacks = FAQ.objects.filter(question_fr_ca="", body_html_fr_ca=None).count()
    assert conditions > 0
    assert faqs > 0
    assert fallbacks > 0
    assert faqs + fallbacks == 30
    # Made up, and its French a program's: marked so in the data.
    assert not FAQ.objects.filter(synthetic=False).exists()
    translated = FAQ.objects.exclude(question_fr_ca="")
    assert {faq.translation_records["fr-ca"]["status"] for faq in translated} == {"machine"}
    assert all(faq.translation_records == {} for faq in FAQ.objects.filter(question_fr_ca=""))


def test_the_same_seed_generates_the_same_content(no_content) -> None:
    _generate(seed=3)
    first = _snapshot()
    for model in (FAQ, Condition, Mechanism, BodyRegion, ConditionCategory, FaqTopic):
        model._base_manager.all().delete()

    _generate(seed=3)

    assert _snapshot() == first


def test_it_refuses_a_database_that_has_content(seed) -> None:
    with pytest.raises(CommandError, match="already has content"):
        _generate()

    assert Condition.objects.count() == 18


def _snapshot() -> list[tuple[object, ...]]:
    rows = FAQ.objects.order_by("pk").values_list("pk", "slug", "question_fr_ca", "body_text_en")
    return [*Condition.objects.order_by("pk").values_list("pk", "slug", "name_en"), *rows]


def test_it_says_how_far_it_has_got_while_it_writes(no_content, monkeypatch) -> None:
    from io import StringIO

    from content.seed import generation

    monkeypatch.setattr(generation, "BATCH", 10)  # batches as a large run has them
    out = StringIO()

    call_command(
        "generate_content", seed=3, conditions=12, faqs=30, regions=3, mechanisms=4, stdout=out
    )

    lines = out.getvalue().splitlines()
    progress = [line.split(" written")[0].strip() for line in lines if "written" in line]
    assert progress == [
        "conditions: 10 of 12",
        "conditions: 12 of 12",
        "FAQs: 10 of 30",
        "FAQs: 20 of 30",
        "FAQs: 30 of 30",
    ]
    assert lines[-1].startswith("Generated 12 conditions, 30 faqs")
