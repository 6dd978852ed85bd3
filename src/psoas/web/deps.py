"""Request-scoped access to the service context and the current person."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from psoas.domain.clinic.accounts import Role, User
from psoas.domain.errors import LoginRequired, NotAllowed
from psoas.services.people import current_person
from psoas.services.zoned_clock import person_context


def context_of(request: Request) -> Any:
    """The services' Context (unit of work, clock, catalogue, mode) built at start-up.

    In clinic mode a logged-in client's requests get it with a clock in the client's own time
    zone, so Today, the plan, progress, the player and the log use the client's date; staff
    keep the server's clock. Personal mode's clock already follows the person's zone.
    """
    ctx = request.app.state.context
    if ctx.mode != "clinic":
        return ctx
    known = getattr(request.state, "zoned_context", None)
    if known is not None:
        return known
    user = getattr(request.state, "user", None)
    if user is None or user.role is not Role.CLIENT or user.person_id is None:
        return ctx
    zoned = person_context(ctx, user.person_id)
    request.state.zoned_context = zoned
    return zoned


def person_id(request: Request) -> str:
    """Personal mode's one person (created on first use); in clinic mode the logged-in
    client's own person (never an id from the URL)."""
    known = getattr(request.state, "person_id", None)
    if known is not None:
        return known
    ctx = context_of(request)
    if ctx.mode == "clinic":
        found = own_person_id(request)
        request.state.person_id = found
        return found
    if request.method not in ("GET", "HEAD"):  # a write (an import) may change who that is
        return current_person(ctx).id
    # Reading pages ask several times per request; the view cache keeps the answer until the
    # next write through the app (which clears it) or its time-to-live.
    found = request.app.state.view_cache.get(("person",), lambda: current_person(ctx).id)
    request.state.person_id = found
    return found


def cached(request: Request, name: str, compute: Any) -> Any:
    """``compute()`` through the app's view cache, keyed by view, person and today's date."""
    ctx = context_of(request)
    key = (name, person_id(request), ctx.clock.today())
    return request.app.state.view_cache.get(key, compute)


def personal_mode_only(request: Request, what: str) -> None:
    """Refuse in clinic mode: imports could name other people's ids, and the clinic keeps
    its clients' records (a clinician or admin handles deletion)."""
    if context_of(request).mode == "clinic":
        raise NotAllowed(f"{what} is not available in clinic mode; ask your clinic.")


def current_user(request: Request) -> User:
    """Clinic mode: the account logged in on this request (set by the app-wide check)."""
    user = getattr(request.state, "user", None)
    if user is None:
        raise LoginRequired("Please log in first.")
    return user


def own_person_id(request: Request) -> str:
    """The person a client's personal pages show: always their own."""
    user = current_user(request)
    if user.role is not Role.CLIENT or user.person_id is None:
        raise NotAllowed(
            "These pages belong to a client's own account; open a client from the client list."
        )
    return user.person_id
