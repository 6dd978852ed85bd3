"""The ``Idempotency-Key`` header on the write endpoints a phone may queue offline (session
logs, next-morning pain, habit ticks): a repeat with the same key gets the first answer back,
marked ``Idempotent-Replayed: true``, and writes nothing new (see ``psoas.services.once``)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from fastapi import HTTPException, Request
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel
from starlette.responses import Response

from psoas.services import once
from psoas.web.deps import context_of, person_id

KEY_HEADER = "idempotency-key"
KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{8,100}")
REPLAYED = "Idempotent-Replayed"


def run_once(
    request: Request, body: BaseModel | None, compute: Callable[[], Any], status_code: int = 200
) -> Any:
    """``compute()`` once per key; without the header simply ``compute()``."""
    key = request.headers.get(KEY_HEADER)
    if key is None:
        return compute()
    if not KEY_PATTERN.fullmatch(key):
        raise HTTPException(
            400, "The Idempotency-Key header must be 8 to 100 letters, digits, '-' or '_'."
        )
    ctx = context_of(request)
    pid = person_id(request)
    sent = body.model_dump(mode="json") if body is not None else None
    found = once.claim(ctx, key, once.fingerprint(request.method, request.url.path, pid, sent), pid)
    if found.clash:
        raise HTTPException(422, "This Idempotency-Key was already used for a different change.")
    if found.busy:
        raise HTTPException(409, "This change is still being saved. Try again in a moment.")
    if found.kept is not None:
        return Response(
            found.kept.body,
            status_code=found.kept.status or 200,
            media_type="application/json",
            headers={REPLAYED: "true"},
        )
    try:
        result = compute()
    except BaseException:
        once.release(ctx, key)
        raise
    text = json.dumps(jsonable_encoder(result), separators=(",", ":"))
    once.keep(ctx, key, status_code, text)
    return Response(text, status_code=status_code, media_type="application/json")
