"""Per-process copies in front of the shared cache stay within their bounds (api/stores.py)."""

from __future__ import annotations

from api.stores import LocalCopies


def _copies() -> LocalCopies:
    return LocalCopies(10, max_bytes=100, weigh=len)


def test_the_least_recently_used_entries_go_first_once_the_bytes_are_spent() -> None:
    copies = _copies()
    copies.set_many({"a": b"x" * 40, "b": b"x" * 40})
    copies.get_many(["a"])  # b is now the least recently used

    copies.set_many({"c": b"x" * 40})

    assert set(copies.get_many(["a", "b", "c"])) == {"a", "c"}


def test_an_entry_heavier_than_the_budget_is_not_kept_and_evicts_nothing() -> None:
    copies = _copies()
    copies.set_many({"a": b"x" * 40, "big": b"x" * 40})

    copies.set_many({"big": b"x" * 101})

    # The older copy under the same key is dropped: it must never be served instead.
    assert set(copies.get_many(["a", "big"])) == {"a"}


def test_replacing_an_entry_counts_its_bytes_once() -> None:
    copies = _copies()
    for _ in range(5):
        copies.set_many({"a": b"x" * 60})
    copies.set_many({"b": b"x" * 40})

    assert set(copies.get_many(["a", "b"])) == {"a", "b"}


def test_without_weights_only_the_number_of_entries_is_bounded() -> None:
    copies = LocalCopies(2)
    copies.set_many({"a": b"x" * 10_000, "b": b"x" * 10_000, "c": b""})

    assert set(copies.get_many(["a", "b", "c"])) == {"b", "c"}
