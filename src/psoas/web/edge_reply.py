"""A small refusal sent straight from an ASGI middleware, before any route runs: JSON under
/api, a short plain page elsewhere (the templates need request state that is not set up yet)."""

from __future__ import annotations

import html
import json

from starlette.types import Scope, Send

PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    '<title>{title} - psoas</title><link rel="stylesheet" href="/static/app.css"></head>'
    '<body><main id="main"><h1>{title}</h1><p class="notice" role="alert">{message}</p>'
    "{back}</main></body></html>"
)
BACK = '<p><a class="button" href="/">Back to today</a></p>'


async def refuse(scope: Scope, send: Send, status: int, title: str, message: str) -> None:
    """Answer ``status`` with ``message``; nothing of the request is read or acted on."""
    if str(scope.get("path", "")).startswith("/api/"):
        body = json.dumps({"status": status, "message": message, "problems": []}).encode()
        kind = b"application/json"
    else:
        back = BACK if status != 421 else ""  # a wrong address has no "today" to go back to
        text = PAGE.format(title=html.escape(title), message=html.escape(message), back=back)
        body = text.encode()
        kind = b"text/html; charset=utf-8"
    headers = [
        (b"content-type", kind),
        (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
