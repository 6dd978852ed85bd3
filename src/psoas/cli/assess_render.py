"""Rich renderings for `psoas assess`: the result screen and the question list."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from psoas.domain.screening.assessment import Assessment, Finding, Profile, SideResult, Triage
from psoas.domain.screening.headline import Care, headline
from psoas.domain.screening.questions import Question, Questionnaire

TRIAGE_STYLE = {
    Triage.URGENT_REFERRAL: ("bold white on red", "red"),
    Triage.SEE_CLINICIAN: ("bold black on yellow", "yellow"),
    Triage.PROCEED_WITH_CAUTIONS: ("bold black on cyan", "cyan"),
    Triage.PROCEED: ("bold black on green", "green"),
}
# What to run next on the command line, after the headline's own words (domain/screening/headline.py).
TRIAGE_COMMAND = {
    Triage.URGENT_REFERRAL: "",
    Triage.SEE_CLINICIAN: "Once you have been cleared, run `psoas assess clear`.",
    Triage.PROCEED_WITH_CAUTIONS: "Make your plan with `psoas plan new`.",
    Triage.PROCEED: "Make your plan with `psoas plan new`.",
}
PROFILE_NAME = {
    Profile.TIGHT: "tight hip flexors",
    Profile.WEAK_OR_OVERSTRETCHED: "long and under-used hip flexors",
    Profile.MIXED: "mixed: some tightness, some under-use",
    Profile.NO_SIGNS: "no clear signs",
    Profile.INCONCLUSIVE: "inconclusive, re-test",
}


def triage_panel(assessment: Assessment) -> Panel:
    result = assessment.result
    label_style, border = TRIAGE_STYLE[result.triage]
    top = headline(result)
    if top.care in (Care.EMERGENCY, Care.MIDWIFE_TODAY):
        label_style, border = TRIAGE_STYLE[Triage.URGENT_REFERRAL]
    body = Text()
    body.append(f" {top.title} ", style=label_style)
    body.append("\n\n" + " ".join(filter(None, (top.text, TRIAGE_COMMAND[result.triage]))))
    if result.triage == Triage.SEE_CLINICIAN and assessment.clinician_cleared_at is not None:
        body.append(
            f"\n\nA clinician cleared you on {assessment.clinician_cleared_at:%Y-%m-%d %H:%M}: "
        )
        body.append("a plan can start (`psoas plan new`).", style="bold")
    return Panel(body, title="Screening result", border_style=border, expand=False)


def side_table(sides: tuple[SideResult, ...]) -> Table:
    table = Table(
        title="Bench-edge self-test (hip angle: 0 = level, positive = above)", title_justify="left"
    )
    for column in (
        "Side",
        "Thigh",
        "Hip angle",
        "Knee bent ~80°+",
        "Thigh drifts out",
        "Back stayed flat",
    ):
        table.add_column(column)
    for s in sides:
        table.add_row(
            s.side.value,
            s.thigh.value,
            "-" if s.hip_angle_deg is None else f"{s.hip_angle_deg:+g}°",
            _yes_no(s.knee_bent_past_80),
            _yes_no(s.thigh_drifts_out),
            _yes_no(s.back_stayed_flat),
        )
    return table


def _yes_no(value: bool | None) -> str:
    return "not sure" if value is None else ("yes" if value else "no")


def finding_text(f: Finding) -> Group:
    title = Text(f.title, style="bold")
    if f.side is not None:
        title.append(f" ({f.side.value} side)", style="bold")
    label = "" if f.strength == "primary" else f" [{f.strength}]"
    source = Text(f"Source: {f.source}{label}", style="dim")
    return Group(title, Padding(Group(Text(f.explanation), source), (0, 0, 1, 2)))


def result_screen(assessment: Assessment) -> Group:
    """Everything the person needs to read, in order of importance.

    An urgent referral shows only why care is needed today: exercise advice would distract.
    """
    result = assessment.result
    parts: list[Any] = [triage_panel(assessment)]
    if result.triage == Triage.URGENT_REFERRAL:
        parts.append(Text("\nWhy", style="bold underline"))
        parts.extend(finding_text(f) for f in result.findings if f.triage == Triage.URGENT_REFERRAL)
        parts.append(
            Text(
                "The rest of this assessment is kept for later: psoas assess show --json.",
                style="dim",
            )
        )
        return Group(*parts, _footer(assessment))
    parts.append(Text.assemble(("Profile: ", "bold"), PROFILE_NAME[result.profile]))
    if result.sides:
        parts.append(side_table(result.sides))
        word = (
            "yes, your two sides differ"
            if result.asymmetry
            else "no clear difference between sides"
        )
        parts.append(Text.assemble(("Left-right asymmetry: ", "bold"), word))
    else:
        parts.append(Text("Self-test: not done this time (the result relies on your answers)."))
    cautions = ", ".join(sorted(c.value.replace("_", " ") for c in result.cautions)) or "none"
    parts.append(Text.assemble(("Cautions: ", "bold"), cautions))
    parts.append(Text("\nWhat psoas found and why", style="bold underline"))
    referrals = [
        f for f in result.findings if f.triage == Triage.SEE_CLINICIAN
    ]  # the reasons first
    parts.extend(
        finding_text(f) for f in [*referrals, *(f for f in result.findings if f not in referrals)]
    )
    return Group(*parts, _footer(assessment))


def _footer(assessment: Assessment) -> Text:
    return Text(
        f"Rules version {assessment.result.rules_version}, assessed {assessment.taken_at:%Y-%m-%d %H:%M}. "
        "psoas screens and explains; it does not diagnose.",
        style="dim",
    )


def print_result(console: Console, assessment: Assessment) -> None:
    console.print(result_screen(assessment))


def questions_table(questionnaire: Questionnaire) -> Table:
    table = Table(title=f"Screening questions (version {questionnaire.version})", show_lines=False)
    for column in ("Id", "Type", "Allowed", "Required", "Asked when"):
        table.add_column(column, overflow="fold")
    for q in questionnaire:
        table.add_row(
            q.id, q.type.value, q.allowed(), "yes" if q.required else "no", condition_text(q)
        )
    return table


def condition_text(q: Question) -> str:
    if q.when is None:
        return ""
    if q.when.answered:
        return f"{q.when.question} answered"
    values = ", ".join(
        "yes" if v is True else "no" if v is False else str(v) for v in q.when.any_of
    )
    return f"{q.when.question} is {values}"


def question_primitive(q: Question) -> dict[str, Any]:
    return {
        "id": q.id,
        "section": q.section,
        "text": q.text,
        "help": q.help,
        "type": q.type.value,
        "required": q.required,
        "choices": [{"value": c.value, "label": c.label} for c in q.choices],
        "min": q.minimum,
        "max": q.maximum,
        "unit": q.unit,
        "max_items": q.max_items,
        "exclusive": list(q.exclusive),
        "when": None
        if q.when is None
        else {
            "question": q.when.question,
            "any_of": list(q.when.any_of),
            "answered": q.when.answered,
        },
        "side": q.side.value if q.side else None,
        "attribution": q.attribution,
    }
