"""One card per exercise for the plan handout: a large picture of each key pose with its name
printed under it, the dose in one line, the cues that matter and the person's caution once.

Pictures are vector SVG without text (captions are printed in the handout's embedded font).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from psoas.domain.catalogue.exercises import Exercise
from psoas.domain.planning.plans import Plan, Prescription
from psoas.export.figures import pose_svg
from psoas.export.pdf_base import ACCENT, INK, MUTED, WARN_INK, Document
from psoas.export.wording import SIDE_WORDS

PoseFigures = Callable[[Exercise], Sequence[tuple[str, str]]]  # (svg, caption) per key pose
PICTURE_HEIGHT = 58  # mm
CARDS_PER_PAGE = 2
CUES_SHOWN = 3
LEGEND = "In the pictures the dark limbs are the near (right) side, the light limbs the far (left)."


def pose_figures(exercise: Exercise) -> list[tuple[str, str]]:
    """Each key pose of ``exercise`` as a still SVG with its name as the caption."""
    return [(pose_svg(exercise, i), pose.name) for i, pose in enumerate(exercise.poses)]


def seconds_text(seconds: int) -> str:
    """45 s, 2 min, 2 min 30 s: one way of writing time everywhere in the handout."""
    minutes, rest = divmod(seconds, 60)
    if minutes == 0:
        return f"{rest} s"
    return f"{minutes} min" + (f" {rest} s" if rest else "")


def dose_line(p: Prescription) -> str:
    """'2 sets of 30 s, each side' or '3 sets of 10 reps (one extra set on the left)'."""
    d = p.dose
    sets = f"{d.sets} set" + ("s" if d.sets != 1 else "")
    if d.reps is not None and d.hold_seconds:
        work = f"{d.reps} reps, each held {seconds_text(d.hold_seconds)}"
    elif d.reps is not None:
        work = f"{d.reps} reps"
    else:
        work = seconds_text(d.hold_seconds or 0)
    side = ", each side" if d.per_side else ""
    extra = SIDE_WORDS.get(p.sides, "") if p.sides.name.endswith("EXTRA") else ""
    return f"{sets} of {work}{side}" + (f" ({extra})" if extra else "")


@dataclass(frozen=True)
class ExerciseUse:
    """How the plan uses one exercise: each distinct dose line with its weeks, modifications."""

    exercise_id: str
    doses: dict[str, list[int]]
    modifications: tuple[str, ...]


def exercise_uses(plan: Plan) -> list[ExerciseUse]:
    order: list[str] = []
    doses: dict[str, dict[str, list[int]]] = {}
    mods: dict[str, list[str]] = {}
    for week in plan.weeks:
        for session in week.sessions:
            for p in session.prescriptions:
                if p.exercise_id not in doses:
                    order.append(p.exercise_id)
                weeks = doses.setdefault(p.exercise_id, {}).setdefault(dose_line(p), [])
                if week.index not in weeks:
                    weeks.append(week.index)
                if p.modification and p.modification not in mods.setdefault(p.exercise_id, []):
                    mods[p.exercise_id].append(p.modification)
    return [ExerciseUse(s, doses[s], tuple(mods.get(s, ()))) for s in order]


def weeks_text(weeks: list[int]) -> str:
    if len(weeks) == 1:
        return f"week {weeks[0]}"
    if weeks == list(range(weeks[0], weeks[-1] + 1)):
        return f"weeks {weeks[0]}-{weeks[-1]}"
    return "weeks " + ", ".join(str(w) for w in weeks)


def dose_summary(use: ExerciseUse) -> str:
    """One line: the dose, or each dose with the weeks it applies to."""
    if len(use.doses) == 1:
        return next(iter(use.doses))
    line = "; ".join(f"{weeks_text(weeks)}: {text}" for text, weeks in use.doses.items())
    return line[0].upper() + line[1:]


def _pictures(pdf: Document, panels: Sequence[tuple[str, str]]) -> None:
    gap = 6.0
    width_each = (pdf.content_width - gap * (len(panels) - 1)) / len(panels)
    boxes = [pdf.svg_box(svg, width_each, PICTURE_HEIGHT) for svg, _ in panels]
    height = max(h for _, h in boxes)
    top, x = pdf.get_y(), pdf.l_margin
    for (svg, caption), (w, h) in zip(panels, boxes, strict=True):
        left = x + (width_each - w) / 2
        pdf.svg(svg, left, top + height - h, w)
        pdf.font(9.5)
        pdf.set_text_color(*MUTED)
        pdf.set_xy(x, top + height + 1)
        pdf.cell(width_each, 5, pdf.clean(caption), align="C")
        x += width_each + gap
    pdf.set_text_color(*INK)
    pdf.set_xy(pdf.l_margin, top + height + 7)


def card_height(pdf: Document, exercise: Exercise, use: ExerciseUse, pictures: bool) -> float:
    """The height in mm ``exercise_card`` will use (text measured in its fonts)."""
    width = pdf.content_width
    pdf.font(10.5)
    lines = sum(len(pdf.wrap(c, width - 6)) for c in exercise.cues[:CUES_SHOWN])
    lines += sum(len(pdf.wrap("Take care: " + m, width)) for m in use.modifications[:1])
    pdf.font(11, "B")
    lines += len(pdf.wrap("Dose: " + dose_summary(use), width)) + 1
    return 12 + (PICTURE_HEIGHT + 7 if pictures else 0) + lines * 5.6 + 4


def exercise_card(
    pdf: Document, exercise: Exercise, use: ExerciseUse, panels: Sequence[tuple[str, str]]
) -> None:
    """Draw one card from the current position."""
    pdf.heading(exercise.name, 15, 0, keep=0)
    if panels:
        _pictures(pdf, panels)
    pdf.font(11, "B")
    pdf.set_text_color(*ACCENT)
    pdf.text_block("Dose: " + dose_summary(use), 5.5)
    pdf.set_text_color(*INK)
    rest = exercise.dose.rest_seconds
    pdf.paragraph(f"Rest {seconds_text(rest)} between sets." if rest else "No rest needed.", 10)
    pdf.bullets(exercise.cues[:CUES_SHOWN], size=10.5)
    for note in use.modifications[:1]:
        pdf.paragraph("Take care: " + note, 10.5, colour=WARN_INK)


def _card_pages_header(pdf: Document) -> None:
    pdf.add_page()
    pdf.font(9)
    pdf.set_text_color(*MUTED)
    pdf.text_block(LEGEND, 4.5)
    pdf.set_text_color(*INK)
    pdf.ln(2)


def exercise_cards(
    pdf: Document, plan: Plan, exercises: Mapping[str, Exercise], figures: PoseFigures | None
) -> None:
    """Two cards to a page, each in its own half; a card too long for the space left on the
    page starts the next one."""
    slot = (pdf.page_break_trigger - pdf.t_margin - 8) / CARDS_PER_PAGE
    used = CARDS_PER_PAGE
    for use in exercise_uses(plan):
        exercise = exercises.get(use.exercise_id)
        if exercise is None:
            continue
        panels = list(figures(exercise)) if figures is not None else []
        height = card_height(pdf, exercise, use, bool(panels))
        if used >= CARDS_PER_PAGE or pdf.get_y() + height > pdf.page_break_trigger:
            _card_pages_header(pdf)
            used, top = 0, pdf.get_y()
        pdf.set_y(max(pdf.get_y(), top + used * slot))
        exercise_card(pdf, exercise, use, panels)
        used += 1 + (height > slot)
