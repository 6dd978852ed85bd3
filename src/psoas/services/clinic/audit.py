"""The audit log beyond single entries: a client's own access, and the admin's filtered,
paged reading and full export of the log."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta

from psoas.domain.clinic.accounts import AuditAction, AuditEntry, Role, User
from psoas.domain.clinic.audit import AuditFilter, AuditPage
from psoas.domain.errors import InvalidInput, InvalidValue, NotAllowed
from psoas.domain.records.people import Person
from psoas.services.clinic.accounts import record
from psoas.services.context import Context

PAGE_SIZE = 100
MAX_LIMIT = 1000
EXPORT_BATCH = 1000
MAX_ID = 64


def record_own_access(
    ctx: Context, user: User, action: AuditAction, what: str, detail: str = ""
) -> None:
    """One entry for a client reading (VIEWED) or changing (CHANGED) their own records.

    Its own short transaction holding a single insert: on SQLite it waits for the write lock
    (busy timeout) instead of failing the way a read that turns into a write can.
    """
    if user.role is not Role.CLIENT or user.person_id is None:
        raise NotAllowed("Only a client's own records are audited this way.")
    if action is AuditAction.ACCOUNT:
        raise InvalidValue("action", "own access is either viewed or changed")
    with ctx.uow() as uow:
        record(uow, ctx, user, action, what[:200], user.person_id, detail)


def audit_filter(
    *, person: str = "", actor: str = "", action: str = "", since: str = "", until: str = ""
) -> AuditFilter:
    """A filter from the admin's query values; every bad value is named (InvalidInput).

    ``since`` and ``until`` are dates (YYYY-MM-DD, UTC) and both days are included.
    """
    problems: list[InvalidValue] = []
    chosen_action = None
    if action.strip():
        try:
            chosen_action = AuditAction(action.strip().lower())
        except ValueError:
            choices = ", ".join(a.value for a in AuditAction)
            problems.append(InvalidValue("action", f"must be one of {choices}"))
    first = _day(since, "from", problems)
    last = _day(until, "to", problems)
    if first and last and last < first:
        problems.append(InvalidValue("to", "must be on or after the from date"))
    for field, value in (("person", person), ("actor", actor)):
        if len(value.strip()) > MAX_ID:
            problems.append(InvalidValue(field, f"an id has at most {MAX_ID} characters"))
    if problems:
        raise InvalidInput(problems)
    return AuditFilter(
        person_id=person.strip() or None,
        actor_id=actor.strip() or None,
        action=chosen_action,
        since=_midnight(first) if first else None,
        until=_midnight(last + timedelta(days=1)) if last and last < date.max else None,
    )


def _day(text: str, field: str, problems: list[InvalidValue]) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        problems.append(InvalidValue(field, "must be a date written YYYY-MM-DD, e.g. 2026-11-21"))
        return None


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _admin_only(actor: User) -> None:
    if actor.role is not Role.ADMIN:
        raise NotAllowed("Only an admin can read the audit log.")


def audit_page(
    ctx: Context, admin: User, where: AuditFilter, *, limit: int = PAGE_SIZE, offset: int = 0
) -> AuditPage:
    """One page of the entries matching ``where``, newest first, and how many match."""
    _admin_only(admin)
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidValue("limit", f"must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise InvalidValue("offset", "must be 0 or more")
    with ctx.uow() as uow:
        total = uow.audit.count(where)
        entries = tuple(uow.audit.find(where, limit, offset)) if offset < total else ()
    return AuditPage(entries, total, limit, offset)


def audit_export(
    ctx: Context, admin: User, where: AuditFilter, *, batch: int = EXPORT_BATCH
) -> Iterator[AuditEntry]:
    """Every matching entry, newest first, read ``batch`` at a time (each batch in its own
    short transaction), so a long log streams with flat memory and holds no lock for long.

    The admin check happens now, not when the first entry is asked for.
    """
    _admin_only(admin)
    return _batches(ctx, where, batch)


def _batches(ctx: Context, where: AuditFilter, batch: int) -> Iterator[AuditEntry]:
    last: AuditEntry | None = None
    while True:
        with ctx.uow() as uow:
            found = uow.audit.find(where, batch, older_than=last)
        yield from found
        if len(found) < batch:
            return
        last = found[-1]


def audit_names(ctx: Context, admin: User) -> tuple[Sequence[User], Sequence[Person]]:
    """The accounts and people the admin can filter by (and whose names label the entries)."""
    _admin_only(admin)
    with ctx.uow() as uow:
        return uow.users.list(), uow.people.list()
