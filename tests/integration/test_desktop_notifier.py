# ruff: noqa: F722, F821  (D-Bus signatures are written as annotations)
"""The real Notifier (desktop-notifier) over a real, private D-Bus session bus.

The only stand-in is the desktop's notification service: a small freedesktop
``org.freedesktop.Notifications`` server on that bus that records each notification and
presses a chosen button (as a person would), so the whole route psoas -> desktop-notifier ->
D-Bus -> service -> button -> psoas is exercised.
"""

import asyncio
import io
import shutil
import subprocess
import threading
from collections.abc import Iterator

import pytest
from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, dbus_signal, method
from tests.conftest import need_service

from psoas.notify import Notifier


@pytest.fixture(autouse=True)
def _needs_dbus() -> None:
    need_service(shutil.which("dbus-daemon") is not None, "dbus-daemon")


class FakeDesktop(ServiceInterface):
    """Records Notify calls; presses ``press`` (an action key) on every notification."""

    def __init__(self, press: str | None) -> None:
        super().__init__("org.freedesktop.Notifications")
        self.press = press
        self.shown: list[tuple[str, str, list[str]]] = []

    @method()
    def GetCapabilities(self) -> "as":
        return ["actions", "body"]

    @method()
    def GetServerInformation(self) -> "ssss":
        return ["test-desktop", "psoas", "1", "1.2"]

    @method()
    def CloseNotification(self, nid: "u"):
        return None

    @method()
    def Notify(
        self,
        app: "s",
        replaces: "u",
        icon: "s",
        summary: "s",
        body: "s",
        actions: "as",
        hints: "a{sv}",
        timeout: "i",
    ) -> "u":
        nid = len(self.shown) + 1
        self.shown.append((summary, body, list(actions)))
        labels = dict(zip(actions[1::2], actions[0::2], strict=True))  # label -> identifier
        wanted = {"taken": "Done", "snooze": "Snooze", "skip": "Skip"}.get(self.press or "")
        if wanted in labels:
            asyncio.get_running_loop().call_later(0.2, self.ActionInvoked, nid, labels[wanted])
        return nid

    @dbus_signal()
    def ActionInvoked(self, nid: "u", key: "s") -> "us":
        return [nid, key]


@pytest.fixture
def session_bus(monkeypatch) -> Iterator[str]:
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    address = daemon.stdout.readline().strip()  # type: ignore[union-attr]
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    yield address
    daemon.terminate()
    daemon.wait(timeout=10)


def serve(address: str, desktop: FakeDesktop) -> threading.Event:
    ready, stop = threading.Event(), threading.Event()

    async def run() -> None:
        bus = await MessageBus(bus_address=address).connect()
        bus.export("/org/freedesktop/Notifications", desktop)
        await bus.request_name("org.freedesktop.Notifications")
        ready.set()
        while not stop.is_set():
            await asyncio.sleep(0.05)
        bus.disconnect()

    threading.Thread(target=asyncio.run, args=(run(),), daemon=True).start()
    assert ready.wait(10)
    return stop


@pytest.mark.parametrize("press", ["taken", "snooze", "skip"])
def test_a_break_notification_is_shown_and_its_button_comes_back(session_bus, press):
    desktop = FakeDesktop(press)
    stop = serve(session_bus, desktop)
    try:
        out = io.StringIO()
        actions = {"taken": "Done", "snooze": "Snooze", "skip": "Skip"}
        delivery = Notifier(out, timeout_seconds=10).notify("Sitting break", "March", actions)
    finally:
        stop.set()
    assert (delivery.shown, delivery.how, delivery.action) == (True, "desktop", press)
    ((summary, body, sent),) = desktop.shown
    assert (summary, body) == ("Sitting break", "March")
    assert [label for label in sent[1::2] if label] == ["Done", "Snooze", "Skip"]
    assert out.getvalue() == ""  # nothing in the terminal when the desktop showed it


def test_no_answer_within_the_wait_is_no_action(session_bus):
    desktop = FakeDesktop(None)
    stop = serve(session_bus, desktop)
    try:
        delivery = Notifier(io.StringIO(), timeout_seconds=1).notify(
            "Sitting break", "March", {"taken": "Done"}
        )
    finally:
        stop.set()
    assert delivery.shown and delivery.action is None and len(desktop.shown) == 1


def test_a_bus_without_a_notification_service_falls_back_to_the_terminal(session_bus):
    out = io.StringIO()
    delivery = Notifier(out).notify("Today's psoas session", "Your session is ready.")
    assert (delivery.shown, delivery.how) == (False, "terminal")
    assert "did not answer" in delivery.note or "failed" in delivery.note
    assert "== Today's psoas session ==" in out.getvalue()
