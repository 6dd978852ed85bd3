"""One transaction, and each record read once, for everything a page shows.

A page asks several use cases (today's session, the progress summary, the habits ...), each of
which opens its own unit of work and reads the person, the plans or the logs again. Inside
``with reading(ctx) as page_ctx:`` every use case called with ``page_ctx`` shares one unit of
work (one transaction, one consistent view of the records), and a read asked again is answered
from what this page already read:

- ``get``, ``find``, ``latest`` and ``list`` of any store are kept by their arguments;
- session logs and measurements are read once, in full, and every ``list`` with a ``since``,
  ``until`` or ``kind`` filters that one read as the query would (same records, same order);
- the latest plan is the last of the plan list when that was read already (both order by
  creation time, then id).

Anything else called on a store (a write such as stopping a plan on a new red flag) goes
straight through and forgets what was kept, so a later read sees the change. The transaction
is committed when the block ends, or rolled back if it raises. Only reading pages should use it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, time
from types import TracebackType
from typing import Any

from psoas.domain.records.measurements import MeasurementKind
from psoas.ports import UnitOfWork
from psoas.services.context import Context

READS = frozenset({"get", "find", "latest", "list"})


@contextmanager
def reading(ctx: Context) -> Iterator[Context]:
    """``ctx`` whose units of work are one shared transaction with its reads kept."""
    if isinstance(getattr(ctx.uow, "__self__", None), _Shared):  # already inside a reading
        yield ctx
        return
    with ctx.uow() as uow:
        shared = _Shared(uow)
        yield replace(ctx, uow=shared.borrow)


class _Shared:
    """The page's unit of work, handed to every ``with ctx.uow() as uow:`` in it."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self._kept: dict[tuple[Any, ...], Any] = {}
        self._stores: dict[str, _KeptStore] = {}

    def borrow(self) -> _Shared:
        return self

    def __enter__(self) -> _Shared:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None  # the reading's own block commits or rolls back

    def __getattr__(self, name: str) -> Any:
        store = self._stores.get(name)
        if store is None:
            store = self._stores[name] = _KeptStore(name, getattr(self._uow, name), self._kept)
        return store

    def forget(self) -> None:
        self._kept.clear()


class _KeptStore:
    def __init__(self, name: str, store: Any, kept: dict[tuple[Any, ...], Any]) -> None:
        self._name, self._store, self._kept = name, store, kept

    def __getattr__(self, method: str) -> Callable[..., Any]:
        found = getattr(self._store, method)
        if method not in READS:
            return self._writing(found)
        special = _SPECIAL.get((self._name, method))
        if special is not None:
            return lambda *args, **kwargs: special(self, *args, **kwargs)
        return lambda *args, **kwargs: self._once(
            (method, args, _sorted(kwargs)), found, args, kwargs
        )

    def _writing(self, call: Callable[..., Any]) -> Callable[..., Any]:
        def write(*args: Any, **kwargs: Any) -> Any:
            self._kept.clear()
            try:
                return call(*args, **kwargs)
            finally:
                self._kept.clear()

        return write

    def _once(
        self, key: tuple[Any, ...], call: Callable[..., Any], args: Any, kwargs: dict[str, Any]
    ) -> Any:
        full_key = (self._name, *key)
        if full_key not in self._kept:
            self._kept[full_key] = call(*args, **kwargs)
        found = self._kept[full_key]
        return list(found) if isinstance(found, list) else found  # callers may change a list

    def _all(self, person_id: str) -> list[Any]:
        return self._once(("list", (person_id,), ()), self._store.list, (person_id,), {})


def _sorted(kwargs: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted(kwargs.items()))


def _logs(
    kept: _KeptStore, person_id: str, since: date | None = None, until: date | None = None
) -> list[Any]:
    since, until = _day(since), _day(until)
    return [
        log
        for log in kept._all(person_id)
        if (since is None or log.session_date >= since)
        and (until is None or log.session_date <= until)
    ]


def _measurements(
    kept: _KeptStore,
    person_id: str,
    kind: MeasurementKind | None = None,
    since: date | None = None,
) -> list[Any]:
    start = _moment(since)
    return [
        m
        for m in kept._all(person_id)
        if (kind is None or m.kind == kind) and (start is None or m.taken_at >= start)
    ]


def _latest_plan(kept: _KeptStore, person_id: str) -> Any:
    if ("plans", "list", (person_id,), ()) in kept._kept:
        found = kept._all(person_id)
        return found[-1] if found else None
    return kept._once(("latest", (person_id,), ()), kept._store.latest, (person_id,), {})


def _day(value: date | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _moment(value: date | None) -> datetime | None:
    """A ``since`` as the query binds it: a date means its midnight in UTC."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        return datetime.combine(value, time.min, tzinfo=UTC)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


_SPECIAL: dict[tuple[str, str], Callable[..., Any]] = {
    ("logs", "list"): _logs,
    ("measurements", "list"): _measurements,
    ("plans", "latest"): _latest_plan,
}
