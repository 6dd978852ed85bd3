"""Phone mode (``psoas serve --phone``): the server also listens on a network address, and
everything that arrives from the network needs a paired device.

Who is asking is decided by the **peer address** of the connection, never by a header: only
127.0.0.1 and ::1 are this computer (the desktop). Any other peer (a phone on the home
network; in the tests, a second loopback address such as 127.0.0.2) is "the network": it may
open the pairing page and the static files (styles, icons), and nothing else unless it sends
the cookie of a paired, unrevoked device. Everything else gets a 403 that names no data.
"""

from __future__ import annotations

from http.cookies import SimpleCookie

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from psoas.services import devices
from psoas.web.edge_reply import refuse

DESKTOP_PEERS = frozenset({"127.0.0.1", "::1"})
DEVICE_COOKIE = "psoas_device"
OPEN_PATHS = frozenset({"/pair"})
OPEN_PREFIXES = ("/static/",)


def is_desktop(scope: Scope) -> bool:
    client = scope.get("client")
    return bool(client) and client[0] in DESKTOP_PEERS


def device_cookie(scope: Scope) -> str | None:
    raw = Headers(scope=scope).get("cookie", "")
    try:
        found = SimpleCookie(raw).get(DEVICE_COOKIE)
    except Exception:  # a malformed Cookie header is simply no device
        return None
    return found.value if found is not None else None


class PhoneGateMiddleware:
    """Let the desktop through; from the network, only pairing and paired devices."""

    def __init__(self, app: ASGIApp, context: object) -> None:
        self.app = app
        self.context = context

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        state["phone_mode"] = True
        if is_desktop(scope):
            state["desktop"] = True
            await self.app(scope, receive, send)
            return
        state["desktop"] = False
        state["plain_http"] = scope.get("scheme") != "https"
        path = str(scope.get("path", ""))
        device = await run_in_threadpool(devices.device_for, self.context, device_cookie(scope))
        state["device"] = device
        if device is None and path not in OPEN_PATHS and not path.startswith(OPEN_PREFIXES):
            await refuse(
                scope,
                send,
                403,
                "Not paired",
                "This device is not paired with this psoas. Open the pairing page shown on "
                "the computer running psoas, or scan its QR code.",
            )
            return
        await self.app(scope, receive, send)
