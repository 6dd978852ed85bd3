"""Clinic mode's log-in at the edge: the session cookie, the app-wide account check, and who
the personal pages are about (a client's own person, never an id from the URL: that lives in
``web.deps``, which the personal pages use, and is re-exported here)."""

from __future__ import annotations

import logging
from datetime import timedelta

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.responses import Response

from psoas.domain.clinic.accounts import SESSION_LIFETIME, RateLimited, Role, User
from psoas.domain.errors import LoginRequired, NotAllowed, NotFound, PsoasError
from psoas.services.caseload_alerts import nav_counts
from psoas.services.clinic import settings as clinic_settings
from psoas.services.clinic.account_rules import record_refusal
from psoas.services.clinic.accounts import session_user
from psoas.web.deps import context_of, current_user
from psoas.web.deps import own_person_id as own_person_id  # re-exported for clinic routes
from psoas.web.errors import error_response, wants_json

log = logging.getLogger("psoas.web")
CLIENT_RECORD_PREFIXES = ("/clients/", "/api/clients/")  # a 404 there may be someone else's
COOKIE = "psoas_session"
PUBLIC_PATHS = frozenset(
    {
        "/login",
        "/login/code",
        "/login/recovery",
        "/request",
        "/api/request",
        "/api/csrf",
        "/api/health",
        "/openapi.json",
        "/manifest.webmanifest",  # browsers fetch it without cookies
        "/sw.js",
        "/offline",
    }
)
PUBLIC_PREFIXES = ("/invite/", "/reset/", "/static/")
TWO_FACTOR_SETUP_PATHS = frozenset(
    {"/account", "/account/two-factor", "/logout", "/logout-everywhere"}
)
HOME = {Role.ADMIN: "/admin/users", Role.CLINICIAN: "/clients", Role.CLIENT: "/"}
VISITOR_NAV = (("login", "/login", "Log in"), ("request", "/request", "Request treatment"))
STAFF_NAV = {
    Role.ADMIN: (
        ("users", "/admin/users", "Accounts"),
        ("audit", "/admin/audit", "Audit log"),
        ("clinic", "/admin/settings", "Clinic settings"),
        ("requests", "/requests", "Requests"),
        ("account", "/account", "My account"),
    ),
    Role.CLINICIAN: (
        ("clients", "/clients", "Clients"),
        ("requests", "/requests", "Requests"),
        ("library", "/exercises", "Exercises"),
        ("account", "/account", "My account"),
    ),
}


class GoTo(Exception):
    """Send the browser elsewhere (a clinician opening the client home page, say)."""

    def __init__(self, location: str) -> None:
        super().__init__(location)
        self.location = location


def client_address(request: Request) -> str:
    """Where a request came from (behind a proxy, uvicorn's trusted X-Forwarded-For)."""
    return request.client.host if request.client else "unknown"


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


def require_account(request: Request) -> None:
    """App-wide dependency in clinic mode: every non-public route needs a verified session,
    and staff must have two-factor on when the clinic's settings ask for it."""
    ctx = context_of(request)
    request.state.clinic = clinic_settings.current(ctx)
    idle = timedelta(minutes=request.app.state.settings.idle_minutes)
    found = session_user(ctx, request.cookies.get(COOKIE), idle=idle)
    if found is not None and found[1].verified:
        user = found[0]
        request.state.user = user
        request.state.nav = client_nav() if user.role is Role.CLIENT else STAFF_NAV[user.role]
        request.state.counts = nav_counts(ctx, user)
        if clinic_settings.needs_two_factor_setup(request.state.clinic, user):
            _send_to_two_factor_setup(request)
        if request.url.path == "/" and user.role is not Role.CLIENT:
            raise GoTo(HOME[user.role])
        return
    if not is_public(request.url.path):
        raise LoginRequired("Please log in first.")
    request.state.nav = VISITOR_NAV


def _send_to_two_factor_setup(request: Request) -> None:
    if request.url.path in TWO_FACTOR_SETUP_PATHS or is_public(request.url.path):
        return
    if wants_json(request):
        raise NotAllowed(
            "Your clinic requires two-factor log-in: turn it on under My account first."
        )
    raise GoTo("/account?required=2fa")


def client_nav() -> tuple[tuple[str, str, str], ...]:
    from psoas.web.templating import NAV

    return (*NAV[:-1], ("messages", "/messages", "Messages"), ("account", "/account", "Account"))


def staff(request: Request, *roles: Role) -> User:
    user = current_user(request)
    if user.role not in roles:
        raise NotAllowed("This page is not part of your account's role.")
    return user


def set_session_cookie(response: Response, token: str, *, secure: bool) -> None:
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        secure=secure,
        samesite="lax",
        path="/",
    )


def clear_session_cookie(response: Response, *, secure: bool) -> None:
    response.delete_cookie(COOKIE, path="/", httponly=True, secure=secure, samesite="lax")


def audit_refusal(request: Request, status: int) -> None:
    """Write a refused request to the audit log: who (if logged in), what, the hashed address.
    A failure to write it never hides the refusal itself."""
    user = getattr(request.state, "user", None)
    what = f"refused ({status}): {request.method} {request.url.path}"[:200]
    try:
        record_refusal(context_of(request), user, what, client_address(request))
    except PsoasError:
        log.exception("could not audit a refused request")


def install_auth_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def _login_required(request: Request, exc: LoginRequired) -> Response:
        if wants_json(request):
            return JSONResponse({"status": 401, "message": exc.message, "problems": []}, 401)
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(NotAllowed)
    async def _not_allowed(request: Request, exc: NotAllowed) -> Response:
        audit_refusal(request, 403)
        return error_response(request, 403, exc.message)

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> Response:
        if request.url.path.startswith(CLIENT_RECORD_PREFIXES):
            audit_refusal(request, 404)  # perhaps another clinician's client
        return error_response(request, 404, exc.message)

    @app.exception_handler(RateLimited)
    async def _rate_limited(request: Request, exc: RateLimited) -> Response:
        audit_refusal(request, 429)
        response = error_response(request, 429, exc.message)
        response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.exception_handler(GoTo)
    async def _go_to(request: Request, exc: GoTo) -> Response:
        return RedirectResponse(exc.location, status_code=303)
