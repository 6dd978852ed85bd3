"""Request bodies are capped per route before they are read into memory (HTTP 413).

A declared ``Content-Length`` over the cap is refused at once, without reading a byte; a body
sent without one (chunked) is counted as it arrives and refused as soon as it passes the cap,
so an anonymous client can no longer make the server hold a 100 MB body.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from psoas.web.edge_reply import refuse

FORM_AND_JSON_BYTES = 64 * 1024  # every form and JSON body: far above the longest note
IMPORT_BYTES = 21 * 1024 * 1024  # an export document (20 MB) and its form wrapping
PHOTO_BYTES = 21 * 1024 * 1024  # a photo to measure (20 MB) and its form wrapping
ROUTE_LIMITS: Mapping[str, int] = {
    "/settings/import": IMPORT_BYTES,
    "/api/import": IMPORT_BYTES,
    "/photo": PHOTO_BYTES,
    "/api/photo": PHOTO_BYTES,
}


def limit_for(path: str) -> int:
    return ROUTE_LIMITS.get(path, FORM_AND_JSON_BYTES)


def _words(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit // (1024 * 1024)} MB"
    return f"{limit // 1024} KB"


class BodyTooLarge(Exception):
    """Raised into the app when a streamed body passes its cap."""


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope["path"])
        declared = Headers(scope=scope).get("content-length", "")
        if declared.strip().isdigit() and int(declared) > limit:
            await self._refuse(scope, send, limit)
            return
        state = {"read": 0, "over": False, "started": False}

        async def counted_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state["read"] += len(message.get("body", b""))
                if state["read"] > limit:
                    state["over"] = True
                    raise BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            if state["over"]:
                return  # the app's own answer to the cut-off body is replaced by the 413
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except BodyTooLarge:
            pass
        except Exception:
            if not state["over"]:
                raise
        if state["over"] and not state["started"]:
            await self._refuse(scope, send, limit)

    async def _refuse(self, scope: Scope, send: Send, limit: int) -> None:
        await refuse(
            scope,
            send,
            413,
            "Too much data",
            f"This request is larger than this address accepts ({_words(limit)}). "
            "Nothing was saved.",
        )
