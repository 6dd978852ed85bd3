"""Rich rendering of plans, today's session and weekly reviews for the terminal."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from psoas.domain.catalogue.exercises import Catalogue
from psoas.domain.planning.durations import describe_seconds, prescription_seconds
from psoas.domain.planning.plans import (
    Change,
    Plan,
    PlannedSession,
    PlanReview,
    PlanWeek,
    Prescription,
    SessionKind,
    SideHandling,
)

CHANGE_MARK = {Change.NEW: "", Change.PROGRESS: "up", Change.HOLD: "same", Change.REGRESS: "down"}
SIDE_NOTE = {
    SideHandling.BOTH: "",
    SideHandling.EACH: "",
    SideHandling.LEFT_FIRST_EXTRA: " (+1 set on the left)",
    SideHandling.RIGHT_FIRST_EXTRA: " (+1 set on the right)",
}


def name_of(catalogue: Catalogue, exercise_id: str) -> str:
    return catalogue.exercises[exercise_id].name if exercise_id in catalogue else exercise_id


def prescription_line(p: Prescription, catalogue: Catalogue) -> str:
    mark = f" [{CHANGE_MARK[p.change]}]" if CHANGE_MARK[p.change] else ""
    modified = " (modified)" if p.modification else ""
    seconds = describe_seconds(prescription_seconds(p))
    return f"{name_of(catalogue, p.exercise_id)}: {p.dose.describe()}{SIDE_NOTE[p.sides]}{modified}, {seconds}{mark}"


def _day(session: PlannedSession) -> str:
    return session.date.strftime("%a %d %b")


def week_table(week: PlanWeek, catalogue: Catalogue) -> Table:
    table = Table(show_lines=True, expand=False)
    table.add_column("Day", no_wrap=True)
    table.add_column("Session")
    table.add_column("Exercises and doses")
    table.add_column("Time", justify="right", no_wrap=True)
    for s in week.sessions:
        if s.kind == SessionKind.REST:
            table.add_row(_day(s), "Rest", "", "")
            continue
        lines = escape("\n".join(prescription_line(p, catalogue) for p in s.prescriptions))
        if s.kind == SessionKind.RETEST:
            lines = "Bench-edge self-test, both sides (about 3 min)\n" + lines
        table.add_row(
            _day(s), s.title or s.kind.value, lines, describe_seconds(s.estimated_seconds)
        )
    return table


def print_plan(console: Console, plan: Plan, catalogue: Catalogue, week: int | None = None) -> None:
    last = plan.sessions()[-1].date if plan.sessions() else plan.start
    prefs = plan.preferences
    console.print(
        f"[bold]Your plan[/] from {plan.start:%d %b %Y} to {last:%d %b %Y}: {len(plan.weeks)} weeks, "
        f"about {prefs.minutes_per_day} min a day, {prefs.strength_days_per_week} strength days a week."
    )
    if plan.stopped_reason:
        console.print(Panel(escape(plan.stopped_reason), title="Plan paused", border_style="red"))
    console.print(escape(plan.summary), style="dim")
    for w in plan.weeks:
        if week is not None and w.index != week:
            continue
        first, end = w.sessions[0].date, w.sessions[-1].date
        console.print(f"\n[bold]Week {w.index}: {w.phase}[/] ({first:%d %b} to {end:%d %b})")
        console.print(escape(w.focus))
        console.print(week_table(w, catalogue))


def print_today(
    console: Console, session: PlannedSession | None, reasons: Sequence[str], catalogue: Catalogue
) -> None:
    if session is None or session.kind == SessionKind.REST:
        title = "Rest day" if session is not None else "Nothing planned"
        console.print(Panel(escape("\n".join(reasons)) or "Nothing planned today.", title=title))
        return
    console.print(
        f"[bold]{session.date:%A %d %b}: {session.title}[/], about {describe_seconds(session.estimated_seconds)}"
    )
    table = Table()
    for column in ("Exercise", "Dose", "Time", "Change"):
        table.add_column(column)
    if session.kind == SessionKind.RETEST:
        table.add_row("Bench-edge self-test", "both sides, then record the result", "3 min", "")
    for p in session.prescriptions:
        dose = p.dose.describe() + SIDE_NOTE[p.sides] + (" (modified)" if p.modification else "")
        table.add_row(
            name_of(catalogue, p.exercise_id),
            dose,
            describe_seconds(prescription_seconds(p)),
            CHANGE_MARK[p.change],
        )
    console.print(table)
    if reasons:
        console.print("[bold]Why[/]")
        for reason in reasons:
            console.print(f"- {reason}", markup=False)
    console.print("Start it with `psoas session`.", style="dim")


def print_review(console: Console, review: PlanReview, catalogue: Catalogue) -> None:
    if review.stop:
        console.print(Panel(escape(review.summary), title="Plan stopped", border_style="red"))
        return
    console.print(
        f"[bold]Review of week {review.week_index - 1}[/] (shapes week {review.week_index}): "
        + escape(review.summary)
    )
    if review.load_change_pct is not None:
        console.print(f"Planned load next week: {review.load_change_pct:+g}% against last week.")
    table = Table(show_lines=True)
    for column in ("Exercise", "Change", "From", "To", "Why"):
        table.add_column(column)
    for item in review.items:
        to = item.new_dose.describe() if item.new_dose else "-"
        if item.new_exercise_id:
            to = f"{name_of(catalogue, item.new_exercise_id)}: {to}"
        old = item.old_dose.describe() if item.old_dose else "-"
        table.add_row(
            name_of(catalogue, item.exercise_id), item.change.value, old, to, escape(item.reason)
        )
    console.print(table)
    for flag in review.flags:
        console.print(f"! {flag}", style="yellow", markup=False)
