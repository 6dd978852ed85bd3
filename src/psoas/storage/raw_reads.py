"""The hot reading queries run on the driver's own cursor, their rows left as the driver gives them.

Each prebuilt query of ``psoas.storage.record_queries`` is compiled once per database kind
(the same SQL text and bind values SQLAlchemy sends). Rows come back as plain tuples without
SQLAlchemy's row objects and per-value result processing: most rows are records already
decoded (``psoas.storage.decoded``), which compare their stored content as the driver gives
it, so only a row seen for the first time has its values processed (``Layout.pick``), with
the same column types SQLAlchemy would apply. Driver errors leave as SQLAlchemy's
``DBAPIError``, as from any other statement. A query this module cannot run as plain text
(a dialect that renders values into the SQL late) goes through SQLAlchemy instead.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Select
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError

Processor = Callable[[Any], Any] | None


@dataclass(frozen=True)
class Layout:
    """Where each selected column sits in a raw row and how its raw value is processed."""

    names: tuple[str, ...]
    processors: tuple[Processor, ...]
    _picks: dict[tuple[str, ...], tuple[tuple[str, int, Processor], ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def pick(self, names: tuple[str, ...]) -> tuple[tuple[str, int, Processor], ...]:
        """(name, position, processor) of each of ``names``, worked out once per layout."""
        found = self._picks.get(names)
        if found is None:
            found = tuple(
                (n, self.names.index(n), self.processors[self.names.index(n)]) for n in names
            )
            self._picks[names] = found
        return found


@dataclass(frozen=True)
class _Compiled:
    sql: str
    positional: tuple[str, ...] | None  # parameter order for "?" styles; None for named ones
    named: tuple[str, ...]
    defaults: Mapping[str, Any]  # values fixed in the query (LIMIT, OFFSET)
    binders: Mapping[str, Processor]
    columns: tuple[Any, ...]  # the selected columns but the JSON text
    layouts: dict[tuple[Any, ...], Layout]  # by the driver's type codes of the columns


# by the query's id and the dialect; the query is kept in the entry, so its id stays its own
_COMPILED: dict[tuple[int, str], tuple[Select[Any], _Compiled | None]] = {}
_LOCK = threading.Lock()


def fetch(conn: Connection, query: Select[Any], params: Mapping[str, Any]) -> tuple[list, Layout]:
    """All rows of ``query`` (a prebuilt, cached query) as tuples, and their layout."""
    dialect = conn.dialect
    compiled = _compiled(query, dialect)
    if compiled is None:  # rendered late by this dialect: SQLAlchemy runs it
        result = conn.execute(query, dict(params))
        names = tuple(c.name for c in _columns(query))  # the values are processed already
        return [tuple(row) for row in result.all()], Layout(names, (None,) * len(names))
    values = {**compiled.defaults, **params}
    bound = {
        name: value
        if (bind := compiled.binders.get(name)) is None or value is None
        else bind(value)
        for name, value in values.items()
    }
    args: Any = (
        tuple(bound[name] for name in compiled.positional)
        if compiled.positional is not None
        else {name: bound[name] for name in compiled.named}
    )
    cursor = conn.connection.cursor()
    try:
        cursor.execute(compiled.sql, args)
        rows = cursor.fetchall()
        codes = tuple(d[1] for d in cursor.description)
    except dialect.loaded_dbapi.Error as exc:
        raise DBAPIError.instance(
            compiled.sql, args, exc, dialect.loaded_dbapi.Error, dialect=dialect
        ) from exc
    finally:
        cursor.close()
    layout = compiled.layouts.get(codes)
    if layout is None:  # what the driver says each column is can decide its processing
        layout = compiled.layouts[codes] = _layout(compiled.columns, dialect, codes)
    return rows, layout


def _compiled(query: Select[Any], dialect: Dialect) -> _Compiled | None:
    key = (id(query), dialect.name)
    found = _COMPILED.get(key)
    if found is not None and found[0] is query:
        return found[1]
    made = _compile(query, dialect)
    with _LOCK:
        _COMPILED[key] = (query, made)
    return made


def _compile(query: Select[Any], dialect: Dialect) -> _Compiled | None:
    compiled = query.compile(dialect=dialect)
    sql = compiled.string
    if "POSTCOMPILE" in sql:
        return None
    binds = compiled.binds
    positional = tuple(compiled.positiontup) if compiled.positional else None  # type: ignore[arg-type]
    named = tuple(name for name in binds if f"%({name})s" in sql)
    defaults = {name: b.value for name, b in binds.items() if not b.required}
    binders = {
        name: b.type.dialect_impl(dialect).bind_processor(dialect) for name, b in binds.items()
    }
    return _Compiled(sql, positional, named, defaults, binders, _columns(query), {})


def _columns(query: Select[Any]) -> tuple[Any, ...]:
    return tuple(query.selected_columns)[:-1]  # the last one is the JSON text


def _layout(columns: tuple[Any, ...], dialect: Dialect, codes: tuple[Any, ...]) -> Layout:
    return Layout(
        tuple(c.name for c in columns),
        tuple(
            c.type.dialect_impl(dialect).result_processor(dialect, code)
            for c, code in zip(columns, codes)
        ),
    )


def finish_order(rows: list[Any], positions: Sequence[int]) -> None:
    """Sort ``rows``, already in order by the value at ``positions[0]``, by the values at the
    other positions among the rows that share it, in place, as SQLite orders them: NULL
    first, numbers by value, text by its UTF-8 bytes (the order of Python's strings). Values
    of different kinds in one column raise TypeError."""
    first, rest = positions[0], positions[1:]

    def key(row: Any) -> tuple[tuple[bool, Any], ...]:
        return tuple((row[p] is not None, row[p]) for p in rest)

    start, count = 0, len(rows)
    while start < count:
        value, end = rows[start][first], start + 1
        while end < count and rows[end][first] == value:
            end += 1
        if end - start > 1:
            rows[start:end] = sorted(rows[start:end], key=key)
        start = end
