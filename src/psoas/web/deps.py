"""Request-scoped access to the service context and the current person."""

from __future__ import annotations

from typing import Any

from fastapi import Request


def context_of(request: Request) -> Any:
    """The services' Context (unit of work, clock, catalogue, mode) built at start-up."""
    return request.app.state.context
