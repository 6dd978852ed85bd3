"""The clinician's plan builder: start a plan by hand, place exercises from the library with
dose, side, days, weeks and a note (several in one save), templates, the visit sheet, and
marking a client's alerts seen. Every page has a JSON twin."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from psoas.domain.catalogue.exercises import Category
from psoas.domain.clinic.accounts import Role
from psoas.domain.errors import InvalidValue, NotFound, PsoasError
from psoas.domain.planning.diff import SIDE_WORDS
from psoas.domain.records.clinical import BuildItem
from psoas.domain.records.people import WEEKDAYS
from psoas.export.pdf_visit import visit_sheet_pdf
from psoas.services.clinic import clients as clinic
from psoas.services.clinic import plan_builder
from psoas.services.clinic.client_record import client_record
from psoas.web.clinic.auth import staff
from psoas.web.deps import context_of
from psoas.web.sync_form import read_form
from psoas.web.templating import render

router = APIRouter(tags=["clinic"])
MAX_ROWS = plan_builder.MAX_ITEMS


def _int(raw: Any) -> int | None:
    text = str(raw or "").strip()
    return int(text) if text.isdigit() and len(text) <= 4 else None


def items_from_form(form: Any) -> tuple[list[BuildItem], list[str]]:
    """The builder's rows (``row`` lists their numbers); rows ticked "remove" are removed."""
    items, removed = [], []
    rows = [str(r) for r in form.getlist("row")][:MAX_ROWS]
    for n, row in enumerate(rows, start=1):
        eid = str(form.get(f"exercise_id-{row}") or "")[:64]
        if form.get(f"remove-{row}"):
            removed.append(eid)
            continue
        amount, unit = _int(form.get(f"amount-{row}")), str(form.get(f"unit-{row}") or "reps")
        sets = _int(form.get(f"sets-{row}"))
        if sets is None or amount is None:
            raise InvalidValue(f"row {n}", f"Row {n}: give the sets and the reps or seconds.")
        items.append(
            BuildItem(
                exercise_id=eid,
                sets=sets,
                reps=amount if unit == "reps" else None,
                hold_seconds=amount if unit != "reps" else None,
                sides=str(form.get(f"sides-{row}") or "both")[:16],
                days=tuple(str(d)[:3] for d in form.getlist(f"days-{row}"))[:7],
                first_week=_int(form.get(f"first_week-{row}")) or 0,
                last_week=_int(form.get(f"last_week-{row}")) or 0,
                note=str(form.get(f"note-{row}") or "")[:400],
            )
        )
    return items, removed


def _row(item: BuildItem) -> dict[str, Any]:
    seconds = item.reps is None
    return {
        "exercise_id": item.exercise_id,
        "sets": item.sets,
        "amount": item.hold_seconds if seconds else item.reps,
        "unit": "seconds" if seconds else "reps",
        "sides": item.sides,
        "days": list(item.days),
        "first_week": item.first_week,
        "last_week": item.last_week,
        "note": item.note,
        "remove": False,
    }


def _rows_as_posted(form: Any) -> list[dict[str, Any]]:
    """The rows as the clinician left them, so a refused save loses nothing."""
    rows = []
    for row in [str(r) for r in form.getlist("row")][:MAX_ROWS]:
        rows.append(
            {
                name: str(form.get(f"{name}-{row}") or "")[:400]
                for name in ("exercise_id", "sets", "amount", "unit", "sides", "note")
            }
            | {
                "days": [str(d)[:3] for d in form.getlist(f"days-{row}")],
                "first_week": str(form.get(f"first_week-{row}") or "")[:4],
                "last_week": str(form.get(f"last_week-{row}") or "")[:4],
                "remove": bool(form.get(f"remove-{row}")),
            }
        )
    return rows


def _page(request: Request, person_id: str, **extra: Any) -> Response:
    user = staff(request, Role.CLINICIAN)
    ctx = context_of(request)
    r = client_record(ctx, user, person_id)
    form = extra.pop("form", None)
    weeks = len(r.plan.weeks) if r.plan else 6
    added = [_row(replace(i, last_week=weeks)) for i in extra.pop("rows", [])]
    rows = _rows_as_posted(form) if form is not None else [*map(_row, r.items), *added]
    rows = [row for row in rows if row["exercise_id"] in ctx.catalogue]
    context = {
        "active": "clients",
        "r": r,
        "person": r.person,
        "plan": r.plan,
        "rows": rows,
        "library": sorted(ctx.catalogue, key=lambda e: e.name),
        "names": {e.id: e.name for e in ctx.catalogue},
        "categories": list(Category),
        "weekdays": WEEKDAYS,
        "sides": SIDE_WORDS,
        "templates": plan_builder.templates(ctx, user),
        "today": r.today,
        "weeks": weeks,
        "confirm_long": bool(form is not None and form.get("confirm_long") == "yes"),
        **extra,
    }
    status = 422 if extra.get("error") else 200
    return render(request, "clinic/builder.html", context, status_code=status)


@router.get("/clients/{person_id}/plan/build", response_class=HTMLResponse, include_in_schema=False)
def builder_page(request: Request, person_id: str, add: str = "", done: str = "") -> Response:
    ctx = context_of(request)
    extra_rows = []
    if add[:64] in ctx.catalogue:
        e = ctx.catalogue.get(add[:64])
        extra_rows.append(
            BuildItem(
                e.id,
                e.dose.sets,
                e.dose.reps,
                e.dose.hold_seconds if not e.dose.reps else None,
                "each" if e.unilateral else "both",
            )
        )
    notices = {"saved": "Saved. The client sees what changed.", "template": "Template saved."}
    return _page(request, person_id, rows=extra_rows, notice=notices.get(done, ""))


@router.get("/clients/add-exercise/{slug}", response_class=HTMLResponse, include_in_schema=False)
def add_to_client_page(request: Request, slug: str) -> Response:
    """From the library: choose the client whose plan builder opens with this exercise added."""
    user = staff(request, Role.CLINICIAN)
    ctx = context_of(request)
    if slug not in ctx.catalogue:
        raise NotFound(f"No exercise '{slug[:64]}' in the library.")
    people = sorted(clinic.clients_of(ctx, user), key=lambda p: p.display_name.lower())
    context = {"active": "library", "exercise": ctx.catalogue.get(slug), "people": people}
    return render(request, "clinic/add_exercise.html", context)


@router.post("/clients/{person_id}/plan/build", include_in_schema=False)
def builder_save(request: Request, person_id: str) -> Response:
    user = staff(request, Role.CLINICIAN)
    form = read_form(request)
    try:
        items, removed = items_from_form(form)
        plan_builder.save_items(
            context_of(request),
            user,
            person_id,
            items,
            removed,
            confirm_long=form.get("confirm_long") == "yes",
            override_reason=str(form.get("override_reason") or "")[:500],
        )
    except (InvalidValue, NotFound) as exc:
        problem = exc.problem if isinstance(exc, InvalidValue) else exc.message
        field = exc.field if isinstance(exc, InvalidValue) else ""
        return _page(request, person_id, error=problem, error_field=field, form=form)
    return RedirectResponse(f"/clients/{person_id}/plan/build?done=saved", status_code=303)


@router.post("/clients/{person_id}/plan/start", include_in_schema=False)
def start_page(request: Request, person_id: str) -> Response:
    user = staff(request, Role.CLINICIAN)
    ctx = context_of(request)
    form = read_form(request)
    try:
        start = _day(str(form.get("start") or ""), ctx.clock.today())
        weeks = _int(form.get("weeks"))
        if weeks is None:
            raise InvalidValue("weeks", "Give the number of weeks (1 to 26).")
        plan_builder.start(ctx, user, person_id, start, weeks)
    except PsoasError as exc:
        problem = exc.problem if isinstance(exc, InvalidValue) else exc.message
        return _page(request, person_id, error=problem, error_field="start")
    return RedirectResponse(f"/clients/{person_id}/plan/build", status_code=303)


def _day(text: str, today: date) -> date:
    if not text.strip():
        return today
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise InvalidValue("start", "Give the first day as a date.") from None


@router.post("/clients/{person_id}/plan/template", include_in_schema=False)
def template_apply_page(request: Request, person_id: str) -> Response:
    user = staff(request, Role.CLINICIAN)
    form = read_form(request)
    try:
        plan_builder.apply_template(
            context_of(request),
            user,
            person_id,
            str(form.get("template_id") or "")[:64],
            confirm_long=form.get("confirm_long") == "yes",
        )
    except PsoasError as exc:
        problem = exc.problem if isinstance(exc, InvalidValue) else exc.message
        return _page(request, person_id, error=problem, error_field="template")
    return RedirectResponse(f"/clients/{person_id}/plan/build?done=saved", status_code=303)


@router.post("/clients/{person_id}/plan/save-template", include_in_schema=False)
def template_save_page(request: Request, person_id: str) -> Response:
    user = staff(request, Role.CLINICIAN)
    ctx = context_of(request)
    form = read_form(request)
    r = client_record(ctx, user, person_id)
    try:
        weeks = len(r.plan.weeks) if r.plan else 6
        plan_builder.save_template(ctx, user, str(form.get("name") or "")[:200], r.items, weeks)
    except PsoasError as exc:
        problem = exc.problem if isinstance(exc, InvalidValue) else exc.message
        return _page(request, person_id, error=problem, error_field="name")
    return RedirectResponse(f"/clients/{person_id}/plan/build?done=template", status_code=303)


@router.get("/clients/{person_id}/visit-sheet.pdf", include_in_schema=False)
def visit_sheet(request: Request, person_id: str, period: str = "today") -> Response:
    """Today's or this week's exercises on one or two illustrated pages."""
    user = staff(request, Role.CLINICIAN)
    ctx = context_of(request)
    r = client_record(ctx, user, person_id)
    if r.plan is None:
        raise NotFound("This client has no plan yet, so there is nothing to print.")
    first = r.today
    last = first + timedelta(days=6) if period == "week" else first
    made = visit_sheet_pdf(
        r.person.display_name,
        r.plan,
        ctx.catalogue.exercises,
        first=first,
        last=last,
        clinic_name=getattr(getattr(request.state, "clinic", None), "name", None),
        made_at=ctx.clock.now(),
    )
    headers = {"Content-Disposition": 'inline; filename="visit-sheet.pdf"'}
    return Response(made, media_type="application/pdf", headers=headers)


@router.post("/clients/{person_id}/alerts/seen", include_in_schema=False)
def alerts_seen_page(request: Request, person_id: str) -> Response:
    user = staff(request, Role.CLINICIAN)
    clinic.mark_seen(context_of(request), user, person_id)
    back = "/clients" if request.query_params.get("back") == "list" else f"/clients/{person_id}"
    return RedirectResponse(back, status_code=303)
