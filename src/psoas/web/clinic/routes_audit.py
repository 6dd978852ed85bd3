"""The admin's audit log: a filtered page in pages of 100, the full CSV export (streamed) and
the JSON API, all taking the same filters (person, actor, action, from, to)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, StreamingResponse
from pydantic import BaseModel
from starlette.responses import Response

from psoas.domain.clinic.accounts import AuditEntry, Role, User
from psoas.domain.clinic.audit import AuditFilter
from psoas.domain.errors import InvalidInput, InvalidValue
from psoas.domain.records.people import Person
from psoas.export.csv import safe_text
from psoas.services.clinic import audit
from psoas.web.clinic.auth import staff
from psoas.web.deps import context_of
from psoas.web.templating import render

router = APIRouter(tags=["clinic admin"])
FILTER_FIELDS = ("person", "actor", "action", "from", "to")
CSV_FIELDS = ["at", "who", "action", "what", "person", "person_id", "detail"]
MAX_PAGE = 10_000_000


class AuditEntryOut(BaseModel):
    id: str
    at: str
    actor_id: str
    who: str
    action: str
    what: str
    person: str
    person_id: str
    detail: str


class AuditPageOut(BaseModel):
    total: int
    limit: int
    offset: int
    entries: list[AuditEntryOut]


class Names:
    """Labels for entries: account emails and people's names by id."""

    def __init__(self, users: Any, people: Any) -> None:
        self.users: list[User] = list(users)
        self.people: list[Person] = list(people)
        self._emails = {u.id: u.email for u in self.users}
        self._names = {p.id: p.display_name for p in self.people}

    def row(self, e: AuditEntry) -> dict[str, str]:
        return {
            "id": e.id,
            "at": e.at.isoformat(timespec="seconds"),
            "actor_id": e.actor_id or "",
            "who": self._emails.get(e.actor_id or "", e.actor_id or "-"),
            "action": e.action.value,
            "what": e.what,
            "person": self._names.get(e.person_id or "", e.person_id or ""),
            "person_id": e.person_id or "",
            "detail": e.detail,
        }


ROUTE_TEMPLATE = re.compile(r"/\S*\{\w+\}\S*")


def page_row(row: dict[str, str]) -> dict[str, str]:
    """A row for the page: an own-access entry names its route template ("page
    /session/{session_id}") and the concrete path in its detail; people read the path."""
    if row["detail"].startswith("/") and ROUTE_TEMPLATE.search(row["what"]):
        what = ROUTE_TEMPLATE.sub(lambda _: row["detail"].split(" ")[0], row["what"], count=1)
        return {**row, "what": what, "detail": ""}
    return row


def _raw_filter(params: Mapping[str, str]) -> dict[str, str]:
    return {name: (params.get(name) or "")[:100] for name in FILTER_FIELDS}


def _parse(raw: Mapping[str, str]) -> AuditFilter:
    return audit.audit_filter(
        person=raw["person"],
        actor=raw["actor"],
        action=raw["action"],
        since=raw["from"],
        until=raw["to"],
    )


def _whole_number(text: str, field: str, default: int, low: int, high: int) -> int:
    if not text.strip():
        return default
    try:
        value = int(text.strip())
    except ValueError:
        raise InvalidValue(field, "must be a whole number") from None
    if not low <= value <= high:
        raise InvalidValue(field, f"must be between {low} and {high}")
    return value


def _names(request: Request, admin: User) -> Names:
    return Names(*audit.audit_names(context_of(request), admin))


@router.get("/admin/audit", response_class=HTMLResponse, include_in_schema=False)
def audit_page(request: Request) -> Response:
    admin = staff(request, Role.ADMIN)
    raw = _raw_filter(request.query_params)
    names = _names(request, admin)
    context: dict[str, Any] = {"active": "audit", "chosen": raw, "names": names, "errors": {}}
    try:
        where = _parse(raw)
        number = _whole_number(request.query_params.get("page", ""), "page", 1, 1, MAX_PAGE)
    except (InvalidInput, InvalidValue) as exc:
        problems = exc.problems if isinstance(exc, InvalidInput) else (exc,)
        context["errors"] = {p.field: p.problem for p in problems}
        return render(request, "clinic/audit.html", context, 422)
    size = audit.PAGE_SIZE
    page = audit.audit_page(
        context_of(request), admin, where, limit=size, offset=(number - 1) * size
    )
    kept = {k: v for k, v in raw.items() if v}
    back = min(number - 1, max(1, -(-page.total // size)))  # past the end: back to the last page
    context.update(
        page=page,
        rows=[page_row(names.row(e)) for e in page.entries],
        previous=f"?{urlencode({**kept, 'page': back})}" if page.has_previous else "",
        next=f"?{urlencode({**kept, 'page': number + 1})}" if page.has_next else "",
        csv_link=f"/admin/audit.csv?{urlencode(kept)}" if kept else "/admin/audit.csv",
    )
    return render(request, "clinic/audit.html", context)


@router.get("/admin/audit.csv", include_in_schema=False)
def audit_csv(request: Request) -> Response:
    """Every matching entry (no cap), streamed in batches so memory stays flat."""
    admin = staff(request, Role.ADMIN)
    where = _parse(_raw_filter(request.query_params))
    names = _names(request, admin)
    entries = audit.audit_export(context_of(request), admin, where)
    headers = {
        "Content-Disposition": 'attachment; filename="psoas-audit.csv"',
        "Cache-Control": "no-store",
    }
    return StreamingResponse(
        _csv_chunks(entries, names), media_type="text/csv; charset=utf-8", headers=headers
    )


def _csv_chunks(entries: Iterator[AuditEntry], names: Names, rows: int = 1000) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for count, entry in enumerate(entries, start=1):
        writer.writerow({key: safe_text(value) for key, value in names.row(entry).items()})
        if count % rows == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


@router.get("/api/admin/audit", response_model=AuditPageOut)
def audit_json(
    request: Request,
    person: str = Query("", description="only entries about this person id"),
    actor: str = Query("", description="only entries by this account id"),
    action: str = Query("", description="viewed, changed or account"),
    since: str = Query("", alias="from", description="first day, YYYY-MM-DD (UTC)"),
    until: str = Query("", alias="to", description="last day, YYYY-MM-DD (UTC), included"),
    limit: str = Query("", description=f"entries per page, 1-{audit.MAX_LIMIT} (default 100)"),
    offset: str = Query("", description="entries to skip (default 0)"),
) -> dict[str, Any]:
    """The audit log, newest first: who viewed or changed whose records, and when; the total
    counts every entry matching the filters."""
    admin = staff(request, Role.ADMIN)
    raw = {"person": person, "actor": actor, "action": action, "from": since, "to": until}
    where = _parse({k: v[:100] for k, v in raw.items()})
    size = _whole_number(limit, "limit", audit.PAGE_SIZE, 1, audit.MAX_LIMIT)
    skip = _whole_number(offset, "offset", 0, 0, MAX_PAGE * audit.MAX_LIMIT)
    page = audit.audit_page(context_of(request), admin, where, limit=size, offset=skip)
    names = _names(request, admin)
    return {
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
        "entries": [names.row(e) for e in page.entries],
    }
