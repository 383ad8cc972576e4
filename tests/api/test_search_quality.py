"""The search quality table (search_quality.yaml): what people type → what comes first,
on whichever database the suite runs on (CI runs both)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.django_db

TABLE = yaml.safe_load((Path(__file__).parent / "search_quality.yaml").read_text())


CASES = [
    pytest.param(row, id=f"{kind}: {row['q']}") for kind, rows in TABLE.items() for row in rows
]


def _first(client, row: dict[str, str]) -> str | None:  # type: ignore[no-untyped-def]
    params = {"q": row["q"], "lang": row.get("lang", "en"), "limit": "1"}
    results = client.get("/api/v1/search/", params).json()["results"]
    return f"{results[0]['type']}/{results[0]['slug']}" if results else None


@pytest.mark.parametrize("row", CASES)
def test_what_people_type_finds_the_right_item_first(client, seed, row: dict[str, str]) -> None:
    assert _first(client, row) == row["first"]
