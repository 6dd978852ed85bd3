"""A small cache of gathered page data (home, progress), so reading pages stays fast with months
of history, and the gate that serialises writes and invalidates it.

Entries are keyed by what they depend on (e.g. the view, the person and today's date). Any
request that changes data through this app drops every entry before and after it runs, so a
person always sees their own changes at once. Changes made outside the app (the CLI on the same
database) show within ``ttl`` seconds: an older entry is still served once while a single
background thread recomputes it, so no reader waits for the refresh.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

DEFAULT_TTL_SECONDS = 30.0


class ViewCache:
    """``fingerprint`` (optional) is a cheap marker of the stored data, such as the SQLite
    file's size and time: an entry past its time-to-live is kept, not recomputed, while the
    marker has not moved since the entry was computed."""

    def __init__(
        self,
        ttl: float = DEFAULT_TTL_SECONDS,
        fingerprint: Callable[[], Hashable] | None = None,
        enabled: bool = True,
    ) -> None:
        self.ttl = ttl
        self.enabled = enabled  # off: every read computes (several processes share the data)
        self._fingerprint = fingerprint
        self._marks: dict[Hashable, Hashable] = {}
        self._entries: dict[Hashable, tuple[float, int, Any]] = {}
        self._key_locks: dict[Hashable, threading.Lock] = {}
        self._refreshing: set[Hashable] = set()
        self._lock = threading.Lock()
        self._generation = 0

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached value for ``key``, computing it (once, however many ask) when missing."""
        if not self.enabled:
            return compute()
        with self._lock:
            entry = self._entries.get(key)
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        if entry is not None:
            stamp, generation, value = entry
            if time.monotonic() - stamp > self.ttl:
                if self._unchanged(key):
                    with self._lock:
                        if self._entries.get(key) is entry:
                            self._entries[key] = (time.monotonic(), generation, value)
                else:
                    self._refresh_in_background(key, compute)
            return value
        with key_lock:  # one computation per key; the others wait for its result
            with self._lock:
                entry = self._entries.get(key)
            if entry is not None:
                return entry[2]
            return self._compute(key, compute)

    def clear(self) -> None:
        """Forget everything (data changed); computations already running are not stored."""
        with self._lock:
            self._entries.clear()
            self._generation += 1

    def _unchanged(self, key: Hashable) -> bool:
        if self._fingerprint is None:
            return False
        with self._lock:
            mark = self._marks.get(key)
        return mark is not None and mark == self._fingerprint()

    def _compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._lock:
            generation = self._generation
        mark = self._fingerprint() if self._fingerprint is not None else None  # before reading
        value = compute()
        with self._lock:
            if generation == self._generation:
                self._entries[key] = (time.monotonic(), generation, value)
                self._marks[key] = mark
        return value

    def _refresh_in_background(self, key: Hashable, compute: Callable[[], Any]) -> None:
        with self._lock:
            if key in self._refreshing:
                return
            self._refreshing.add(key)

        def run() -> None:
            try:
                self._compute(key, compute)
            except Exception:  # the next reader recomputes and sees the error itself
                with self._lock:
                    self._entries.pop(key, None)
            finally:
                with self._lock:
                    self._refreshing.discard(key)

        threading.Thread(target=run, daemon=True, name="psoas-view-refresh").start()


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
LOCK_HELD = "psoas.write_lock_held"


class WriteLock:
    """The app's one-writer-at-a-time lock: one asyncio.Lock per event loop (a server has one;
    test clients may start several). Shared by the WriteGate and anything else that writes
    during a reading request (clinic mode's audit entries for a client's own views)."""

    def __init__(self) -> None:
        self._locks: dict[asyncio.AbstractEventLoop, asyncio.Lock] = {}

    def __call__(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        return self._locks.setdefault(loop, asyncio.Lock())


class WriteGate:
    """ASGI middleware: requests that change data run one at a time and drop cached views.

    One writer at a time suits SQLite (a single writer per file): concurrent writes queue here
    instead of timing out on the database lock, and readers are never blocked.

    ``reads_write``: reading requests write too (clinic mode, where every look at a person's
    records adds an audit entry). On SQLite they then take the lock as well, without dropping
    cached views: a transaction that reads and then writes fails at once ("database is
    locked") when another commit lands in between, and the busy timeout cannot help it.
    Static files never wait. While a request holds the lock, ``scope[LOCK_HELD]`` is True.
    """

    def __init__(
        self,
        app: ASGIApp,
        cache: ViewCache,
        lock: WriteLock | None = None,
        reads_write: bool = False,
    ) -> None:
        self.app = app
        self.cache = cache
        self._lock = lock or WriteLock()
        self._reads_write = reads_write

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return
        if scope["method"] in SAFE_METHODS:
            if not self._reads_write:
                await self.app(scope, receive, send)
                return
            async with self._lock():
                scope[LOCK_HELD] = True
                await self.app(scope, receive, send)
            return
        async with self._lock():
            scope[LOCK_HELD] = True
            self.cache.clear()
            try:
                await self.app(scope, receive, send)
            finally:
                self.cache.clear()
