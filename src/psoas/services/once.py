"""Writes sent with an Idempotency-Key happen once: a repeat gets the first answer back.

A phone queues records made offline and sends them when the network returns; when an answer
is lost on the way back it sends the same record again with the same key. The first request
claims the key (a row inserted before the write, so two copies arriving together cannot both
write); its answer is kept with the key for ``KEEP_DAYS``. A claim whose request died before
answering is taken over after ``STALE_SECONDS``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from psoas.domain.records.devices import KeptReply
from psoas.services.context import Context

KEEP_DAYS = 7
STALE_SECONDS = 120


@dataclass(frozen=True)
class Claim:
    """What claiming a key found: ``mine`` (go ahead and write), a kept answer, a different
    request under the same key (``clash``) or the first copy still at work (``busy``)."""

    mine: bool = False
    kept: KeptReply | None = None
    clash: bool = False
    busy: bool = False


def fingerprint(*parts: Any) -> str:
    """A hash of what a request asks for (method, path, person, body)."""
    text = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def claim(ctx: Context, key: str, print_: str, person_id: str | None) -> Claim:
    now = ctx.clock.now()
    with ctx.uow() as uow:
        uow.kept_replies.prune(now - timedelta(days=KEEP_DAYS))
        found = uow.kept_replies.claim(KeptReply(key, print_, now, person_id=person_id))
        if found is None:
            return Claim(mine=True)
        if found.fingerprint != print_:
            return Claim(clash=True)
        if found.status is not None:
            return Claim(kept=found)
        if (now - found.created_at).total_seconds() > STALE_SECONDS:
            uow.kept_replies.retake(key, now)
            return Claim(mine=True)
        return Claim(busy=True)


def keep(ctx: Context, key: str, status: int, body: str) -> None:
    with ctx.uow() as uow:
        uow.kept_replies.finish(key, status, body)


def release(ctx: Context, key: str) -> None:
    """The write failed (and wrote nothing): the key is free for the next attempt."""
    with ctx.uow() as uow:
        uow.kept_replies.release(key)
