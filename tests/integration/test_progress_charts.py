"""Chart files open as valid images of the right size; `psoas progress` end to end."""

from __future__ import annotations

import json
import struct
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, timedelta

import pytest
from tests import factories
from typer.testing import CliRunner

from psoas.bootstrap import build_context
from psoas.cli import app
from psoas.domain.planning.plans import Prescription, SideHandling
from psoas.domain.progress.summary import (
    Adherence,
    PainPoint,
    ProgressSummary,
    Streak,
    WeekAdherence,
    pain_trend,
)
from psoas.domain.records.measurements import MeasurementKind, Side
from psoas.export.charts import (
    adherence_chart_svg,
    pain_chart_svg,
    progress_chart_png,
    progress_chart_svg,
)
from psoas.services import people
from psoas.services.manual_entry import Reading, record_done_elsewhere, record_measurements

SVG = "{http://www.w3.org/2000/svg}"
START = date(2026, 11, 2)


def summary(points: int = 10, weeks: int = 2) -> ProgressSummary:
    values = [6, 6, 5, 5, 4, 4, 3, 3, 3, 2][:points]
    pain = [PainPoint(START + timedelta(days=i), v) for i, v in enumerate(values)]
    week_rows = tuple(WeekAdherence(START + timedelta(weeks=i), 6, 4 + i) for i in range(weeks))
    return ProgressSummary(
        date(2026, 11, 12),
        Adherence("this week", 3, 2, 0),
        Adherence("overall", 9, 6, 0),
        week_rows,
        Streak(2, 3),
        pain_trend(pain),
        (),
        (),
        "",
        (),
    )


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_png_has_the_requested_size_and_reads_back():
    data = progress_chart_png(summary(), width=1000, height=700)
    assert png_size(data) == (1000, 700)
    import io

    from matplotlib.image import imread

    pixels = imread(io.BytesIO(data), format="png")
    assert pixels.shape[:2] == (700, 1000)
    assert (pixels[..., :3] < 0.9).any()  # something was drawn, not a blank page


@pytest.mark.parametrize("points", [0, 1, 10])
def test_pain_svg_parses_with_viewbox_title_and_text_alternative(points):
    text = pain_chart_svg(summary(points).pain.points, width=640, height=320)
    root = ET.fromstring(text)
    assert root.get("viewBox") == "0 0 640 320" and root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Pain over time (0-10)"
    desc = root.find(f"{SVG}desc").text
    assert desc
    if points == 10:
        assert "6 at the start and 2 at the latest" in desc and "Farrar" in desc
        assert len(root.findall(f"{SVG}circle")) == 10
        assert root.find(f"{SVG}polyline") is not None
        labels = [t.text for t in root.iter(f"{SVG}text")]
        assert "2 Nov" in labels and "11 Nov" in labels and "Pain (0-10)" in labels


def test_meaningful_change_band_is_thirty_percent_of_a_baseline_of_six():
    root = ET.fromstring(pain_chart_svg(summary().pain.points, width=640, height=320))
    band = next(r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None)
    plot_height = 320 - 40 - 44
    assert float(band.get("height")) == pytest.approx(plot_height * 1.8 / 10, abs=0.2)


def test_adherence_svg_and_combined_chart():
    bars = ET.fromstring(adherence_chart_svg(summary().weeks))
    assert "week of 2026-11-02: 4 of 6" in bars.find(f"{SVG}desc").text
    combined = ET.fromstring(progress_chart_svg(summary(), width=720, height=640))
    assert combined.get("viewBox") == "0 0 720 640"
    assert len(combined.findall(f"{SVG}svg")) == 2


@pytest.fixture
def history():
    """A real plan with two weeks behind it, some sessions logged and measurements taken."""
    ctx = build_context()
    person = people.current_person(ctx)
    start = ctx.clock.today() - timedelta(days=13)
    plan = factories.plan(person.id, start=start, weeks=2)
    dose = ctx.catalogue.get("glute-bridge").dose
    rx = (Prescription("glute-bridge", dose, SideHandling.BOTH, "glutes"),)
    weeks = tuple(
        replace(w, sessions=tuple(replace(s, prescriptions=rx) for s in w.sessions))
        for w in plan.weeks
    )
    with ctx.uow() as uow:
        uow.plans.save(replace(plan, weeks=weeks))
    for offset, pain in ((0, 6), (1, 6), (3, 5), (7, 4), (8, 4), (12, 3)):
        record_done_elsewhere(ctx, person.id, day=start + timedelta(days=offset), pain_before=pain)
    record_measurements(
        ctx,
        person.id,
        [
            Reading(MeasurementKind.HIP_ANGLE, 9, Side.LEFT),
            Reading(MeasurementKind.HIP_ANGLE, 4, Side.RIGHT),
        ],
    )
    return ctx, start


def test_progress_command_text_json_and_images(history, tmp_path):
    result = CliRunner().invoke(
        app, ["progress", "--png", str(tmp_path / "p.png"), "--svg", str(tmp_path / "p.svg")]
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Overall: 6 of 14 planned sessions done" in out
    assert "Pain went from 6 to 3 out of 10 (-3): a meaningful improvement" in out
    assert "Planned sessions done per week" in out and "one reading so far (9°)" in out
    assert png_size((tmp_path / "p.png").read_bytes()) == (1200, 900)
    assert ET.parse(tmp_path / "p.svg").getroot().get("viewBox") == "0 0 720 640"

    data = json.loads(CliRunner().invoke(app, ["progress", "--json"]).stdout)
    assert data["overall"]["done"] == 6 and data["overall"]["percent"] == 43
    assert data["pain"]["direction"] == "better"
    assert any(s.startswith("Streak:") for s in data["sentences"])


def test_progress_unwritable_image_is_one_line(history, tmp_path):
    result = CliRunner().invoke(app, ["progress", "--png", str(tmp_path / "missing" / "p.png")])
    assert result.exit_code == 1 and "cannot write" in result.output
