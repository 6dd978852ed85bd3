"""The request's form for routes that run in the thread pool (plain ``def`` routes), so their
database work never blocks the event loop: the form is read on the loop and handed back."""

from __future__ import annotations

from typing import Any

from anyio import from_thread
from fastapi import Request
from starlette.datastructures import FormData


async def _form(request: Request) -> FormData:
    return await request.form()


def read_form(request: Request) -> FormData:
    return from_thread.run(_form, request)


def read_upload(upload: Any, limit: int) -> bytes:
    """Up to ``limit`` bytes of an uploaded file."""
    return from_thread.run(upload.read, limit)
