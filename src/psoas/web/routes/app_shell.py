"""The installable app: the web app manifest, the service worker and the list of pages it
keeps for offline use (today's and the next few days' sessions).

The manifest and the worker are public in clinic mode (browsers fetch the manifest without
cookies); the manifest carries the clinic's name there. The worker's version is a hash of the
static files, so a new release replaces the cached app shell.
"""

from __future__ import annotations

import functools
import hashlib
import json
from datetime import timedelta
from importlib import resources
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel
from starlette.responses import Response

from psoas.domain.planning.plans import SessionKind
from psoas.services import plans
from psoas.web.deps import context_of, person_id
from psoas.web.templating import render

router = APIRouter(tags=["installable app"])
THEME = "#1b6b58"
BACKGROUND = "#f7f8f6"
OFFLINE_DAYS = 4  # today and the next three days
SHELL = (
    "/static/app.css",
    "/static/breaks.css",
    "/static/app.js",
    "/static/breaktimer.js",
    "/static/zone.js",
    "/static/offline.js",
    "/static/player.js",
    "/static/player_stage.js",
    "/static/player_local.js",
    "/static/self_test.js",
    "/static/icon.svg",
    "/static/icons/icon-any-192.png",
    "/offline",
)
ICONS = (
    ("/static/icons/icon-any-192.png", "192x192", "image/png", "any"),
    ("/static/icons/icon-any-512.png", "512x512", "image/png", "any"),
    ("/static/icons/icon-maskable-192.png", "192x192", "image/png", "maskable"),
    ("/static/icons/icon-maskable-512.png", "512x512", "image/png", "maskable"),
    ("/static/icons/icon-any.svg", "any", "image/svg+xml", "any"),
)


def app_name(request: Request) -> str:
    """psoas, or in clinic mode the clinic's own name (when it set one)."""
    clinic = getattr(request.state, "clinic", None)
    name = getattr(clinic, "name", "") if clinic is not None else ""
    return name.strip() or "psoas"


@router.get("/manifest.webmanifest", include_in_schema=False)
def manifest(request: Request) -> Response:
    name = app_name(request)
    body = {
        "name": name,
        "short_name": name if len(name) <= 12 else name[:12].rstrip(),
        "description": "Your daily psoas and hip-flexor sessions, with the timer and pictures.",
        "id": "/",
        "start_url": "/?source=app",
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "theme_color": THEME,
        "background_color": BACKGROUND,
        "icons": [
            {"src": src, "sizes": sizes, "type": kind, "purpose": purpose}
            for src, sizes, kind, purpose in ICONS
        ],
    }
    return Response(
        json.dumps(body, indent=1),
        media_type="application/manifest+json",
        headers={"Cache-Control": "no-cache"},
    )


@functools.cache
def _worker_source() -> str:
    static = resources.files("psoas.web") / "static"
    digest = hashlib.sha256()
    for path in sorted(static.iterdir(), key=lambda p: p.name):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    source = (static / "sw.js").read_text(encoding="utf-8")
    return source.replace('"__VERSION__"', json.dumps(digest.hexdigest()[:12])).replace(
        '"__SHELL__"', json.dumps(list(SHELL))
    )


@router.get("/sw.js", include_in_schema=False)
def service_worker() -> Response:
    return Response(
        _worker_source(),
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


@router.get("/offline", response_class=HTMLResponse, include_in_schema=False)
def offline_page(request: Request) -> Response:
    """What an uncached page shows without a connection (kept by the worker)."""
    return render(request, "offline.html", {"active": ""})


class OfflinePagesOut(BaseModel):
    pages: list[str]


@router.get("/api/offline/pages", response_model=OfflinePagesOut)
def offline_pages(request: Request) -> Any:
    """The pages to keep on this device: Today, habits, and the sessions of the next days."""
    ctx = context_of(request)
    today = ctx.clock.today()
    plan = plans.current_plan(ctx, person_id(request))
    pages = ["/", "/habits"]
    if plan is not None and not plan.stopped_reason:
        for offset in range(OFFLINE_DAYS):
            for session in plan.on(today + timedelta(days=offset)):
                if session.kind is not SessionKind.REST:
                    pages.append(f"/session/{session.id}")
    return {"pages": pages}
