"""Stick-figure illustrations of exercise key poses as SVG, still or animated.

Pure string building from ``psoas.domain.catalogue.figure`` coordinates: no dependencies, and the same
exercise always gives the same bytes. Near (right) limbs are dark, far (left) limbs light.
The animated version moves through the key poses with SMIL ``<animate>`` elements and shows
a still start pose instead when the viewer asks for reduced motion.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from psoas.domain.catalogue.exercises import Exercise, Pose
from psoas.domain.catalogue.figure import HEAD_RADIUS, Figure, clear_of_floor, interpolate, place
from psoas.export.figure_props import SCALE, Box, draw_props, num, svg_point
from psoas.export.figure_text import pose_text

__all__ = ["exercise_svg", "pose_svg", "pose_text"]

NEAR = "#15304c"
TRUNK = "#3b6790"
FAR = "#a3bad3"
FLOOR = "#5f6b73"
LIMB_WIDTH = 6.5
TRUNK_WIDTH = 13.0
JOINT_RADIUS = 4.2
PAD = 0.08  # figure units around the drawing
LABEL_SPACE = 0.09
LABEL_CHAR_WIDTH = 0.034  # figure units per character at the label's font size
STEPS_PER_MOVE = 12
MOVE_SECONDS = 1.6
HOLD_SECONDS = 0.8


@dataclass(frozen=True, slots=True)
class _Shape:
    kind: str  # line | polygon | circle
    points: tuple[str, ...]
    colour: str
    size: float  # stroke width of lines, radius of circles (SVG units)


def _limb_shapes(side: str, colour: str) -> list[_Shape]:
    def p(part: str) -> str:
        return f"{side}_{part}"

    return [
        _Shape("line", (p("shoulder"), p("elbow")), colour, LIMB_WIDTH),
        _Shape("line", (p("elbow"), p("hand")), colour, LIMB_WIDTH),
        _Shape("line", (p("hip"), p("knee")), colour, LIMB_WIDTH + 1),
        _Shape("line", (p("knee"), p("ankle")), colour, LIMB_WIDTH + 1),
        _Shape("polygon", (p("ankle"), p("heel"), p("toes")), colour, 3.0),
        *(_Shape("circle", (p(j),), colour, JOINT_RADIUS) for j in ("elbow", "hand", "knee")),
    ]


SHAPES: tuple[_Shape, ...] = (
    *_limb_shapes("left", FAR),
    _Shape("line", ("pelvis", "neck"), TRUNK, TRUNK_WIDTH),
    _Shape("line", ("neck", "head"), TRUNK, LIMB_WIDTH),
    _Shape("circle", ("head",), TRUNK, HEAD_RADIUS * SCALE),
    *_limb_shapes("right", NEAR),
)


def _attributes(shape: _Shape, fig: Figure) -> dict[str, str]:
    coords = [svg_point(fig.points[name]) for name in shape.points]
    if shape.kind == "line":
        (x1, y1), (x2, y2) = coords
        return {"x1": x1, "y1": y1, "x2": x2, "y2": y2}
    if shape.kind == "circle":
        return {"cx": coords[0][0], "cy": coords[0][1]}
    return {"points": " ".join(f"{x},{y}" for x, y in coords)}


def _style(shape: _Shape) -> str:
    if shape.kind == "line":
        return f'stroke="{shape.colour}" stroke-width="{num(shape.size)}" stroke-linecap="round"'
    if shape.kind == "circle":
        return f'r="{num(shape.size)}" fill="{shape.colour}"'
    return (
        f'fill="{shape.colour}" stroke="{shape.colour}" stroke-width="{num(shape.size)}" '
        'stroke-linejoin="round"'
    )


def _body(frames: Sequence[Figure], timing: str = "") -> str:
    """The figure's shapes; with several frames each changing attribute gets an animate.

    Each shape names the joints it joins in ``data-joints``, so tests can measure the drawing.
    """
    out = []
    for shape in SHAPES:
        per_frame = [_attributes(shape, f) for f in frames]
        first = per_frame[0]
        attrs = " ".join(f'{k}="{v}"' for k, v in first.items())
        attrs += f' data-joints="{" ".join(shape.points)}"'
        animates = []
        for key in first:
            values = [a[key] for a in per_frame]
            if len(set(values)) > 1:
                animates.append(
                    f'<animate attributeName="{key}" values="{";".join(values)}" {timing}/>'
                )
        tag = shape.kind
        if animates:
            out.append(f"<{tag} {attrs} {_style(shape)}>{''.join(animates)}</{tag}>")
        else:
            out.append(f"<{tag} {attrs} {_style(shape)}/>")
    return "".join(out)


def _union(boxes: Sequence[Box]) -> Box:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _panel(frames: Sequence[Figure], timing: str = "", label: str = "") -> tuple[str, Box]:
    """Props, floor and figure for one pose (or one animation); returns markup and its box.

    The panel is at least as wide as ``label`` needs.
    """
    behind, front, prop_boxes = draw_props(frames[0])
    box = _union([f.bounds() for f in frames] + prop_boxes + [(0.0, 0.0, 0.0, 0.0)])
    lo, hi = box[0] - PAD, box[2] + PAD
    spare = len(label) * LABEL_CHAR_WIDTH + PAD - (hi - lo)
    if spare > 0:
        lo, hi = lo - spare / 2, hi + spare / 2
    (x1, y), (x2, _) = svg_point((lo, 0.0)), svg_point((hi, 0.0))
    floor = f'<line x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" stroke="{FLOOR}" stroke-width="2"/>'
    markup = "".join(behind) + floor + _body(frames, timing) + "".join(front)
    return markup, (lo, min(box[1], 0.0) - PAD, hi, box[3] + PAD)


def _document(uid: str, title: str, desc: str, body: str, box: Box, style: str = "") -> str:
    x0, y0, x1, y1 = box
    left, top = svg_point((x0, y1))
    width, height = num((x1 - x0) * SCALE), num((y1 - y0) * SCALE)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{left} {top} {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{uid}-title {uid}-desc" id="{uid}">'
        f'<title id="{uid}-title">{escape(title, quote=False)}</title>'
        f'<desc id="{uid}-desc">{escape(desc, quote=False)}</desc>{style}{body}</svg>\n'
    )


def _describe(exercise: Exercise, poses: Sequence[Pose], moving: bool) -> str:
    names = " then ".join(f"'{p.name}'" for p in poses)
    verb = "moving through" if moving else "showing"
    return (
        f"Side-view stick figure of {exercise.name}, {verb} {names}. "
        "Near (right) limbs are dark, far (left) limbs are light."
    )


def _label(text: str, x: float) -> str:
    sx, sy = svg_point((x, -LABEL_SPACE + 0.02))
    return (
        f'<text x="{sx}" y="{sy}" text-anchor="middle" font-family="sans-serif" '
        f'font-size="13" fill="#333333">{escape(text, quote=False)}</text>'
    )


@functools.lru_cache(maxsize=512)
def pose_svg(exercise: Exercise, pose_index: int) -> str:
    """One key pose of ``exercise`` as a still SVG."""
    if not 0 <= pose_index < len(exercise.poses):
        raise IndexError(f"{exercise.id} has {len(exercise.poses)} poses, not #{pose_index + 1}")
    pose = exercise.poses[pose_index]
    markup, box = _panel([place(pose)])
    uid = f"psoas-{exercise.id}-pose{pose_index + 1}"
    title = f"{exercise.name}: {pose.name}"
    return _document(uid, title, _describe(exercise, [pose], False), markup, box)


@functools.lru_cache(maxsize=512)
def exercise_svg(exercise: Exercise, *, animated: bool = False) -> str:
    """The exercise's illustration: its key poses side by side, or one animated figure.

    With a single pose the animated version is that pose, still. Results are cached: the
    drawing depends only on the (frozen) exercise.
    """
    if not exercise.poses:
        raise ValueError(f"{exercise.id} has no key pose to draw")
    if animated and len(exercise.poses) > 1:
        return _animated_svg(exercise)
    parts, left = [], 0.0
    bottom, top = 0.0, 0.0
    for pose in exercise.poses:
        label = pose.name if len(exercise.poses) > 1 else ""
        markup, (x0, y0, x1, y1) = _panel([place(pose)], label=label)
        shift = left - x0
        text = _label(label, (x0 + x1) / 2) if label else ""
        parts.append(f'<g transform="translate({num(shift * SCALE)} 0)">{markup}{text}</g>')
        left += x1 - x0
        bottom, top = min(bottom, y0), max(top, y1)
    if len(exercise.poses) > 1:
        bottom = min(bottom, -LABEL_SPACE - PAD / 2)
    uid = f"psoas-{exercise.id}"
    desc = _describe(exercise, exercise.poses, False)
    return _document(uid, exercise.name, desc, "".join(parts), (0.0, bottom, left, top))


def animation_frames(poses: Sequence[Pose]) -> tuple[list[Figure], list[float]]:
    """Frames and their key times (0..1) for a loop start -> ... -> end -> ... -> start.

    Each move is eased (slow at both ends) and every key pose is held for a moment. All frames
    share the contact parts common to every key pose as their anchor, so feet or back stay put.
    """
    common = [c for c in poses[0].contact if all(c in p.contact for p in poses)]
    anchor = common or None
    path = [*poses, *reversed(poses[:-1])]
    frames: list[Figure] = []
    times: list[float] = []
    clock = 0.0
    for start, end in itertools.pairwise(path):
        frames.append(place(start, anchor))
        times.append(clock)
        clock += HOLD_SECONDS
        for step in range(STEPS_PER_MOVE):
            t = (1 - math.cos(math.pi * step / STEPS_PER_MOVE)) / 2
            frames.append(clear_of_floor(place(interpolate(start, end, t), anchor)))
            times.append(clock + MOVE_SECONDS * step / STEPS_PER_MOVE)
        clock += MOVE_SECONDS
    frames.append(place(path[-1], anchor))
    times.append(clock)
    return frames, [t / clock for t in times]


def _animated_svg(exercise: Exercise) -> str:
    frames, times = animation_frames(exercise.poses)
    duration = (len(exercise.poses) - 1) * 2 * (MOVE_SECONDS + HOLD_SECONDS)
    key_times = ";".join(f"{t:.4f}" for t in times)
    timing = f'dur="{duration:.1f}s" keyTimes="{key_times}" repeatCount="indefinite"'
    moving, box = _panel(frames, timing)
    still, _ = _panel(frames[:1])
    uid = f"psoas-{exercise.id}-animated"
    style = (
        f"<style>#{uid} .still{{display:none}}"
        f"@media (prefers-reduced-motion: reduce){{#{uid} .still{{display:inline}}"
        f"#{uid} .moving{{display:none}}}}</style>"
    )
    body = f'<g class="moving">{moving}</g><g class="still">{still}</g>'
    desc = _describe(exercise, exercise.poses, True)
    return _document(uid, exercise.name, desc, body, box, style)
