"""The FastAPI app factory: pages, their JSON twins under /api, static files and security."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from psoas.config import Settings, get_settings
from psoas.web.body_limit import BodyLimitMiddleware
from psoas.web.cache import ViewCache, WriteGate, WriteLock
from psoas.web.errors import install_error_handlers
from psoas.web.host_check import HostCheckMiddleware, allowed_hosts
from psoas.web.phone_gate import PhoneGateMiddleware
from psoas.web.security import SecurityMiddleware, load_secret, verify_csrf
from psoas.web.text_guard import refuse_nul_characters

DESCRIPTION = (
    "The psoas web app and its JSON API. Every page has a JSON twin under /api. "
    "Requests that change data need the X-CSRF-Token header (GET /api/csrf gives the token "
    "and sets its cookie). Errors come back as {status, message, problems}."
)


def clinic_dependencies(settings: Settings, context: Any) -> list[Any]:
    """Clinic mode: every route but the public ones needs a logged-in account."""
    if settings.mode != "clinic" and getattr(context, "mode", "personal") != "clinic":
        return []
    from psoas.web.clinic.auth import require_account

    return [Depends(require_account)]


def sqlite_fingerprint(settings: Settings) -> Callable[[], Hashable] | None:
    """Size and modification time of the SQLite file and its write-ahead log: any commit, by
    this app or by the CLI, changes them. None for a server database (the cache then relies on
    its time-to-live)."""
    url = settings.resolved_database_url()
    if not url.startswith("sqlite:///"):
        return None
    database = Path(url.removeprefix("sqlite:///"))
    files = (database, database.with_name(database.name + "-wal"))

    def fingerprint() -> Hashable:
        marks = []
        for path in files:
            try:
                found = path.stat()
            except OSError:
                marks.append(None)
                continue
            marks.append((found.st_size, found.st_mtime_ns))
        return tuple(marks)

    return fingerprint


def create_app(settings: Settings | None = None, context: Any = None) -> FastAPI:
    """Build the app. Tests inject a ready ``context``; otherwise bootstrap builds one."""
    from psoas.web.routes import ROUTERS

    settings = settings or get_settings()
    if context is None:
        from psoas.bootstrap import build_context

        context = build_context(settings)
    app = FastAPI(
        title="psoas",
        version="1",
        description=DESCRIPTION,
        dependencies=[
            Depends(verify_csrf),
            *clinic_dependencies(settings, context),
            Depends(refuse_nul_characters),
        ],
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.context = context
    app.state.settings = settings
    # Clinic mode keeps no cached views: another worker (or machine) may change the data, and
    # a person must never see data older than their own last write, whichever process answers.
    clinic_views = bool(clinic_dependencies(settings, context))
    app.state.view_cache = ViewCache(
        fingerprint=sqlite_fingerprint(settings), enabled=not clinic_views
    )

    app.state.write_lock = WriteLock()
    clinic_on_sqlite = bool(clinic_dependencies(settings, context)) and (
        settings.resolved_database_url().startswith("sqlite")
    )
    app.add_middleware(
        WriteGate,
        cache=app.state.view_cache,
        lock=app.state.write_lock,
        reads_write=clinic_on_sqlite,  # clinic views write audit entries
    )
    clinic_mode = bool(clinic_dependencies(settings, context))
    app.add_middleware(
        SecurityMiddleware,
        secret=load_secret(settings.data_dir),
        secure_cookie=clinic_mode and settings.secure_cookies,
    )
    app.add_middleware(BodyLimitMiddleware)
    mode = "clinic" if clinic_mode else "personal"
    phone = [] if clinic_mode else settings.phone_address_list()
    if phone:
        app.add_middleware(PhoneGateMiddleware, context=context)
    app.state.phone_addresses = phone
    app.add_middleware(
        HostCheckMiddleware, allowed=allowed_hosts(mode, settings.allowed_host_names(), phone)
    )
    static = resources.files("psoas.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    if clinic_dependencies(settings, context):
        from psoas.web import clinic

        clinic.install(app)
    return app
