"""Helpers for the web tests: an app on a real SQLite file, a client that carries CSRF."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient
from tests.factories import sqlite_context
from tests.fakes import FakeClock

from psoas.config import get_settings
from psoas.web.app import create_app

TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')


class WebClient(TestClient):
    """A TestClient that knows the page's CSRF token and sends it with form and API posts."""

    token: str = ""

    def refresh_token(self) -> str:
        self.token = self.get("/api/csrf").json()["csrf_token"]
        return self.token

    def form(self, url: str, data: dict, **kwargs):  # type: ignore[no-untyped-def]
        if not self.token:
            self.refresh_token()
        return self.post(
            url, data={**data, "csrf_token": self.token}, follow_redirects=False, **kwargs
        )

    def api(self, url: str, body: object = None, **kwargs):  # type: ignore[no-untyped-def]
        if not self.token:
            self.refresh_token()
        return self.post(url, json=body, headers={"X-CSRF-Token": self.token}, **kwargs)


def make_client(folder: Path, *, clock: FakeClock | None = None, catalogue=None) -> WebClient:  # type: ignore[no-untyped-def]
    ctx = sqlite_context(folder, clock=clock, catalogue_=catalogue)
    settings = get_settings(data_dir=folder)
    return WebClient(create_app(settings, context=ctx))
