"""Small still drawings of exercises for lists (Today, the plan calendar): one key pose each.

A drawing depends only on its exercise in the catalogue, which is loaded once at start-up and
never changes while the app runs (it ships with the package). Each is drawn once per catalogue
and kept with it, so a page asks for its thumbnails without drawing or hashing exercises.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from psoas.domain.catalogue.exercises import Catalogue, Exercise
from psoas.export.figures import pose_svg

# by the catalogue's id; the catalogue is kept in the entry, so its id stays its own
_DRAWN: dict[int, tuple[Catalogue, dict[str, str]]] = {}
_LOCK = threading.Lock()


def thumbnail_svg(exercise: Exercise) -> str:
    """The exercise's last key pose (the position held or reached), drawn by our own renderer."""
    return pose_svg(exercise, len(exercise.poses) - 1)


def thumbnails(catalogue: Catalogue, ids: Iterable[str]) -> dict[str, str]:
    """The drawing of each of ``ids`` that the catalogue has with key poses (others are left
    out: an unknown id, or an exercise without poses)."""
    drawn = _drawings(catalogue)
    return {i: drawn[i] for i in ids if i in drawn}


def _drawings(catalogue: Catalogue) -> dict[str, str]:
    found = _DRAWN.get(id(catalogue))
    if found is not None and found[0] is catalogue:
        return found[1]
    drawn = {
        slug: thumbnail_svg(exercise)
        for slug, exercise in catalogue.exercises.items()
        if exercise.poses
    }
    with _LOCK:
        _DRAWN[id(catalogue)] = (catalogue, drawn)
    return drawn
