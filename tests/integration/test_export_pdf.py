"""PDF handout and report: text extracted with pypdf, page sizes, and pages rendered by pdftoppm."""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import replace
from datetime import date

import pytest
from export_samples import assessment, exercises, logs, measurements, plan, reviews
from pypdf import PdfReader
from tests.conftest import need_service

from psoas.domain.errors import InvalidValue
from psoas.domain.progress.summary import summarise
from psoas.export import pdf_base
from psoas.export.pdf import plan_handout_pdf
from psoas.export.pdf_report import progress_report_pdf

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
        for cue in exercise.cues[:3]:
            assert cue in flat
    for dose in (
        "Dose: 1 set of 2 min",
        "Dose: 2 sets of 30 s, each side (one extra set on the left)",
        "Dose: 3 sets of 10 reps, each side",
    ):
        assert flat.count(dose) == 1
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


def _report(size: str = "A4") -> bytes:
    summary = summarise(
        today=date(2026, 12, 5),
        planned=plan().sessions(),
        logs=logs(),
        measurements=measurements(),
        reviews=reviews(),
        names={slug: e.name for slug, e in exercises().items()},
    )
    return progress_report_pdf(
        "Ada Example",
        summary,
        assessment(),
        measurements(),
        reviews(),
        exercises=exercises(),
        page_size=size,
    )


def test_report_holds_adherence_pain_rule_history_psfs_findings_and_changes():
    reader, text = _text(_report())
    flat = _flat(text)
    for expected in (
        "Overall: 1 of 12 planned sessions done (1 partly)",
        "Pain went from 5 to 2 out of 10",
        "a drop of 2 points or 30 % counts",
        "meaningful improvement at or below 3.5",
        "Self-test and hip-angle history",
        "8.5°",
        "Running 5 km",
        "Left thigh rests above the bench line (left)",
        "Source: Test source 2020 (backed by a study or guideline).",
        "Half-kneeling hip flexor stretch: progress (2 x 30 s each side -> 3 x 30 s each side)",
        "Pain settled by the next morning all week.",
    ):
        assert expected in flat, expected
    pages = len(reader.pages)
    assert f"Page {pages} of {pages}" in flat
    assert sum(len(p.images) for p in reader.pages) == 0, "charts are vector drawings"


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_report_page_size(size):
    reader = PdfReader(io.BytesIO(_report(size)))
    width, height = SIZES[size]
    assert float(reader.pages[0].mediabox.width) == pytest.approx(width, abs=0.5)
    assert float(reader.pages[0].mediabox.height) == pytest.approx(height, abs=0.5)


def test_report_without_any_records_still_renders():
    summary = summarise(today=date(2026, 12, 5), planned=(), logs=(), measurements=())
    _, text = _text(progress_report_pdf("New person", summary, None, [], []))
    assert "No assessment on record." in text and "No self-test or angle measurements yet." in text


def test_pdftoppm_renders_every_report_page(tmp_path):
    need_service(shutil.which("pdftoppm") is not None, "pdftoppm (poppler-utils)")
    data = _report()
    (tmp_path / "report.pdf").write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "30", str(tmp_path / "report.pdf"), str(tmp_path / "r")],
        check=True,
    )
    assert len(list(tmp_path.glob("r-*.png"))) == len(PdfReader(io.BytesIO(data)).pages)


def test_without_the_dejavu_fonts_text_falls_back_to_latin_1(monkeypatch):
    monkeypatch.setattr(pdf_base, "_dejavu", lambda: None)
    fancy = replace(
        plan(),
        summary="Gentle work \u2013 \u201cslow\u201d holds \u2192 then more \u2265 2 \u2026 ok \u4e2d",
    )
    _, text = _text(plan_handout_pdf("Zo\u00eb \u0141ukasz", fancy, exercises()))
    flat = _flat(text)
    assert 'Gentle work - "slow" holds -> then more >= 2 ... ok ?' in flat
    assert "Zo\u00eb ?ukasz" in flat


def _with_week_two(change):
    """The sample plan with ``change`` applied to every prescription of week 2."""
    base = plan()
    second = base.weeks[1]
    sessions = tuple(
        replace(s, prescriptions=tuple(change(p) for p in s.prescriptions)) for s in second.sessions
    )
    return replace(base, weeks=(base.weeks[0], replace(second, sessions=sessions)))


def test_a_dose_that_changes_is_one_line_naming_its_weeks_and_a_caution_prints_once():
    def longer(p):
        if p.exercise_id != "crocodile-breathing":
            return p
        return replace(p, dose=replace(p.dose, hold_seconds=150), modification="Lie on a pillow.")

    _, text = _text(plan_handout_pdf("A", _with_week_two(longer), exercises()))
    flat = _flat(text)
    assert "Dose: Week 1: 1 set of 2 min; week 2: 1 set of 2 min 30 s" in flat
    assert flat.count("Lie on a pillow.") == 1
    assert "150 s" not in flat


def test_names_in_chinese_japanese_or_korean_are_printed():
    need_service(pdf_base.cjk_font() is not None, "a CJK font (fonts-droid-fallback)")
    _, text = _text(plan_handout_pdf("\u738b\u5c0f\u660e", plan(), exercises()))
    assert "\u738b\u5c0f\u660e" in _flat(text)
    assert pdf_base.CJK_MISSING not in _flat(text)


def test_without_a_cjk_font_the_handout_says_why_a_name_shows_question_marks(monkeypatch):
    monkeypatch.setattr(pdf_base, "cjk_font", lambda: None)
    _, text = _text(plan_handout_pdf("\u738b\u5c0f\u660e", plan(), exercises()))
    flat = _flat(text)
    assert "???" in flat
    assert " ".join(pdf_base.CJK_MISSING.split()) in flat


def test_a_script_no_embedded_font_covers_prints_as_question_marks_with_a_note():
    name = "\u0926\u0947\u0935 Zo\u00eb"  # Devanagari, which neither font draws, and Latin
    for data in (plan_handout_pdf(name, plan(), exercises()), _report_for(name)):
        flat = _flat(_text(data)[1])
        assert "??? Zo\u00eb" in flat
        assert " ".join(pdf_base.OTHER_MISSING.split()) in flat


def _report_for(name: str) -> bytes:
    summary = summarise(
        today=date(2026, 12, 5),
        planned=plan().sessions(),
        logs=logs(),
        measurements=measurements(),
        reviews=reviews(),
        names={slug: e.name for slug, e in exercises().items()},
    )
    return progress_report_pdf(name, summary, assessment(), measurements(), reviews())
