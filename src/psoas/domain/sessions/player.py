"""The guided-session state machine: events in, what was done per set and side out.

``StepPlayer`` (step_player.py) plays the steps against timestamps; ``SessionPlayer`` adds what
the session means: pain during a set, resuming a partial log, and the sets for the log.
Pain during the session follows the pain-monitoring model: up to 5/10 is acceptable, above 5
the person is offered to stop the exercise or switch to its easier variant (Silbernagel et al.
2007 model, clinical-facts.md section 3.1 [secondary]).
"""

from __future__ import annotations

from dataclasses import replace

from psoas.domain.catalogue.exercises import Catalogue, Exercise
from psoas.domain.errors import InvalidValue
from psoas.domain.planning.plans import Prescription, SideHandling
from psoas.domain.planning.setups import setup_seconds
from psoas.domain.records.session_logs import LogEvent, SessionLog, SetRecord
from psoas.domain.sessions.playback import (
    PainAdvice,
    PlayerStatus,
    SetKey,
    max_or_none,
    record_for,
    set_key,
)
from psoas.domain.sessions.step_player import QUIT_PARTIAL, StepPlayer
from psoas.domain.sessions.timeline import Step, StepKind, Timeline, item_steps, make_card

PAIN_LIMIT = 5  # pain during exercise above this -> stop or regress [secondary]
NOT_REACHED = "not reached"
REDO_NOTES = frozenset({NOT_REACHED, QUIT_PARTIAL})  # sets a resumed session does again


def record_key(record: SetRecord, item: int) -> SetKey:
    return (item, record.exercise_id, record.set_index, record.side.value)


class SessionPlayer(StepPlayer):
    """Plays a session. The one stateful domain object: no I/O, time comes in with events."""

    def __init__(self, timeline: Timeline, now: float, catalogue: Catalogue | None = None) -> None:
        super().__init__(timeline, now)
        self.catalogue = catalogue  # for the easier variant offered on pain
        self.set_pain: dict[SetKey, int] = {}
        self.extra_records: list[SetRecord] = []  # sets of a resumed log not in this timeline
        self.pains: list[int] = []
        self.resumed_from: str | None = None  # the id of the partial log being continued

    @classmethod
    def resuming(
        cls, timeline: Timeline, log: SessionLog, now: float, catalogue: Catalogue | None = None
    ) -> SessionPlayer:
        """Continue a partial log: sets already done are kept, the rest are played."""
        player = cls(timeline, now, catalogue)
        unmatched = dict.fromkeys(player.planned)
        for record in log.sets:
            key = next((k for k in unmatched if k[1:] == record_key(record, 0)[1:]), None)
            if key is None:
                player.extra_records.append(record)
                continue
            del unmatched[key]
            if record.pain is not None:
                player.set_pain[key] = record.pain
            if record.note not in REDO_NOTES:
                player.records[key] = record
        player.resumed_from = log.id
        player.events = list(log.events)
        player.pains = [log.pain_during] if log.pain_during is not None else []
        player._start_at_first_undone(now)
        return player

    # ----- pain -----------------------------------------------------------------------

    def this_hurts(self, now: float, pain: int) -> PainAdvice:
        """Record pain during the current set; above 5/10 pause and offer stop or easier."""
        if isinstance(pain, bool) or not isinstance(pain, int) or not 0 <= pain <= 10:
            raise InvalidValue("pain", "must be a whole number from 0 to 10")
        self.tick(now)
        step = self._pain_step()
        if step is None or self.status is PlayerStatus.FINISHED:
            return PainAdvice(pain, over_limit=pain > PAIN_LIMIT, message="The session is over.")
        self.pains.append(pain)
        if step.is_work:
            self.set_pain[set_key(step)] = max_or_none(self.set_pain.get(set_key(step)), pain) or 0
        if pain <= PAIN_LIMIT:
            return PainAdvice(
                pain, False, message="Pain up to 5/10 is acceptable; ease off if it builds."
            )
        if self.paused_at is None:
            self.paused_at = now
        self.pending_pain = pain
        easier = self.cards[step.item].easier_id if self.catalogue else None
        if easier is not None and self.catalogue is not None and easier not in self.catalogue:
            easier = None
        return PainAdvice(
            pain,
            True,
            easier,
            "Pain above 5/10 is a sign to stop this exercise"
            + (" or switch to an easier version." if easier else "."),
        )

    def choose_stop(self, now: float) -> None:
        """Stop the current exercise for pain and go on with the next one."""
        step = self._take_pain_choice(now)
        if step is None:
            return
        self._event(
            LogEvent.STOPPED_FOR_PAIN, step.exercise_id, now, f"pain {self._last_pain()}/10"
        )
        self._drop_rest_of_item(step, now, "stopped for pain")
        self._advance(now)
        if self.current is None:
            self.finished_at = now

    def choose_easier(self, now: float) -> None:
        """Swap the rest of the current exercise for the catalogue's easier variant."""
        step = self.current
        easier_id = self.cards[step.item].easier_id if step else None
        if step is None or self.catalogue is None or easier_id not in self.catalogue:
            self.choose_stop(now)
            return
        if self._take_pain_choice(now) is None:
            return
        easier = self.catalogue.get(easier_id)
        detail = f"{step.exercise_id} -> {easier.id} at pain {self._last_pain()}/10"
        self._event(LogEvent.SWITCHED_TO_EASIER, step.exercise_id, now, detail)
        end = self._drop_rest_of_item(step, now, f"switched to the easier {easier.name}")
        original = self.timeline.card(step.item)
        prescription = Prescription(
            exercise_id=easier.id,
            dose=easier.dose,
            sides=_sides_of(self.steps, step.item),
            reason=f"Easier variant of {original.name} after pain above 5/10.",
        )
        before = self.catalogue.exercises.get(step.exercise_id)
        new_steps = item_steps(step.item, easier, prescription, setup_seconds(before, easier))
        self.steps[self.index : end] = new_steps
        self._reset_next_setup(self.index + len(new_steps), easier)
        self.cards[step.item] = make_card(step.item, easier, prescription)
        for s in new_steps:
            if s.is_work:
                self.planned[set_key(s)] = (s.item, s)
        self._start_step(now)

    # ----- results ---------------------------------------------------------------------

    def set_records(self) -> tuple[SetRecord, ...]:
        """Every planned set in order: what was done, or marked not reached."""
        out = []
        for key, (_, step) in sorted(self.planned.items(), key=lambda kv: kv[1][0]):
            record = self.records.get(key) or record_for(step, 0.0, True, NOT_REACHED)
            out.append(replace(record, pain=self.set_pain.get(key, record.pain)))
        return (*out, *self.extra_records)

    def pain_during(self) -> int | None:
        return max(self.pains) if self.pains else None

    def fill_log(self, log: SessionLog) -> SessionLog:
        """``log`` with this player's sets, events, pain during and completion."""
        return replace(
            log,
            sets=self.set_records(),
            events=tuple(self.events),
            pain_during=max_or_none(log.pain_during, self.pain_during()),
            completed=not self.quit and self.finished_at is not None,
        )

    # ----- internals -------------------------------------------------------------------

    def _pain_step(self) -> Step | None:
        """The set a pain report belongs to: the current set, else the nearest set of the item."""
        step = self.current
        if step is None or step.is_work:
            return step
        before = [s for s in self.steps[: self.index] if s.is_work and s.item == step.item]
        after = [s for s in self.steps[self.index :] if s.is_work and s.item == step.item]
        return (before[-1:] or after[:1] or [step])[0]

    def _take_pain_choice(self, now: float) -> Step | None:
        if self.pending_pain is None:
            return None
        self.pending_pain = None
        self.resume(now)
        return self.current

    def _last_pain(self) -> int:
        return self.pains[-1] if self.pains else 0

    def _drop_rest_of_item(self, step: Step, now: float, why: str) -> int:
        """Record the current set so far and the item's later sets as skipped; return end index."""
        end = self.index
        while end < len(self.steps) and self.steps[end].item == step.item:
            end += 1
        if step.is_work:
            self._record(step, self.step_elapsed(now), skipped=True, note=why)
        for later in self.steps[self.index + 1 : end]:
            if later.is_work:
                self._record(later, 0.0, skipped=True, note=why)
        if end > self.index + 1:
            del self.steps[self.index + 1 : end]
        return self.index + 1

    def _reset_next_setup(self, at: int, before: Exercise) -> None:
        """The next exercise's get-ready now follows the easier variant done before it."""
        if at >= len(self.steps) or self.steps[at].kind is not StepKind.GET_READY:
            return
        following = (
            self.catalogue.exercises.get(self.steps[at].exercise_id) if self.catalogue else None
        )
        self.steps[at] = replace(self.steps[at], seconds=setup_seconds(before, following))


def _sides_of(steps: list[Step], item: int) -> SideHandling:
    sides = {s.side.value for s in steps if s.item == item and s.is_work}
    return SideHandling.BOTH if sides <= {"both"} else SideHandling.EACH
