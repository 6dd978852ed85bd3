"""Security at the edge: response headers and cross-site request forgery protection.

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
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response

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
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(secret)
    except OSError:
        pass  # an unwritable data folder still gets a working (per-process) key
    return secret


class SecurityMiddleware(BaseHTTPMiddleware):
    """Give every request a CSRF token and every response the security headers."""

    def __init__(self, app, secret: str) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.signer = URLSafeSerializer(secret, salt="psoas-csrf")

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        token = self._token_from_cookie(request)
        fresh = token is None
        if token is None:
            token = secrets.token_urlsafe(32)
        request.state.csrf_token = token
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if fresh:
            response.set_cookie(
                CSRF_COOKIE, self.signer.dumps(token), httponly=True, samesite="strict", path="/"
            )
        return response

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
