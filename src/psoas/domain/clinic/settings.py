"""A clinic's own settings, kept once per server and changed by an admin.

The name and contact line appear on the public treatment-request page, in the page header and
on the PDF handouts staff download; the quiet-days threshold feeds the clinician's attention
list; ``require_two_factor`` makes every clinician and admin turn on a second factor before they
open any record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from psoas.domain.errors import InvalidInput, InvalidValue

DEFAULT_QUIET_DAYS = 7  # our own default: a week without a logged session
QUIET_DAYS_RANGE = (2, 60)
MAX_NAME = 120
MAX_CONTACT = 300
MAX_INTRO = 1000
YES = frozenset({"yes", "true", "on", "1"})
NO = frozenset({"no", "false", "off", "0", ""})


@dataclass(frozen=True, slots=True)
class ClinicSettings:
    name: str = ""
    contact: str = ""  # phone, email or address shown to visitors; optional
    request_intro: str = ""  # a few words on the request page (opening hours, what to expect)
    quiet_days: int = DEFAULT_QUIET_DAYS  # "no activity" after this many days without a session
    require_two_factor: bool = False  # clinicians and admins must set up a second factor

    @property
    def display_name(self) -> str:
        """How pages name the clinic when it has no name yet."""
        return self.name or "the clinic"


def _text(value: Any, limit: int, field: str, problems: list[InvalidValue]) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append(InvalidValue(field, "must be text"))
        return ""
    if field == "request_intro":  # paragraphs kept; browsers send CRLF line ends
        text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    else:
        text = " ".join(value.split())
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in text):
        problems.append(InvalidValue(field, "contains control characters"))
    if len(text) > limit:
        problems.append(InvalidValue(field, f"at most {limit} characters"))
    return text


def _quiet_days(value: Any, problems: list[InvalidValue]) -> int:
    low, high = QUIET_DAYS_RANGE
    try:
        days = int(str(value).strip()) if not isinstance(value, bool) else None
    except ValueError:
        days = None
    if days is None or not low <= days <= high:
        problems.append(InvalidValue("quiet_days", f"a whole number from {low} to {high}"))
        return DEFAULT_QUIET_DAYS
    return days


def _flag(value: Any, problems: list[InvalidValue]) -> bool:
    if isinstance(value, bool):
        return value
    word = value.strip().lower() if isinstance(value, str) else None
    if word in YES or word in NO:
        return word in YES
    problems.append(InvalidValue("require_two_factor", "answer yes or no"))
    return False


def settings_from(current: ClinicSettings, changes: Mapping[str, Any]) -> ClinicSettings:
    """The settings with ``changes`` applied, every value checked; InvalidInput lists every
    problem at once (unknown fields included) and nothing is applied."""
    known = {f.name for f in fields(ClinicSettings)}
    problems = [
        InvalidValue(str(name), "not a clinic setting") for name in changes if name not in known
    ]
    values: dict[str, Any] = {f.name: getattr(current, f.name) for f in fields(ClinicSettings)}
    limits = {"name": MAX_NAME, "contact": MAX_CONTACT, "request_intro": MAX_INTRO}
    for name, value in changes.items():
        if name in limits:
            values[name] = _text(value, limits[name], name, problems)
        elif name == "quiet_days":
            values[name] = _quiet_days(value, problems)
        elif name == "require_two_factor":
            values[name] = _flag(value, problems)
    if problems:
        raise InvalidInput(problems)
    return ClinicSettings(**values)


def changed_fields(before: ClinicSettings, after: ClinicSettings) -> list[str]:
    names = [f.name for f in fields(ClinicSettings)]
    return [name for name in names if getattr(before, name) != getattr(after, name)]
