"""Fixtures for the web tests (imported by the test_web_* modules, not a conftest, so other
e2e tests are unaffected)."""

from __future__ import annotations

import pytest
from tests.e2e.web_support import WebClient, real_client
from tests.fakes import FakeClock

from psoas.catalogue.questions import load_questionnaire


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def client(tmp_path, clock) -> WebClient:  # type: ignore[no-untyped-def]
    return real_client(tmp_path, clock)


@pytest.fixture(scope="session")
def questionnaire():  # type: ignore[no-untyped-def]
    return load_questionnaire()
