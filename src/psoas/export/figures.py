"""Stick-figure illustrations of exercise poses as SVG (being built: see issue 2)."""

from __future__ import annotations

from psoas.domain.exercises import Exercise


def exercise_svg(exercise: Exercise, *, animated: bool = False) -> str:
    raise NotImplementedError("the figure renderer is being written")
