"""The shared PDF document: page size, fonts, footer with page numbers, text helpers.

Fonts: DejaVu Sans (Latin, Greek, Cyrillic ...) from the TrueType files that matplotlib, a psoas
dependency, ships inside its wheel; found by path without importing matplotlib. Chinese, Japanese
and Korean come from a fallback font found on the system (Debian's fonts-droid-fallback, which
CI installs); every font is embedded. Without a CJK font those characters print as "?" and
``missing_script_note`` says why, so a name is never silently dropped. Without DejaVu the PDF
core font Helvetica is used and text is reduced to Latin-1 (typographic dashes and quotes
become their ASCII forms), so the PDF never fails over a character.
"""

from __future__ import annotations

import importlib.util
import io
import re
from datetime import date, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from psoas.domain.errors import InvalidValue

_NOT_DRAWN = re.compile(r"<(title|desc)\b[^>]*>.*?</\1>", re.DOTALL)
_VIEWBOX = re.compile(r'viewBox="([^"]+)"')
PAGE_SIZES = {"a4": "A4", "letter": "Letter"}
INK = (33, 37, 41)
MUTED = (96, 103, 112)
ACCENT = (31, 94, 140)
SOFT = (234, 242, 248)
WARN_BG = (253, 243, 230)
WARN_INK = (140, 74, 0)
GRID_LINE = (200, 206, 212)
_ASCII = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2026": "...",
        "\u2022": "-",
        "\u00d7": "x",
        "\u2264": "<=",
        "\u2265": ">=",
        "\u00a0": " ",
        "\u2009": " ",
        "\u2192": "->",
    }
)


def page_format(page_size: str) -> str:
    """'A4' or 'Letter' from any casing; InvalidValue naming page_size otherwise."""
    try:
        return PAGE_SIZES[page_size.strip().lower()]
    except KeyError:
        raise InvalidValue("page_size", f"{page_size!r} is not A4 or Letter") from None


def _dejavu() -> dict[str, Path] | None:
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
    files = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
    paths = {style: folder / name for style, name in files.items()}
    return paths if all(p.is_file() for p in paths.values()) else None


CJK_FONTS = (
    Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
    Path("/usr/share/fonts/truetype/droid/DroidSansFallback.ttf"),
)
_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
CJK_MISSING = (
    "Some names use Chinese, Japanese or Korean characters, but no font for them is installed "
    "on this computer, so they print as '?'. Installing the fonts-droid-fallback package fixes it."
)


OTHER_MISSING = (
    "Some characters in the names here are not in the fonts psoas prints with, so they show "
    "as '?'. The app and the data files keep them as they are."
)


def cjk_font() -> Path | None:
    return next((path for path in CJK_FONTS if path.is_file()), None)


def long_date(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


class Document(FPDF):
    """An FPDF with psoas typography, a running footer and Unicode-safe text."""

    def __init__(self, page_size: str, title: str, created: datetime | None = None) -> None:
        super().__init__(orientation="portrait", unit="mm", format=page_format(page_size))
        self.doc_title = title
        self._widths: dict[tuple[str, str, float, str], float] = {}
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(auto=True, margin=20)
        self.set_title(title)
        self.set_author("psoas")
        self.set_creator("psoas")
        if created is not None:
            self.set_creation_date(created)
        fonts = _dejavu()
        self.unicode = fonts is not None
        if fonts:
            for style, path in fonts.items():
                self.add_font("DejaVu", style, str(path))
            self.family = "DejaVu"
        else:
            self.family = "Helvetica"
        cjk = cjk_font() if fonts else None
        if cjk is not None:
            for style in ("", "B"):
                self.add_font("CJK", style, str(cjk))
            self.set_fallback_fonts(["CJK"], exact_match=False)
        self.has_cjk = cjk is not None
        self.lost_script = False
        self._covered: frozenset[int] = frozenset(
            code for font in self.fonts.values() for code in (getattr(font, "cmap", None) or {})
        )
        self.set_text_color(*INK)
        self.font(10)

    @property
    def content_width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def uncovered(self, text: str) -> set[str]:
        """Characters of ``text`` that no embedded font can draw (they would vanish)."""
        return {
            ch
            for ch in set(text)
            if ord(ch) > 0x7E and not ch.isspace() and ord(ch) not in self._covered
        }

    def clean(self, text: str) -> str:
        if self.unicode:
            missing = self.uncovered(text)
            if not missing:
                return text
            self.lost_script = True
            return "".join("?" if ch in missing else ch for ch in text)
        self.lost_script = self.lost_script or bool(_CJK.search(text))
        return text.translate(_ASCII).encode("latin-1", "replace").decode("latin-1")

    def script_note(self, *texts: str) -> None:
        """Say on the page why some characters of ``texts`` print as "?", when any do."""
        if not self.unicode:
            return
        missing = "".join(sorted(set().union(*(self.uncovered(t) for t in texts))))
        if missing:
            cjk = _CJK.search(missing) and not self.has_cjk
            self.paragraph(CJK_MISSING if cjk else OTHER_MISSING, 9.5, colour=WARN_INK)

    def font(self, size: float, style: str = "") -> None:
        self.set_font(self.family, style, size)

    def footer(self) -> None:
        self.set_y(-13)
        self.font(8)
        self.set_text_color(*MUTED)
        self.cell(self.content_width / 2, 6, self.clean(self.doc_title), align="L")
        self.cell(self.content_width / 2, 6, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(*INK)

    def wrap(self, text: str, width: float) -> list[str]:
        """Lines of ``text`` no wider than ``width`` in the current font, breaking at spaces.

        Each word is measured once, so long documents stay fast (fpdf2's multi_cell measures
        the growing line after every character).
        """
        space = self.word_width(" ")
        lines: list[str] = []
        for paragraph in self.clean(text).split("\n"):
            line, used = "", 0.0
            for word in paragraph.split(" "):
                size = self.word_width(word)
                if line and used + space + size > width:
                    lines.append(line)
                    line, used = word, size
                else:
                    line, used = (f"{line} {word}", used + space + size) if line else (word, size)
            lines.append(line)
        return lines

    def word_width(self, word: str) -> float:
        """The width of ``word`` in the current font, remembered (words repeat a lot)."""
        key = (self.font_family, self.font_style, self.font_size_pt, word)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = self.get_string_width(word)
        return width

    def text_block(
        self, text: str, line_h: float, x: float | None = None, width: float = 0
    ) -> None:
        """Wrapped left-aligned text from ``x`` (default: the left margin), breaking pages."""
        x = self.l_margin if x is None else x
        width = width or self.w - self.r_margin - x
        for line in self.wrap(text, width):
            if self.get_y() + line_h > self.page_break_trigger:
                self.add_page()
            self.set_x(x)
            self.cell(width, line_h, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, text: str, size: float = 15, space: float = 3, keep: float = 25) -> None:
        """A coloured heading, moved to a new page unless ``keep`` mm fit below it."""
        if self.get_y() + space + size * 0.6 + keep > self.page_break_trigger:
            self.add_page()
        self.ln(space)
        self.font(size, "B")
        self.set_text_color(*ACCENT)
        self.text_block(text, size * 0.5)
        self.set_text_color(*INK)
        self.ln(1.5)

    def paragraph(self, text: str, size: float = 10, style: str = "", colour=INK) -> None:
        self.font(size, style)
        self.set_text_color(*colour)
        self.text_block(text, size * 0.5)
        self.set_text_color(*INK)
        self.ln(1)

    def bullets(self, items, numbered: bool = False, size: float = 10, indent: float = 6) -> None:
        self.font(size)
        for number, item in enumerate(items, start=1):
            if self.get_y() + size * 0.5 > self.page_break_trigger:
                self.add_page()
            x = self.l_margin
            self.set_x(x)
            self.cell(indent, size * 0.5, f"{number}." if numbered else self.clean("\u2022"))
            top = self.get_y()
            self.set_xy(x + indent, top)
            self.text_block(item, size * 0.5, x + indent)
            self.ln(0.8)

    def boxed(self, title: str, lines, background=SOFT, ink=INK) -> None:
        """A shaded block with a bold title and paragraphs, kept on one page when it fits."""
        self.font(10)
        width = self.content_width - 8
        height = 10 + sum(len(self.wrap(t, width)) * 5 + 2 for t in lines)
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()
        top = self.get_y()
        self.set_fill_color(*background)
        self.rect(self.l_margin, top, self.content_width, height, style="F")
        self.set_xy(self.l_margin + 4, top + 3)
        self.font(11, "B")
        self.set_text_color(*ink)
        self.cell(0, 6, self.clean(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.font(10)
        for text in lines:
            self.text_block(text, 5, self.l_margin + 4, width)
            self.ln(2)
        self.set_text_color(*INK)
        self.set_y(top + height + 3)

    def svg_box(self, svg_text: str, max_w: float, max_h: float) -> tuple[float, float]:
        """The (width, height) in mm that fits the SVG's aspect ratio inside max_w x max_h."""
        box = _VIEWBOX.search(svg_text)
        numbers = [float(n) for n in box.group(1).replace(",", " ").split()] if box else []
        aspect = numbers[2] / numbers[3] if len(numbers) == 4 and numbers[3] > 0 else 1.0
        width = min(max_w, max_h * aspect)
        return width, width / aspect

    def svg(self, svg_text: str, x: float, y: float, w: float) -> float:
        """Draw an SVG as vector graphics at (x, y) with width w; returns the height used."""
        drawable = _NOT_DRAWN.sub("", svg_text)  # fpdf2 warns about these; they are not drawn
        info = self.image(io.BytesIO(drawable.encode("utf-8")), x=x, y=y, w=w)
        return float(info.rendered_height)

    def to_bytes(self) -> bytes:
        return bytes(self.output())
