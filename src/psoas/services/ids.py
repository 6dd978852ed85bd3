"""Stable record ids: uuid4 hex, made once when a record is created and kept forever."""

from __future__ import annotations

import uuid


def new_id() -> str:
    return uuid.uuid4().hex
