"""A tiny terminal drawing of an exercise's start pose, for the session player."""

from __future__ import annotations

import math

from psoas.domain.catalogue.exercises import Exercise
from psoas.domain.catalogue.figure import HEAD_RADIUS, Point, place

SEGMENTS = (
    ("pelvis", "neck"),
    ("neck", "head"),
    *(
        (f"{side}_{a}", f"{side}_{b}")
        for side in ("left", "right")
        for a, b in (
            ("shoulder", "elbow"),
            ("elbow", "hand"),
            ("hip", "knee"),
            ("knee", "ankle"),
            ("heel", "toes"),
        )
    ),
)
CELL_ASPECT = 2.0  # a terminal cell is about twice as tall as it is wide


def _stroke(dx: float, dy: float) -> str:
    """The line-drawing character for a segment running (dx, dy) in figure units."""
    angle = math.degrees(math.atan2(abs(dy), abs(dx)))
    if angle < 25:
        return "─"
    if angle > 65:
        return "│"
    return "╱" if dx * dy > 0 else "╲"


def pose_text(exercise: Exercise, width: int = 24, height: int = 12) -> str:
    """The start pose on a ``width`` x ``height`` character grid, floor on the last row
    (empty when the exercise has no pose to draw)."""
    if not exercise.poses:
        return ""
    fig = place(exercise.poses[0])
    x0, y0, x1, y1 = fig.bounds()
    y0 = min(y0, 0.0)
    cols, rows = width - 1, height - 2
    scale = min(cols / max(x1 - x0, 1e-6), CELL_ASPECT * rows / max(y1 - y0, 1e-6))
    x_offset = (cols - (x1 - x0) * scale) / 2

    def cell(p: Point) -> tuple[int, int]:
        col = round(x_offset + (p[0] - x0) * scale)
        row = rows - round((p[1] - y0) * scale / CELL_ASPECT)
        return min(max(col, 0), width - 1), min(max(row, 0), height - 2)

    grid = [[" "] * width for _ in range(height)]
    for a, b in SEGMENTS:
        pa, pb = fig.points[a], fig.points[b]
        char = _stroke(pb[0] - pa[0], pb[1] - pa[1])
        samples = max(2, int(math.dist(pa, pb) * scale) * 2)
        for i in range(samples + 1):
            t = i / samples
            col, row = cell((pa[0] + (pb[0] - pa[0]) * t, pa[1] + (pb[1] - pa[1]) * t))
            grid[row][col] = char
    surface = fig.surface
    if surface.raised:  # the bench, step or chair top the figure rests on, under the body
        col_a, row = cell((max(surface.left, x0), surface.top))
        col_b, _ = cell((min(surface.right, x1), surface.top))
        for col in range(col_a, col_b + 1):
            if grid[row][col] == " ":
                grid[row][col] = "═"
    head_col, head_row = cell(fig.points["head"])
    grid[head_row][head_col] = "●" if HEAD_RADIUS * scale < 3 else "O"
    grid[height - 1] = ["▔"] * width
    return "\n".join("".join(row).rstrip() for row in grid)
