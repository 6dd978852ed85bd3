"""The clinician's attention list, a page at a time, from each client's kept row while it is
still true and from the records for the others.

A kept row is true while the client's version (which the database moves on every write to
the client's records, in the same transaction) is the one it was computed from, and it was
computed for the same day, clinic settings and rules. So a clinic of a thousand clients reads
a thousand small rows and decodes one page of them; only clients whose records changed since
the last look (or everyone, on the first look of a day) are computed again, in a few bounded
queries for all of them at once. Nothing is kept in a process: every worker sees every write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from psoas import __version__
from psoas.domain.clinic.accounts import AuditAction, User
from psoas.domain.clinic.caseload import (
    Caseload,
    ClientStatus,
    StatusDigest,
    by_attention,
    caseload_of,
    digest,
)
from psoas.ports import UnitOfWork
from psoas.services.clinic.accounts import record
from psoas.services.clinic.caseload_view import status_of
from psoas.services.context import Context

PAGE_SIZE = 50  # clients per page of the list, most in need of attention first


@dataclass(frozen=True, slots=True)
class CaseloadPage:
    rows: list[ClientStatus]  # the page's clients in order (every client when not paged)
    summary: Caseload  # counted over every client
    page: int
    pages: int
    first: int  # the place of the page's first client, from 1
    total: int


def caseload_page(
    ctx: Context, clinician: User, page: int | None = 1, *, rows: bool = True
) -> CaseloadPage:
    """One page of the clinician's clients by need (pages past the end show the last; None:
    every client), with the caseload's counts, and one audit entry for the list. Without
    ``rows``, only the counts (the page's rows are left empty)."""
    today = ctx.clock.today()
    with ctx.uow() as uow:
        quiet_days = uow.clinic_settings.get().quiet_days
        made_for = _made_for(ctx, today, quiet_days)
        computed = _computed_again(uow, clinician, today, quiet_days, made_for)
        ordered = by_attention(computed[1] + [digest(s) for s in computed[0].values()])
        pages = max(1, -(-len(ordered) // PAGE_SIZE))
        number = 1 if page is None else min(max(1, page), pages)
        first = (number - 1) * PAGE_SIZE
        shown = ordered if page is None else ordered[first : first + PAGE_SIZE]
        shown = shown if rows else []
        found = dict(computed[0])
        missing = [d.person_id for d in shown if d.person_id not in found]
        found.update(uow.caseload_rows.statuses(missing))
        record(uow, ctx, clinician, AuditAction.VIEWED, "client list", detail=f"{len(ordered)}")
    rows = [found[d.person_id] for d in shown if d.person_id in found]
    pages = 1 if page is None else pages
    return CaseloadPage(rows, caseload_of(ordered), number, pages, first + 1, len(ordered))


def _computed_again(
    uow: UnitOfWork, clinician: User, today: date, quiet_days: int, made_for: str
) -> tuple[dict[str, ClientStatus], list[StatusDigest]]:
    """The statuses of clients whose kept row is missing or no longer true (kept again), and
    the digests of the others."""
    kept = uow.caseload_rows.kept(clinician.id, made_for)
    if not kept.stale:
        return {}, kept.fresh
    only = kept.stale.keys() if kept.fresh else None  # everyone: no list of ids to send
    facts = uow.caseload.facts(clinician.id, today, only)
    statuses = {f.person_id: status_of(f, today, quiet_days) for f in facts}
    fresh = [(s, v) for pid, s in statuses.items() if (v := kept.stale.get(pid)) is not None]
    uow.caseload_rows.keep(fresh, made_for)
    return statuses, [d for d in kept.fresh if d.person_id not in statuses]


def _made_for(ctx: Context, today: date, quiet_days: int) -> str:
    """What a kept row assumes besides the records: the day, the clinic's settings, and the
    rules and code that computed it."""
    rules = ctx.rules.version if ctx.rules is not None else "-"
    return f"{today.isoformat()} quiet {quiet_days} rules {rules} psoas {__version__}"
