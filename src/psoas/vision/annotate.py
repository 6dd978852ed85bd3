"""The annotated copy of a measured photo: the skeleton, the bench line and the angles drawn."""

from __future__ import annotations

import io
import math

from PIL import Image, ImageDraw, ImageFont

from psoas.domain.pose.angles import PhotoReading, signed
from psoas.domain.pose.landmarks import Joint, Point, other_side

TESTED = (255, 140, 0)
OTHER = (235, 235, 235)
LEVEL = (0, 200, 255)
OUTLINE = (20, 20, 20)
MAX_SIDE = 1280  # the copy is shown on a page; a phone photo is scaled down to this


SEGMENTS = ((Joint.SHOULDER, Joint.HIP), (Joint.HIP, Joint.KNEE), (Joint.KNEE, Joint.ANKLE))


def _line(draw: ImageDraw.ImageDraw, a: Point, b: Point, colour: tuple, width: int) -> None:
    draw.line([(a.x, a.y), (b.x, b.y)], fill=OUTLINE, width=width + 2)
    draw.line([(a.x, a.y), (b.x, b.y)], fill=colour, width=width)


def _skeleton(draw: ImageDraw.ImageDraw, reading: PhotoReading, scale: float) -> None:
    points = reading.points
    for side, colour, width in (
        (other_side(reading.side), OTHER, max(2, round(2 * scale))),
        (reading.side, TESTED, max(3, round(4 * scale))),
    ):
        for a, b in SEGMENTS:
            pa, pb = points.get(side, a), points.get(side, b)
            if pa is not None and pb is not None:
                _line(draw, pa, pb, colour, width)
        for joint in Joint:
            p = points.get(side, joint)
            if p is not None:
                r = max(3, round(5 * scale))
                draw.ellipse([p.x - r, p.y - r, p.x + r, p.y + r], fill=colour, outline=OUTLINE)


def _angle_marks(draw: ImageDraw.ImageDraw, reading: PhotoReading, scale: float) -> None:
    hip = reading.points.get(reading.side, Joint.HIP)
    knee = reading.points.get(reading.side, Joint.KNEE)
    if hip is None or knee is None:
        return
    length = hip.distance(knee)
    level = math.radians(reading.level_deg)
    direction = (
        1.0
        if (knee.x - hip.x) * math.cos(level) - (knee.y - hip.y) * math.sin(level) >= 0
        else -1.0
    )
    end = (
        hip.x + direction * 1.3 * length * math.cos(level),
        hip.y - direction * 1.3 * length * math.sin(level),
    )
    width = max(2, round(2 * scale))
    steps = 12
    for i in range(0, steps, 2):  # a dashed bench line
        a = [hip.x + (end[0] - hip.x) * i / steps, hip.y + (end[1] - hip.y) * i / steps]
        b = [hip.x + (end[0] - hip.x) * (i + 1) / steps, hip.y + (end[1] - hip.y) * (i + 1) / steps]
        draw.line([tuple(a), tuple(b)], fill=LEVEL, width=width)
    radius = 0.55 * length
    level_img = math.degrees(math.atan2(end[1] - hip.y, end[0] - hip.x))
    thigh_img = math.degrees(math.atan2(knee.y - hip.y, knee.x - hip.x))
    start, stop = sorted((level_img, thigh_img))
    if stop - start > 180:
        start, stop = stop, start + 360
    box = [hip.x - radius, hip.y - radius, hip.x + radius, hip.y + radius]
    draw.arc(box, start, stop, fill=LEVEL, width=width)
    middle = math.radians((start + stop) / 2)
    size = max(12, round(16 * scale))
    where = (hip.x + 1.25 * radius * math.cos(middle), hip.y + 1.25 * radius * math.sin(middle))
    label = f"{signed(reading.hip_angle_deg)}°"
    font = ImageFont.load_default(size=size)
    draw.text(where, label, font=font, fill=LEVEL, anchor="mm", stroke_width=2, stroke_fill=OUTLINE)


def _caption(draw: ImageDraw.ImageDraw, reading: PhotoReading, scale: float) -> None:
    size = max(14, round(20 * scale))
    font = ImageFont.load_default(size=size)
    lines = [
        f"{reading.side.value.capitalize()} hip: {signed(reading.hip_angle_deg)}° "
        f"± {reading.uncertainty_deg:.0f}° (thigh {reading.thigh.value})",
        f"Knee bend: {reading.knee_bend_deg:.0f}°",
    ]
    pad = round(size * 0.4)
    y = pad
    for text in lines:
        left, top, right, bottom = draw.textbbox((pad, y), text, font=font)
        draw.rectangle(
            [left - pad // 2, top - pad // 2, right + pad // 2, bottom + pad // 2], fill=OUTLINE
        )
        draw.text((pad, y), text, fill=(255, 255, 255), font=font)
        y = bottom + pad


def draw_reading(image: Image.Image, reading: PhotoReading) -> bytes:
    """A PNG of ``image`` with the reading drawn on it (scaled down to at most 1280 pixels)."""
    picture = image.convert("RGB")
    scale = max(picture.size) / 800
    draw = ImageDraw.Draw(picture)
    _skeleton(draw, reading, scale)
    _angle_marks(draw, reading, scale)
    _caption(draw, reading, scale)
    if max(picture.size) > MAX_SIDE:
        picture.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    picture.save(out, format="PNG", compress_level=3)  # fast: it is shown once, not kept
    return out.getvalue()
