"""A clinician's downloads of one client's records: the same files a client gets from /export.

The clinician must look after the client (anyone else's id answers 404, as everywhere in the
clinic), and every download is written to the audit log.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request
from starlette.responses import Response

from psoas.domain.clinic.accounts import Role
from psoas.domain.errors import NotFound
from psoas.services.clinic import clients as clinic
from psoas.web.clinic.auth import staff
from psoas.web.deps import context_of
from psoas.web.routes import exports

router = APIRouter(include_in_schema=False)

FILES: dict[str, Callable[[Request], Response]] = {
    "plan.pdf": lambda request: exports.plan_pdf(
        request, request.query_params.get("page_size", "A4")
    ),
    "progress.pdf": lambda request: exports.progress_pdf(
        request, request.query_params.get("page_size", "A4")
    ),
    "plan.ics": exports.plan_ics,
    "fhir.json": lambda request: exports.fhir_json(request, include_name=True),
    "sessions.csv": exports.sessions_csv,
    "measurements.csv": exports.measurements_csv,
}


@router.get("/clients/{person_id}/export/{name}")
def client_export(request: Request, person_id: str, name: str) -> Response:
    user = staff(request, Role.CLINICIAN)
    make = FILES.get(name)
    if make is None:
        raise NotFound(f"No download called '{name}'; choose from {', '.join(FILES)}.")
    clinic.open_record(context_of(request), user, person_id, f"export {name}")
    request.state.person_id = person_id  # the export handlers read the person from here
    return make(request)
