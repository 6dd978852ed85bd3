"""Turn every error into a page or JSON with a status and a plain message; never a traceback."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from psoas.domain.errors import (
    InvalidInput,
    InvalidValue,
    NotFound,
    PsoasError,
    ReferralRequired,
    StorageError,
)
from psoas.web.templating import render

log = logging.getLogger("psoas.web")


def status_for(exc: PsoasError) -> int:
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, InvalidInput | InvalidValue):
        return 422
    if isinstance(exc, ReferralRequired):
        return 409
    if isinstance(exc, StorageError):
        return 503
    return 400


def problems_of(exc: PsoasError) -> list[dict[str, str]]:
    """The field-level problems in an error, for forms and JSON."""
    if isinstance(exc, InvalidInput):
        return [{"field": p.field, "problem": p.problem} for p in exc.problems]
    if isinstance(exc, InvalidValue):
        return [{"field": exc.field, "problem": exc.problem}]
    return []


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def error_response(
    request: Request, status: int, message: str, problems: list | None = None
) -> Response:
    if wants_json(request):
        body = {"status": status, "message": message, "problems": problems or []}
        return JSONResponse(body, status_code=status)
    context = {"status": status, "message": message, "problems": problems or []}
    return render(request, "error.html", context, status_code=status)


def _validation_problems(exc: RequestValidationError) -> list[dict[str, str]]:
    problems = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "form")]
        problems.append(
            {"field": ".".join(loc) or "request", "problem": str(err.get("msg", "invalid"))}
        )
    return problems


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(PsoasError)
    async def _psoas_error(request: Request, exc: PsoasError) -> Response:
        return error_response(request, status_for(exc), exc.message, problems_of(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        problems = _validation_problems(exc)
        message = "; ".join(f"{p['field']}: {p['problem']}" for p in problems) or "Invalid request."
        return error_response(request, 422, message, problems)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404 and exc.detail == "Not Found":
            message = "There is no page at this address."
        else:
            message = str(exc.detail)
        response = error_response(request, exc.status_code, message)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "Something went wrong on our side. Nothing was saved.")
