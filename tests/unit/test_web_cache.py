"""The web view cache: computes once per key, drops everything on clear, refreshes stale
entries in the background while serving the old value."""

from __future__ import annotations

import threading
import time

from psoas.web.cache import ViewCache


def test_computes_once_per_key_and_clear_forgets():
    cache = ViewCache(ttl=60)
    calls = []
    assert cache.get("a", lambda: calls.append(1) or "first") == "first"
    assert cache.get("a", lambda: calls.append(1) or "second") == "first"
    cache.clear()
    assert cache.get("a", lambda: "third") == "third"
    assert len(calls) == 1


def test_concurrent_misses_compute_once():
    cache = ViewCache(ttl=60)
    calls = []

    def slow() -> str:
        calls.append(1)
        time.sleep(0.05)
        return "value"

    threads = [threading.Thread(target=cache.get, args=("k", slow)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1


def test_a_stale_entry_is_served_while_it_refreshes():
    cache = ViewCache(ttl=0.0)
    cache.get("k", lambda: "old")
    done = threading.Event()

    def new() -> str:
        done.set()
        return "new"

    assert cache.get("k", new) == "old"
    assert done.wait(2)
    for _ in range(100):
        if cache.get("k", lambda: "newer") in ("new", "newer"):
            break
        time.sleep(0.01)
    else:
        raise AssertionError("the entry was never refreshed")


def test_a_value_computed_across_a_clear_is_not_stored():
    cache = ViewCache(ttl=60)

    def racing() -> str:
        cache.clear()  # data changed while this was being computed
        return "outdated"

    assert cache.get("k", racing) == "outdated"
    assert cache.get("k", lambda: "fresh") == "fresh"


def test_a_stale_entry_is_kept_while_the_data_fingerprint_has_not_moved(tmp_path):
    from psoas.config import get_settings
    from psoas.web.app import sqlite_fingerprint

    database = tmp_path / "psoas.db"
    database.write_bytes(b"x")
    fingerprint = sqlite_fingerprint(get_settings(database_url=f"sqlite:///{database}"))
    assert fingerprint is not None
    assert sqlite_fingerprint(get_settings(database_url="postgresql://u:p@h/d")) is None
    cache = ViewCache(ttl=0.0, fingerprint=fingerprint)
    cache.get("k", lambda: "old")
    calls: list[str] = []

    def new() -> str:
        calls.append("new")
        return "new"

    for _ in range(5):  # past its time-to-live, but nothing was written
        assert cache.get("k", new) == "old"
    assert calls == []
    (tmp_path / "psoas.db-wal").write_bytes(b"a commit by another program")
    for _ in range(100):
        if cache.get("k", new) == "new":
            break
        time.sleep(0.01)
    else:
        raise AssertionError("a changed database was never noticed")
