"""Thumbnails are drawn once per catalogue and kept with it: each is its exercise's last key
pose, an exercise without poses or an unknown id has none, and another catalogue (with a
changed exercise) gets its own drawings, never the first one's. Exercise names by id agree
with the catalogue."""

from __future__ import annotations

from dataclasses import replace

from psoas.catalogue import load_catalogue
from psoas.domain.catalogue.exercises import Catalogue
from psoas.export.figures import pose_svg
from psoas.web.thumbs import thumbnails


def test_each_thumbnail_is_its_exercises_last_key_pose():
    catalogue = load_catalogue()
    ids = [e.id for e in catalogue] + ["no-such-exercise"]
    drawn = thumbnails(catalogue, ids)
    posed = [e for e in catalogue if e.poses]
    assert posed and set(drawn) == {e.id for e in posed}
    for exercise in posed:
        assert drawn[exercise.id] == pose_svg(exercise, len(exercise.poses) - 1)
    assert thumbnails(catalogue, ids) == drawn  # asked again: the kept drawings
    assert thumbnails(catalogue, []) == {}


def test_another_catalogue_gets_its_own_drawings():
    catalogue = load_catalogue()
    first = next(e for e in catalogue if len(e.poses) > 1)
    kept = thumbnails(catalogue, [first.id])[first.id]
    changed = replace(first, poses=first.poses[:-1])
    unposed = next(e for e in catalogue if e.id != first.id and e.poses)
    other = Catalogue(
        {**catalogue.exercises, first.id: changed, unposed.id: replace(unposed, poses=())}
    )
    drawn = thumbnails(other, [first.id, unposed.id])
    assert drawn == {first.id: pose_svg(changed, len(changed.poses) - 1)}
    assert drawn[first.id] != kept
    assert thumbnails(catalogue, [first.id])[first.id] == kept  # the first one keeps its own


def test_names_by_id_agree_with_the_catalogue():
    catalogue = load_catalogue()
    assert catalogue.names() == {e.id: e.name for e in catalogue}
