"""The export document: everything about one or more people as one versioned JSON value.

Pure building and checking of the document dict (no I/O), shared by the CLI and the web. The
format is described in docs/data-format.md. ``parse_document`` checks the whole document and
raises before anything could be written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from psoas.domain.errors import InvalidInput, InvalidValue
from psoas.domain.habits.breaks import BreakEvent, BreakSettings
from psoas.domain.habits.checklist import HabitTick
from psoas.domain.planning.plans import Plan, PlanReview
from psoas.domain.records.measurements import Measurement
from psoas.domain.records.people import Person, Preferences
from psoas.domain.records.session_logs import SessionLog
from psoas.domain.records.validation import (
    MAX_LABEL_LENGTH,
    id_problems,
    log_value_problems,
    measurement_problems,
)
from psoas.domain.screening.assessment import Assessment
from psoas.domain.screening.questions import Questionnaire
from psoas.domain.serial import from_primitive, to_primitive
from psoas.services.import_checks import answer_problems, plan_reference_problems, raw_problems

FORMAT = "psoas-export"
FORMAT_VERSION = 1
MAX_REPORTED_PROBLEMS = 20

# (section name in the document, domain type), in the order records are written on import
SECTIONS: tuple[tuple[str, type], ...] = (
    ("assessments", Assessment),
    ("plans", Plan),
    ("reviews", PlanReview),
    ("session_logs", SessionLog),
    ("measurements", Measurement),
    ("break_events", BreakEvent),
    ("habit_ticks", HabitTick),
)

Progress = Callable[[str, int, int], None]  # (stage, records done, records in all)


class _AnyExercise:
    """An import keeps history that names exercises this catalogue may no longer hold."""

    def __contains__(self, _item: object) -> bool:
        return True


@dataclass(frozen=True)
class PersonHistory:
    person: Person
    preferences: Preferences | None
    assessments: tuple[Assessment, ...] = ()
    plans: tuple[Plan, ...] = ()
    reviews: tuple[PlanReview, ...] = ()
    session_logs: tuple[SessionLog, ...] = ()
    measurements: tuple[Measurement, ...] = ()
    break_events: tuple[BreakEvent, ...] = ()
    habit_ticks: tuple[HabitTick, ...] = ()
    reminders: BreakSettings | None = None

    def records(self) -> Iterator[tuple[str, Any]]:
        """(section, record) for every record of every section, in writing order."""
        for section, _cls in SECTIONS:
            for record in getattr(self, section):
                yield section, record

    def counts(self) -> dict[str, int]:
        return {section: len(getattr(self, section)) for section, _cls in SECTIONS}

    @property
    def size(self) -> int:
        return sum(self.counts().values())


def build_document(
    histories: tuple[PersonHistory, ...], exported_at: datetime, progress: Progress | None = None
) -> dict[str, Any]:
    """The export document for ``histories``."""
    total = sum(h.size for h in histories)
    done = 0
    people = []
    for history in histories:
        entry: dict[str, Any] = {
            "person": to_primitive(history.person),
            "preferences": to_primitive(history.preferences),
            "reminders": to_primitive(history.reminders),
        }
        for section, _cls in SECTIONS:
            records = getattr(history, section)
            entry[section] = [to_primitive(r) for r in records]
            done += len(records)
            if progress:
                progress("export", done, total)
        people.append(entry)
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": exported_at.isoformat(),
        "people": people,
    }


def parse_document(
    document: Any,
    *,
    now: datetime,
    progress: Progress | None = None,
    questionnaire: Questionnaire | None = None,
) -> tuple[PersonHistory, ...]:
    """Check the whole document; raises InvalidValue/InvalidInput naming each problem. With
    ``questionnaire``, assessment answers must fit today's questions."""
    raw = raw_problems(document)
    if raw:  # refused before any record is built from it
        raise InvalidInput(raw) if len(raw) > 1 else raw[0]
    people = _check_header(document)
    problems: list[InvalidValue] = []
    total = sum(_section_sizes(entry) for entry in people)
    seen: dict[str, set[str]] = {"people": set()} | {s: set() for s, _ in SECTIONS}
    histories = []
    done = 0
    for i, entry in enumerate(people):
        history = _parse_person(entry, f"people[{i}]", now, seen, problems, questionnaire)
        if history is not None:
            histories.append(history)
        done += _section_sizes(entry)
        if progress:
            progress("check", done, total)
    if problems:
        shown = problems[:MAX_REPORTED_PROBLEMS]
        if len(problems) > len(shown):
            shown.append(InvalidValue("file", f"and {len(problems) - len(shown)} more problems"))
        raise InvalidInput(shown) if len(shown) > 1 else shown[0]
    return tuple(histories)


def _check_header(document: Any) -> list[Any]:
    if not isinstance(document, Mapping) or document.get("format") != FORMAT:
        raise InvalidValue("format", f"this is not a psoas export (expected format '{FORMAT}')")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InvalidValue("version", "must be a whole number from 1")
    if version > FORMAT_VERSION:
        raise InvalidValue(
            "version",
            f"the file is format version {version}, from a newer psoas; this one reads "
            f"version {FORMAT_VERSION}. Upgrade psoas to import it.",
        )
    people = document.get("people")
    if not isinstance(people, list):
        raise InvalidValue("people", "must be a list")
    return people


def _section_sizes(entry: Any) -> int:
    if not isinstance(entry, Mapping):
        return 0
    return sum(len(v) for s, _ in SECTIONS if isinstance(v := entry.get(s, []), list))


def _parse_person(
    entry: Any,
    path: str,
    now: datetime,
    seen: dict[str, set[str]],
    problems: list[InvalidValue],
    questionnaire: Questionnaire | None = None,
) -> PersonHistory | None:
    if not isinstance(entry, Mapping):
        problems.append(InvalidValue(path, "expected a mapping"))
        return None
    person = _convert(Person, entry.get("person"), f"{path}.person", problems)
    prefs_data = entry.get("preferences")
    prefs = None
    if prefs_data is not None:
        prefs = _convert(Preferences, prefs_data, f"{path}.preferences", problems)
    reminders_data = entry.get("reminders")
    reminders = None
    if reminders_data is not None:
        reminders = _convert(BreakSettings, reminders_data, f"{path}.reminders", problems)
    if person is None:
        return None
    problems += _prefixed(f"{path}.person", _person_problems(person, seen["people"]))
    for name, settings in (("preferences", prefs), ("reminders", reminders)):
        problems += _prefixed(f"{path}.{name}", _settings_problems(settings))
    sections: dict[str, tuple[Any, ...]] = {}
    logs: list[tuple[str, SessionLog]] = []
    for section, cls in SECTIONS:
        raw = entry.get(section, [])
        if not isinstance(raw, list):
            problems.append(InvalidValue(f"{path}.{section}", "must be a list"))
            continue
        records = []
        for j, data in enumerate(raw):
            where = f"{path}.{section}[{j}]"
            record = _convert(cls, data, where, problems)
            if record is None:
                continue
            found = _record_problems(record, person.id, now, seen[section])
            if isinstance(record, Assessment):
                found += answer_problems(record, questionnaire)
            if isinstance(record, SessionLog):
                logs.append((where, record))
            problems += _prefixed(where, found)
            records.append(record)
        sections[section] = tuple(records)
    problems += plan_reference_problems(logs, sections.get("plans", ()))
    return PersonHistory(person=person, preferences=prefs, reminders=reminders, **sections)


def _convert(cls: type, data: Any, path: str, problems: list[InvalidValue]) -> Any:
    try:
        return from_primitive(cls, data, path)
    except InvalidValue as exc:
        problems.append(exc)
    except (TypeError, ValueError) as exc:
        problems.append(InvalidValue(path, str(exc)))
    except RecursionError:
        problems.append(InvalidValue(path, "nests too deeply"))
    return None


def _settings_problems(settings: Preferences | BreakSettings | None) -> list[InvalidValue]:
    if settings is None:
        return []
    try:
        settings.validate()
    except InvalidInput as exc:
        return list(exc.problems)
    except InvalidValue as exc:
        return [exc]
    return []


def _person_problems(person: Person, seen: set[str]) -> list[InvalidValue]:
    problems = id_problems(person.id) + _duplicate(person.id, seen)
    if not 1 <= len(person.display_name) <= MAX_LABEL_LENGTH:
        problems.append(InvalidValue("display_name", f"must be 1-{MAX_LABEL_LENGTH} characters"))
    return problems


def record_key(record: Any) -> str:
    """The stable identity of a record: its id, or for a habit tick its day and habit."""
    if isinstance(record, HabitTick):
        return f"{record.day.isoformat()}:{record.habit_id}"
    return record.id


def _record_problems(record: Any, person_id: str, now: datetime, seen: set[str]) -> list[Any]:
    problems = _duplicate(record_key(record), seen)
    if record.person_id != person_id:
        problems.append(InvalidValue("person_id", f"must be the person's id '{person_id}'"))
    if isinstance(record, SessionLog):
        problems += log_value_problems(record, now=now, known_exercises=_AnyExercise())
    elif isinstance(record, Measurement):
        problems += measurement_problems(record, now=now)
    elif isinstance(record, HabitTick):
        problems += id_problems(record.habit_id, "habit_id")
    else:
        problems += id_problems(record.id)
    return problems


def _duplicate(record_id: str, seen: set[str]) -> list[InvalidValue]:
    if record_id in seen:
        return [InvalidValue("id", f"'{record_id}' appears more than once")]
    seen.add(record_id)
    return []


def _prefixed(path: str, problems: list[InvalidValue]) -> list[InvalidValue]:
    return [InvalidValue(f"{path}.{p.field}", p.problem) for p in problems]
