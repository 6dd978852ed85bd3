"""Take people's data out, bring it back, and delete it: export, import and delete use cases.

The document itself (building and checking it) lives in ``data_document``; these functions
read and write it through the ports, each in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from psoas.ports import UnitOfWork
from psoas.services.context import Context
from psoas.services.data_document import (
    SECTIONS,
    PersonHistory,
    Progress,
    build_document,
    parse_document,
    record_key,
)
from psoas.services.people import EVERYTHING_DELETED


@dataclass
class ImportReport:
    """What an import did: records added, and records already present (left unchanged)."""

    people_added: int = 0
    people_present: int = 0
    added: dict[str, int] = field(default_factory=lambda: {s: 0 for s, _ in SECTIONS})
    present: dict[str, int] = field(default_factory=lambda: {s: 0 for s, _ in SECTIONS})

    @property
    def changed_anything(self) -> bool:
        return self.people_added > 0 or any(self.added.values())


def load_history(uow: UnitOfWork, person_id: str) -> PersonHistory:
    """Everything stored about one person (raises NotFound)."""
    return PersonHistory(
        person=uow.people.get(person_id),
        preferences=uow.preferences.get(person_id),
        assessments=tuple(uow.assessments.list(person_id)),
        plans=tuple(uow.plans.list(person_id)),
        reviews=tuple(uow.reviews.list(person_id)),
        session_logs=tuple(uow.logs.list(person_id)),
        measurements=tuple(uow.measurements.list(person_id)),
        break_events=tuple(uow.breaks.list(person_id)),
        habit_ticks=tuple(uow.habits.list(person_id)),
        reminders=uow.reminders.get(person_id),
    )


def export_data(
    ctx: Context, person_id: str | None = None, progress: Progress | None = None
) -> dict[str, Any]:
    """The export document for one person, or for everybody when ``person_id`` is None."""
    with ctx.uow() as uow:
        ids = [person_id] if person_id is not None else [p.id for p in uow.people.list()]
        histories = tuple(load_history(uow, i) for i in ids)
    return build_document(histories, ctx.clock.now(), progress)


def import_data(
    ctx: Context, document: Mapping[str, Any], progress: Progress | None = None
) -> ImportReport:
    """Check the whole document, then add every record not already stored, in one transaction.

    Ids are kept, so importing the same document twice adds nothing the second time. A record
    whose id is already used by another person stops the import and nothing is written.
    """
    histories = parse_document(
        document, now=ctx.clock.now(), progress=progress, questionnaire=ctx.questionnaire
    )
    report = ImportReport()
    total = sum(h.size for h in histories)
    done = 0
    with ctx.uow() as uow:
        for history in histories:
            _restore_person(uow, history, report)
            existing = _existing_ids(uow, history.person.id)
            for section, record in history.records():
                if record_key(record) in existing[section]:
                    report.present[section] += 1
                else:
                    _add(uow, section, record)
                    report.added[section] += 1
                done += 1
                if progress and (done % 100 == 0 or done == total):
                    progress("import", done, total)
    return report


def _restore_person(uow: UnitOfWork, history: PersonHistory, report: ImportReport) -> None:
    person_id = history.person.id
    if uow.people.find(person_id) is None:
        uow.people.add(history.person)
        report.people_added += 1
    else:
        report.people_present += 1
    if history.preferences is not None and uow.preferences.get(person_id) is None:
        uow.preferences.set(person_id, history.preferences)
    if history.reminders is not None and uow.reminders.get(person_id) is None:
        uow.reminders.set(person_id, history.reminders)


def _existing_ids(uow: UnitOfWork, person_id: str) -> dict[str, set[str]]:
    return {
        "assessments": {r.id for r in uow.assessments.list(person_id)},
        "plans": {r.id for r in uow.plans.list(person_id)},
        "reviews": {r.id for r in uow.reviews.list(person_id)},
        "session_logs": {r.id for r in uow.logs.list(person_id)},
        "measurements": {r.id for r in uow.measurements.list(person_id)},
        "break_events": {r.id for r in uow.breaks.list(person_id)},
        "habit_ticks": {record_key(r) for r in uow.habits.list(person_id)},
    }


def _add(uow: UnitOfWork, section: str, record: Any) -> None:
    if section == "assessments":
        uow.assessments.add(record)
    elif section == "plans":
        uow.plans.save(record)
    elif section == "reviews":
        uow.reviews.add(record)
    elif section == "session_logs":
        uow.logs.add(record)
    elif section == "measurements":
        uow.measurements.add(record)
    elif section == "break_events":
        uow.breaks.add(record)
    else:
        uow.habits.tick(record)


def record_counts(ctx: Context, person_id: str) -> dict[str, int]:
    """How many records of each kind the person has (raises NotFound)."""
    with ctx.uow() as uow:
        return load_history(uow, person_id).counts()


def delete_person_data(ctx: Context, person_id: str) -> dict[str, int]:
    """Remove the person and every record of theirs; returns what was removed."""
    with ctx.uow() as uow:
        counts = load_history(uow, person_id).counts()
        uow.people.delete(person_id)
        if not uow.people.list():
            uow.markers.set(EVERYTHING_DELETED, ctx.clock.now())
    if ctx.scrub is not None:
        ctx.scrub()
    return counts
