"""Request-scoped access to the service context and the current person."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from psoas.services.people import current_person


def context_of(request: Request) -> Any:
    """The services' Context (unit of work, clock, catalogue, mode) built at start-up."""
    return request.app.state.context


def person_id(request: Request) -> str:
    """Personal mode's one person (created on first use); in clinic mode the logged-in
    client's own person (never an id from the URL)."""
    ctx = context_of(request)
    if ctx.mode == "clinic":
        from psoas.web.clinic.auth import own_person_id

        return own_person_id(request)
    return current_person(ctx).id


def cached(request: Request, name: str, compute: Any) -> Any:
    """``compute()`` through the app's view cache, keyed by view, person and today's date."""
    ctx = context_of(request)
    key = (name, person_id(request), ctx.clock.today())
    return request.app.state.view_cache.get(key, compute)


def personal_mode_only(request: Request, what: str) -> None:
    """Refuse in clinic mode: imports could name other people's ids, and the clinic keeps
    its clients' records (a clinician or admin handles deletion)."""
    if context_of(request).mode == "clinic":
        from psoas.domain.errors import NotAllowed

        raise NotAllowed(f"{what} is not available in clinic mode; ask your clinic.")
