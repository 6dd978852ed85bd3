"""A small refusal sent straight from an ASGI middleware, before any route runs: JSON under
/api, a short page elsewhere (the templates need request state that is not set up yet).

The page carries its own small stylesheet instead of linking ``/static/app.css``: a refused
address (HTTP 421) refuses the stylesheet too, so a linked one would leave plain text. The
style follows the app's colours, light and dark, and the page's own Content-Security-Policy
allows that one stylesheet by its hash and nothing else (no script, no image, no frame).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json

from starlette.types import Scope, Send

STYLE = (
    ":root{color-scheme:light dark;--bg:#f7f8f6;--surface:#fff;--text:#1b1f1d;--muted:#4a524e;"
    "--accent:#1b6b58;--accent-text:#fff;--border:#c9d1cc}"
    "@media (prefers-color-scheme:dark){:root{--bg:#121614;--surface:#1c2220;--text:#e9eeeb;"
    "--muted:#b4bfb9;--accent:#5fd3b2;--accent-text:#06201a;--border:#3a4541}}"
    "*{box-sizing:border-box}"
    "body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;"
    "padding:1rem;background:var(--bg);color:var(--text);line-height:1.5;"
    "font:1.0625rem/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif}"
    "main{max-width:32rem;width:100%;background:var(--surface);border:1px solid var(--border);"
    "border-top:6px solid var(--accent);border-radius:0.6rem;padding:1.5rem 1.5rem 1.25rem}"
    ".brand{margin:0 0 0.75rem;color:var(--accent);font-weight:700;letter-spacing:0.02em}"
    "h1{margin:0 0 0.5rem;font-size:1.5rem;line-height:1.25}"
    "p{margin:0 0 1rem}.hint{color:var(--muted);font-size:0.95rem}"
    ".button{display:inline-block;padding:0.65rem 1.1rem;border-radius:0.6rem;"
    "background:var(--accent);color:var(--accent-text);font-weight:600;text-decoration:none}"
    ".button:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}"
)
STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
POLICY = (
    f"default-src 'none'; style-src 'sha256-{STYLE_HASH}'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)
PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>{title} - psoas</title><style>{style}</style></head>"
    '<body><main id="main"><p class="brand">psoas</p><h1>{title}</h1>'
    '<p role="alert">{message}</p>{hint}{back}</main></body></html>'
)
BACK = '<p><a class="button" href="/">Back to today</a></p>'
HINTS = {
    421: "Nothing was shown or changed. If you typed the address yourself, check it; if a link "
    "brought you here, close this tab."
}


def page_html(status: int, title: str, message: str) -> str:
    """The refusal page: the title, the message, a calm hint, and a way back where one exists."""
    hint = HINTS.get(status)
    return PAGE.format(
        title=html.escape(title),
        style=STYLE,
        message=html.escape(message),
        hint=f'<p class="hint">{html.escape(hint)}</p>' if hint else "",
        back=BACK if status != 421 else "",  # a wrong address has no "today" to go back to
    )


async def refuse(scope: Scope, send: Send, status: int, title: str, message: str) -> None:
    """Answer ``status`` with ``message``; nothing of the request is read or acted on."""
    headers = [(b"cache-control", b"no-store"), (b"connection", b"close")]
    if str(scope.get("path", "")).startswith("/api/"):
        body = json.dumps({"status": status, "message": message, "problems": []}).encode()
        kind = b"application/json"
    else:
        body = page_html(status, title, message).encode()
        kind = b"text/html; charset=utf-8"
        headers += [
            (b"content-security-policy", POLICY.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
        ]
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode()), *headers]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
