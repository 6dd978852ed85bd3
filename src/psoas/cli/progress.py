"""`psoas progress`: adherence, streak, pain trend and measured change, with charts.

In the terminal: the summary sentences and two bar charts drawn with Rich (pain per day with
the meaningful-change line, sessions done per week). `--png` and `--svg` write a chart image to
share with a clinician; `--json` prints everything for scripts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from psoas.bootstrap import build_context
from psoas.cli.errors import fail
from psoas.cli.options import JsonOpt, PersonOpt, day_or_today, person_id_of, print_json
from psoas.domain.progress.measures import PSFS_SOURCE
from psoas.domain.progress.summary import PainTrend, ProgressSummary, WeekAdherence, meaningful_drop
from psoas.domain.serial import to_primitive
from psoas.export.charts import progress_chart_png, progress_chart_svg
from psoas.services.habits import habit_progress
from psoas.services.progress import progress_summary

app = typer.Typer(help="Adherence, streak, pain trend and measured change, with charts.")
BAR_WIDTH = 40
RECENT_DAYS = 14


def summary_primitive(summary: ProgressSummary) -> dict:
    data = to_primitive(summary)
    data["sentences"] = list(summary.sentences)
    data["week"]["percent"] = summary.week.percent
    data["overall"]["percent"] = summary.overall.percent
    return data


def pain_table(trend: PainTrend) -> Table | Text:
    points = trend.points[-RECENT_DAYS:]
    if not points:
        return Text("No pain recorded yet: `psoas measure --pain N` or answer before a session.")
    baseline = trend.points[0].value
    target = max(0.0, baseline - meaningful_drop(baseline))
    table = Table(title=f"Pain, last {len(points)} days with a reading (0-10)", box=None)
    table.add_column("Day", no_wrap=True)
    table.add_column("Pain", no_wrap=True)
    table.add_column("", justify="right")
    for p in points:
        cells = round(BAR_WIDTH * p.value / 10)
        mark = round(BAR_WIDTH * target / 10)
        bar = "".join("█" if i < cells else ("┆" if i == mark else " ") for i in range(BAR_WIDTH))
        style = "green" if p.value <= target and baseline > 0 else "yellow"
        table.add_row(p.day.isoformat(), Text(bar, style=style), f"{p.value:g}")
    table.caption = (
        f"┆ marks {target:g}: at or below it the drop from {baseline:g} is meaningful "
        "(2 points or 30 %, Farrar 2001; Ostelo 2008)"
    )
    return table


def weeks_table(weeks: tuple[WeekAdherence, ...]) -> Table | Text:
    if not weeks:
        return Text("No sessions were planned yet: `psoas plan new`.")
    most = max(w.planned for w in weeks) or 1
    table = Table(title="Planned sessions done per week", box=None)
    table.add_column("Week of", no_wrap=True)
    table.add_column("Done", no_wrap=True)
    table.add_column("", justify="right")
    for w in weeks[-8:]:
        done = round(BAR_WIDTH * w.done / most)
        planned = round(BAR_WIDTH * w.planned / most)
        bar = Text("█" * done, style="green") + Text("░" * (planned - done), style="dim")
        table.add_row(w.week_start.isoformat(), bar, f"{w.done}/{w.planned}")
    return table


def print_summary(console: Console, summary: ProgressSummary) -> None:
    lines = [summary.week.sentence, summary.overall.sentence, summary.streak.sentence]
    console.print(
        Panel(Text("\n".join(lines)), title=f"Progress up to {summary.today.isoformat()}")
    )
    console.print(Text(summary.pain.sentence))
    console.print(pain_table(summary.pain))
    console.print(weeks_table(summary.weeks))
    measured = [s.sentence for s in summary.sides] + [p.sentence for p in summary.psfs]
    measured += [summary.sitting] if summary.sitting else []
    if measured:
        sources = sorted(
            {
                f"{s.source} [{s.strength}]" if s.strength != "primary" else s.source
                for s in summary.sides
            }
            | ({PSFS_SOURCE} if summary.psfs else set())
        )
        body = Text("\n".join(measured))
        if sources:
            body.append("\nSources: " + "; ".join(sources), style="dim")
        console.print(Panel(body, title="Measured change"))
    if summary.review_changes:
        console.print(
            Panel(Text("\n".join(summary.review_changes)), title="What the review changed")
        )


def write_image(path: Path, content: bytes) -> None:
    try:
        path.write_bytes(content)
    except OSError as exc:
        raise fail(f"cannot write {path}: {exc.strerror or exc}") from None


@app.callback(invoke_without_command=True)
def progress(
    as_json: JsonOpt = False,
    png: Annotated[
        Path | None, typer.Option("--png", help="Write a PNG chart to this file.")
    ] = None,
    svg: Annotated[
        Path | None, typer.Option("--svg", help="Write an SVG chart to this file.")
    ] = None,
    day: Annotated[
        str | None, typer.Option("--date", help="Count up to this date (YYYY-MM-DD).")
    ] = None,
    person: PersonOpt = None,
) -> None:
    """Show how it is going: adherence, streak, pain trend, self-test and angle changes."""
    ctx = build_context()
    today = day_or_today(day, ctx.clock.today())
    person_id = person_id_of(ctx, person)
    summary = progress_summary(ctx, person_id, today)
    habits = habit_progress(ctx, person_id, today)
    console = Console(highlight=False)
    if png is not None:
        write_image(png, progress_chart_png(summary))
    if svg is not None:
        write_image(svg, progress_chart_svg(summary).encode("utf-8"))
    if as_json:
        print_json({**summary_primitive(summary), "habits": habits})
        return
    print_summary(console, summary)
    console.print(Panel(Text(habits.sentence), title="Daily habits (psoas habits)"))
    for path in (png, svg):
        if path is not None:
            console.print(f"Chart written to {path}")
