"""Measure the self-test from a photo: how to take it, the picker (it opens the camera on a
phone), the annotated picture with the proposed answer, and accepting or correcting it.

The photo is read in memory, measured on this machine and shown back inline; it is never
written anywhere. Accepting fills the self-test step of the assessment (``back=assessment``)
or records the measurements with method "photo" (``back=log``).
"""

from __future__ import annotations

import base64
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.responses import Response

from psoas.bootstrap import pose_estimator
from psoas.domain.errors import InvalidInput, InvalidValue, PsoasError
from psoas.domain.pose.angles import signed
from psoas.domain.pose.refusals import MAX_PHOTO_BYTES, CameraExtraMissing, PhotoRefused
from psoas.domain.records.measurements import Side
from psoas.domain.screening.assessment import ThighPosition
from psoas.services import photo as photo_service
from psoas.web.deps import context_of, person_id
from psoas.web.forms import FormReader
from psoas.web.routes.photo_answers import fill_self_test, form_errors
from psoas.web.templating import render

router = APIRouter(tags=["photo"])
BACKS = ("log", "assessment")
NOT_INSTALLED = (
    "Measuring from a photo is not installed on this computer. It needs psoas's camera "
    "add-on, which whoever installed psoas can add (the README says how). You can still judge "
    "the thigh by eye or type an angle you measured."
)


def _back(value: Any) -> str:
    return value if value in BACKS else "log"


def _side(value: Any) -> Side | None:
    return Side(value) if value in {s.value for s in Side} else None


def _step(value: Any) -> int:
    return int(value) if isinstance(value, str) and value.isdigit() else 0


def _picker(request: Request, where: dict, error: str = "", status: int = 200) -> Response:
    context = {
        "active": where["back"] if where["back"] == "log" else "home",
        "error": error,
        **where,
    }
    return render(request, "photo.html", context, status_code=status)


@router.get("/photo", response_class=HTMLResponse, include_in_schema=False)
def photo_page(request: Request, side: str = "", back: str = "log", step: str = "0") -> Response:
    person_id(request)  # a person's own page: staff and strangers are refused, as on the log
    where = {"side": _side(side), "back": _back(back), "step": _step(step)}
    return _picker(request, where)


async def _measure(form: FormData) -> photo_service.PhotoMeasurement:
    upload = form.get("photo")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise InvalidValue("photo", "choose or take a photo first")
    data = await upload.read(MAX_PHOTO_BYTES + 1)
    estimator = await run_in_threadpool(pose_estimator)
    side = _side(form.get("side"))
    return await run_in_threadpool(photo_service.measure_photo, estimator, data, side)


def _proposal(result: photo_service.PhotoMeasurement) -> dict[str, Any]:
    reading = result.reading
    return {
        "side": reading.side.value,
        "hip_angle_deg": round(reading.hip_angle_deg),
        "hip_signed": signed(reading.hip_angle_deg),
        "uncertainty_deg": round(reading.uncertainty_deg),
        "thigh": reading.thigh.value,
        "possible": [p.value for p in reading.possible],
        "knee_bend_deg": round(reading.knee_bend_deg),
        "knee_stays_bent": reading.knee_stays_bent,
        "trunk_tilt_deg": None if reading.trunk_tilt_deg is None else round(reading.trunk_tilt_deg),
        "picture": "data:image/png;base64," + base64.b64encode(result.annotated_png).decode(),
    }


@router.post("/photo", include_in_schema=False)
async def photo_measure(request: Request) -> Response:
    person_id(request)
    form = await request.form()
    where = {
        "side": _side(form.get("side")),
        "back": _back(form.get("back")),
        "step": _step(form.get("step")),
    }
    try:
        result = await _measure(form)
    except CameraExtraMissing:
        return _picker(request, where, NOT_INSTALLED, status=503)
    except (PhotoRefused, InvalidValue) as exc:
        message = exc.problem if isinstance(exc, InvalidValue) else exc.message
        return _picker(request, where, message, status=422)
    context = {**where, "active": "home" if where["back"] == "assessment" else "log"}
    context.update(proposal=_proposal(result), values={}, errors={})
    return render(request, "photo_result.html", context)


def _read_answer(form: FormReader) -> dict[str, Any]:
    values = {
        "side": form.choice("side", Side),
        "thigh": form.choice("thigh", ThighPosition),
        "hip_angle_deg": form.number("hip_angle_deg", required=True),
        "knee_bend_deg": form.number("knee_bend_deg"),
    }
    form.raise_if_errors()
    return values


@router.post("/photo/accept", include_in_schema=False)
async def photo_accept(request: Request) -> Response:
    data = dict(await request.form())
    back, step = _back(data.get("back")), _step(data.get("step"))
    ctx = context_of(request)
    form = FormReader(data)
    try:
        values = _read_answer(form)
        if back == "assessment":
            fill_self_test(request, values, ctx.clock.today())
            return RedirectResponse(f"/assessment?step={step}", status_code=303)
        photo_service.record_photo_reading(
            ctx,
            person_id(request),
            values["side"],
            values["hip_angle_deg"],
            values["thigh"],
            values["knee_bend_deg"],
        )
    except PsoasError as exc:
        errors = {**form_errors(exc, str(data.get("side", ""))), **form.errors}
        proposal = {**_proposal_from(data), "side": data.get("side", "")}
        context = {"side": _side(data.get("side")), "back": back, "step": step, "active": "log"}
        context.update(proposal=proposal, values=data, errors=errors)
        return render(request, "photo_result.html", context, status_code=422)
    return RedirectResponse("/log?saved=measurement", status_code=303)


def _proposal_from(data: dict) -> dict[str, Any]:
    """The answer as sent, to show again beside an error (the picture is not sent back)."""
    keys = ("hip_angle_deg", "thigh", "knee_bend_deg", "uncertainty_deg")
    return {"picture": "", "possible": [], "trunk_tilt_deg": None, "knee_stays_bent": None} | {
        k: data.get(k) for k in keys
    }


@router.post("/api/photo", tags=["photo"])
async def photo_api(request: Request) -> Response:
    """Measure one side from a photo (multipart field ``photo``; ``side`` optional): the
    proposed reading and the annotated picture as a data URL. Nothing is saved."""
    person_id(request)
    form = await request.form()
    try:
        result = await _measure(form)
    except CameraExtraMissing:
        return JSONResponse({"status": 503, "message": NOT_INSTALLED, "problems": []}, 503)
    except PhotoRefused as exc:
        body = {"status": 422, "message": exc.message, "reason": exc.reason.value, "problems": []}
        return JSONResponse(body, 422)
    except InvalidValue as exc:
        raise InvalidInput([exc]) from None
    return JSONResponse(_proposal(result))
