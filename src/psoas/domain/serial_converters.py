"""The converters from primitives for the leaf and container shapes ``psoas.domain.serial`` reads.

``_Bad`` carries a conversion problem and its path out; ``_sequence``, ``_fixed_tuple``,
``_mapping``, ``_enum`` and ``_SCALARS`` (ISO dates and times, numbers, flags, text) check and
convert one value each. ``psoas.domain.serial`` composes them from type hints.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from typing import Any

Converter = Callable[[Any], Any]


class _Bad(Exception):
    """A conversion problem on its way out; ``trail`` collects the path, innermost first."""

    def __init__(self, problem: str, trail: list[str] | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.trail = trail or []


def _sequence(item: Converter, build: type) -> Converter:
    def convert(data: Any) -> Any:
        if not isinstance(data, list | tuple | set | frozenset):
            raise _Bad("expected a list")
        try:
            return build([item(value) for value in data])
        except _Bad as bad:
            bad.trail.append(f"[{_failing_index(item, data)}]")
            raise

    return convert


def _failing_index(item: Converter, data: Any) -> int:
    """The position of the first value ``item`` refuses (only asked when one was refused)."""
    for index, value in enumerate(data):
        try:
            item(value)
        except _Bad:
            return index
    return 0


def _fixed_tuple(items: tuple[Converter, ...]) -> Converter:
    def convert(data: Any) -> Any:
        if not isinstance(data, list | tuple):
            raise _Bad("expected a list")
        if len(data) != len(items):
            raise _Bad(f"expected {len(items)} items")
        out: list[Any] = []
        try:
            for item, value in zip(items, data):
                out.append(item(value))
        except _Bad as bad:
            bad.trail.append(f"[{len(out)}]")
            raise
        return tuple(out)

    return convert


def _mapping(key: Converter, value: Converter) -> Converter:
    def convert(data: Any) -> Any:
        if not isinstance(data, Mapping):
            raise _Bad("expected a mapping")
        out = {}
        for k, v in data.items():
            try:
                out[key(k)] = value(v)
            except _Bad as bad:
                bad.trail.append(f".{k}")
                raise
        return out

    return convert


def _enum(tp: type[enum.Enum]) -> Converter:
    allowed = ", ".join(str(m.value) for m in tp)
    members = {m.value: m for m in tp}

    def convert(data: Any) -> Any:
        try:
            return members[data]  # a dictionary look-up is several times faster than tp(data)
        except (KeyError, TypeError):
            pass
        try:
            return tp(data)
        except ValueError:
            raise _Bad(f"'{data}' is not one of: {allowed}") from None

    return convert


def _iso(kind: type, parse: Callable[[str], Any], what: str) -> Converter:
    def convert(data: Any) -> Any:
        if isinstance(data, kind) and (kind is not date or not isinstance(data, datetime)):
            return data
        if not isinstance(data, str):
            raise _Bad(f"expected {what}")
        try:
            return parse(data)
        except ValueError:
            raise _Bad(f"'{data}' is not a valid ISO value") from None

    return convert


def _number(data: Any) -> float:
    if type(data) is float:
        return data
    if isinstance(data, int | float) and not isinstance(data, bool):
        return float(data)
    raise _Bad("expected a number")


def _whole(data: Any) -> int:
    if type(data) is int:
        return data
    raise _Bad("expected a whole number")


def _flag(data: Any) -> bool:
    if isinstance(data, bool):
        return data
    raise _Bad("expected true or false")


def _text(data: Any) -> str:
    if isinstance(data, str):
        return data
    raise _Bad("expected text")


def _date_only(data: str) -> date:
    return date.fromisoformat(data)


_SCALARS: dict[Any, Converter] = {
    datetime: _iso(datetime, datetime.fromisoformat, "an ISO date-time"),
    date: _iso(date, _date_only, "an ISO date"),
    time: _iso(time, time.fromisoformat, "a time HH:MM"),
    float: _number,
    int: _whole,
    bool: _flag,
    str: _text,
}
