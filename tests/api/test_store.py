"""This process's copies in front of the shared cache stay within their byte budget
(api/caching/store.py), so a worker's memory stays bounded whatever clients ask for."""

from __future__ import annotations

import tracemalloc

import orjson

from api.caching.store import LocalCopies


def test_the_least_recently_used_entries_go_first_once_the_bytes_are_spent() -> None:
    copies = LocalCopies(max_bytes=1000)
    copies.set_many(dict.fromkeys("abcdefghij", b"x" * 100))
    copies.get_many(["a"])  # b is now the least recently used

    copies.set_many({"k": b"x" * 100})

    assert set(copies.get_many(["a", "b", "k"])) == {"a", "k"}
    assert copies.bytes == 1000


def test_an_entry_heavier_than_a_tenth_of_the_budget_is_not_kept_and_evicts_nothing() -> None:
    copies = LocalCopies(max_bytes=1000)
    copies.set_many({"a": b"x" * 40, "big": b"x" * 40})

    copies.set_many({"big": b"x" * 101})

    # The older copy under the same key is dropped: it must never be served instead.
    assert set(copies.get_many(["a", "big"])) == {"a"}
    assert copies.bytes == 40


def test_replacing_an_entry_counts_its_bytes_once() -> None:
    copies = LocalCopies(max_bytes=1000)
    for _ in range(5):
        copies.set_many({"a": b"x" * 60})
    copies.set_many({"b": b"x" * 40})

    assert set(copies.get_many(["a", "b"])) == {"a", "b"}
    assert copies.bytes == 100


def test_structured_entries_are_weighed_by_what_they_hold() -> None:
    copies = LocalCopies(max_bytes=30_000)
    copies.set_many({"small": {"name": "Neck pain"}, "large": {"body": "x" * 900}})
    assert copies.bytes > 2700  # about three times the JSON of both

    copies.set_many({f"more{i}": {"body": "y" * 900} for i in range(10)})

    assert copies.bytes <= 30_000
    assert copies.get_many(["small"]) == {}


def test_the_copies_hold_in_memory_what_their_budget_counts() -> None:
    # Rendered as the API renders a representation (orjson), then kept.
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        copies = LocalCopies(max_bytes=10_000_000)
        rendered = {f"repr:{i}": orjson.dumps({"id": i, "body": "x" * 2000}) for i in range(500)}
        copies.set_many(rendered)
        weight = sum(len(value) for value in rendered.values())
        del rendered
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()

    assert copies.bytes == weight
    # The values, and a key and a few pointers for each entry: not the 16 kB buffers
    # orjson wrote them into.
    assert held < copies.bytes * 1.25
