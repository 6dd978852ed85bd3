"""Small still drawings of exercises for lists (Today, the plan calendar): one key pose each."""

from __future__ import annotations

import functools

from psoas.domain.catalogue.exercises import Exercise
from psoas.export.figures import pose_svg


@functools.lru_cache(maxsize=256)
def thumbnail_svg(exercise: Exercise) -> str:
    """The exercise's last key pose (the position held or reached), drawn by our own renderer."""
    return pose_svg(exercise, len(exercise.poses) - 1)
