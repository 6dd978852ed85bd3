"""Spoken cues through espeak-ng, if it is installed; otherwise one note and silence.

Speech runs in a child process (``subprocess.Popen``) so the timers never wait for it; a cue
that is still being spoken when the next one comes is cut short. Any failure turns speech off
with a note instead of stopping the session.
"""

from __future__ import annotations

import shutil
import subprocess

ENGINE = "espeak-ng"


class Speaker:
    def __init__(self, enabled: bool, engine: str = ENGINE) -> None:
        self.path = shutil.which(engine) if enabled else None
        self.note = ""
        if enabled and self.path is None:
            self.note = (
                f"Voice is off: the offline speech engine '{engine}' is not installed "
                f"(on Debian or Ubuntu: sudo apt install {engine}). The session runs silently."
            )
        self._process: subprocess.Popen[bytes] | None = None
        self.spoken: list[str] = []

    @property
    def active(self) -> bool:
        return self.path is not None

    def say(self, text: str) -> None:
        if not self.active or not text:
            return
        self.spoken.append(text)
        self.stop()
        try:
            self._process = subprocess.Popen(
                [str(self.path), "-s", "150", text],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError as exc:
            self.path = None
            self.note = f"Voice is off: {ENGINE} could not start ({exc.strerror or exc})."

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=1)
            except subprocess.TimeoutExpired:
                self._process.kill()
        self._process = None
