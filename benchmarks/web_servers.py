"""The two servers the web benchmark starts, each in its own process with the same uvicorn
settings: the real psoas app and a bare FastAPI endpoint (the anchor). Both are wrapped in
``CpuProbe``, which records the server's own CPU time per request."""

from __future__ import annotations

import json
import os
import time
from typing import Any

PROBE_PATH = "/__bench/cpu"
UVICORN = {"host": "127.0.0.1", "log_level": "warning", "access_log": False}


class CpuProbe:
    """ASGI wrapper: CPU seconds of the whole server process (time.process_time, user + system,
    all threads) from a request's arrival to its last byte, as (method, path, seconds).
    ``GET /__bench/cpu`` answers the samples so far as JSON and forgets them. With one client
    sending one request at a time, each figure is that request's own cost."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.samples: list[tuple[str, str, float]] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] == PROBE_PATH:
            body = json.dumps(self.samples).encode()
            self.samples = []
            headers = [(b"content-type", b"application/json")]
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        began = time.process_time()
        try:
            await self.app(scope, receive, send)
        finally:
            self.samples.append((scope["method"], scope["path"], time.process_time() - began))


def serve_psoas(data_dir: str, port: int) -> None:
    import uvicorn

    from psoas.web.app import create_app

    os.environ["PSOAS_DATA_DIR"] = data_dir
    uvicorn.run(CpuProbe(create_app()), port=port, **UVICORN)  # type: ignore[arg-type]


def serve_bare(port: int) -> None:
    import uvicorn
    from fastapi import FastAPI

    bare = FastAPI()

    @bare.get("/bare")
    def hello() -> dict[str, str]:
        return {"status": "ok"}

    uvicorn.run(CpuProbe(bare), port=port, **UVICORN)  # type: ignore[arg-type]
