"""The desk-worker example's handout as a person gets it: at most six pages, a week overview
first, one card per exercise, every font embedded, readable text and nothing off the paper
(pages rendered by pdftoppm and measured)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from tests.pdf_checks import band_is_blank, font_sizes, ink_margins, render, unembedded_fonts
from typer.testing import CliRunner

from psoas.catalogue import load_catalogue
from psoas.cli import app
from psoas.export.pdf_cards import LEGEND

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
MIN_TEXT_PT = 8.0  # the running footer; everything else is 9 pt or more
MIN_MARGIN_MM = 8.0  # inside what office printers can print
FOOTER_GAP_MM = (14.5, 18.5)  # between the body (ends 20 mm up) and the footer line


@pytest.fixture
def desk_worker_handout(tmp_path) -> bytes:
    runner = CliRunner()
    steps = [
        ["assess", "--answers", str(EXAMPLES / "desk-worker.yaml")],
        ["plan", "new", "--no-ask", "--start", "2026-12-07"],
        ["export", "pdf", "-o", str(tmp_path / "handout.pdf")],
    ]
    for args in steps:
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    return (tmp_path / "handout.pdf").read_bytes()


def _pages(data: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]


def test_the_desk_worker_handout_is_an_overview_then_one_card_per_exercise(desk_worker_handout):
    pages = _pages(desk_worker_handout)
    assert len(pages) <= 6
    first = pages[0]
    for words in ("Your weeks at a glance", "What each session holds", "When to stop"):
        assert words in first
    names = [e.name for e in load_catalogue() if e.name in " ".join(pages[1:])]
    assert names, "no exercise card"
    cards = " ".join(pages[1:])
    for name in names:
        assert cards.count(f"{name} ") >= 1
    assert cards.count("Dose:") == len(names), "one dose line per card"
    assert LEGEND in first
    assert " x " not in cards and "150 s" not in cards


def test_every_font_is_embedded_and_no_text_is_tiny(desk_worker_handout):
    assert unembedded_fonts(desk_worker_handout) == set()
    sizes = font_sizes(desk_worker_handout)
    assert min(sizes) >= MIN_TEXT_PT
    assert sorted(sizes)[len(sizes) // 10] >= 9.0, "most text is at least 9 pt"


def test_rendered_pages_keep_everything_on_the_paper(desk_worker_handout, tmp_path):
    images = render(desk_worker_handout, tmp_path)
    assert len(images) == len(_pages(desk_worker_handout))
    for number, page in enumerate(images, start=1):
        margins = ink_margins(page)
        assert min(margins) >= MIN_MARGIN_MM, f"page {number} prints {margins} mm from the edges"
        assert band_is_blank(page, FOOTER_GAP_MM), f"page {number} runs into its footer"
