"""Migrations build exactly the tables' schema on both databases and upgrade data in place."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text
from tests import factories as f

from psoas.bootstrap import open_database
from psoas.config import get_settings
from psoas.domain.errors import StorageError
from psoas.storage import schema
from psoas.storage.engine import SQLITE_MMAP_BYTES, make_engine
from psoas.storage.record_queries import LOGS, MEASUREMENTS, PEOPLE, PLANS
from psoas.storage.tables import metadata, plan_sessions
from psoas.storage.uow import SqlUnitOfWork

FIRST = "0001"


def _schema_diff(engine):
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(context, metadata)


def test_migrations_produce_exactly_the_table_definitions(blank_engine):
    schema.upgrade(blank_engine)
    assert _schema_diff(blank_engine) == []
    assert schema.status(blank_engine).up_to_date


def test_upgrade_from_the_first_revision_keeps_the_data(blank_engine):
    schema.upgrade(blank_engine, FIRST)
    assert schema.current_revision(blank_engine) == FIRST
    person = f.person()
    plan = f.plan(person.id)
    logs = [f.planned_log(plan, i) for i in range(3)]
    measurement = f.measurement(person.id)
    with blank_engine.begin() as conn:
        conn.execute(PEOPLE.table.insert(), [PEOPLE.to_row(person)])
        conn.execute(PLANS.table.insert(), [PLANS.to_row(plan)])
        later = ("peak_pain", "peak_during", "pain_stops")  # columns of revision 0011
        rows = [{k: v for k, v in LOGS.to_row(log).items() if k not in later} for log in logs]
        conn.execute(LOGS.table.insert(), rows)
        conn.execute(MEASUREMENTS.table.insert(), [MEASUREMENTS.to_row(measurement)])
    schema.upgrade(blank_engine)
    assert schema.current_revision(blank_engine) == schema.head_revision()
    indexes = {i["name"] for i in inspect(blank_engine).get_indexes("measurements")}
    assert "ix_measurements_person_kind_taken" in indexes
    with SqlUnitOfWork(blank_engine) as uow:
        assert uow.people.get(person.id) == person
        assert uow.plans.get(person.id, plan.id) == plan
        assert uow.logs.list(person.id) == logs
        assert uow.measurements.list(person.id) == [measurement]
    with blank_engine.connect() as conn:  # 0011 filled in the caseload facts of old records
        facts = conn.execute(select(LOGS.table.c.peak_pain, LOGS.table.c.pain_stops)).all()
        assert sorted(facts) == sorted((LOGS.to_row(g)["peak_pain"], 0) for g in logs)
        days = conn.execute(select(plan_sessions.c.session_id, plan_sessions.c.day)).all()
        assert sorted(days) == sorted((s.id, s.date) for s in plan.sessions())


def test_downgrade_to_base_and_back(blank_engine):
    schema.upgrade(blank_engine)
    with blank_engine.connect() as conn, schema.alembic_config(blank_engine) as config:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
        conn.commit()
    assert set(inspect(blank_engine).get_table_names()) <= {"alembic_version"}
    schema.upgrade(blank_engine)
    assert _schema_diff(blank_engine) == []


def test_a_new_sqlite_file_is_created_and_migrated_on_first_use(tmp_path):
    settings = get_settings(database_url=f"sqlite:///{tmp_path / 'new' / 'psoas.db'}")
    engine = open_database(settings)
    assert (tmp_path / "new" / "psoas.db").exists()
    assert schema.status(engine).up_to_date
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0
        assert conn.exec_driver_sql("PRAGMA mmap_size").scalar() == SQLITE_MMAP_BYTES
    engine.dispose()


def test_an_old_sqlite_file_is_brought_up_to_date(tmp_path):
    url = f"sqlite:///{tmp_path / 'psoas.db'}"
    old = make_engine(url)
    schema.upgrade(old, FIRST)
    old.dispose()
    engine = open_database(get_settings(database_url=url))
    assert schema.current_revision(engine) == schema.head_revision()
    engine.dispose()


@pytest.mark.parametrize("backend", ["postgresql"])
def test_a_server_database_behind_head_asks_for_db_upgrade(blank_engine):
    """SQLite files are migrated automatically; a server database waits for `psoas db upgrade`."""
    schema.upgrade(blank_engine, FIRST)
    with blank_engine.connect() as conn:
        search_path = conn.execute(text("SHOW search_path")).scalar()
    url = blank_engine.url.render_as_string(hide_password=False)
    settings = get_settings(database_url=url + f"?options=-csearch_path%3D{search_path}")
    with pytest.raises(StorageError, match="psoas db upgrade"):
        open_database(settings)


def test_revisions_form_one_line_from_the_first_to_head():
    with schema.alembic_config() as config:
        script = ScriptDirectory.from_config(config)
        revisions = [r.revision for r in script.walk_revisions()]
    assert revisions[-1] == FIRST
    assert revisions[0] == schema.head_revision() == schema.script_head()
    assert len(script.get_heads()) == 1
