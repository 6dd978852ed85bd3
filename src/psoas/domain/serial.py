"""Turn frozen domain values into JSON-ready primitives and back, from their type hints.

Storage, the data export and the JSON API all use this one converter, so a record read back
equals the record written. Supported: dataclasses, StrEnum/IntEnum, date, datetime, tuple,
frozenset, dict/Mapping, Optional/unions of None, and the JSON scalars.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Mapping
from datetime import date, datetime, time
from functools import cache
from typing import Any, TypeVar, get_args, get_origin

from psoas.domain.errors import InvalidValue

T = TypeVar("T")


def to_primitive(value: Any) -> Any:
    """A JSON-serialisable copy of ``value`` (dicts, lists, strings, numbers, None)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_primitive(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): to_primitive(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [to_primitive(v) for v in value]
    if isinstance(value, frozenset | set):
        return sorted(to_primitive(v) for v in value)
    return value


def from_primitive(cls: type[T], data: Any, path: str = "") -> T:
    """Rebuild a value of type ``cls`` from primitives; raises InvalidValue naming the path."""
    return _convert(cls, data, path or getattr(cls, "__name__", "value"))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(tp: Any, data: Any, path: str) -> Any:
    origin = get_origin(tp)
    if tp is Any:
        return data
    if origin in (typing.Union, types.UnionType):
        args = get_args(tp)
        if data is None and type(None) in args:
            return None
        errors = []
        for arg in args:
            if arg is type(None):
                continue
            try:
                return _convert(arg, data, path)
            except (InvalidValue, TypeError, ValueError) as exc:
                errors.append(str(exc))
        raise InvalidValue(path, "; ".join(errors) or "unexpected value")
    if dataclasses.is_dataclass(tp):
        return _convert_dataclass(tp, data, path)
    if origin in (tuple,):
        args = get_args(tp)
        _expect(isinstance(data, list | tuple), path, "expected a list")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], v, f"{path}[{i}]") for i, v in enumerate(data))
        _expect(len(args) == len(data), path, f"expected {len(args)} items")
        return tuple(_convert(a, v, f"{path}[{i}]") for i, (a, v) in enumerate(zip(args, data)))
    if origin in (frozenset, set):
        _expect(isinstance(data, list | tuple | set | frozenset), path, "expected a list")
        (arg,) = get_args(tp)
        return frozenset(_convert(arg, v, f"{path}[]") for v in data)
    if origin in (dict, Mapping, typing.Mapping) or tp in (dict, Mapping):
        _expect(isinstance(data, Mapping), path, "expected a mapping")
        args = get_args(tp) or (str, Any)
        return {
            _convert(args[0], k, f"{path}.key"): _convert(args[1], v, f"{path}.{k}")
            for k, v in data.items()
        }
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        try:
            return tp(data)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in tp)
            raise InvalidValue(path, f"'{data}' is not one of: {allowed}") from None
    return _convert_scalar(tp, data, path)


def _convert_dataclass(tp: type, data: Any, path: str) -> Any:
    _expect(isinstance(data, Mapping), path, "expected a mapping")
    hints = _hints(tp)
    kwargs = {}
    for f in dataclasses.fields(tp):
        if f.name in data:
            kwargs[f.name] = _convert(hints[f.name], data[f.name], f"{path}.{f.name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise InvalidValue(f"{path}.{f.name}", "is missing")
    return tp(**kwargs)


def _convert_scalar(tp: Any, data: Any, path: str) -> Any:
    if tp is datetime:
        _expect(isinstance(data, str | datetime), path, "expected an ISO date-time")
        return data if isinstance(data, datetime) else _parse(datetime.fromisoformat, data, path)
    if tp is date:
        _expect(isinstance(data, str | date), path, "expected an ISO date")
        return data if isinstance(data, date) else _parse(date.fromisoformat, data, path)
    if tp is time:
        _expect(isinstance(data, str | time), path, "expected a time HH:MM")
        return data if isinstance(data, time) else _parse(time.fromisoformat, data, path)
    if tp is float:
        ok = isinstance(data, int | float) and not isinstance(data, bool)
        _expect(ok, path, "expected a number")
        return float(data)
    if tp is int:
        _expect(
            isinstance(data, int) and not isinstance(data, bool), path, "expected a whole number"
        )
        return data
    if tp is bool:
        _expect(isinstance(data, bool), path, "expected true or false")
        return data
    if tp is str:
        _expect(isinstance(data, str), path, "expected text")
        return data
    return data


def _parse(fn: Any, data: str, path: str) -> Any:
    try:
        return fn(data)
    except ValueError:
        raise InvalidValue(path, f"'{data}' is not a valid ISO value") from None


def _expect(ok: bool, path: str, problem: str) -> None:
    if not ok:
        raise InvalidValue(path, problem)
