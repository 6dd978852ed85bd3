"""Small API endpoints: the CSRF token for scripts, and a health check."""

from __future__ import annotations

from fastapi import APIRouter, Request

from psoas.web.schemas import CsrfToken

router = APIRouter(tags=["meta"])


@router.get("/api/csrf", response_model=CsrfToken)
def csrf_token(request: Request) -> CsrfToken:
    """The token to send as X-CSRF-Token with every request that changes data."""
    return CsrfToken(csrf_token=request.state.csrf_token)


@router.get("/api/health")
def health() -> dict[str, str]:
    return {"status": "ok"}
