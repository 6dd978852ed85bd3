"""The Reminders section of the settings page: the form's values, reading a submitted form,
and field errors under the names the form (or the JSON twin) uses. No routes here: the settings
page shows and saves the section, the reminders API reuses the error renaming."""

from __future__ import annotations

from typing import Any

from psoas.domain.errors import PsoasError
from psoas.domain.habits.breaks import BreakSettings
from psoas.domain.records.people import WEEKDAYS
from psoas.web.forms import FormReader, field_errors

MAX_QUIET = 6

# Domain field names -> the names the form and the API use.
FORM_FIELDS = {
    "enabled": "break_enabled",
    "days": "work_days",
    "working_days": "work_days",
    "start": "work_start",
    "work_start": "work_start",
    "end": "work_end",
    "work_end": "work_end",
    "interval_minutes": "interval",
    "snooze_minutes": "snooze",
    "quiet_periods": "quiet",
    "session_reminder_time": "session_at",
}


def renamed_errors(exc: PsoasError, names: dict[str, str]) -> dict[str, str]:
    """Field errors under the caller's names ('quiet[1]' and 'quiet_periods[0]' -> 'quiet')."""
    errors: dict[str, str] = {}
    for field, problem in field_errors(exc).items():
        base = field.split("[", 1)[0]
        errors.setdefault(names.get(base, base), problem)
    return errors


def _hhmm(value: Any) -> str:
    return value.strftime("%H:%M")


def form_values(settings: BreakSettings) -> dict[str, Any]:
    """The saved settings as the reminders form shows them."""
    return {
        "break_enabled": settings.enabled,
        "work_days": list(settings.working_days),
        "work_start": _hhmm(settings.work_start),
        "work_end": _hhmm(settings.work_end),
        "interval": str(settings.interval_minutes),
        "snooze": str(settings.snooze_minutes),
        "quiet": ", ".join(f"{_hhmm(q.start)}-{_hhmm(q.end)}" for q in settings.quiet_periods),
        "session_reminder": settings.session_reminder,
        "session_at": _hhmm(settings.session_reminder_time),
    }


def reminder_section(saved: BreakSettings) -> dict[str, Any]:
    """What the settings page needs for its Reminders section."""
    return {"reminders": form_values(saved), "reminder_errors": {}, "weekdays": WEEKDAYS}


def changes_from_form(form: Any) -> tuple[dict[str, Any], dict[str, str]]:
    reader = FormReader(form)
    interval = reader.integer("interval", required=True)
    snooze = reader.integer("snooze", required=True)
    quiet = [q.strip() for q in reader.text("quiet", max_length=200).split(",") if q.strip()]
    if len(quiet) > MAX_QUIET:
        reader.errors["quiet"] = f"at most {MAX_QUIET} quiet periods"
    changes = {
        "enabled": reader.flag("break_enabled"),
        "days": [str(d) for d in form.getlist("work_days")][:7],
        "start": reader.text("work_start", max_length=8),
        "end": reader.text("work_end", max_length=8),
        "interval": interval,
        "snooze": snooze,
        "quiet": quiet,
        "session_reminder": reader.flag("session_reminder"),
        "session_at": reader.text("session_at", max_length=8),
    }
    return changes, reader.errors


def shown_values(form: Any) -> dict[str, Any]:
    """The submitted values, kept next to their errors."""
    return {
        "break_enabled": bool(form.get("break_enabled")),
        "work_days": list(form.getlist("work_days")),
        **{
            key: str(form.get(key, ""))[:200]
            for key in ("work_start", "work_end", "interval", "snooze", "quiet", "session_at")
        },
        "session_reminder": bool(form.get("session_reminder")),
    }
