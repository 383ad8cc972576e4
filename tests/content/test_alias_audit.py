"""The seed's aliases are other names of the same condition, its search terms what else
people type (issue 17's audit, content/seed/alias-audit.yaml): each one is there for a
recorded reason, and each does the job it is there for."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from content import documents
from content.seed.files import read_seed

SEED = Path(__file__).resolve().parents[2] / "content" / "seed"
AUDIT = yaml.safe_load((SEED / "alias-audit.yaml").read_text())
CONDITIONS = {doc.slug: doc for doc in read_seed(SEED).conditions.values()}


def _lists(doc: documents.Condition, name: str) -> dict[str, list[str]]:
    french = doc.translations.get("fr-ca")
    return {"en": getattr(doc, name), "fr-ca": getattr(french, name) if french else []}


@pytest.mark.parametrize("slug", sorted(CONDITIONS))
def test_every_alias_and_search_term_is_there_for_a_recorded_reason(slug: str) -> None:
    doc, audit = CONDITIONS[slug], AUDIT[slug]
    for name in ("aliases", "search_terms"):
        for language, values in _lists(doc, name).items():
            reasons = audit[name][language]
            assert list(reasons) == values, f"{slug} {name} {language}"
            assert all(reason.strip() for reason in reasons.values())
    if "category" in audit:
        assert doc.category == audit["category"]["slug"]


def test_the_audit_covers_every_seed_condition() -> None:
    assert set(AUDIT) == set(CONDITIONS)


def test_no_search_term_is_also_an_alias() -> None:
    for slug, doc in CONDITIONS.items():
        for language, terms in _lists(doc, "search_terms").items():
            aliases = {alias.casefold() for alias in _lists(doc, "aliases")[language]}
            assert not aliases & {term.casefold() for term in terms}, slug
