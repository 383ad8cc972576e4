"""The API's hottest reads, compiled to SQL once per process and database.

Building and compiling a queryset costs Django 0.4 to 0.7 ms; PostgreSQL
answers the same reads (an item's id and stamp by slug, a page of ids and
stamps) in 0.03 ms, and after every publish each cold detail and list page
makes one. So each is compiled once from the queryset that defines it (what
is published stays defined in one place, content.querysets) and run with the
request's values: a slug, a page's bounds. Rows go through the ORM's own
converters (SQLite stores a UUID as text, say), and the reads go to the
database the router names for each call (config/routers.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class _Compiled:
    using: str
    sql: str
    params: tuple[Any, ...]
    # Column position in the SQL -> (the ORM's converters of its values, its expression).
    converters: tuple[tuple[int, tuple[list[Any], Any]], ...]
    # The SQL's column positions, in the order of `columns`.
    order: tuple[int, ...]


class PreparedQuery:
    """`build(**markers)`'s `columns`, compiled once; `rows(**values)` runs it
    with `values` in place of the markers, and `limit` and `offset` if `paged`.

    `build` must use each of its arguments as a query parameter, unchanged (an
    exact filter value), and must not slice its queryset.
    """

    def __init__(
        self,
        build: Callable[..., QuerySet[Any]],
        *,
        columns: tuple[str, ...],
        paged: bool = False,
    ) -> None:
        self._build = build
        self._columns = columns
        self._paged = paged
        self._model: type[Model] | None = None
        self._compiled: dict[str, _Compiled] = {}

    def rows(self, *, limit: int = 0, offset: int = 0, **values: Any) -> list[tuple[Any, ...]]:
        compiled = self._compile(list(values))
        params = tuple(values[p.name] if isinstance(p, _Marker) else p for p in compiled.params)
        sql = compiled.sql
        if self._paged:
            sql, params = f"{sql} LIMIT %s OFFSET %s", (*params, limit, offset)
        connection = connections[compiled.using]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        found = []
        for row in rows:
            cells = list(row)
            for position, (converters, expression) in compiled.converters:
                for convert in converters:
                    cells[position] = convert(cells[position], expression, connection)
            found.append(tuple(cells[position] for position in compiled.order))
        return found

    def _compile(self, names: list[str]) -> _Compiled:
        if self._model is None:
            self._model = self._queryset(names).model
        using = router.db_for_read(self._model) or DEFAULT_DB_ALIAS
        compiled = self._compiled.get(using)
        if compiled is None:
            compiler = self._queryset(names).query.get_compiler(using=using)
            sql, params = compiler.as_sql()
            if {p.name for p in params if isinstance(p, _Marker)} != set(names):
                # Unused, or rewritten by a lookup (`icontains` wraps it in `%`).
                raise ValueError("each argument of a prepared query must be a parameter as given")
            # The columns' order in the SQL is not always theirs (django-modeltranslation
            # collects them in a set); each is selected under its name.
            aliases = [alias for _, _, alias in compiler.select]
            order = tuple(aliases.index(column) for column in self._columns)
            converters = tuple(compiler.get_converters([c for c, _, _ in compiler.select]).items())
            compiled = _Compiled(using, sql, tuple(params), converters, order)
            self._compiled[using] = compiled
        return compiled

    def _queryset(self, names: list[str]) -> QuerySet[Any]:
        return self._build(**{name: _Marker(name) for name in names}).values_list(*self._columns)


class _Marker(str):
    """A parameter's place in the compiled query, found again by its type."""

    name: str

    def __new__(cls, name: str) -> _Marker:
        marker = super().__new__(cls, f"\x00{name}\x00")
        marker.name = name
        return marker
