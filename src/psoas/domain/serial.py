"""Turn frozen domain values into JSON-ready primitives and back, from their type hints.

Storage, the data export and the JSON API all use this one converter, so a record read back
equals the record written. Supported: dataclasses, StrEnum/IntEnum, date, datetime, time,
tuple, frozenset, dict/Mapping, Optional/unions of None, and the JSON scalars.

Reading is on every hot path (a plan holds hundreds of nested values), so the converter for
each type is built once from its hints and cached; the path to a bad value ("Plan.weeks[2]...")
is only put together when something is wrong.
"""

from __future__ import annotations

import dataclasses
import enum
import inspect
import types
import typing
from collections.abc import Mapping
from datetime import date, datetime, time
from functools import cache
from typing import Any, TypeVar, get_args, get_origin

from psoas.domain.errors import InvalidValue
from psoas.domain.serial_converters import (
    _SCALARS,
    Converter,
    _Bad,
    _enum,
    _fixed_tuple,
    _mapping,
    _sequence,
)

T = TypeVar("T")


def to_primitive(value: Any) -> Any:
    """A JSON-serialisable copy of ``value`` (dicts, lists, strings, numbers, None)."""
    if value is None or (
        isinstance(value, bool | int | float | str) and not isinstance(value, enum.Enum)
    ):
        return value
    kind = type(value)
    if dataclasses.is_dataclass(kind):
        return {name: to_primitive(getattr(value, name)) for name in _field_names(kind)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): to_primitive(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [to_primitive(v) for v in value]
    if isinstance(value, frozenset | set):
        return sorted(to_primitive(v) for v in value)
    return value


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def from_primitive(cls: type[T], data: Any, path: str = "") -> T:
    """Rebuild a value of type ``cls`` from primitives; raises InvalidValue naming the path."""
    try:
        return _converter(cls)(data)
    except _Bad as bad:
        where = (path or getattr(cls, "__name__", "value")) + "".join(reversed(bad.trail))
        raise InvalidValue(where, bad.problem) from None


@cache
def _converter(tp: Any) -> Converter:
    """The function that converts primitives into ``tp`` (built once per type)."""
    origin = get_origin(tp)
    if tp is Any:
        return _identity
    if origin in (typing.Union, types.UnionType):
        return _union(
            [_converter(a) for a in get_args(tp) if a is not type(None)], type(None) in get_args(tp)
        )
    if dataclasses.is_dataclass(tp):
        return _dataclass(tp)
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return _sequence(_converter(args[0]), tuple)
        return _fixed_tuple(tuple(_converter(a) for a in args))
    if origin in (frozenset, set):
        return _sequence(_converter(get_args(tp)[0]), frozenset)
    if origin in (dict, Mapping, typing.Mapping) or tp in (dict, Mapping):
        key, value = get_args(tp) or (str, Any)
        return _mapping(_converter(key), _converter(value))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum(tp)
    return _SCALARS.get(tp, _identity)


def _identity(data: Any) -> Any:
    return data


def _union(options: list[Converter], optional: bool) -> Converter:
    def convert(data: Any) -> Any:
        if data is None and optional:
            return None
        problems = []
        for option in options:
            try:
                return option(data)
            except (_Bad, TypeError, ValueError) as exc:
                problems.append(exc.problem if isinstance(exc, _Bad) else str(exc))
        raise _Bad("; ".join(problems) or "unexpected value")

    return convert


def _dataclass(tp: type) -> Converter:
    hints = typing.get_type_hints(tp)
    fields = [(f, hints[f.name]) for f in dataclasses.fields(tp) if f.init]
    compiled: list[Converter] = []

    def convert(data: Any) -> Any:
        if not compiled:  # built lazily: a dataclass may refer to itself
            compiled.append(_compile_dataclass(tp, fields))
        return compiled[0](data)

    return convert


# Field types checked inline by the generated code (no call per value): the test, the problem.
_INLINE: dict[Any, tuple[str, str]] = {
    str: ("isinstance({v}, str)", "expected text"),
    int: ("type({v}) is int", "expected a whole number"),
    bool: ("isinstance({v}, bool)", "expected true or false"),
}


def _compile_dataclass(tp: type, fields: list[tuple[dataclasses.Field[Any], Any]]) -> Converter:
    """One generated function per dataclass, as ``dataclasses`` does for ``__init__``: each
    field's check is written out, so reading a record costs no call per plain value, and the
    object is built with every field given (absent ones get their default here)."""
    namespace: dict[str, Any] = {"_Bad": _Bad, "Mapping": Mapping, "cls": tp}
    lines = [
        "def convert(data):",
        "    if type(data) is not dict and not isinstance(data, Mapping):",
        "        raise _Bad('expected a mapping')",
    ]
    for n, (field, hint) in enumerate(fields):
        lines += _field_lines(n, field, hint, namespace)
    lines += _build_lines(tp, [field for field, _ in fields], namespace)
    exec("\n".join(lines), namespace)  # the source is built above from field names only
    return namespace["convert"]


def _field_lines(
    n: int, field: dataclasses.Field[Any], hint: Any, namespace: dict[str, Any]
) -> list[str]:
    """``a<n> =`` the field's checked value (a stored record has every key: one look-up)."""
    v, trail = f"a{n}", repr(f".{field.name}")
    lines = ["    try:", f"        {v} = data[{field.name!r}]", "    except KeyError:"]
    if field.default is not dataclasses.MISSING:
        namespace[f"d{n}"] = field.default
        lines.append(f"        {v} = d{n}")
    elif field.default_factory is not dataclasses.MISSING:
        namespace[f"f{n}"] = field.default_factory
        lines.append(f"        {v} = f{n}()")
    else:
        lines.append(f"        raise _Bad('is missing', [{trail}])")
    inner, optional = _optional_inner(hint)
    if inner in _INLINE:
        test, problem = _INLINE[inner]
        none_ok = f"{v} is None or " if optional else ""
        lines += [
            "    else:",
            f"        if not ({none_ok}{test.format(v=v)}):",
            f"            raise _Bad({problem!r}, [{trail}])",
        ]
    elif inner is not Any:
        namespace[f"c{n}"] = _converter(hint)
        lines += [
            "    else:",
            "        try:",
            f"            {v} = c{n}({v})",
            "        except _Bad as bad:",
            f"            bad.trail.append({trail})",
            "            raise",
        ]
    return lines


def _build_lines(
    tp: type, fields: list[dataclasses.Field[Any]], namespace: dict[str, Any]
) -> list[str]:
    """Build the object. A slotted dataclass whose ``__init__`` only stores its fields gets
    them stored straight into its slots (what its ``__init__`` does, without one call and one
    attribute look-up per field); any other is built by calling it with positional arguments
    (in field order, as ``__init__`` takes them), which cost half of named ones."""
    setters = _slot_setters(tp, fields)
    if setters is not None:
        namespace["new"] = object.__new__
        namespace.update({f"s{n}": setter for n, setter in enumerate(setters)})
        return [
            "    o = new(cls)",
            *(f"    s{n}(o, a{n})" for n in range(len(fields))),
            "    return o",
        ]
    args = [f"{f.name}=a{n}" if f.kw_only else f"a{n}" for n, f in enumerate(fields)]
    return [f"    return cls({', '.join(args)})"]


def _slot_setters(tp: type, fields: list[dataclasses.Field[Any]]) -> list[Any] | None:
    """The slots' setters, when building the object needs nothing but storing its fields: no
    ``__post_init__``, an ``__init__`` that ``dataclasses`` wrote (its code has no file) and
    takes every field."""
    if (
        "__slots__" not in tp.__dict__
        or hasattr(tp, "__post_init__")
        or getattr(getattr(tp.__init__, "__code__", None), "co_filename", "") != "<string>"
        or len(fields) != len(dataclasses.fields(tp))  # a field left out of __init__
    ):
        return None
    slots = [inspect.getattr_static(tp, f.name, None) for f in fields]
    if not all(isinstance(slot, types.MemberDescriptorType) for slot in slots):
        return None
    return [slot.__set__ for slot in slots]


def _optional_inner(hint: Any) -> tuple[Any, bool]:
    """(X, True) for ``X | None`` with a single X, else (hint, False)."""
    if get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        if len(args) == 1 and len(args) < len(get_args(hint)):
            return args[0], True
    return hint, False
