"""Routers: one module per page area, each with its page and its JSON twin under /api."""

from __future__ import annotations

from psoas.web.routes import (
    assessment,
    exports,
    home,
    library,
    meta,
    plan,
    player,
    progress,
    records,
    settings,
)

ROUTERS = (
    meta.router,
    home.router,
    assessment.router,
    library.router,
    plan.router,
    player.router,
    progress.router,
    records.router,
    settings.router,
    exports.router,
)
