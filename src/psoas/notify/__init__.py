"""Desktop notifications: notify-send where a notification service runs, a terminal fallback.

Where no notification system exists psoas says so clearly and carries on; it never crashes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from typing import TextIO


@dataclass(frozen=True, slots=True)
class Delivery:
    shown: bool  # True when a desktop notification was shown
    how: str  # "desktop" or "terminal"
    note: str = ""  # why the desktop route was not used, in plain words
    action: str | None = None  # the button the person pressed, when the desktop reported one


def desktop_available() -> tuple[bool, str]:
    """Whether notify-send can reach a notification service, with the reason if not."""
    if shutil.which("notify-send") is None:
        return False, "notify-send is not installed (Debian/Ubuntu: apt-get install libnotify-bin)"
    if not (os.environ.get("DBUS_SESSION_BUS_ADDRESS") or os.environ.get("DISPLAY")):
        return False, "no desktop session was found (no DBUS_SESSION_BUS_ADDRESS or DISPLAY)"
    return True, ""


class Notifier:
    """Shows a notification on the desktop, or prints it to ``fallback`` when it cannot."""

    def __init__(self, fallback: TextIO, *, timeout_seconds: float = 120.0) -> None:
        self.fallback = fallback
        self.timeout_seconds = timeout_seconds

    def notify(self, title: str, body: str, actions: dict[str, str] | None = None) -> Delivery:
        ok, why = desktop_available()
        if ok:
            delivered = self._desktop(title, body, actions or {})
            if delivered is not None:
                return delivered
            why = "the notification service did not answer"
        self.fallback.write(f"\a\n== {title} ==\n{body}\n")
        self.fallback.flush()
        return Delivery(False, "terminal", why)

    def _desktop(self, title: str, body: str, actions: dict[str, str]) -> Delivery | None:
        command = ["notify-send", "--app-name=psoas", "--urgency=normal", title, body]
        if actions:
            command[1:1] = [
                "--wait",
                *(f"--action={key}={label}" for key, label in actions.items()),
            ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=self.timeout_seconds, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
        if done.returncode != 0:
            return None
        chosen = done.stdout.strip() or None
        return Delivery(True, "desktop", action=chosen)
