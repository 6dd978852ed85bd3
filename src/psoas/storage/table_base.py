"""What every table shares: the metadata with its naming convention and the column helpers.

``metadata`` holds every table once ``psoas.storage.tables`` is imported (it imports the clinic
tables too). ``id_column``, ``owner_column``, ``person_key_column`` and ``data_column`` make
the id, the ``person_id`` owner or key with ON DELETE CASCADE, and the ``data`` JSON document
column.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, MetaData, String

from psoas.storage.columns import JsonDocument

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)

ID = 64  # ids are uuid4 hex (32) in practice; room for readable ids in tests and imports


def id_column() -> Column:
    return Column("id", String(ID), primary_key=True)


def owner_column() -> Column:
    return Column(
        "person_id",
        String(ID),
        ForeignKey("people.id", ondelete="CASCADE"),
        nullable=False,
    )


def person_key_column() -> Column:
    """``person_id`` as the whole or first part of the primary key (one row per person, or
    per person and something more), with ON DELETE CASCADE."""
    return Column(
        "person_id", String(ID), ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )


def data_column() -> Column:
    return Column("data", JsonDocument, nullable=False)
