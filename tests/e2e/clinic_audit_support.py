"""Audit-log test support: entries put straight into the store, and the clinic app served for
real (uvicorn in a thread, one event loop as in production) with logged-in httpx clients."""

from __future__ import annotations

import socket
import threading
import time
from datetime import UTC, datetime, timedelta

import httpx
import uvicorn
from tests.e2e.clinic_support import PASSWORD, Clinic

from psoas.domain.clinic.accounts import AuditAction, AuditEntry
from psoas.services.clinic import accounts

OCTOBER = datetime(2026, 10, 1, 10, 0, tzinfo=UTC)


def add_entries(world: Clinic, entries: list[AuditEntry]) -> None:
    with world.ctx.uow() as uow:
        for entry in entries:
            uow.audit.add(entry)


def bulk(actor: str, count: int, *, start: datetime = OCTOBER, tie: int = 1) -> list[AuditEntry]:
    """``count`` entries by ``actor``, one minute apart in groups of ``tie`` sharing a moment."""
    return [
        AuditEntry(
            id=f"{actor}-{i:05d}",
            at=start + timedelta(minutes=i // tie),
            actor_id=actor,
            action=AuditAction.VIEWED,
            what=f"bulk {i}",
            person_id="someone",
        )
        for i in range(count)
    ]


class LiveClinic:
    """The clinic's app served by uvicorn in a thread, and logged-in httpx browsers for it."""

    def __init__(self, world: Clinic) -> None:
        self.world = world
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.url = f"http://127.0.0.1:{s.getsockname()[1]}"
        port = int(self.url.rsplit(":", 1)[1])
        config = uvicorn.Config(world.app, host="127.0.0.1", port=port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.browsers: list[httpx.Client] = []

    def __enter__(self) -> LiveClinic:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "the test server did not start"
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        for web in self.browsers:
            web.close()
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def browser(self, role: str) -> httpx.Client:
        token = accounts.login(self.world.ctx, self.world.users[role].email, PASSWORD).token
        web = httpx.Client(base_url=self.url, cookies={"psoas_session": token}, timeout=30)
        answer = web.get("/api/csrf")
        web.headers["X-CSRF-Token"] = answer.json()["csrf_token"]
        # The CSRF cookie is Secure in clinic mode: browsers send it to http://127.0.0.1, httpx
        # only over https, so the test hands it back by name as it does the session cookie.
        signed = answer.headers["set-cookie"].split(";")[0].split("=", 1)[1]
        web.cookies.set("psoas_csrf", signed)
        self.browsers.append(web)
        return web
