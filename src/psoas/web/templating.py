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

from psoas.domain.records.measurements import Side
from psoas.domain.screening.headline import headline

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


def counted(number: int, kind: object) -> str:
    """'1 assessment', '3 session logs': a count with its noun (a record kind) in agreement."""
    noun = label(kind).lower()
    if number == 1 and noun.endswith("s"):
        noun = noun[:-1]
    return f"{number} {noun}"


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

# Catalogue text is shared with the terminal; on a page, keyboard instructions make no sense.
TERMINAL_HINTS = re.compile(
    r"\s*\(or press Enter[^)]*\)|,? or press Enter[^.]*|\s*Press Enter[^.]*\.?"
    r"|\s*Type the values separated by commas[^.]*\.?",
    re.IGNORECASE,
)
# Working notes in citations (where the project's own research notes summarise a source).
SOURCE_NOTES = re.compile(
    r",?\s*as summarised in [\w.-]+\.md(?: section [\d.]+)?"
    r"|;?\s*not read by us",
    re.IGNORECASE,
)
STRENGTH_WORDS = {
    "primary": "From the original study or official guidance.",
    "derived": "Worked out by psoas from the published figures.",
    "secondary": "Second-hand: a summary of the original by others.",
    "unconfirmed": "Not confirmed: the original could not be checked.",
}


def for_web(text: str) -> str:
    """Question text without the terminal's keyboard instructions."""
    cleaned = TERMINAL_HINTS.sub("", text or "").strip()
    return cleaned[:1].upper() + cleaned[1:]


NOTE_IN_BRACKETS = re.compile(r"\s*\(([^()]*\.md\b[^()]*)\)")


def _drop_note(match: re.Match[str]) -> str:
    kept = [part.strip() for part in match.group(1).split(";") if ".md" not in part]
    return f" ({'; '.join(kept)})" if kept else ""


def source_text(text: str) -> str:
    """A citation without the project's working notes about where it was summarised."""
    return SOURCE_NOTES.sub("", NOTE_IN_BRACKETS.sub(_drop_note, text or "")).strip()


def strength_words(strength: object) -> str:
    value = getattr(strength, "value", strength)
    return STRENGTH_WORDS.get(str(value), "")


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
    engine.env.filters["counted"] = counted
    engine.env.filters["yes_no_word"] = lambda v: (
        "yes" if v is True else "no" if v is False else str(v)
    )
    engine.env.globals["side_enum"] = {side.value: side for side in Side}
    engine.env.filters["svg"] = raw_svg
    engine.env.filters["headline"] = headline
    engine.env.filters["for_web"] = for_web
    engine.env.tests["search"] = lambda value, pattern: bool(
        re.search(pattern, str(value or ""), re.I)
    )
    engine.env.filters["source_text"] = source_text
    engine.env.filters["strength_words"] = strength_words
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
