"""Key input for the guided session, behind a small interface so tests can script it.

``TerminalKeys`` reads single key presses without waiting for Enter (termios cbreak mode plus
``select`` with a timeout) when stdin is a terminal; when it is not (a pipe, a file, a test
runner) it reads whole lines instead and takes the first character of each as the key.
"""

from __future__ import annotations

import os
import select
import sys
from types import TracebackType
from typing import Protocol, Self, TextIO


class KeySource(Protocol):
    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def read(self, timeout: float) -> str | None:
        """One key pressed within ``timeout`` seconds ('space' for the space bar), else None."""
        ...

    def ask(self, prompt: str) -> str | None:
        """A line of text typed after ``prompt``; None at the end of input."""
        ...


class TerminalKeys:
    """Keys from stdin: cbreak mode on a terminal, line by line otherwise."""

    def __init__(self, stream: TextIO | None = None, out: TextIO | None = None) -> None:
        self.stream = stream or sys.stdin
        self.out = out or sys.stdout
        self.is_tty = _isatty(self.stream)
        self._saved: list | None = None
        self._ended = False
        self._pending = b""  # bytes read from a pipe but not yet used (whole lines are keys)

    def __enter__(self) -> Self:
        if self.is_tty:
            import termios
            import tty

            fd = self.stream.fileno()
            self._saved = termios.tcgetattr(fd)
            tty.setcbreak(fd)
        return self

    def __exit__(self, *exc: object) -> None:
        self._restore()

    def _restore(self) -> None:
        if self._saved is not None:
            import termios

            termios.tcsetattr(self.stream.fileno(), termios.TCSADRAIN, self._saved)
            self._saved = None

    def read(self, timeout: float) -> str | None:
        if self._ended:
            return None
        if b"\n" not in self._pending and not _ready(self.stream, timeout):
            return None
        if self.is_tty:
            char = os.read(self.stream.fileno(), 1).decode("utf-8", "ignore")
        else:
            line = self._line()
            if line is None:
                return None
            char = line[:1] or " "
        return "space" if char == " " else char.lower() or None

    def _line(self) -> str | None:
        """The next line of piped input, read through our own buffer so select stays honest."""
        try:
            fd = self.stream.fileno()
        except (AttributeError, OSError, ValueError):
            line = self.stream.readline()
            self._ended = line == ""
            return None if self._ended else line.rstrip("\n")
        while b"\n" not in self._pending:
            chunk = os.read(fd, 4096)
            if not chunk:
                self._ended = not self._pending
                line, self._pending = self._pending, b""
                return None if self._ended else line.decode("utf-8", "ignore")
            self._pending += chunk
        line, _, self._pending = self._pending.partition(b"\n")
        return line.decode("utf-8", "ignore")

    def ask(self, prompt: str) -> str | None:
        """Cooked mode for a moment so the person can type and edit a line."""
        if self.is_tty:
            import termios
            import tty

            fd = self.stream.fileno()
            saved, self._saved = self._saved, None
            if saved is not None:
                termios.tcsetattr(fd, termios.TCSADRAIN, saved)
            try:
                self.out.write(prompt)
                self.out.flush()
                line = self.stream.readline()
            finally:
                if saved is not None:
                    self._saved = saved
                    tty.setcbreak(fd)
        else:
            self.out.write(prompt)
            self.out.flush()
            piped = self._line()
            if piped is None:
                return None
            self.out.write(piped + "\n")
            return piped.strip()
        if line == "":
            self._ended = True
            return None
        return line.strip()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _ready(stream: TextIO, timeout: float) -> bool:
    try:
        readable, _, _ = select.select([stream], [], [], max(0.0, timeout))
    except (OSError, ValueError, TypeError):
        return True  # not selectable (e.g. an in-memory stream): just read it
    return bool(readable)
