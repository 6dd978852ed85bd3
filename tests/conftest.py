"""Shared test fixtures.

Tests that need a service the machine lacks (PostgreSQL, Chromium, pdftoppm ...) call
``need_service``: it skips on a plain machine but fails when PSOAS_TEST_STRICT=1 (as CI sets),
so CI never skips anything silently.
"""

from __future__ import annotations

import os

import pytest

STRICT = os.environ.get("PSOAS_TEST_STRICT") == "1"


def need_service(available: bool, what: str) -> None:
    """Skip (or, in strict mode, fail) when a required service is missing."""
    if available:
        return
    if STRICT:
        pytest.fail(f"{what} is required in strict mode (PSOAS_TEST_STRICT=1) but is not available")
    pytest.skip(f"{what} is not available on this machine")


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    """Every test gets its own psoas data directory, so nothing touches the user's files."""
    monkeypatch.setenv("PSOAS_DATA_DIR", str(tmp_path / "psoas-data"))
    monkeypatch.delenv("PSOAS_DATABASE_URL", raising=False)
