"""This process's copies in front of the shared cache stay within their byte budget
(api/caching/store.py), so a worker's memory stays bounded whatever clients ask for."""

from __future__ import annotations

import tracemalloc

import orjson

from api.caching.store import ENTRY_BYTES, LocalCopies


def weight(key: str, value_bytes: int) -> int:
    """What keeping `value_bytes` of bytes under `key` counts against the budget."""
    return value_bytes + len(key) + ENTRY_BYTES


def test_the_least_recently_used_entries_go_first_once_the_bytes_are_spent() -> None:
    copies = LocalCopies(max_bytes=10 * weight("a", 100))
    copies.set_many(dict.fromkeys("abcdefghij", b"x" * 100))
    copies.get_many(["a"])  # b is now the least recently used

    copies.set_many({"k": b"x" * 100})

    assert set(copies.get_many(["a", "b", "k"])) == {"a", "k"}
    assert copies.bytes == 10 * weight("a", 100)


def test_an_entry_heavier_than_a_tenth_of_the_budget_is_not_kept_and_evicts_nothing() -> None:
    copies = LocalCopies(max_bytes=10 * weight("big", 40))
    copies.set_many({"a": b"x" * 40, "big": b"x" * 40})

    copies.set_many({"big": b"x" * 41})

    # The older copy under the same key is dropped: it must never be served instead.
    assert set(copies.get_many(["a", "big"])) == {"a"}
    assert copies.bytes == weight("a", 40)


def test_replacing_an_entry_counts_its_bytes_once() -> None:
    copies = LocalCopies(max_bytes=10 * weight("a", 60))
    for _ in range(5):
        copies.set_many({"a": b"x" * 60})
    copies.set_many({"b": b"x" * 40})

    assert set(copies.get_many(["a", "b"])) == {"a", "b"}
    assert copies.bytes == weight("a", 60) + weight("b", 40)


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
        counted = sum(weight(key, len(value)) for key, value in rendered.items())
        del rendered
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()

    assert copies.bytes == counted
    # The values, and a key and a few pointers for each entry: not the 16 kB buffers
    # orjson wrote them into.
    assert held < copies.bytes * 1.25


def test_small_entries_count_what_keeping_them_costs() -> None:
    # An inlined item's stamp: a long key and a small number, kept per content version.
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        copies = LocalCopies(max_bytes=10_000_000)
        copies.set_many({f"stamp:conditions:v{n}:{n:036d}": 70_000 + n for n in range(2000)})
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()

    assert held * 0.75 < copies.bytes < held * 1.5
