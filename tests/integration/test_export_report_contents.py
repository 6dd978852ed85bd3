"""The clinician's progress report: what a clinician needs from the logs (pain before, during,
after and next morning, effort, skipped exercises, notes), the clearance and its date, no
internal rule ids; every font embedded and the pages rendered to PNG with nothing off the paper."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime

from export_samples import assessment, exercises, logs, measurements, plan, reviews
from pypdf import PdfReader
from tests.pdf_checks import band_is_blank, font_sizes, ink_margins, render, unembedded_fonts

from psoas.domain.progress.summary import summarise
from psoas.domain.records.session_logs import SetRecord, SetSide
from psoas.domain.screening.assessment import Triage
from psoas.export.pdf_report import progress_report_pdf

NAMES = {slug: e.name for slug, e in exercises().items()}


def _logs():
    first, second = logs()[:2]
    skipped = SetRecord("half-kneeling-hip-flexor-stretch", 1, SetSide.LEFT, skipped=True)
    return [replace(first, sets=(*first.sets, skipped)), second]


def _report(the_assessment=None, the_logs=None) -> bytes:
    the_logs = _logs() if the_logs is None else the_logs
    summary = summarise(
        today=date(2026, 12, 5),
        planned=plan().sessions(),
        logs=the_logs,
        measurements=measurements(),
        reviews=reviews(),
        names=NAMES,
    )
    return progress_report_pdf(
        "Ada Example",
        summary,
        the_assessment or assessment(),
        measurements(),
        reviews(),
        exercises=exercises(),
        logs=the_logs,
    )


def _flat(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def test_recent_sessions_show_pain_effort_skipped_exercises_and_notes():
    text = _flat(_report())
    assert "Recent sessions" in text
    assert "4 / 3 / 2 / 2" in text  # before / during / after / next morning of the first log
    assert "Half-kneeling hip flexor stretch" in text.split("Recent sessions")[1]
    assert "felt fine" in text
    assert "Stopped early." not in text or not logs()[1].completed


def test_no_log_says_so_instead_of_an_empty_table():
    assert "No session has been logged yet." in _flat(_report(the_logs=[]))


def test_the_clearance_and_its_date_are_printed_and_rule_ids_are_not():
    cleared = replace(
        assessment(),
        result=replace(assessment().result, triage=Triage.SEE_CLINICIAN),
        clinician_cleared_at=datetime(2026, 11, 22, 15, 0, tzinfo=UTC),
    )
    text = _flat(_report(cleared))
    assert "Cleared to exercise by a clinician: yes, recorded Sun 22 Nov 2026" in text
    for finding in cleared.result.findings:
        assert finding.rule_id not in text
    waiting = replace(cleared, clinician_cleared_at=None)
    assert "Cleared to exercise by a clinician: not recorded" in _flat(_report(waiting))


def test_report_fonts_are_embedded_and_pages_stay_on_the_paper(tmp_path):
    data = _report()
    assert unembedded_fonts(data) == set()
    assert min(font_sizes(data)) >= 8.0
    for number, page in enumerate(render(data, tmp_path), start=1):
        assert min(ink_margins(page)) >= 8.0, f"page {number} prints off the paper"
        assert band_is_blank(page, (14.5, 18.5)), f"page {number} runs into its footer"
