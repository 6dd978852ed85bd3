"""Decoded records kept by their stored content, so a record read again is not rebuilt.

Turning a stored row into its frozen domain object (JSON decoding plus the converter) is most of
the cost of reading: a year of history is a few hundred session logs and a dozen plans of 90 KB
of JSON each, read again by every page. An entry is kept by its record's class and id together
with the row's full stored content (its columns and the JSON text of its ``data``) and is used
only while the row read now is equal to that content, so it can never be out of date: a changed
row is decoded afresh, whoever changed it (this process, the CLI, another server). The
objects are frozen dataclasses, safe to share. The least recently used entries go first once
the kept JSON passes ``max_chars``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Any

DEFAULT_MAX_CHARS = 16_000_000  # of stored JSON text; the objects take a few times more memory


class DecodedRecords:
    def __init__(self, max_chars: int = DEFAULT_MAX_CHARS) -> None:
        self.max_chars = max_chars
        self._entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._chars = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, size: int, decode: Callable[[], Any]) -> Any:
        """The object stored under ``key``, decoding (outside the lock) when it is new."""
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found[0]
        value = decode()
        with self._lock:
            if key not in self._entries:
                self._entries[key] = (value, size)
                self._chars += size
                while self._chars > self.max_chars and self._entries:
                    _, (_, dropped) = self._entries.popitem(last=False)
                    self._chars -= dropped
        return value

    def checked(self, key: Hashable, content: Any, size: int, decode: Callable[[], Any]) -> Any:
        """The object kept under ``key`` (a record's class and id) while its stored ``content``
        (the whole row as read) is equal to the content it was decoded from; otherwise the
        newly decoded one, which replaces it. Comparing the content for equality costs far
        less than hashing it as part of the key (a plan is 90 KB of JSON)."""
        with self._lock:
            found = self._entries.get(key)
            if found is not None and found[0][0] == content:
                self._entries.move_to_end(key)
                return found[0][1]
        value = decode()
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._chars -= old[1]
            self._entries[key] = ((content, value), size)
            self._chars += size
            while self._chars > self.max_chars and self._entries:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._chars -= dropped
        return value

    def resize(self, max_chars: int) -> None:
        """A new bound (PSOAS_RECORD_CACHE_MB); the least recently used go until it holds."""
        with self._lock:
            self.max_chars = max_chars
            while self._chars > self.max_chars and self._entries:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._chars -= dropped

    def checked_rows(
        self, cls: type, index: int, rows: Sequence[tuple[Any, ...]], decode: Callable[[Any], Any]
    ) -> list[Any]:
        """``checked`` for every row of one read, kept by ``(cls, row[index])`` with the whole
        row as its content (its last value the JSON text): the kept ones are looked up under
        one hold of the lock, and only the others are decoded (``decode(row)``)."""
        found: list[Any] = []
        new: list[int] = []
        with self._lock:
            entries = self._entries
            for position, row in enumerate(rows):
                key = (cls, row[index])
                kept = entries.get(key)
                if kept is not None and kept[0][0] == row:
                    entries.move_to_end(key)
                    found.append(kept[0][1])
                else:
                    found.append(None)
                    new.append(position)
        for position in new:
            row = rows[position]
            found[position] = self.checked(
                (cls, row[index]), row, len(row[-1]), lambda row=row: decode(row)
            )
        return found

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._chars = 0

    def __len__(self) -> int:
        return len(self._entries)


DECODED = DecodedRecords()
