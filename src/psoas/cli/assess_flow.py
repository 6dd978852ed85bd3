"""The interactive screening: one question at a time, `?` for help, `b` to go back.

``read`` is injected (a function taking the prompt and returning the typed line), so tests
drive the flow with scripted input; by default it reads from the console.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from rich.console import Console
from rich.panel import Panel

from psoas.domain.errors import InvalidValue
from psoas.domain.records.measurements import Side
from psoas.domain.screening.questions import AnswerType, Question, Questionnaire, coerce_answer
from psoas.domain.screening.self_test import angle_mismatches

BACK = {"b", "back"}
HELP = {"?", "help"}
SECTION_TITLES = {
    "about_you": "About you",
    "warning_signs": "First, some safety questions",
    "symptoms": "What you notice",
    "history": "Your history",
    "context": "Your days",
    "baseline": "Pain and everyday activities",
    "self_test": "The bench-edge self-test",
    "goals": "Your goals",
    "preferences": "Fitting it into your week",
}


class Stopped(Exception):
    """The input ended before the last question."""


class _Back(Exception):
    pass


class InteractiveFlow:
    def __init__(
        self,
        console: Console,
        questionnaire: Questionnaire,
        read: Callable[[str], str],
        today: date,
        illustration: Callable[[], str],
        urgent: Callable[[dict[str, Any]], list[str]] = lambda answers: [],
    ) -> None:
        self.console = console
        self.q = questionnaire
        self.read = read
        self.today = today
        self.illustration = illustration
        self.urgent = urgent  # titles of the urgent warning signs the answers so far show
        self.offered_stop = False
        self.answers: dict[str, Any] = {}
        self.history: list[str] = []

    def run(self) -> dict[str, Any]:
        """Ask until every applicable question has an answer (or was skipped); returns them."""
        self.console.print(
            "Answer one question at a time. Type [bold]?[/] for help, [bold]b[/] to go back.\n"
            "Nothing is saved until the last answer."
        )
        while (question := self._next()) is not None:
            self._introduce(question)
            try:
                value = self._ask(question)
            except _Back:
                self._go_back()
                continue
            self.history.append(question.id)
            if value is not None:
                self.answers[question.id] = value
            if self._stop_for_urgent_care():
                break
        return {k: v for k, v in self.answers.items() if k in self.history}

    def _stop_for_urgent_care(self) -> bool:
        """After the first urgent warning sign, say so at once and offer to stop the questions."""
        signs = self.urgent(self.answers)
        if not signs or self.offered_stop:
            return False
        self.offered_stop = True
        listed = "\n".join(f"- {title}" for title in signs)
        self.console.print(
            Panel(
                f"{listed}\n\nThis needs a doctor today. Please go to an emergency department or call "
                "your local emergency number; psoas will not offer exercises for now.",
                title="Please seek medical care today",
                border_style="red",
                expand=False,
            )
        )
        while True:
            try:
                typed = (
                    self.read("> Stop the questions here and see your result? (yes/no) ")
                    .strip()
                    .lower()
                )
            except EOFError:
                return True
            if typed in ("y", "yes", "n", "no"):
                return typed.startswith("y")

    def _next(self) -> Question | None:
        done = set(self.history)
        return next((q for q in self.q if q.id not in done and q.applies(self.answers)), None)

    def _go_back(self) -> None:
        if not self.history:
            self.console.print("[dim]This is the first question.[/]")
            return
        previous = self.history.pop()
        self.answers.pop(previous, None)

    def _progress(self) -> tuple[int, int]:
        asked = len(self.history) + 1
        remaining = [q for q in self.q if q.id not in set(self.history) and q.applies(self.answers)]
        return asked, len(self.history) + len(remaining)

    def _introduce(self, question: Question) -> None:
        previous = self.q.get(self.history[-1]) if self.history else None
        if (
            previous is None
            or previous.section != question.section
            or previous.side != question.side
        ):
            if previous is None or previous.section != question.section:
                self.console.rule(
                    SECTION_TITLES.get(question.section, question.section.replace("_", " "))
                )
            if question.side is Side.LEFT:
                self._self_test_setup()
            if question.side is not None:
                self._side_steps(question.side)

    def _self_test_setup(self) -> None:
        guide = self.q.self_test
        steps = "\n".join(f"{i}. {s}" for i, s in enumerate(guide.setup, 1))
        self.console.print(
            Panel(f"{guide.summary}\n\n[bold]Set-up[/]\n{steps}", title=guide.title, expand=False)
        )
        self.console.print(self.illustration())
        self.console.print(f"[bold]{guide.convention}[/]")

    def _side_steps(self, side: Side) -> None:
        steps = "\n".join(f"{i}. {s}" for i, s in enumerate(self.q.self_test.side_steps(side), 1))
        self.console.print(Panel(steps, title=f"{side.value.capitalize()} leg", expand=False))

    def _ask(self, question: Question) -> Any:
        asked, total = self._progress()
        self.console.print(f"\n[dim]Question {asked} of {total}[/]")
        self.console.print(f"[bold]{question.text}[/]")
        self._show_choices(question)
        while True:
            try:
                typed = self.read(self._hint(question)).strip()
            except EOFError:
                raise Stopped from None
            if typed.lower() in HELP:
                self._help(question)
                continue
            if typed.lower() in BACK:
                raise _Back
            if not typed:
                if not question.required:
                    return None
                self.console.print("An answer is needed here. Type ? if you would like some help.")
                continue
            try:
                return self._parse(question, typed)
            except InvalidValue as problem:
                self.console.print(
                    f"That does not quite fit: {problem.problem}. Please try again (? for help)."
                )

    def _show_choices(self, question: Question) -> None:
        if question.type not in (AnswerType.SINGLE_CHOICE, AnswerType.MULTI_CHOICE):
            return
        for i, choice in enumerate(question.choices, 1):
            self.console.print(f"  {i}. {choice.label} [dim]({choice.value})[/]", highlight=False)

    @staticmethod
    def _hint(question: Question) -> str:
        hints = {
            AnswerType.YES_NO: "yes/no",
            AnswerType.SINGLE_CHOICE: "number or value",
            AnswerType.MULTI_CHOICE: "numbers or values, comma-separated",
            AnswerType.DATE: "YYYY-MM-DD or e.g. 8 weeks ago",
            AnswerType.TIME: "HH:MM",
            AnswerType.TEXT: "a few words",
        }
        hint = hints.get(question.type) or question.allowed()
        if not question.required:
            hint += ", Enter to skip"
        return f"> ({hint}) "

    def _help(self, question: Question) -> None:
        lines = [question.help, f"Allowed: {question.allowed()}."]
        if question.attribution:
            lines.append(f"From: {question.attribution}.")
        self.console.print(Panel("\n".join(lines), title="Help", expand=False))

    def _parse(self, question: Question, typed: str) -> Any:
        if question.type == AnswerType.SINGLE_CHOICE and "," in typed:
            raise InvalidValue(question.id, "choose just one")
        if question.type in (AnswerType.SINGLE_CHOICE, AnswerType.MULTI_CHOICE):
            typed = ",".join(self._by_number(question, part) for part in typed.split(","))
        value = coerce_answer(question, typed, self.today)
        if question.type == AnswerType.DATE and value > self.today.isoformat():
            raise InvalidValue(question.id, f"{value} is in the future")
        if question.side is not None:
            tolerance = self.q.self_test.angle_tolerance_deg
            mismatches = angle_mismatches({**self.answers, question.id: value}, tolerance)
            if mismatches:  # the measured angle contradicts the thigh answer of its side
                raise mismatches[0]
        return value

    @staticmethod
    def _by_number(question: Question, part: str) -> str:
        text = part.strip()
        if text.isdigit() and 1 <= int(text) <= len(question.choices):
            return question.choices[int(text) - 1].value
        return text
