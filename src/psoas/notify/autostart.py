"""User-level autostart entries for the break reminders: a systemd user unit or an XDG file."""

from __future__ import annotations

import os
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

UNIT_NAME = "psoas-breaks.service"
DESKTOP_NAME = "psoas-breaks.desktop"


@dataclass(frozen=True, slots=True)
class AutostartEntry:
    kind: str  # "systemd" or "autostart"
    path: Path
    text: str
    hint: str  # what to run afterwards


def config_home() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")


def command_line() -> str:
    """How to start the reminders with this very installation of psoas."""
    return f"{shlex.quote(sys.executable)} -m psoas breaks run --background"


def entry(kind: str) -> AutostartEntry:
    """The entry for ``kind``; raises ValueError for an unknown kind."""
    command = command_line()
    if kind == "systemd":
        text = (
            "[Unit]\nDescription=psoas sitting-break reminders\nAfter=graphical-session.target\n\n"
            f"[Service]\nType=simple\nExecStart={command}\nRestart=on-failure\nRestartSec=60\n\n"
            "[Install]\nWantedBy=default.target\n"
        )
        path = config_home() / "systemd" / "user" / UNIT_NAME
        hint = f"systemctl --user daemon-reload && systemctl --user enable --now {UNIT_NAME}"
        return AutostartEntry(kind, path, text, hint)
    if kind == "autostart":
        text = (
            "[Desktop Entry]\nType=Application\nName=psoas break reminders\n"
            "Comment=Reminds you to stand up and move during working hours\n"
            f"Exec={command}\nX-GNOME-Autostart-enabled=true\nNoDisplay=true\n"
        )
        path = config_home() / "autostart" / DESKTOP_NAME
        return AutostartEntry(kind, path, text, "It starts the next time you log in.")
    raise ValueError(f"unknown autostart kind '{kind}'; use systemd or autostart")


def install(kind: str) -> AutostartEntry:
    e = entry(kind)
    e.path.parent.mkdir(parents=True, exist_ok=True)
    e.path.write_text(e.text, encoding="utf-8")
    return e


def uninstall() -> list[Path]:
    """Remove whichever entries exist; returns the paths removed."""
    removed = []
    for kind in ("systemd", "autostart"):
        path = entry(kind).path
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed
