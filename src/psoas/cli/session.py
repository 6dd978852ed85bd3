"""`psoas session`: play today's planned session in the terminal, then save how it went.

Before: next-morning pain of the previous session (asked once), an offer to resume a session
left partway, and pain now. During: the exercise card, get-ready countdown, hold timers and rep
counters per set and side, rests, switch-sides prompts and the session progress bar, with keys
for pause, skip, back, quit and "this hurts". After: pain, effort and a note, then the log.
The clock and the keys are injected (``GuidedRun``), so tests play a session in milliseconds.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.console import Console
from rich.live import Live

from psoas.bootstrap import build_context
from psoas.cli.keys import KeySource, TerminalKeys
from psoas.cli.options import PersonOpt, day_or_today, person_id_of
from psoas.cli.session_retest import SelfTestRun
from psoas.cli.session_view import render, spoken_cue
from psoas.cli.voice import Speaker
from psoas.domain.errors import UnknownExercise
from psoas.domain.planning.durations import describe_seconds
from psoas.domain.records.session_logs import SessionLog
from psoas.domain.sessions.playback import PlayerStatus, set_complete
from psoas.domain.sessions.player import SessionPlayer
from psoas.services import sessions as service
from psoas.services.context import Context

app = typer.Typer(help="Play today's planned session with timers, sides and cues.")
POLL_SECONDS = 0.2
RETRIES = 3


def pose_figure(ctx: Context, exercise_id: str) -> str:
    """A small text drawing of the exercise, or where to get its SVG."""
    note = f"(picture: psoas exercises show {exercise_id} --svg out.svg)"
    try:
        from psoas.export.figure_text import pose_text

        drawing = pose_text(ctx.catalogue.get(exercise_id), width=22, height=7)
    except (ImportError, UnknownExercise, ValueError, IndexError):
        return note
    return drawing if drawing.strip() else note


class GuidedRun:
    """One run of the command: questions, the live player loop, and saving the log."""

    def __init__(self, ctx: Context, console: Console, keys: KeySource, speaker: Speaker) -> None:
        self.ctx = ctx
        self.console = console
        self.keys = keys
        self.speaker = speaker
        self.notice = ""

    # ----- questions -------------------------------------------------------------------

    def ask_score(self, question: str) -> int | None:
        """A whole number 0-10, or None when the person just presses Enter."""
        for _ in range(RETRIES):
            answer = self.keys.ask(f"{question} (0-10, Enter to skip): ")
            if answer is None or answer == "":
                return None
            if answer.isdigit() and 0 <= int(answer) <= 10:
                return int(answer)
            self.console.print("Please type a whole number from 0 to 10, or press Enter to skip.")
        return None

    def ask_yes(self, question: str, default: bool = True) -> bool:
        answer = self.keys.ask(f"{question} [{'Y/n' if default else 'y/N'}]: ")
        if not answer:
            return default
        return answer.lower().startswith("y")

    def ask_next_morning(self, person_id: str, today: date) -> None:
        pending = service.pending_next_morning(self.ctx, person_id, today)
        if pending is None:
            return
        day = pending.session_date.isoformat()
        pain = self.ask_score(f"The morning after your session on {day}: pain or stiffness")
        service.record_next_morning(self.ctx, person_id, pending.id, pain)

    # ----- the session ----------------------------------------------------------------------

    def run(self, person_id: str, day: date) -> SessionLog:
        self.ask_next_morning(person_id, day)
        guided = service.prepare_session(self.ctx, person_id, day)
        resume = guided.partial is not None and self.ask_yes(
            "You stopped this session partway. Carry on where you left off?"
        )
        timeline = guided.timeline
        self.console.print(
            f"[bold]{timeline.title}[/] on {timeline.session_date.isoformat()}: "
            f"{len(timeline.cards)} exercises, about {describe_seconds(timeline.total_seconds)}."
        )
        if self.speaker.note:
            self.console.print(self.speaker.note, markup=False)
        pain_before = self.ask_score("Pain right now")
        if not resume:
            SelfTestRun(self.ctx, self.console, self.keys, self.ask_yes).run(guided)
        started_at = self.ctx.clock.now()
        player = service.start_player(self.ctx, guided, resume=resume)
        try:
            self.play(player)
        except KeyboardInterrupt:  # Ctrl-C counts as quit: keep what was done
            player.quit_session(self.ctx.clock.monotonic())
            self.speaker.stop()
        self.console.print("Stopped early: what you did is saved." if player.quit else "Well done.")
        pain_after = effort = None
        note = ""
        try:
            pain_after = self.ask_score("Pain now, after the session")
            effort = self.ask_score("How hard was it")
            note = self.keys.ask("A note (Enter to skip): ") or ""
        except KeyboardInterrupt:
            self.console.print("Saving without the after-session answers.")
        log = service.finish_session(
            self.ctx,
            guided,
            player,
            started_at=started_at,
            pain_before=pain_before,
            pain_after=pain_after,
            effort=effort,
            notes=note,
        )
        self.print_saved(log)
        return log

    def play(self, player: SessionPlayer) -> None:
        clock = self.ctx.clock
        announced: tuple[int, object] | None = None
        figures: dict[str, str] = {}
        with Live(console=self.console, auto_refresh=False, transient=False) as live:
            while player.status is not PlayerStatus.FINISHED:
                now = clock.monotonic()
                player.tick(now)
                step = player.current
                if step is not None and (player.index, step) != announced:
                    announced = (player.index, step)
                    self.speaker.say(spoken_cue(step, player.card(step.item)))
                figure = ""
                if step is not None:
                    figure = figures.setdefault(
                        step.exercise_id, pose_figure(self.ctx, step.exercise_id)
                    )
                live.update(render(player, now, figure, self.notice), refresh=True)
                if player.status is PlayerStatus.FINISHED:
                    break
                key = self.keys.read(POLL_SECONDS)
                if key is not None:
                    self.handle_key(key, player, live)
        if not self.console.is_terminal:
            self.console.print()  # Live leaves the cursor after its last frame
        self.speaker.stop()

    def handle_key(self, key: str, player: SessionPlayer, live: Live) -> None:
        now = self.ctx.clock.monotonic()
        if key == "space":
            player.toggle_pause(now)
        elif key == "s":
            player.skip(now)
        elif key == "b":
            player.back(now)
        elif key == "q":
            player.quit_session(now)
        elif key == "h":
            live.stop()
            self.this_hurts(player)
            live.start()

    def this_hurts(self, player: SessionPlayer) -> None:
        clock = self.ctx.clock
        was_running = player.status is PlayerStatus.RUNNING
        player.pause(clock.monotonic())
        pain = self.ask_score("How much does it hurt")
        if pain is None:
            if was_running:
                player.resume(clock.monotonic())
            return
        advice = player.this_hurts(clock.monotonic(), pain)
        self.notice = advice.message
        if not advice.over_limit:
            if was_running:
                player.resume(clock.monotonic())
            return
        self.console.print(f"[bold yellow]{advice.message}[/]")
        easier = self.ctx.catalogue.get(advice.easier_id) if advice.easier_id else None
        if easier is not None and self.ask_yes(
            f"Switch to the easier {easier.name}? (no = stop it)"
        ):
            player.choose_easier(clock.monotonic())
            self.notice = f"Switched to the easier {easier.name}."
        else:
            player.choose_stop(clock.monotonic())
            self.notice = (
                "Stopped that exercise. If the pain stays, rest and check with a clinician."
            )

    def print_saved(self, log: SessionLog) -> None:
        done = sum(1 for r in log.sets if set_complete(r))
        state = "complete" if log.completed else "partial"
        self.console.print(
            f"Saved a {state} log: {done} of {len(log.sets)} sets done in "
            f"{describe_seconds(log.duration_seconds)} (log {log.id})."
        )


@app.callback(invoke_without_command=True)
def session(
    day: Annotated[
        str | None,
        typer.Option("--date", help="Play the session planned on this date (YYYY-MM-DD)."),
    ] = None,
    voice: Annotated[
        bool, typer.Option("--voice", help="Speak the cues (needs espeak-ng).")
    ] = False,
    person: PersonOpt = None,
) -> None:
    """Play the planned session: space pause, s skip, b back, q quit and save, h this hurts."""
    ctx = build_context()
    target = day_or_today(day, ctx.clock.today())
    person_id = person_id_of(ctx, person)
    console = Console(highlight=False)
    with TerminalKeys() as keys:
        GuidedRun(ctx, console, keys, Speaker(voice)).run(person_id, target)
