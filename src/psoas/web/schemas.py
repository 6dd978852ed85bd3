"""OpenAPI response models made from the domain dataclasses.

The API returns ``serial.to_primitive`` of domain values; ``model_for`` builds the matching
pydantic model from the dataclass's type hints (tuples and frozensets become lists, enums their
values), so the schema documents exactly what is sent, without a second hand-written copy.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Mapping
from datetime import date, datetime, time
from functools import cache
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ConfigDict, create_model

_SCALARS = (str, int, float, bool, type(None))


def _field_type(tp: Any) -> Any:
    origin = get_origin(tp)
    if tp is Any or tp in _SCALARS:
        return tp
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp
    if tp is time:
        return str  # "HH:MM:SS" local time: JSON Schema's "time" format demands a UTC offset
    if tp in (date, datetime):
        return tp
    if dataclasses.is_dataclass(tp):
        return model_for(tp)
    if origin in (typing.Union, types.UnionType):
        args = tuple(_field_type(a) for a in get_args(tp))
        return typing.Union[args]  # noqa: UP007
    if origin in (tuple, list, frozenset, set):
        args = [a for a in get_args(tp) if a is not Ellipsis]
        item = _field_type(args[0]) if len(set(args)) == 1 else Any
        return list[item]  # type: ignore[valid-type]
    if origin in (dict, Mapping) or (isinstance(origin, type) and issubclass(origin, Mapping)):
        _key, value = get_args(tp) or (str, Any)
        return dict[str, _field_type(value)]  # type: ignore[misc]
    return Any


@cache
def model_for(cls: type) -> type[BaseModel]:
    """A pydantic model with the same fields as the dataclass ``cls``."""
    hints = typing.get_type_hints(cls)
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        tp = _field_type(hints[f.name])
        has_default = (
            f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        )
        fields[f.name] = (tp, None) if has_default else (tp, ...)
    return create_model(cls.__name__, __config__=ConfigDict(extra="ignore"), **fields)


class Message(BaseModel):
    status: int
    message: str
    problems: list[dict[str, str]] = []


class CsrfToken(BaseModel):
    csrf_token: str
    header: str = "X-CSRF-Token"
