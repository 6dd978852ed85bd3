"""Downloads: the plan handout and progress report (PDF), the plan and break calendars
(iCalendar), the FHIR R4 Bundle and the CSV tables. The bytes come from ``psoas.export.files``,
the same functions the CLI's ``psoas export`` uses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from psoas.services import exports
from psoas.web.deps import context_of, person_id

if TYPE_CHECKING:
    from psoas.export import files
else:

    class _FilesOnFirstUse:
        """``psoas.export.files``, imported at the first download: its PDF, FHIR and calendar
        libraries cost about half a second of the server's start-up, before its first answer."""

        def __getattr__(self, name: str) -> Any:
            from psoas.export import files as module

            return getattr(module, name)

    files = _FilesOnFirstUse()

# file downloads, not JSON: kept out of the OpenAPI schema, which documents the /api routes
router = APIRouter(prefix="/export", tags=["export"], include_in_schema=False)


def _download(made: files.ExportFile) -> Response:
    return Response(
        made.content,
        media_type=made.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{made.filename}"',
            "Cache-Control": "no-store",  # health records: never kept by a shared cache
        },
    )


def _ctx_and_person(request: Request) -> tuple[Any, str]:
    return context_of(request), person_id(request)


def _clinic_name(request: Request) -> str | None:
    """In clinic mode the handouts carry the clinic's name from its settings."""
    settings = getattr(request.state, "clinic", None)
    return settings.name if settings is not None and settings.name else None


@router.get("/plan.pdf")
def plan_pdf(request: Request, page_size: str = "A4") -> Response:
    ctx, pid = _ctx_and_person(request)
    data = exports.plan_export(ctx, pid)
    made = files.plan_pdf(
        data.person,
        data.plan,
        data.exercises,
        page_size=page_size,
        clinic_name=_clinic_name(request),
    )
    return _download(made)


@router.get("/progress.pdf")
def progress_pdf(request: Request, page_size: str = "A4") -> Response:
    ctx, pid = _ctx_and_person(request)
    d = exports.report_export(ctx, pid, ctx.clock.today())
    made = files.report_pdf(
        d.person,
        d.summary,
        d.assessment,
        d.measurements,
        d.reviews,
        d.exercises,
        page_size=page_size,
        clinic_name=_clinic_name(request),
        logs=d.logs,
    )
    return _download(made)


@router.get("/plan.ics")
def plan_ics(request: Request) -> Response:
    ctx, pid = _ctx_and_person(request)
    data = exports.plan_export(ctx, pid)
    made = files.plan_ics(
        data.person,
        data.plan,
        data.exercises,
        dtstamp=ctx.clock.now(),
        revision=data.revision,
        last_modified=data.last_modified,
        replaced=data.replaced,
    )
    return _download(made)


@router.get("/breaks.ics")
def breaks_ics(
    request: Request,
    days: str | None = None,
    work_start: str | None = None,
    work_end: str | None = None,
    interval: int | None = None,
) -> Response:
    """Your saved reminder settings (quiet periods included); each value given overrides its
    saved one for this file: days as mon,tue,...; times as HH:MM; interval 20-60 minutes."""
    ctx, pid = _ctx_and_person(request)
    d = exports.breaks_export(
        ctx, pid, days=days, work_start=work_start, work_end=work_end, interval=interval
    )
    made = files.breaks_ics(d.person, d.settings, start=ctx.clock.today(), dtstamp=ctx.clock.now())
    return _download(made)


@router.get("/fhir.json")
def fhir_json(
    request: Request, include_name: bool = False, bundle_type: str = "collection"
) -> Response:
    ctx, pid = _ctx_and_person(request)
    d = exports.records_export(ctx, pid)
    made = files.fhir_bundle(
        d.person,
        d.plan,
        d.measurements,
        d.logs,
        d.exercises,
        include_name=include_name,
        timestamp=ctx.clock.now(),
        assessment=d.assessment,
        questionnaire=d.questionnaire,
        bundle_type=bundle_type,
    )
    return _download(made)


@router.get("/sessions.csv")
def sessions_csv(request: Request, bom: bool = True) -> Response:
    """The spreadsheet download starts with a UTF-8 byte order mark unless ``bom=false``, so
    Excel reads accents right."""
    ctx, pid = _ctx_and_person(request)
    d = exports.records_export(ctx, pid)
    return _download(files.logs_csv(d.logs, d.exercises, bom=bom, zone=d.person.timezone))


@router.get("/measurements.csv")
def measurements_csv(request: Request, bom: bool = True) -> Response:
    ctx, pid = _ctx_and_person(request)
    d = exports.records_export(ctx, pid)
    return _download(files.measurements_csv(d.measurements, bom=bom, zone=d.person.timezone))
