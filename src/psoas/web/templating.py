"""Jinja2 templates and the helpers pages share (render, labels, durations)."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.responses import Response

NAV = (
    ("home", "/", "Today"),
    ("plan", "/plan", "Plan"),
    ("log", "/log", "Log"),
    ("progress", "/progress", "Progress"),
    ("habits", "/habits", "Habits"),
    ("library", "/exercises", "Exercises"),
    ("settings", "/settings", "Settings"),
)


def label(value: object) -> str:
    """'half_kneeling' -> 'Half kneeling'."""
    text = str(getattr(value, "value", value)).replace("_", " ").replace("-", " ")
    return text[:1].upper() + text[1:]


def minutes(seconds: int | float | None) -> str:
    if not seconds:
        return "0 min"
    whole = max(1, round(seconds / 60))
    return f"{whole} min"


# Words for the 0-10 effort scale (how hard it felt), after the category-ratio scales of
# perceived exertion; they describe effort, never pain.
EFFORT_WORDS = (
    (0, "no effort"),
    (1, "very easy"),
    (2, "easy"),
    (3, "moderate"),
    (4, "somewhat hard"),
    (5, "hard"),
    (6, "hard"),
    (7, "very hard"),
    (8, "very hard"),
    (9, "very, very hard"),
    (10, "as hard as I can"),
)

STYLE_ELEMENT = re.compile(r"<style>.*?</style>", re.DOTALL)


def raw_svg(svg: str) -> Markup:
    """SVG made by our own figure and chart renderers (which escape their text), inlined.

    An SVG's own <style> element would be inline style, which the page's Content-Security-Policy
    blocks; the same rules (still/moving frames for reduced motion) live in app.css instead.
    """
    return Markup(STYLE_ELEMENT.sub("", svg))


@cache
def templates() -> Jinja2Templates:
    folder = resources.files("psoas.web") / "templates"
    engine = Jinja2Templates(directory=str(folder))
    engine.env.filters["label"] = label
    engine.env.filters["minutes"] = minutes
    engine.env.filters["svg"] = raw_svg
    engine.env.globals["NAV"] = NAV
    engine.env.globals["effort_words"] = EFFORT_WORDS
    engine.env.auto_reload = False  # templates ship with the package; no stat per render
    engine.env.trim_blocks = True
    engine.env.lstrip_blocks = True
    return engine


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> Response:
    values = {"csrf_token": getattr(request.state, "csrf_token", ""), **(context or {})}
    return templates().TemplateResponse(request, name, values, status_code=status_code)
