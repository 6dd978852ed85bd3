"""The installed app's icon: a key pose of the kneeling psoas stretch, drawn by the project's
own figure code (``pose_svg``), on a square tile.

Two forms: ``any`` (a rounded tile, the drawing filling most of it) and ``maskable`` (full
bleed, the drawing inside the central safe circle, since a phone may cut the icon to a circle
or a squircle). ``scripts/make_icons.py`` renders them to the PNG sizes the manifest lists.
"""

from __future__ import annotations

import re

from psoas.domain.catalogue.exercises import Exercise
from psoas.export.figures import pose_svg

ICON_EXERCISE = "kneeling-psoas-stretch"
TILE = "#e3f4ec"  # the app's light "ok" green
EDGE = "#1b6b58"  # the app's accent: the theme colour
SIZE = 512
# Share of the tile the drawing may use: maskable icons keep to the safe zone, a circle of
# 80 % of the width, so a landscape drawing stays within about 62 % of the side.
DRAWING_SHARE = {"any": 0.86, "maskable": 0.62}
PURPOSES = tuple(DRAWING_SHARE)
_OPEN_TAG = re.compile(r"<svg [^>]*?(viewBox=\"[^\"]+\")[^>]*>")
_LABELS = re.compile(r"<title[^>]*>.*?</title><desc[^>]*>.*?</desc>", re.S)


def _drawing(exercise: Exercise, pose_index: int, box: float) -> str:
    """The pose as a nested <svg> centred in a ``box``-sized square of the tile."""
    svg = pose_svg(exercise, pose_index).strip()
    found = _OPEN_TAG.match(svg)
    if found is None:
        raise ValueError("the figure drawing has no viewBox")
    inner = _LABELS.sub("", svg[found.end() :])
    at = (SIZE - box) / 2
    return f'<svg x="{at:g}" y="{at:g}" width="{box:g}" height="{box:g}" {found.group(1)}>{inner}'


def icon_svg(exercise: Exercise, purpose: str = "any") -> str:
    """The icon as a standalone SVG document (512 units square)."""
    if purpose not in DRAWING_SHARE:
        raise ValueError(f"an icon is 'any' or 'maskable', not '{purpose}'")
    pose_index = len(exercise.poses) - 1  # the stretch itself, not the starting kneel
    drawing = _drawing(exercise, pose_index, SIZE * DRAWING_SHARE[purpose])
    if purpose == "maskable":
        tile = f'<rect width="{SIZE}" height="{SIZE}" fill="{TILE}"/>'
    else:
        tile = (
            f'<rect x="8" y="8" width="{SIZE - 16}" height="{SIZE - 16}" rx="96" '
            f'fill="{TILE}" stroke="{EDGE}" stroke-width="16"/>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" '
        f'width="{SIZE}" height="{SIZE}">{tile}{drawing}</svg>\n'
    )
