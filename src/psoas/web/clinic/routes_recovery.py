"""Two-factor recovery codes at the edge: shown once on the account page when two-factor is
turned on or the codes are made anew; used on the log-in code step when the phone is lost."""

from __future__ import annotations

from dataclasses import replace

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from psoas.domain.clinic.accounts import RateLimited, Role, User
from psoas.domain.errors import InvalidValue, LoginRequired
from psoas.services.clinic import accounts, recovery_codes
from psoas.web.clinic.auth import COOKIE, HOME, client_address, set_session_cookie, staff
from psoas.web.deps import context_of
from psoas.web.templating import render

router = APIRouter(tags=["clinic accounts"], include_in_schema=False)


def codes_page(request: Request, user: User) -> Response:
    """The account page showing ten fresh recovery codes (the only time they are shown)."""
    codes = recovery_codes.issue(context_of(request), user)
    found = accounts.session_user(context_of(request), request.cookies.get(COOKIE, ""))
    fresh = found[0] if found else user
    context = {"active": "account", "u": fresh, "setup": None, "codes": codes}
    return render(request, "clinic/account.html", context)


def codes_after_setup(request: Request, user: User) -> dict[str, object]:
    """Right after two-factor is turned on (``done=2fa``) and before any codes exist: make
    them and show them, once; a reload shows only how many are left."""
    if request.query_params.get("done") != "2fa" or not user.totp_secret or user.recovery_codes:
        return {}
    codes = recovery_codes.issue(context_of(request), user)
    return {"codes": codes, "u": replace(user, recovery_codes=("-",) * len(codes))}


@router.post("/account/recovery-codes")
def new_codes(request: Request) -> Response:
    return codes_page(request, staff(request, Role.ADMIN, Role.CLINICIAN))


@router.post("/login/recovery")
def login_recovery(request: Request, code: str = Form("")) -> Response:
    ctx = context_of(request)
    token = request.cookies.get(COOKIE, "")
    try:
        fresh = recovery_codes.verify(ctx, token, code[:40], address=client_address(request))
    except InvalidValue as exc:
        context = {"recovery_error": exc.problem}
        return render(request, "clinic/login_code.html", context, status_code=422)
    except LoginRequired as exc:
        context = {"active": "login", "error": exc.message, "email": "", "done": ""}
        return render(request, "clinic/login.html", context, status_code=401)
    except RateLimited as exc:
        response = render(request, "clinic/login_code.html", {"error": exc.message}, 429)
        response.headers["Retry-After"] = str(exc.retry_after)
        return response
    found = accounts.session_user(ctx, fresh)
    role = found[0].role if found else Role.CLIENT
    response = RedirectResponse(HOME[role], status_code=303)
    set_session_cookie(response, fresh, secure=bool(request.app.state.settings.secure_cookies))
    return response
