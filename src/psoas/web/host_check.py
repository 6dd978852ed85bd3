"""Which addresses the app answers to, and where data-changing requests may come from.

DNS rebinding: a web page whose domain is made to point at 127.0.0.1 can send requests to the
personal server, and the browser treats the answers as that page's own. Such requests carry the
attacker's domain in the ``Host`` header, so the app answers only the host names it is meant to
be reached by (HTTP 421 otherwise, before any route runs):

- personal mode: the loopback names 127.0.0.1, localhost and [::1], with any port;
- clinic mode: those, plus the names in ``PSOAS_ALLOWED_HOSTS`` (comma-separated, see
  docs/clinic.md).

Writes (POST, PUT, PATCH, DELETE) also check the browser's ``Origin`` and ``Sec-Fetch-Site``
headers when it sends them: another origin (including another port on the same machine) is
refused with 403. ``Origin: null`` says nothing (browsers send it for our own form posts,
because the pages set ``Referrer-Policy: no-referrer``), so ``Sec-Fetch-Site`` decides then.
Tools that send neither (curl, scripts) still need the CSRF token.

``allowed_hosts`` is the one place to widen the check: phone mode (``psoas serve --phone``)
adds the network addresses it listens on there.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from psoas.web.edge_reply import refuse

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
SAME_ORIGIN_FETCHES = frozenset({"same-origin", "none"})


def host_name(host: str) -> str:
    """The name part of a Host header value, lower-cased: 'Example.org:8000' -> 'example.org',
    '[::1]:8000' -> '::1'. An empty string when the value is not a host."""
    host = host.strip().lower()
    if host.startswith("["):
        end = host.find("]")
        rest = host[end + 1 :]
        if end < 0 or (rest and not (rest.startswith(":") and rest[1:].isdigit())):
            return ""
        return host[1:end]
    name, _, port = host.partition(":")
    if port and not port.isdigit():
        return ""
    return name.rstrip(".")


def allowed_hosts(
    mode: str, configured: Iterable[str] = (), phone: Iterable[str] = ()
) -> frozenset[str]:
    """The host names the app answers to: loopback always; clinic mode adds ``configured``;
    personal mode started for phones adds the network addresses it listens on (``phone``)."""
    names = set(LOOPBACK_HOSTS)
    if mode == "clinic":
        names.update(host_name(entry) for entry in configured if host_name(entry))
    else:
        names.update(address.strip("[]").lower() for address in phone if address)
    return frozenset(names)


class HostCheckMiddleware:
    """Refuse requests to a host name outside ``allowed`` (421) and cross-origin writes (403)."""

    def __init__(self, app: ASGIApp, allowed: frozenset[str]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if host_name(headers.get("host", "")) not in self.allowed:
            await refuse(
                scope,
                send,
                421,
                "Wrong address",
                "psoas does not answer to this address. Open it at the address it was started "
                "with (for your own copy: http://127.0.0.1 with its port).",
            )
            return
        if scope["method"] not in SAFE_METHODS and self._cross_origin(headers):
            await refuse(
                scope,
                send,
                403,
                "Refused",
                "This change came from another site and was refused. Nothing was saved.",
            )
            return
        await self.app(scope, receive, send)

    def _cross_origin(self, headers: Headers) -> bool:
        """True when the browser says the request comes from another origin."""
        fetch_site = headers.get("sec-fetch-site")
        if fetch_site is not None and fetch_site.lower() not in SAME_ORIGIN_FETCHES:
            return True
        origin = headers.get("origin")
        if origin is None or origin == "null":
            return False  # "null": our own no-referrer forms send it too; the CSRF token decides
        netloc = urlsplit(origin).netloc.lower()
        return netloc != headers.get("host", "").strip().lower()
