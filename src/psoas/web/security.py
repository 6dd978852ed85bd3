"""Security at the edge: response headers and cross-site request forgery protection.

Every answer but a static file says ``Cache-Control: no-store`` (pages and JSON carry health
data). In clinic mode the CSRF cookie is ``Secure`` like the log-in cookie.

CSRF: each browser gets a random token in a signed cookie; every form POST must echo it in the
hidden ``csrf_token`` field, and every JSON API call that changes data must send it in the
``X-CSRF-Token`` header (a cross-site page can set neither). Pages read the token from
``request.state.csrf_token``.
"""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path

from fastapi import HTTPException, Request
from itsdangerous import BadSignature, URLSafeSerializer
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "psoas_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "media-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
NO_STORE = b"no-store"  # pages and JSON carry health data: never kept by a browser or proxy
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def load_secret(data_dir: Path) -> str:
    """The key that signs cookies: kept in the data folder so it survives restarts."""
    path = data_dir / "web-secret"
    try:
        text = path.read_text(encoding="utf-8").strip()
        if len(text) >= 32:
            return text
    except OSError:
        pass
    secret = secrets.token_urlsafe(48)
    try:  # written whole under another name, then linked in only if no other process won
        data_dir.mkdir(parents=True, exist_ok=True)
        draft = data_dir / f".web-secret-{os.getpid()}-{secrets.token_hex(4)}"
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(secret)
        try:
            os.link(draft, path)
        except FileExistsError:  # several workers started at once: everyone uses the first
            secret = path.read_text(encoding="utf-8").strip()
        finally:
            draft.unlink()
    except OSError:
        pass  # an unwritable data folder still gets a working (per-process) key
    return secret


class SecurityMiddleware:
    """ASGI middleware: every request gets a CSRF token, every response the security headers.

    Plain ASGI (not BaseHTTPMiddleware) so it adds next to nothing to each request.
    """

    def __init__(self, app: ASGIApp, secret: str, secure_cookie: bool = False) -> None:
        self.app = app
        self.secure_cookie = secure_cookie
        self.signer = URLSafeSerializer(secret, salt="psoas-csrf")
        self.headers = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = self._token_from_cookie(Request(scope))
        fresh = token is None
        if token is None:
            token = secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf_token"] = token
        cookie = self._cookie(token) if fresh else None
        static = str(scope.get("path", "")).startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers:
                    if name.decode() not in headers:
                        headers.raw.append((name, value))
                if not static and "cache-control" not in headers:
                    headers.raw.append((b"cache-control", NO_STORE))
                if cookie is not None:
                    headers.append("set-cookie", cookie)
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _cookie(self, token: str) -> str:
        value = self.signer.dumps(token)
        secure = "; Secure" if self.secure_cookie else ""
        return f"{CSRF_COOKIE}={value}; HttpOnly; Path=/; SameSite=strict{secure}"

    def _token_from_cookie(self, request: Request) -> str | None:
        raw = request.cookies.get(CSRF_COOKIE)
        if not raw:
            return None
        try:
            value = self.signer.loads(raw)
        except BadSignature:
            return None
        return value if isinstance(value, str) else None


def _matches(expected: str, given: object) -> bool:
    return isinstance(given, str) and hmac.compare_digest(expected.encode(), given.encode())


async def verify_csrf(request: Request) -> None:
    """App-wide dependency: reject a data-changing request without the session's token."""
    if request.method in SAFE_METHODS:
        return
    expected = getattr(request.state, "csrf_token", "")
    cookie_present = CSRF_COOKIE in request.cookies
    header = request.headers.get(CSRF_HEADER)
    if cookie_present and _matches(expected, header):
        return
    if request.url.path.startswith("/api/"):
        raise HTTPException(
            403, "Missing or wrong X-CSRF-Token header: read the token from GET /api/csrf."
        )
    content_type = request.headers.get("content-type", "")
    if cookie_present and content_type.startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        if _matches(expected, form.get(CSRF_FIELD)):
            return
    raise HTTPException(
        403, "This form has expired or came from another site. Reload the page and try again."
    )
