"""The search quality table (search_quality.yaml): what people type → what comes first,
on whichever database the suite runs on (CI runs both)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from django.db import connection

pytestmark = pytest.mark.django_db

TABLE = yaml.safe_load((Path(__file__).parent / "search_quality.yaml").read_text())


def _passes(kind: str, row: dict[str, Any]) -> bool:
    """Whether `row` is found first on this database: every row but those not_yet,
    unless one already is on this database (`passes_on`)."""
    return kind != "not_yet" or connection.vendor in row.get("passes_on", ())


def _cases(*, expected_to_pass: bool) -> list[Any]:
    return [
        pytest.param(row, id=f"{kind}: {row['q']}")
        for kind, rows in TABLE.items()
        for row in rows
        if _passes(kind, row) == expected_to_pass
    ]


def _first(client, row: dict[str, str]) -> str | None:  # type: ignore[no-untyped-def]
    params = {"q": row["q"], "lang": row.get("lang", "en"), "limit": "1"}
    results = client.get("/api/v1/search/", params).json()["results"]
    return f"{results[0]['type']}/{results[0]['slug']}" if results else None


@pytest.mark.parametrize("row", _cases(expected_to_pass=True))
def test_what_people_type_finds_the_right_item_first(client, seed, row: dict[str, str]) -> None:
    assert _first(client, row) == row["first"]


@pytest.mark.xfail(strict=True, reason="not found yet: see not_yet in search_quality.yaml")
@pytest.mark.parametrize("row", _cases(expected_to_pass=False))
def test_what_search_cannot_find_yet(client, seed, row: dict[str, str]) -> None:
    assert _first(client, row) == row["first"]
