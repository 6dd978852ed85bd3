"""Clinic mode: a client reading or changing their own records through the personal pages and
API leaves an audit entry, written here in one place rather than in each route.

Which requests count: the route asked for the client's own person (``deps.person_id`` keeps
it in ``request.state.person_id``; in clinic mode that is the only way a personal route finds
whose records to use), the logged-in account is a client, and the path is not an account or
plumbing route. A successful request (status below 400) is VIEWED for a GET and CHANGED for
any other method; HEAD and OPTIONS show no records and are skipped.

A refused or failed request (400 and above) is never CHANGED: nothing was saved (the route's
one transaction rolled back). Most show only an error message and write nothing; the one
exception is a form refused with 422, whose page comes back with the person's records on it
(the log page lists recent sessions, say), so it counts as VIEWED "(form refused)".
The entry's detail is the concrete path (ids filled in).

The entry is written when the response starts, before any of it leaves, under the app's
write lock (see ``_write``): if the audit log cannot be written, a page of records is not
shown (503); a change has already been saved by then, so it still answers normally and the
failure is logged. Personal mode never installs this middleware and never writes audit
entries, so its SQLite file stays still while pages are read and cached views stay valid.
"""

from __future__ import annotations

import logging
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from psoas.domain.clinic.accounts import AuditAction, Role
from psoas.domain.errors import PsoasError
from psoas.services.clinic.audit import record_own_access
from psoas.web.cache import LOCK_HELD, WriteLock
from psoas.web.errors import error_response

log = logging.getLogger("psoas.web")

SKIPPED_METHODS = frozenset({"HEAD", "OPTIONS", "TRACE"})
NOT_RECORDS = frozenset(
    {
        "/api/health",
        "/api/csrf",
        "/favicon.ico",
        "/login",
        "/login/code",
        "/logout",
        "/logout-everywhere",
    }
)
NOT_RECORDS_PREFIXES = ("/static/", "/account", "/invite/", "/reset/")
UNAVAILABLE = "Your records cannot be shown right now because access to them cannot be recorded."


def access_label(method: str, template: str, content_type: str) -> str:
    """A short readable name for the access: ``page /progress``, ``GET /api/logs``,
    ``download /export/plan.pdf``, ``POST /log/session``."""
    if method != "GET":
        return f"{method} {template}"
    if template.startswith("/api/"):
        return f"GET {template}"
    return f"page {template}" if content_type.startswith("text/html") else f"download {template}"


def own_access(scope: Scope, status: int, content_type: str) -> tuple[AuditAction, str] | None:
    """The entry a finished request earns (action and what), or None if it earns none."""
    method, path = scope["method"], scope["path"]
    if method in SKIPPED_METHODS or path in NOT_RECORDS or path.startswith(NOT_RECORDS_PREFIXES):
        return None
    state = scope.get("state") or {}
    user = state.get("user")
    if user is None or user.role is not Role.CLIENT or user.person_id is None:
        return None
    if state.get("person_id") != user.person_id:  # the route never opened their records
        return None
    template = getattr(scope.get("route"), "path", None) or path
    html = content_type.startswith("text/html")
    if status < 400:
        action = AuditAction.VIEWED if method == "GET" else AuditAction.CHANGED
        return action, access_label(method, template, content_type)
    if status == 422 and method != "GET" and html:  # the form's page shown again, unsaved
        return AuditAction.VIEWED, f"page {template} (form refused)"
    return None


class OwnAccessAudit:
    """ASGI middleware; ``context`` is the app's services Context."""

    def __init__(self, app: ASGIApp, context: Any, write_lock: WriteLock) -> None:
        self.app = app
        self.context = context
        self.write_lock = write_lock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SKIPPED_METHODS:
            await self.app(scope, receive, send)
            return
        scope.setdefault("state", {})  # shared with the routes' request.state
        replaced = False

        async def send_after_audit(message: Message) -> None:
            nonlocal replaced
            if replaced:  # the route's response was swapped for a refusal: drop the rest
                return
            if message["type"] == "http.response.start":
                refusal = await self._audit(scope, message)
                if refusal is not None:
                    replaced = True
                    await refusal(scope, receive, send)
                    return
            await send(message)

        await self.app(scope, receive, send_after_audit)

    async def _audit(self, scope: Scope, start: Message) -> Any:
        """Write the entry; a response to send instead when a view could not be recorded."""
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in start["headers"]}
        found = own_access(scope, start["status"], headers.get("content-type", ""))
        if found is None:
            return None
        action, what = found
        user = scope["state"]["user"]
        try:
            await self._write(scope, user, action, what)
        except PsoasError as exc:
            log.error("could not record %s for %s: %s", what, user.id, exc)
            if action is AuditAction.CHANGED:
                return None
            return error_response(Request(scope), 503, UNAVAILABLE)
        return None

    async def _write(self, scope: Scope, user: Any, action: AuditAction, what: str) -> None:
        """The insert runs under the app's write lock, so it never lands inside another
        request's transaction (on SQLite that would fail the other request's write). When the
        WriteGate already holds the lock for this request, it must not be asked for twice."""
        args = (record_own_access, self.context, user, action, what, scope["path"][:200])
        if scope.get(LOCK_HELD):
            await run_in_threadpool(*args)
            return
        async with self.write_lock():
            await run_in_threadpool(*args)
