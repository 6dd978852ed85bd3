"""The exercise library: filters, cards with the animated illustration, dose, steps and sources."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from psoas.domain.catalogue.exercises import Category, Equipment, Exercise, Level, Muscle, Position
from psoas.domain.serial import to_primitive
from psoas.export.figures import exercise_svg
from psoas.web.deps import context_of
from psoas.web.schemas import model_for
from psoas.web.templating import render

router = APIRouter(tags=["exercises"])
E = TypeVar("E", bound=StrEnum)
FILTERS: dict[str, type[StrEnum]] = {
    "category": Category,
    "equipment": Equipment,
    "position": Position,
    "level": Level,
    "muscle": Muscle,
}
ExerciseOut = model_for(Exercise)


def _parse_filters(params: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """Filters from the query string; unknown values come back as per-field errors."""
    chosen: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, enum in FILTERS.items():
        raw = (params.get(name) or "").strip()
        if not raw:
            continue
        try:
            chosen[name] = enum(raw)
        except ValueError:
            errors[name] = f"unknown {name} '{raw}'"
    return chosen, errors


def _matching(request: Request) -> tuple[list[Exercise], dict[str, Any], dict[str, str]]:
    chosen, errors = _parse_filters(dict(request.query_params))
    found = context_of(request).catalogue.filter(**chosen)
    return found, chosen, errors


@router.get("/exercises", response_class=HTMLResponse, include_in_schema=False)
def library_page(request: Request) -> Response:
    found, chosen, errors = _matching(request)
    cards = [(e, exercise_svg(e, animated=True)) for e in found]
    context = {
        "active": "library",
        "cards": cards,
        "filters": FILTERS,
        "chosen": chosen,
        "errors": errors,
        "total": len(context_of(request).catalogue),
    }
    return render(request, "library.html", context, status_code=422 if errors else 200)


@router.get("/exercises/{slug}", response_class=HTMLResponse, include_in_schema=False)
def exercise_page(request: Request, slug: str) -> Response:
    catalogue = context_of(request).catalogue
    exercise = catalogue.get(slug)
    names = {
        s: catalogue.get(s).name for s in (*exercise.easier, *exercise.harder) if s in catalogue
    }
    context = {
        "active": "library",
        "e": exercise,
        "figure": exercise_svg(exercise, animated=True),
        "names": names,
    }
    return render(request, "exercise.html", context)


@router.get("/api/exercises", response_model=list[ExerciseOut])
def list_exercises(
    request: Request,
    category: Category | None = None,
    equipment: Equipment | None = None,
    position: Position | None = None,
    level: Level | None = None,
    muscle: Muscle | None = None,
) -> Any:
    """Exercises matching every filter given (all when none is)."""
    found = context_of(request).catalogue.filter(
        category=category, equipment=equipment, position=position, level=level, muscle=muscle
    )
    return [to_primitive(e) for e in found]


@router.get("/api/exercises/{slug}", response_model=ExerciseOut)
def get_exercise(request: Request, slug: str) -> Any:
    """One exercise with its dose, steps, cues, cautions, variants and sources."""
    return to_primitive(context_of(request).catalogue.get(slug))


@router.get("/api/exercises/{slug}/figure.svg", response_class=Response)
def exercise_figure(request: Request, slug: str, animated: bool = True) -> Response:
    """The stick-figure illustration as SVG."""
    exercise = context_of(request).catalogue.get(slug)
    # A standalone SVG document may use its own <style> (reduced-motion frames); no script.
    headers = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"}
    return Response(
        exercise_svg(exercise, animated=animated), media_type="image/svg+xml", headers=headers
    )
