"""The guided self-test of a re-test day in the terminal: set-up, left then right, then save.

Shown before the timed exercises of a session whose timeline carries the step. Per side the
person answers where the thigh rests (above, level or below the bench line; 1, 2, 3 or the
word) and may add a measured hip angle; the answers are checked as the assessment checks them
and saved as measurements in one go. A problem is shown in plain words and that side is asked
again; the person can always skip the test and go on with the exercises.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.panel import Panel

from psoas.cli.keys import KeySource
from psoas.domain.errors import InvalidInput
from psoas.domain.records.measurements import Measurement
from psoas.domain.screening.self_test import side_question_id
from psoas.domain.sessions.retest_step import SelfTestSide, SelfTestStep
from psoas.services import retests
from psoas.services.context import Context
from psoas.services.sessions import GuidedSession

RETRIES = 3


class SelfTestRun:
    """Asks the self-test of ``guided`` and saves it; ``ask_yes`` is the session's own."""

    def __init__(
        self, ctx: Context, console: Console, keys: KeySource, ask_yes: Callable[[str], bool]
    ) -> None:
        self.ctx, self.console, self.keys, self.ask_yes = ctx, console, keys, ask_yes

    def run(self, guided: GuidedSession) -> tuple[Measurement, ...] | None:
        step = guided.timeline.self_test
        if step is None:
            return None
        setup = "\n".join(f"{n}. {line}" for n, line in enumerate(step.setup, start=1))
        self.console.print(
            Panel(f"{step.summary}\n\n{setup}", title=f"Re-test: {step.title}", expand=False)
        )
        if not self.ask_yes("Do the self-test now, before the exercises?"):
            self.console.print("Self-test skipped; you can record it later with `psoas measure`.")
            return None
        answers: dict[str, Any] = {}
        for side in step.sides:
            answers.update(self.ask_side(step, side))
        for _ in range(RETRIES):
            try:
                saved = retests.record_self_test(self.ctx, guided, answers)
            except InvalidInput as problems:
                answers = self.ask_again(step, answers, problems)
                continue
            self.console.print("Saved your re-test.")
            for line in retests.describe(saved):
                self.console.print(f"  {line}")
            return saved
        self.console.print("The self-test was not saved; the exercises follow.")
        return None

    def ask_side(self, step: SelfTestStep, side: SelfTestSide) -> dict[str, Any]:
        lines = "\n".join(f"- {line}" for line in side.steps)
        self.console.print(f"\n[bold]{side.side.value.capitalize()} side[/]\n{lines}")
        return {
            side_question_id(side.side, "thigh"): self.ask_thigh(step, side),
            side_question_id(side.side, "hip_angle"): self.ask_angle(step, side),
        }

    def ask_thigh(self, step: SelfTestStep, side: SelfTestSide) -> str | None:
        options = "  ".join(f"{n}) {c.label}" for n, c in enumerate(step.thigh_choices, 1))
        self.console.print(f"{side.thigh_question}\n{options}")
        by_key = {str(n): c.value.value for n, c in enumerate(step.thigh_choices, 1)}
        by_key |= {c.value.value: c.value.value for c in step.thigh_choices}
        for _ in range(RETRIES):
            typed = (self.keys.ask("> ") or "").strip().lower()
            if typed in by_key:
                return by_key[typed]
            self.console.print(f"Please type 1 to {len(step.thigh_choices)}, or the word.")
        return None

    def ask_angle(self, step: SelfTestStep, side: SelfTestSide) -> str | None:
        self.console.print(side.angle_question)
        typed = (self.keys.ask("> ") or "").strip()
        return typed or None

    def ask_again(
        self, step: SelfTestStep, answers: dict[str, Any], problems: InvalidInput
    ) -> dict[str, Any]:
        """Show each problem in plain words, then ask the sides they concern once more."""
        sides = []
        for problem in problems.problems:
            self.console.print(f"[yellow]{problem.problem}[/]")
            sides.extend(s for s in step.sides if problem.field.startswith(s.side.value))
        fixed = dict(answers)
        for side in dict.fromkeys(sides):
            fixed.update(self.ask_side(step, side))
        return fixed
