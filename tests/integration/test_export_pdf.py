"""PDF handout and report: text extracted with pypdf, page sizes, and pages rendered by pdftoppm."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from export_samples import exercises, plan
from pypdf import PdfReader
from tests.conftest import need_service

from psoas.domain.errors import InvalidValue
from psoas.export.pdf import plan_handout_pdf

# width, height in PDF points (1/72 inch)
SIZES = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}


def _text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def handout() -> bytes:
    return plan_handout_pdf("Ada Example", plan(), exercises(), clinic_name="Hip Clinic")


def test_handout_holds_every_exercise_name_dose_and_page_number(handout):
    reader, text = _text(handout)
    flat = _flat(text)
    for exercise in exercises().values():
        assert exercise.name in flat
        for step in exercise.steps:
            assert step in flat
    for dose in (
        "1 x 2 min",
        "2 x 30 s each side (one extra set on the left)",
        "3 x 10 reps each side",
    ):
        assert dose in flat
    pages = len(reader.pages)
    for number in range(1, pages + 1):
        assert f"Page {number} of {pages}" in flat
    assert "Hip Clinic" in flat and "Ada Example" in flat
    assert "When to stop and seek care" in flat
    assert "Mon 23 Nov 2026 to Sun 6 Dec 2026" in flat


def test_handout_draws_the_illustrations_as_vectors(handout):
    reader = PdfReader(io.BytesIO(handout))
    images = sum(len(page.images) for page in reader.pages)
    assert images == 0, "illustrations are vector drawings, not bitmaps"
    without = plan_handout_pdf("Ada Example", plan(), exercises(), figures=None)
    assert len(handout) > len(without)


@pytest.mark.parametrize("size", ["A4", "Letter", "letter"])
def test_both_page_sizes_have_the_right_media_box(size):
    reader = PdfReader(io.BytesIO(plan_handout_pdf("A", plan(), exercises(), page_size=size)))
    width, height = SIZES["Letter" if size.lower() == "letter" else size]
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(width, abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(height, abs=0.5)


def test_a_stopped_plan_says_so_on_the_cover():
    _, text = _text(plan_handout_pdf("A", plan(stopped="A red-flag answer."), exercises()))
    assert "This plan is paused" in text and "A red-flag answer." in text


def test_the_same_plan_gives_the_same_bytes(handout):
    assert plan_handout_pdf("Ada Example", plan(), exercises(), clinic_name="Hip Clinic") == handout


def test_an_unknown_page_size_names_the_field():
    with pytest.raises(InvalidValue) as info:
        plan_handout_pdf("A", plan(), exercises(), page_size="A5")
    assert info.value.field == "page_size"


def test_pdftoppm_renders_every_page(handout, tmp_path):
    need_service(shutil.which("pdftoppm") is not None, "pdftoppm (poppler-utils)")
    source = tmp_path / "handout.pdf"
    source.write_bytes(handout)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "30", str(source), str(tmp_path / "page")], check=True
    )
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == len(PdfReader(io.BytesIO(handout)).pages)
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
