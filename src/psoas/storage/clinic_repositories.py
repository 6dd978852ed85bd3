"""The clinic's settings (one row for the whole server) and recent failed log-ins."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from psoas.domain.clinic.accounts import LoginFailure
from psoas.domain.clinic.settings import ClinicSettings
from psoas.domain.serial import from_primitive, to_primitive
from psoas.storage import clinic_tables as ct
from psoas.storage import tables as t
from psoas.storage.repositories import _Repository

ROW = "clinic"


class SqlClinicSettingsStore(_Repository):
    def get(self) -> ClinicSettings:
        """The saved settings, or the defaults before an admin has saved any."""
        c = ct.clinic_settings.c
        data = self.conn.execute(select(c.data).where(c.id == ROW)).scalar()
        return ClinicSettings() if data is None else from_primitive(ClinicSettings, data)

    def set(self, settings: ClinicSettings) -> None:
        c = ct.clinic_settings.c
        data = to_primitive(settings)
        changed = self.conn.execute(update(ct.clinic_settings).where(c.id == ROW).values(data=data))
        if changed.rowcount:
            return
        try:  # the first save; a second admin saving at the same moment updates instead
            with self.conn.begin_nested():
                self.conn.execute(insert(ct.clinic_settings), [{"id": ROW, "data": data}])
        except IntegrityError:
            self.conn.execute(update(ct.clinic_settings).where(c.id == ROW).values(data=data))


class SqlLoginFailureStore(_Repository):
    """Failed log-ins by hashed address, kept only as long as the rate limit looks back."""

    def add(self, failure: LoginFailure) -> None:
        self.conn.execute(
            insert(ct.login_failures),
            [{"id": failure.id, "source": failure.source, "at": failure.at}],
        )

    def count_since(self, source: str, since: datetime) -> int:
        c = ct.login_failures.c
        query = select(func.count()).where(c.source == source, c.at >= since)
        return int(self.conn.execute(query).scalar() or 0)

    def forget_before(self, source: str, before: datetime) -> None:
        c = ct.login_failures.c
        self.conn.execute(delete(ct.login_failures).where(c.source == source, c.at < before))


class SqlMarkerStore(_Repository):
    """Named moments about the database itself (one row each)."""

    def set(self, name: str, at: datetime) -> None:
        self.conn.execute(delete(t.markers).where(t.markers.c.id == name))
        self.conn.execute(insert(t.markers), [{"id": name, "at": at}])

    def take(self, name: str) -> datetime | None:
        """The moment noted under ``name`` (None if none), removing it."""
        found = self.conn.execute(select(t.markers.c.at).where(t.markers.c.id == name)).scalar()
        if found is not None:
            self.conn.execute(delete(t.markers).where(t.markers.c.id == name))
        return found
