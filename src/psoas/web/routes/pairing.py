"""Pairing a phone in personal mode (``psoas serve --phone``): the phone's pairing page, and
the desktop's Settings section with the code, its QR code and the paired devices.

Only this computer (the desktop) may make a code or revoke a device; the network may only
open the pairing page and send the code (see ``psoas.web.phone_gate``).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from psoas.domain.errors import InvalidValue, NotAllowed, NotFound
from psoas.services import devices
from psoas.web.deps import context_of
from psoas.web.forms import FormReader, field_errors
from psoas.web.phone_gate import DEVICE_COOKIE
from psoas.web.qr import qr_svg
from psoas.web.templating import render

router = APIRouter(tags=["phone pairing"])
COOKIE_DAYS = 400  # about the longest a browser keeps a cookie; revoking ends it sooner


def phone_on(request: Request) -> bool:
    return bool(getattr(request.app.state, "phone_addresses", []))


def personal_only(request: Request) -> None:
    """Clinic mode has accounts for phones: pairing does not exist there."""
    if context_of(request).mode == "clinic":
        raise NotFound("Phone pairing is for personal mode.")


def from_desktop(request: Request) -> bool:
    """This computer (always, when phone mode is off: then nothing else can connect)."""
    return bool(getattr(request.state, "desktop", True))


def _host(address: str) -> str:
    return f"[{address}]" if ":" in address else address


def pair_link(request: Request, code: str) -> str:
    address = request.app.state.phone_addresses[0]
    port = request.url.port
    where = _host(address) + (f":{port}" if port else "")
    return f"{request.url.scheme}://{where}/pair?code={devices.shown_code(code)}"


def phone_section(request: Request) -> dict[str, Any]:
    """What the Settings page shows about phones (only on this computer)."""
    ctx = context_of(request)
    if not from_desktop(request) or ctx.mode == "clinic":
        return {"phone": None}
    offer = devices.current_offer(ctx) if phone_on(request) else None
    section: dict[str, Any] = {
        "on": phone_on(request),
        "https": request.url.scheme == "https",
        "devices": devices.devices(ctx),
        "offer": None,
        "unpaired": request.query_params.get("unpaired") == "1",
    }
    if offer is not None:
        link = pair_link(request, offer.code)
        local = offer.expires_at.astimezone(ctx.clock.now().tzinfo)
        section["offer"] = {
            "code": devices.shown_code(offer.code),
            "link": link,
            "until": local.strftime("%H:%M"),
            "qr": qr_svg(link, "QR code of the pairing link: scan it with your phone's camera"),
        }
    return {"phone": section}


def _pair_page(request: Request, *, errors: dict | None = None, status: int = 200) -> Response:
    context = {
        "active": "",
        "enabled": phone_on(request),
        "desktop": from_desktop(request),
        "plain_http": request.url.scheme != "https",
        "code": request.query_params.get("code", "")[:20],
        "errors": errors or {},
    }
    return render(request, "pair.html", context, status_code=status)


@router.get("/pair", response_class=HTMLResponse, include_in_schema=False)
def pair_page(request: Request) -> Response:
    personal_only(request)
    return _pair_page(request)


@router.post("/pair", include_in_schema=False)
async def pair_device(request: Request) -> Response:
    personal_only(request)
    if not phone_on(request) or from_desktop(request):
        raise NotAllowed("Pairing is for a phone reaching psoas over the home network.")
    form = FormReader(await request.form())
    code = form.text("code", max_length=20)
    name = form.text("device_name", max_length=200)
    address = request.client.host if request.client else ""
    try:
        form.raise_if_errors()
        _, token = devices.pair(context_of(request), code, name, address)
    except InvalidValue as exc:
        return _pair_page(request, errors=field_errors(exc), status=422)
    response = RedirectResponse("/?paired=1", status_code=303)
    response.set_cookie(
        DEVICE_COOKIE,
        token,
        max_age=COOKIE_DAYS * 86400,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response


def _desktop_only(request: Request) -> None:
    personal_only(request)
    if not from_desktop(request):
        raise NotAllowed("Only the computer running psoas can change paired devices.")


@router.post("/settings/phone/code", include_in_schema=False)
def new_code(request: Request) -> Response:
    _desktop_only(request)
    if not phone_on(request):
        raise NotAllowed("Phone pairing is off.")
    devices.new_offer(context_of(request))
    return RedirectResponse("/settings#phone-title", status_code=303)


@router.post("/settings/phone/revoke", include_in_schema=False)
async def revoke_device(request: Request) -> Response:
    _desktop_only(request)
    form = FormReader(await request.form())
    device_id = form.text("device_id", max_length=64)
    devices.revoke(context_of(request), device_id)
    return RedirectResponse("/settings?unpaired=1#phone-title", status_code=303)
