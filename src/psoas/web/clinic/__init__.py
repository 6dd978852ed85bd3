"""Clinic mode's web layer: accounts, the clinician's and admin's pages, treatment requests.

``install(app)`` is called by the app factory only in clinic mode; personal mode never sees
these routes, nor the audit of a client's own access (``own_access``).
"""

from __future__ import annotations

from fastapi import FastAPI

from psoas.web.clinic.auth import install_auth_handlers


def install(app: FastAPI) -> None:
    from psoas.web.clinic import (
        routes_admin,
        routes_audit,
        routes_auth,
        routes_builder,
        routes_builder_api,
        routes_client_exports,
        routes_client_notices,
        routes_clients,
        routes_clinical,
        routes_prescribe,
        routes_recovery,
        routes_requests,
        routes_settings,
    )
    from psoas.web.clinic.own_access import OwnAccessAudit

    install_auth_handlers(app)
    modules = (
        routes_auth,
        routes_admin,
        routes_audit,
        routes_clients,
        routes_client_exports,
        routes_prescribe,
        routes_builder,
        routes_builder_api,
        routes_client_notices,
        routes_clinical,
        routes_recovery,
        routes_requests,
        routes_settings,
    )
    for module in modules:
        app.include_router(module.router)
    app.add_middleware(OwnAccessAudit, context=app.state.context, write_lock=app.state.write_lock)
