"""The clinician's attention list, a page at a time, from each client's kept row while it is
still true and from the records for the others.

A kept row is true while the client's version (which the database moves on every write to
the client's records, in the same transaction) is the one it was computed from, and it was
computed for the same day, clinic settings and rules. Only clients whose records changed since
the last look (or everyone, on the first look of a day) are computed again, in a few bounded
queries for all of them at once, and kept; then the database counts the kept rows and orders
and cuts one page of them, so a look reads the same few rows whether the clinician has a
hundred clients or a thousand. Nothing is kept in a process: every worker sees every write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from psoas import __version__
from psoas.domain.clinic.accounts import AuditAction, User
from psoas.domain.clinic.caseload import (
    Caseload,
    ClientStatus,
    by_attention,
    caseload_counted,
    caseload_of,
    count_key,
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
        shown = _from_kept_rows(uow, clinician, today, quiet_days, made_for, page, rows)
        if shown is None:  # a row could not be kept (its client deleted meanwhile, a lock)
            shown = _computed(uow, clinician, today, quiet_days, page, rows)
        record(uow, ctx, clinician, AuditAction.VIEWED, "client list", detail=f"{shown.total}")
    return shown


def _from_kept_rows(
    uow: UnitOfWork,
    clinician: User,
    today: date,
    quiet_days: int,
    made_for: str,
    page: int | None,
    rows: bool,
) -> CaseloadPage | None:
    """The page from the kept rows, once the clients whose rows are out of use are computed
    again and kept; the database counts, orders and cuts. None if a row could not be kept."""
    keeper = uow.caseload_rows
    stale, groups = keeper.scan(clinician.id, made_for)
    if stale:
        clients = len(stale) + sum(n for _, n in groups)
        only = stale.keys() if len(stale) < clients else None  # everyone: no list of ids
        facts = uow.caseload.facts(clinician.id, today, only)
        fresh = [(status_of(f, today, quiet_days), stale.get(f.person_id)) for f in facts]
        kept = [(status, version) for status, version in fresh if version is not None]
        if len(kept) < len(stale) or not keeper.keep(kept, made_for):
            return None
        groups += [(count_key(digest(status)), 1) for status, _ in kept]
    summary = caseload_counted(groups)
    number, pages, first = _place(summary.clients, page)
    size = None if page is None else PAGE_SIZE
    shown = keeper.page(clinician.id, made_for, first, size) if rows else []
    return CaseloadPage(shown, summary, number, pages, first + 1, summary.clients)


def _computed(
    uow: UnitOfWork, clinician: User, today: date, quiet_days: int, page: int | None, rows: bool
) -> CaseloadPage:
    """The page with every client computed from the records (nothing kept)."""
    facts = uow.caseload.facts(clinician.id, today)
    ordered = by_attention([status_of(f, today, quiet_days) for f in facts])
    number, pages, first = _place(len(ordered), page)
    shown = ordered if page is None else ordered[first : first + PAGE_SIZE]
    summary = caseload_of([digest(s) for s in ordered])
    return CaseloadPage(shown if rows else [], summary, number, pages, first + 1, len(ordered))


def _place(clients: int, page: int | None) -> tuple[int, int, int]:
    """The page's number (past the end: the last), how many pages, and the place of its first
    client (from 0); one page of everyone when not paged."""
    if page is None:
        return 1, 1, 0
    pages = max(1, -(-clients // PAGE_SIZE))
    number = min(max(1, page), pages)
    return number, pages, (number - 1) * PAGE_SIZE


def _made_for(ctx: Context, today: date, quiet_days: int) -> str:
    """What a kept row assumes besides the records: the day, the clinic's settings, and the
    rules and code that computed it."""
    rules = ctx.rules.version if ctx.rules is not None else "-"
    return f"{today.isoformat()} quiet {quiet_days} rules {rules} psoas {__version__}"
