"""The clinician's pages: clients by who needs attention, one client's records, invites,
reset links and messages; and the client's own messages page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from psoas.domain.clinic.accounts import Role
from psoas.domain.errors import InvalidValue
from psoas.domain.serial import to_primitive
from psoas.services.clinic import clients as clinic
from psoas.services.clinic import invites
from psoas.services.clinic.caseload_list import CaseloadPage, caseload_page
from psoas.services.clinic.client_record import client_record
from psoas.web.clinic.auth import current_user, own_person_id, staff
from psoas.web.deps import context_of
from psoas.web.qr import qr_svg
from psoas.web.routes.progress import charts
from psoas.web.templating import render

router = APIRouter(tags=["clinic"])


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _status_row(s: Any) -> dict[str, Any]:
    return {
        "person_id": s.person_id,
        "display_name": s.display_name,
        "triage": s.triage.value if s.triage else None,
        "profile": s.profile,
        "adherence_percent": s.adherence.percent,
        "adherence": s.adherence.sentence,
        "pain_trend": s.pain.direction if s.pain else "not enough data",
        "last_activity": s.last_activity.isoformat() if s.last_activity else None,
        "reasons": list(s.reasons),
        "alerts": [{"kind": a.kind.value, "reason": a.reason} for a in s.alerts],
    }


def _paged(page: CaseloadPage) -> dict[str, Any]:
    """What the list's template shows of a page."""
    return {
        "summary": page.summary,
        "rows": page.rows,
        "page": page.page,
        "pages": page.pages,
        "first": page.first,
        "total": page.total,
    }


@router.get("/clients", response_class=HTMLResponse, include_in_schema=False)
def dashboard(request: Request, page: int = 1) -> Response:
    user = staff(request, Role.CLINICIAN)
    shown = caseload_page(context_of(request), user, page)
    return render(request, "clinic/dashboard.html", {"active": "clients", **_paged(shown)})


@router.get("/api/caseload")
def caseload_json(request: Request) -> dict[str, Any]:
    """The clinician's caseload at a glance: counts of clients by adherence band (last 2 weeks)
    and by pain trend, the median adherence, and how many need attention."""
    user = staff(request, Role.CLINICIAN)
    summary = caseload_page(context_of(request), user, rows=False).summary
    return {
        "clients": summary.clients,
        "needing_attention": summary.needing_attention,
        "urgent": summary.urgent,
        "median_adherence_percent": summary.median_adherence,
        "adherence": dict(summary.adherence),
        "pain": dict(summary.pain),
    }


@router.get("/api/clients")
def dashboard_json(request: Request, page: int | None = None) -> list[dict[str, Any]]:
    """The clinician's clients, most in need of attention first: all of them, or one page
    of 50 (``page`` from 1) as the client list shows them."""
    user = staff(request, Role.CLINICIAN)
    rows = caseload_page(context_of(request), user, page).rows
    return [_status_row(s) for s in rows]


@router.post("/clients/invite", include_in_schema=False)
def invite(request: Request, email: str = Form(""), display_name: str = Form("")) -> Response:
    user = staff(request, Role.CLINICIAN)
    ctx = context_of(request)
    try:
        issued = invites.invite_client(
            ctx, user, email=email[:320], display_name=display_name[:200]
        )
    except InvalidValue as exc:
        shown = caseload_page(ctx, user)
        context = {"active": "clients", "error": exc.message, **_paged(shown)}
        context["form"] = {"email": email[:320], "display_name": display_name[:200]}
        return render(request, "clinic/dashboard.html", context, status_code=422)
    link = f"{_base(request)}/invite/{issued.code}"
    emailed = invites.email_link(ctx, issued.user.email, "invite", link)
    context = {"active": "clients", "invited": issued, **_paged(caseload_page(ctx, user))}
    context["link"] = link
    context["qr"] = qr_svg(link, f"QR code of the invite link for {issued.person.display_name}")
    context["emailed"] = issued.user.email if emailed else ""
    return render(request, "clinic/dashboard.html", context)


def detail_context(request: Request, person_id: str) -> dict[str, Any]:
    user = staff(request, Role.CLINICIAN)
    ctx = context_of(request)
    r = client_record(ctx, user, person_id)
    return {
        "active": "clients",
        "r": r,
        "person": r.person,
        "account": r.account,
        "assessment": r.assessment,
        "plan": r.plan,
        "logs": r.logs,
        "measurements": r.recent_measurements,
        "s": r.progress,
        "charts": charts(r.progress, r.measurements),
        "hp": r.habits,
        "messages": r.messages,
        "pending": r.pending,
        "names": {e.id: e.name for e in ctx.catalogue},
        "today": r.today,
        "exercises": sorted(ctx.catalogue, key=lambda e: e.name),
    }


@router.get("/clients/{person_id}", response_class=HTMLResponse, include_in_schema=False)
def client_detail(request: Request, person_id: str) -> Response:
    return render(request, "clinic/client.html", detail_context(request, person_id))


@router.get("/api/clients/{person_id}")
def client_json(request: Request, person_id: str) -> dict[str, Any]:
    """One client's assessment, plan, recent logs and measurements and progress summary."""
    c = detail_context(request, person_id)
    return {
        "person": to_primitive(c["person"]),
        "assessment": to_primitive(c["assessment"]),
        "plan": to_primitive(c["plan"]),
        "logs": to_primitive(c["logs"]),
        "measurements": to_primitive(c["measurements"]),
        "progress": to_primitive(c["s"]),
        "alerts": [{"kind": a.kind.value, "reason": a.reason} for a in c["r"].alerts],
        "plan_items": to_primitive(c["r"].items),
        "plan_changes": to_primitive(c["r"].plan_changes),
        "visit_notes": to_primitive(c["r"].visit_notes),
        "red_flag_notes": to_primitive(c["r"].red_flag_notes),
    }


@router.post("/clients/{person_id}/reset", include_in_schema=False)
def client_reset(request: Request, person_id: str) -> Response:
    user = staff(request, Role.CLINICIAN)
    ctx = context_of(request)
    account = clinic.client_account(ctx, user, person_id)
    if account is None:
        raise InvalidValue("account", "this client has no account yet; send an invite instead")
    token = invites.issue_reset(ctx, user, account.id)
    context = detail_context(request, person_id)
    context["reset_link"] = f"{_base(request)}/reset/{token}"
    if invites.email_link(ctx, account.email, "reset", context["reset_link"]):
        context["emailed"] = account.email
    return render(request, "clinic/client.html", context)


@router.post("/clients/{person_id}/invite", include_in_schema=False)
def client_reinvite(request: Request, person_id: str) -> Response:
    """A fresh invite link for a client who has not set a password (earlier links stop)."""
    user = staff(request, Role.CLINICIAN)
    ctx = context_of(request)
    issued = invites.reissue_invite(ctx, user, person_id)
    link = f"{_base(request)}/invite/{issued.code}"
    context = detail_context(request, person_id)
    context["invite_link"] = link
    context["qr"] = qr_svg(link, f"QR code of the invite link for {issued.person.display_name}")
    if invites.email_link(ctx, issued.user.email, "invite", link):
        context["emailed"] = issued.user.email
    return render(request, "clinic/client.html", context)


@router.post("/api/clients/{person_id}/invite", status_code=201)
def client_reinvite_json(request: Request, person_id: str) -> dict[str, Any]:
    """Re-issue the invite link of a client who has not set a password yet."""
    user = staff(request, Role.CLINICIAN)
    ctx = context_of(request)
    issued = invites.reissue_invite(ctx, user, person_id)
    link = f"{_base(request)}/invite/{issued.code}"
    return {"link": link, "emailed": invites.email_link(ctx, issued.user.email, "invite", link)}


@router.post("/clients/{person_id}/approval", include_in_schema=False)
def client_approval(request: Request, person_id: str, required: str = Form("")) -> Response:
    user = staff(request, Role.CLINICIAN)
    clinic.set_review_approval(context_of(request), user, person_id, required == "yes")
    return RedirectResponse(f"/clients/{person_id}#settings", status_code=303)


@router.post("/clients/{person_id}/reviews/{review_id}/approve", include_in_schema=False)
def approve_review(request: Request, person_id: str, review_id: str) -> Response:
    user = staff(request, Role.CLINICIAN)
    clinic.approve_review(context_of(request), user, person_id, review_id[:64])
    return RedirectResponse(f"/clients/{person_id}#plan", status_code=303)


@router.post("/clients/{person_id}/messages", include_in_schema=False)
def clinician_message(request: Request, person_id: str, body: str = Form("")) -> Response:
    user = staff(request, Role.CLINICIAN)
    clinic.send_message(context_of(request), user, person_id, body[:4000])
    return RedirectResponse(f"/clients/{person_id}#messages", status_code=303)


@router.get("/messages", response_class=HTMLResponse, include_in_schema=False)
def client_messages(request: Request) -> Response:
    user = current_user(request)
    found = clinic.messages(context_of(request), user, own_person_id(request))
    context = {"active": "messages", "messages": found, "me": user.id}
    return render(request, "clinic/messages.html", context)


@router.post("/messages", include_in_schema=False)
def client_message(request: Request, body: str = Form("")) -> Response:
    user = current_user(request)
    clinic.send_message(context_of(request), user, own_person_id(request), body[:4000])
    return RedirectResponse("/messages", status_code=303)


@router.get("/api/messages")
def messages_json(request: Request) -> list[dict[str, Any]]:
    """The client's conversation with their clinician, oldest first."""
    user = current_user(request)
    return to_primitive(clinic.messages(context_of(request), user, own_person_id(request)))
