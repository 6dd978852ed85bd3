"""The answers of an assessment in progress, one row per person, shared by every process.

Answers are plain JSON values except dates and times, stored tagged so they come back as the
same Python values the questionnaire's coercion made."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import delete, insert, select

from psoas.storage import tables as t
from psoas.storage.repositories import _Repository

DATE, TIME = "$date", "$time"


class SqlDraftStore(_Repository):
    def get(self, person_id: str) -> dict[str, Any]:
        c = t.assessment_drafts.c
        data = self.conn.execute(select(c.data).where(c.person_id == person_id)).scalar()
        return {k: _decode(v) for k, v in (data or {}).items()}

    def put(self, person_id: str, answers: dict[str, Any], at: datetime) -> None:
        self._require_person(person_id)
        self.drop(person_id)
        row = {"person_id": person_id, "updated_at": at}
        row["data"] = {k: _encode(v) for k, v in answers.items()}
        self.conn.execute(insert(t.assessment_drafts), [row])

    def drop(self, person_id: str) -> None:
        c = t.assessment_drafts.c
        self.conn.execute(delete(t.assessment_drafts).where(c.person_id == person_id))


def _encode(value: Any) -> Any:
    if isinstance(value, date):
        return {DATE: value.isoformat()}
    if isinstance(value, time):
        return {TIME: value.isoformat()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and DATE in value:
        return date.fromisoformat(value[DATE])
    if isinstance(value, dict) and TIME in value:
        return time.fromisoformat(value[TIME])
    return value
