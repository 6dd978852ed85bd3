"""Routers: one module per page area, each with its page and its JSON twin under /api."""

from __future__ import annotations

from psoas.web.routes import (
    app_shell,
    assessment,
    breaks,
    exports,
    habits,
    home,
    library,
    meta,
    pairing,
    photo,
    plan,
    player,
    progress,
    records,
    reminders,
    retest,
    settings,
    timezone,
)

ROUTERS = (
    meta.router,
    app_shell.router,
    home.router,
    assessment.router,
    library.router,
    plan.router,
    player.router,
    retest.router,
    progress.router,
    records.router,
    photo.router,
    settings.router,
    pairing.router,
    reminders.router,
    timezone.router,
    breaks.router,
    habits.router,
    exports.router,
)
