"""Refuse the NUL character (U+0000) anywhere in a request, naming the field that carried it.

PostgreSQL cannot store NUL in a text or JSON column, and even a lookup with it fails there, so
without this check a note, a label or an id with a NUL in it became a database error (a 503
that blamed the connection) on PostgreSQL while SQLite stored it. No real input contains NUL:
refusing it at the edge gives every route, page and database the same clear 422.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request

from psoas.domain.errors import InvalidInput, InvalidValue

NUL = "\x00"
PROBLEM = "must not contain the NUL character (\\u0000)"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def nul_fields(value: Any, where: str = "") -> list[str]:
    """The dotted names of every string (or key) in a JSON value that contains NUL."""
    if isinstance(value, str):
        return [where or "body"] if NUL in value else []
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            name = f"{where}.{key}" if where else str(key)
            if NUL in str(key):
                found.append(name)
            found.extend(nul_fields(item, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(nul_fields(item, f"{where}.{index}" if where else str(index)))
    return found


async def _body_fields(request: Request) -> list[str]:
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(FORM_TYPES):
        form = await request.form()
        return [
            name for name, value in form.multi_items() if NUL in name or NUL in str(value)
        ]  # an uploaded file's str() is its repr, not its bytes: files are the route's
    body = await request.body()
    if b"\\u0000" not in body:  # JSON spells NUL as an escape (a raw 0 byte is not JSON)
        return []
    try:
        return nul_fields(json.loads(body))
    except ValueError:
        return []  # not JSON: the route refuses the body itself


async def refuse_nul_characters(request: Request) -> None:
    """App-wide dependency: a 422 naming each path, query or body field that holds NUL."""
    fields = [name for name, value in request.path_params.items() if NUL in str(value)]
    if NUL in request.url.path and not fields:
        fields.append("path")
    fields += [name for name, value in request.query_params.multi_items() if NUL in name + value]
    if request.method not in ("GET", "HEAD"):
        fields += await _body_fields(request)
    if fields:
        raise InvalidInput([InvalidValue(field, PROBLEM) for field in fields])
