"""Rows <-> frozen domain objects through ``psoas.domain.serial``.

A ``RecordMapping`` names the fields kept as real columns; every other field of the domain
object goes into the ``data`` JSON column, so a field added to the domain later is stored
without a migration. ``derived`` columns are computed for queries and ignored when reading.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, Table, Text, cast, select

from psoas.domain.serial import from_primitive, to_primitive
from psoas.storage.decoded import DECODED
from psoas.storage.raw_reads import Layout

T = TypeVar("T")


@dataclass(frozen=True)
class RecordMapping(Generic[T]):
    cls: type[T]
    table: Table
    columns: tuple[str, ...]
    derived: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)

    def to_row(self, obj: T) -> dict[str, Any]:
        primitive = to_primitive(obj)
        row: dict[str, Any] = {name: _column_value(getattr(obj, name)) for name in self.columns}
        row.update({name: compute(obj) for name, compute in self.derived.items()})
        row["data"] = {k: v for k, v in primitive.items() if k not in self.columns}
        return row

    def select(self) -> Select[Any]:
        """SELECT of the table's columns with ``data`` as its stored JSON text, which lets
        ``from_row`` reuse the object already decoded from the same content."""
        return _selected(self.table)

    def from_row(self, row: Any) -> T:
        fields = getattr(row, "_fields", ())
        if fields and fields[-1] == "data" and isinstance(row[-1], str):  # from ``select()``
            return self._kept(row)
        values = dict(row._mapping) if hasattr(row, "_mapping") else dict(row)
        return self._build(values, values.pop("data"))  # JSON already decoded by the driver

    def from_rows(self, rows: Sequence[Any]) -> list[T]:
        """``from_row`` for every row of one result (the kind of row is checked once)."""
        if rows and rows[0]._fields[-1] == "data" and isinstance(rows[0][-1], str):
            return [self._kept(row) for row in rows]
        return [self.from_row(row) for row in rows]

    def from_raw_rows(self, rows: Sequence[tuple[Any, ...]], layout: Layout) -> list[T]:
        """The records of rows as the driver gave them (``psoas.storage.raw_reads``), whose last
        value is the JSON text: a record already decoded from the same content is reused."""
        return DECODED.checked_rows(
            self.cls, layout.names.index("id"), rows, lambda row: self._raw(row, layout)
        )

    def _raw(self, row: tuple[Any, ...], layout: Layout) -> T:
        primitive = json.loads(row[-1]) or {}
        for name, index, process in layout.pick(self.columns):
            value = row[index]
            primitive[name] = value if process is None or value is None else process(value)
        return from_primitive(self.cls, primitive)

    def _kept(self, row: Any) -> T:
        # Kept by class and id, used while every column and the document's text are the same.
        content = tuple(row)
        key = (self.cls, row._mapping["id"])
        return DECODED.checked(key, content, len(row[-1]), lambda: self._decode(row))

    def _decode(self, row: Any) -> T:
        values = dict(row._mapping)
        return self._build(values, json.loads(values.pop("data")))

    def _build(self, values: dict[str, Any], data: Any) -> T:
        primitive = dict(data or {})
        primitive.update({name: values[name] for name in self.columns})
        return from_primitive(self.cls, primitive)


@cache
def _selected(table: Table) -> Select[Any]:
    """Built once per table: a Select is immutable (``where`` and ``order_by`` copy it)."""
    columns = [c for c in table.c if c.name != "data"]
    return select(*columns, cast(table.c.data, Text).label("data"))


def _column_value(value: Any) -> Any:
    """Enums are stored by value; everything else as the driver takes it."""
    return value.value if isinstance(value, Enum) else value
