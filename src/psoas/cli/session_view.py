"""What the terminal shows during a guided session: the card, the timer and the progress bar."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from psoas.domain.planning.durations import describe_seconds
from psoas.domain.sessions.playback import PlayerStatus, PlayerView
from psoas.domain.sessions.player import SessionPlayer
from psoas.domain.sessions.timeline import ExerciseCard, Step, StepKind

KEYS_HELP = "[space] pause/resume   [s] skip   [b] back   [q] quit and save   [h] this hurts"
BAR_WIDTH = 40
STEP_STYLE = {
    StepKind.GET_READY: "bold yellow",
    StepKind.HOLD: "bold green",
    StepKind.REPS: "bold green",
    StepKind.REST: "bold cyan",
    StepKind.SWITCH_SIDES: "bold magenta",
}


def clock_text(seconds: float) -> str:
    whole = max(0, int(seconds + 0.999))  # count down like a timer: 0:01 until it ends
    return f"{whole // 60}:{whole % 60:02d}"


def step_headline(step: Step, view: PlayerView) -> str:
    side = "" if step.side.value == "both" else f"  {step.side.value.upper()} side"
    if step.kind is StepKind.GET_READY:
        return f"GET READY  {clock_text(view.step_remaining)}"
    if step.kind is StepKind.HOLD:
        return (
            f"HOLD  {clock_text(view.step_remaining)}   set {step.set_index} of {step.sets}{side}"
        )
    if step.kind is StepKind.REPS:
        return (
            f"REP {view.rep} of {step.reps}  {view.rep_phase.upper()} {clock_text(view.phase_remaining)}"
            f"   set {step.set_index} of {step.sets}{side}"
        )
    if step.kind is StepKind.REST:
        return f"REST  {clock_text(view.step_remaining)}"
    return f"SWITCH SIDES  {clock_text(view.step_remaining)}  -> {step.side.value} side"


def card_panel(card: ExerciseCard, figure: str, item_count: int) -> Panel:
    body = Table.grid(padding=(0, 2))
    if "\n" in figure:
        body.add_column(no_wrap=True)
    body.add_column(ratio=1)
    lines = [Text(card.dose_text, style="bold")]
    if card.modification:
        lines.append(Text(f"Change: {card.modification}", style="yellow"))
    lines += [Text(f"• {cue}") for cue in card.cues[:3]]
    if card.breathing:
        lines.append(Text(f"Breathing: {card.breathing}", style="italic"))
    if "\n" in figure:  # a drawing goes beside the text; a one-line note goes under it
        body.add_row(Text(figure, style="dim"), Group(*lines))
    else:
        lines += [Text(figure, style="dim")] if figure else []
        body.add_row(Group(*lines))
    title = f"Exercise {card.item + 1} of {item_count}: {card.name}"
    return Panel(body, title=title, title_align="left")


def bar_row(total: float, done: float, label: str, style: str = "") -> Table:
    """A progress bar with its label on the same line."""
    row = Table.grid(padding=(0, 1))
    row.add_column(no_wrap=True)
    row.add_column(no_wrap=True, overflow="ellipsis")
    row.add_row(
        ProgressBar(total=max(total, 1), completed=done, width=BAR_WIDTH), Text(label, style=style)
    )
    return row


def render(player: SessionPlayer, now: float, figure: str = "", notice: str = "") -> RenderableType:
    view = player.view(now)
    step = view.step
    parts: list[RenderableType] = []
    if step is not None:
        card = player.card(step.item)
        parts.append(card_panel(card, figure, view.items_total))
        parts.append(Text(step_headline(step, view), style=STEP_STYLE[step.kind]))
        parts.append(bar_row(step.seconds, view.step_elapsed, step.prompt))
        if step.kind is StepKind.GET_READY:
            parts += [
                Text(f"{n}. {line}", style="dim", no_wrap=True, overflow="ellipsis")
                for n, line in enumerate(card.steps[:3], 1)
            ]
    total = view.elapsed + view.remaining
    left = (
        f"{describe_seconds(int(view.elapsed))} done, about {describe_seconds(int(view.remaining))} "
        f"left, {view.items_left} of {view.items_total} exercises left"
    )
    parts.append(Text("Session", style="bold"))
    parts.append(bar_row(total, view.elapsed, left))
    if view.status is PlayerStatus.PAUSED:
        parts.append(Text("PAUSED - press space to go on", style="bold reverse"))
    if notice:
        parts.append(Text(notice, style="yellow"))
    parts.append(Text(KEYS_HELP, style="dim"))
    return Group(*parts)


def spoken_cue(step: Step, card: ExerciseCard) -> str:
    """A short sentence to say when a step begins."""
    side = "" if step.side.value == "both" else f" {step.side.value} side."
    if step.kind is StepKind.GET_READY:
        cue = card.cues[0] if card.cues else ""
        return f"Get ready: {card.name}. {cue}"
    if step.kind is StepKind.HOLD:
        return f"Hold for {step.seconds} seconds.{side}"
    if step.kind is StepKind.REPS:
        return f"{step.reps} reps.{side}"
    if step.kind is StepKind.REST:
        return "Rest."
    return f"Switch sides.{side}"
