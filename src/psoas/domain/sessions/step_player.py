"""Playing a timeline's steps against timestamps: run, pause, skip, go back, quit, and views.

Time is passed in with every event as monotonic seconds (from the Clock port), and every
figure (step elapsed, session elapsed, time and items left) is computed from timestamps, never
by counting ticks, so a slow terminal or a paused laptop cannot make the timers drift. What a
session means on top of this (pain during a set, resuming a partial log, the log's sets) is in
``player.SessionPlayer``.
"""

from __future__ import annotations

from psoas.domain.records.session_logs import LogEvent, LogEventRecord, SetRecord
from psoas.domain.sessions.playback import (
    PlayerStatus,
    PlayerView,
    SetKey,
    record_for,
    rep_position,
    set_key,
)
from psoas.domain.sessions.timeline import ExerciseCard, Step, StepKind, Timeline

BACK_RESTART_SECONDS = 3.0  # 'back' within the first seconds of a step goes to the previous one
QUIT_PARTIAL = "stopped when the session was quit"


class StepPlayer:
    """Plays a timeline's steps; no I/O, time comes in with events."""

    def __init__(self, timeline: Timeline, now: float) -> None:
        self.timeline = timeline
        self.steps: list[Step] = list(timeline.steps)
        self.cards: dict[int, ExerciseCard] = {c.item: c for c in timeline.cards}
        self.planned: dict[SetKey, tuple[int, Step]] = {
            set_key(s): (s.item, s) for s in self.steps if s.is_work
        }
        self.records: dict[SetKey, SetRecord] = {}
        self.events: list[LogEventRecord] = []
        self.index = 0
        self.started = now
        self.step_started = now
        self.paused_at: float | None = None
        self.paused_total = 0.0
        self.finished_at: float | None = None
        self.quit = False
        self.pending_pain: int | None = None  # pain above the limit awaiting stop or easier

    # ----- status and views -------------------------------------------------------------

    @property
    def status(self) -> PlayerStatus:
        if self.finished_at is not None:
            return PlayerStatus.FINISHED
        if self.pending_pain is not None:
            return PlayerStatus.PAIN_CHOICE
        return PlayerStatus.PAUSED if self.paused_at is not None else PlayerStatus.RUNNING

    @property
    def current(self) -> Step | None:
        return self.steps[self.index] if self.index < len(self.steps) else None

    def card(self, item: int) -> ExerciseCard:
        return self.cards[item]

    def elapsed(self, now: float) -> float:
        end = self.finished_at if self.finished_at is not None else now
        paused = self.paused_total
        if self.paused_at is not None and self.finished_at is None:
            paused += now - self.paused_at
        return max(0.0, end - self.started - paused)

    def step_elapsed(self, now: float) -> float:
        reference = self.paused_at if self.paused_at is not None else now
        return max(0.0, reference - self.step_started)

    def view(self, now: float) -> PlayerView:
        step = self.current
        step_elapsed = self.step_elapsed(now) if step else 0.0
        step_remaining = max(0.0, step.seconds - step_elapsed) if step else 0.0
        rep, phase, phase_left = rep_position(step, step_elapsed) if step else (0, "", 0.0)
        later = sum(s.seconds for s in self.steps[self.index + 1 :])
        return PlayerView(
            status=self.status,
            step=step,
            step_number=min(self.index + 1, len(self.steps)),
            step_count=len(self.steps),
            step_elapsed=step_elapsed,
            step_remaining=step_remaining,
            rep=rep,
            rep_phase=phase,
            phase_remaining=phase_left,
            elapsed=self.elapsed(now),
            remaining=step_remaining + later,
            items_left=len({s.item for s in self.steps[self.index :]}),
            items_total=len(self.cards),
        )

    # ----- events ----------------------------------------------------------------------

    def tick(self, now: float) -> None:
        """Complete every step whose time is up; each next step starts where the last ended."""
        if self.status is not PlayerStatus.RUNNING:
            return
        while (step := self.current) is not None:
            end = self.step_started + step.seconds
            if now < end:
                return
            self._record(step, float(step.seconds), skipped=False)
            self._advance(end)
        self.finished_at = self.step_started

    def pause(self, now: float) -> None:
        if self.status is PlayerStatus.RUNNING:
            self.tick(now)
        if self.status is PlayerStatus.RUNNING:
            self.paused_at = now

    def resume(self, now: float) -> None:
        if self.paused_at is None or self.status is not PlayerStatus.PAUSED:
            return
        gap = now - self.paused_at
        self.paused_total += gap
        self.step_started += gap
        self.paused_at = None

    def toggle_pause(self, now: float) -> None:
        if self.status is PlayerStatus.PAUSED:
            self.resume(now)
        else:
            self.pause(now)

    def skip(self, now: float) -> None:
        """End the current step now; a set cut short records what was done before the skip."""
        self.tick(now)
        step = self.current
        if step is None or self.status in (PlayerStatus.FINISHED, PlayerStatus.PAIN_CHOICE):
            return
        self._record(step, self.step_elapsed(now), skipped=True)
        self._advance(now)
        if self.current is None:
            self.finished_at = now

    def back(self, now: float) -> None:
        """Restart the current step, or go to the previous set if it only just began."""
        self.tick(now)
        if self.status in (PlayerStatus.FINISHED, PlayerStatus.PAIN_CHOICE):
            return
        if self.step_elapsed(now) < BACK_RESTART_SECONDS and self.index > 0:
            target = self.index - 1
            while target > 0 and self.steps[target].kind in (StepKind.REST, StepKind.SWITCH_SIDES):
                target -= 1
            self.index = target
        self.records.pop(set_key(self.steps[self.index]), None)
        self._start_step(now)

    def quit_session(self, now: float) -> None:
        """Stop here; what was done is kept and the log is marked partial."""
        self.tick(now)
        if self.status is PlayerStatus.FINISHED:
            return
        step = self.current
        if step is not None and step.is_work:
            self._record(step, self.step_elapsed(now), skipped=False, note=QUIT_PARTIAL)
        exercise = step.exercise_id if step else ""
        self._event(LogEvent.QUIT_EARLY, exercise, now, "quit before the end")
        self.quit = True
        self.pending_pain = None
        self.finished_at = now if self.paused_at is None else self.paused_at

    # ----- internals -------------------------------------------------------------------

    def _start_at_first_undone(self, now: float) -> None:
        undone = [
            i for i, s in enumerate(self.steps) if s.is_work and set_key(s) not in self.records
        ]
        if not undone:
            self.index = len(self.steps)
            self.finished_at = now
            return
        first = undone[0]
        lead_in = (StepKind.GET_READY, StepKind.SWITCH_SIDES)
        self.index = first - 1 if first > 0 and self.steps[first - 1].kind in lead_in else first
        self._start_step(now)

    def _advance(self, at: float) -> None:
        self.index += 1
        self._start_step(at)

    def _start_step(self, at: float) -> None:
        """The current step starts at ``at``; while paused it stays at zero until resumed."""
        self.step_started = at
        if self.paused_at is not None:
            self.paused_total += at - self.paused_at
            self.paused_at = at

    def _record(self, step: Step, seconds: float, *, skipped: bool, note: str = "") -> None:
        if step.is_work:
            self.records[set_key(step)] = record_for(step, seconds, skipped, note)

    def _event(self, kind: LogEvent, exercise_id: str, now: float, detail: str) -> None:
        at = round(self.elapsed(now), 1)
        self.events.append(LogEventRecord(kind, exercise_id, at, detail))
