"""Stable record ids: uuid4 hex, made once when a record is created and kept forever."""

from __future__ import annotations

import hashlib
import uuid


def new_id() -> str:
    return uuid.uuid4().hex


def hashed_address(purpose: str, address: str) -> str:
    """An address as a SHA-256 hash salted by its purpose, so stores never hold it in clear."""
    return hashlib.sha256(f"psoas-{purpose}:{address}".encode()).hexdigest()
