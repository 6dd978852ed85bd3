"""Desktop notifications through desktop-notifier (Linux, macOS, Windows), a terminal fallback.

desktop-notifier speaks each platform's own notification service (the freedesktop D-Bus
service on Linux, the Notification Center on macOS, WinRT toasts on Windows), with buttons
where the platform has them. Where no notification service answers psoas says why, prints the
reminder in the terminal and carries on; it never crashes.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TextIO

DISPATCH_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class Delivery:
    shown: bool  # True when a desktop notification was shown
    how: str  # "desktop" or "terminal"
    note: str = ""  # why the desktop route was not used, in plain words
    action: str | None = None  # the button the person pressed, when the desktop reported one


def _session_bus() -> bool:
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return True
    uid = os.getuid() if hasattr(os, "getuid") else -1
    return Path(f"/run/user/{uid}/bus").exists()


def desktop_available() -> tuple[bool, str]:
    """Whether a desktop notification can be tried here, with the reason if not."""
    try:
        import desktop_notifier  # noqa: F401
    except ImportError:
        return False, "the desktop-notifier package is not installed"
    if sys.platform not in ("darwin", "win32") and not _session_bus():
        return False, "no desktop session was found (no D-Bus session bus)"
    return True, ""


def _icon():  # type: ignore[no-untyped-def]
    from desktop_notifier import Icon

    return Icon(path=Path(str(resources.files("psoas.web") / "static" / "icon.svg")))


async def _show(
    title: str, body: str, actions: Mapping[str, str], wait_seconds: float
) -> str | None:
    """Show one notification; with buttons, wait (at most ``wait_seconds``) for the answer."""
    from desktop_notifier import Button, DesktopNotifier

    library_log = logging.getLogger("desktop_notifier")  # its failures reach the person as a
    library_log.propagate = False  # one-line reason below, not as a logged traceback
    if not library_log.handlers:
        library_log.addHandler(logging.NullHandler())

    loop = asyncio.get_running_loop()
    answer: asyncio.Future[str | None] = loop.create_future()
    dispatched: asyncio.Future[bool] = loop.create_future()

    def choose(key: str | None):  # type: ignore[no-untyped-def]
        def chosen() -> None:
            if not answer.done():
                answer.set_result(key)

        return chosen

    notifier = DesktopNotifier(app_name="psoas", app_icon=_icon())
    buttons = [Button(title=label, on_pressed=choose(key)) for key, label in actions.items()]
    await notifier.send(
        title,
        body,
        buttons=buttons,
        on_dispatched=lambda: dispatched.done() or dispatched.set_result(True),
        on_dismissed=choose(None),
        on_clicked=choose(None),
        timeout=int(wait_seconds) if actions else -1,
    )
    await asyncio.wait_for(dispatched, DISPATCH_SECONDS)  # TimeoutError: nothing was shown
    if not actions:
        return None
    try:
        return await asyncio.wait_for(answer, wait_seconds)
    except TimeoutError:
        return None


class Notifier:
    """Shows a notification on the desktop, or prints it to ``fallback`` when it cannot."""

    def __init__(self, fallback: TextIO, *, timeout_seconds: float = 120.0) -> None:
        self.fallback = fallback
        self.timeout_seconds = timeout_seconds

    def notify(self, title: str, body: str, actions: dict[str, str] | None = None) -> Delivery:
        ok, why = desktop_available()
        if ok:
            try:
                chosen = asyncio.run(_show(title, body, actions or {}, self.timeout_seconds))
            except TimeoutError:
                why = "the notification service did not answer"
            except Exception as exc:  # any failure of the desktop route falls back, with why
                why = f"the notification service failed ({type(exc).__name__})"
            else:
                return Delivery(True, "desktop", action=chosen)
        self.fallback.write(f"\a\n== {title} ==\n{body}\n")
        self.fallback.flush()
        return Delivery(False, "terminal", why)
