"""Home: today's session with its time and any review change, streak, pain trend, re-test date,
and a clear banner when a red flag, a referral or a stop is active."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel
from starlette.responses import Response

from psoas.domain.clinic.alerts import pain_now_advice
from psoas.domain.planning.plans import Plan, PlannedSession
from psoas.domain.screening.assessment import Assessment, Triage
from psoas.domain.screening.headline import Care, headline
from psoas.domain.serial import to_primitive
from psoas.services import habits, pages, plan_changes
from psoas.services.pages import Today
from psoas.services.reading import reading
from psoas.web.charts import pain_chart
from psoas.web.deps import cached, context_of, person_id
from psoas.web.referral import urgent_referral
from psoas.web.schemas import model_for
from psoas.web.templating import render
from psoas.web.thumbs import thumbnails

router = APIRouter(tags=["home"])
PlannedSessionOut = model_for(PlannedSession)
PAIN_VALUES = {str(n) for n in range(11)}


def _banners(a: Assessment | None, plan: Plan | None) -> list[dict[str, str]]:
    banners = []
    referral = urgent_referral(a)
    if referral is not None:
        banners.append(
            {
                "level": "danger",
                "title": referral.title,
                "text": referral.text,
                "link": "/assessment/result",
                "link_text": "Your result",
            }
        )
    elif a is not None and a.result.triage is Triage.SEE_CLINICIAN and not a.allows_plan:
        banners.append(
            {
                "level": "danger" if headline(a.result).care is Care.MIDWIFE_TODAY else "warn",
                "title": headline(a.result).title,
                "text": "Confirm on the result page once a clinician has cleared you.",
                "link": "/assessment/result",
            }
        )
    if plan is not None and plan.stopped_reason and referral is None:  # one message, not two
        banners.append(
            {
                "level": "danger",
                "title": "Your plan is stopped",
                "text": plan.stopped_reason,
                "link": "/plan",
            }
        )
    return banners


def gather(request: Request) -> Today:
    """Today's data, through the view cache (writes through the app drop it)."""
    ctx = context_of(request)
    pid = person_id(request)
    return cached(request, "today", lambda: _gather(ctx, pid))


def _gather(ctx: Any, pid: str) -> Today:
    today = pages.today_view(ctx, pid)
    today.banners = _banners(today.assessment, today.plan)
    return today


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home_page(request: Request, saved: str = "") -> Response:
    ctx, pid = context_of(request), person_id(request)
    today, habit_progress = cached(request, "home", lambda: _today_and_habits(ctx, pid))
    context = {
        "active": "home",
        "t": today,
        "chart": cached(request, "home-chart", lambda: pain_chart(today.summary.pain, small=True)),
        "saved": saved[:20],
        "morning_advice": _morning_advice(request) if saved == "morning" else "",
        "names": ctx.catalogue.names(),
        "thumbs": thumbnails(ctx.catalogue, _exercise_ids(today.sessions)),
        "habits": habit_progress,
        "plan_changes": plan_changes.unseen_by_client(ctx, pid),
        "urgent": urgent_referral(today.assessment) is not None,
        "keep_offline": True,  # the worker keeps Today and the next days' sessions
    }
    return render(request, "home.html", context)


def _today_and_habits(ctx: Any, pid: str) -> tuple[Today, habits.HabitProgress]:
    """Today's data and the habits, read in one transaction. It opens its own: the view cache
    may run it again later on a thread of its own (a refresh), after this request has ended."""
    with reading(ctx) as page:
        return _gather(page, pid), habits.habit_progress(page, pid, page.clock.today())


def _morning_advice(request: Request) -> str:
    """What to do after a high next-morning pain, from the answer's redirect (pain, told)."""
    pain = request.query_params.get("pain", "")
    told = request.query_params.get("told") == "1"
    if pain not in PAIN_VALUES:
        return ""
    return pain_now_advice(int(pain), when="this morning", clinic_told=told)


def _exercise_ids(todays: tuple[PlannedSession, ...]) -> set[str]:
    return {p.exercise_id for s in todays for p in s.prescriptions}


class TodayOut(BaseModel):
    day: date
    triage: str | None
    plan_id: str | None
    sessions: list[PlannedSessionOut]  # type: ignore[valid-type]
    estimated_seconds: int
    changes: list[dict[str, str]]
    next_session: PlannedSessionOut | None  # type: ignore[valid-type]
    next_retest: date | None
    streak: int
    best_streak: int
    pain_trend: str
    next_morning_log_id: str | None
    banners: list[dict[str, str]]
    reasons: list[str]


@router.get("/api/today", response_model=TodayOut)
def today_json(request: Request) -> Any:
    """Today's planned session(s), streak, pain trend, re-test date and any active banner."""
    t = gather(request)
    return {
        "day": t.day,
        "triage": t.assessment.result.triage.value if t.assessment else None,
        "plan_id": t.plan.id if t.plan else None,
        "sessions": [to_primitive(s) for s in t.sessions],
        "estimated_seconds": sum(s.estimated_seconds for s in t.sessions),
        "changes": t.changes,
        "next_session": to_primitive(t.next_session) if t.next_session else None,
        "next_retest": t.next_retest,
        "streak": t.summary.streak.current,
        "best_streak": t.summary.streak.best,
        "pain_trend": t.summary.pain.sentence,
        "next_morning_log_id": t.next_morning.id if t.next_morning else None,
        "banners": t.banners,
        "reasons": t.reasons,
    }
