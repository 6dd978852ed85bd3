"""Log in (with the two-factor step), log out, log out everywhere, invites, reset links and
the account page."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from psoas.domain.clinic.accounts import MIN_PASSWORD_LENGTH, RateLimited, Role
from psoas.domain.errors import InvalidValue, LoginRequired, NotFound
from psoas.services.clinic import accounts, invites
from psoas.web.clinic import routes_recovery
from psoas.web.clinic.auth import (
    COOKIE,
    HOME,
    clear_session_cookie,
    client_address,
    current_user,
    set_session_cookie,
)
from psoas.web.deps import context_of
from psoas.web.templating import render

router = APIRouter(tags=["clinic accounts"], include_in_schema=False)


def _wait(request: Request, template: str, exc: RateLimited, **context: str) -> Response:
    """The form again with the reason, a 429 and how long to wait."""
    response = render(request, template, {"error": exc.message, **context}, status_code=429)
    response.headers["Retry-After"] = str(exc.retry_after)
    return response


def _secure(request: Request) -> bool:
    return bool(request.app.state.settings.secure_cookies)


def _signed_in(request: Request, token: str, location: str) -> Response:
    response = RedirectResponse(location, status_code=303)
    set_session_cookie(response, token, secure=_secure(request))
    return response


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, done: str = "") -> Response:
    return render(request, "clinic/login.html", {"active": "login", "done": done[:20], "email": ""})


@router.post("/login")
def login_submit(request: Request, email: str = Form(""), password: str = Form("")) -> Response:
    ctx = context_of(request)
    old = request.cookies.get(COOKIE)
    try:
        result = accounts.login(ctx, email[:320], password, old, address=client_address(request))
    except LoginRequired as exc:
        context = {"error": exc.message, "email": email[:320]}
        return render(request, "clinic/login.html", context, status_code=401)
    except RateLimited as exc:
        return _wait(request, "clinic/login.html", exc, email=email[:320])
    if result.needs_code:
        response = render(request, "clinic/login_code.html", {})
        set_session_cookie(response, result.token, secure=_secure(request))
        return response
    return _signed_in(request, result.token, HOME[result.user.role])


@router.post("/login/code")
def login_code(request: Request, code: str = Form("")) -> Response:
    ctx = context_of(request)
    token = request.cookies.get(COOKIE, "")
    try:
        fresh = accounts.verify_code(ctx, token, code[:12], address=client_address(request))
    except InvalidValue as exc:
        return render(request, "clinic/login_code.html", {"error": exc.problem}, status_code=422)
    except LoginRequired as exc:  # expired, or locked by too many wrong codes: start again
        context = {"active": "login", "error": exc.message, "email": "", "done": ""}
        return render(request, "clinic/login.html", context, status_code=401)
    except RateLimited as exc:
        return _wait(request, "clinic/login_code.html", exc)
    found = accounts.session_user(ctx, fresh)
    role = found[0].role if found else Role.CLIENT
    return _signed_in(request, fresh, HOME[role])


@router.post("/logout")
def logout(request: Request) -> Response:
    token = request.cookies.get(COOKIE)
    if token:
        accounts.logout(context_of(request), token)
    response = RedirectResponse("/login?done=out", status_code=303)
    clear_session_cookie(response, secure=_secure(request))
    return response


@router.post("/logout-everywhere")
def logout_everywhere(request: Request) -> Response:
    accounts.logout_everywhere(context_of(request), current_user(request))
    response = RedirectResponse("/login?done=everywhere", status_code=303)
    clear_session_cookie(response, secure=_secure(request))
    return response


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request) -> Response:
    user = current_user(request)
    setup = None
    if user.role is not Role.CLIENT and user.totp_secret is None:
        secret, uri = accounts.start_two_factor(context_of(request), user)
        setup = {"secret": secret, "uri": uri}
    context = {"active": "account", "u": user, "setup": setup}
    context |= routes_recovery.codes_after_setup(request, user)  # shown once, right after
    return render(request, "clinic/account.html", context)


@router.post("/account/two-factor")
def two_factor_on(request: Request, secret: str = Form(""), code: str = Form("")) -> Response:
    user = current_user(request)
    ctx = context_of(request)
    try:
        accounts.confirm_two_factor(ctx, user, secret[:64], code[:12])
    except InvalidValue as exc:
        try:
            setup = {
                "secret": secret[:64],
                "uri": ctx.two_factor.setup_uri(secret[:64], user.email),
            }
        except ValueError:  # not a usable secret: offer a new one
            fresh, uri = accounts.start_two_factor(ctx, user)
            setup = {"secret": fresh, "uri": uri}
        context = {"active": "account", "u": user, "setup": setup, "error": exc.problem}
        return render(request, "clinic/account.html", context, status_code=422)
    return RedirectResponse("/account?done=2fa", status_code=303)


def _password_page(request: Request, kind: str, token: str) -> Response:
    ctx = context_of(request)
    try:
        user = (invites.invite_for if kind == "invite" else invites.reset_for)(ctx, token[:100])
    except NotFound as exc:
        return render(request, "clinic/link_spent.html", {"message": exc.message}, 404)
    context = {"kind": kind, "token": token, "u": user, "min": MIN_PASSWORD_LENGTH}
    return render(request, "clinic/set_password.html", context)


def _password_submit(
    request: Request, kind: str, token: str, password: str, again: str, zone: str = ""
) -> Response:
    ctx = context_of(request)
    try:
        if password != again:
            raise InvalidValue("again", "the two passwords differ")
        if kind == "invite":
            invites.accept_invite(ctx, token[:100], password, timezone=zone[:64])
        else:
            invites.use_reset(ctx, token[:100], password)
    except NotFound as exc:
        return render(request, "clinic/link_spent.html", {"message": exc.message}, 404)
    except InvalidValue as exc:
        user = (invites.invite_for if kind == "invite" else invites.reset_for)(ctx, token[:100])
        context = {"kind": kind, "token": token, "u": user, "min": MIN_PASSWORD_LENGTH}
        context["error"] = exc.problem
        return render(request, "clinic/set_password.html", context, status_code=422)
    return RedirectResponse("/login?done=password", status_code=303)


@router.get("/invite/{code}", response_class=HTMLResponse)
def invite_page(request: Request, code: str) -> Response:
    return _password_page(request, "invite", code)


@router.post("/invite/{code}")
def invite_submit(
    request: Request,
    code: str,
    password: str = Form(""),
    again: str = Form(""),
    timezone: str = Form(""),
) -> Response:
    return _password_submit(request, "invite", code, password, again, timezone)


@router.get("/reset/{token}", response_class=HTMLResponse)
def reset_page(request: Request, token: str) -> Response:
    return _password_page(request, "reset", token)


@router.post("/reset/{token}")
def reset_submit(
    request: Request, token: str, password: str = Form(""), again: str = Form("")
) -> Response:
    return _password_submit(request, "reset", token, password, again)
