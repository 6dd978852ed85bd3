"""The caseload's kept rows carry the name they sort by, so one page of the attention list is
ordered, counted and cut in the database instead of reading every client's row.

``sort_name`` is the client's display name lower-cased the way the domain's ordering does it
(``psoas.domain.clinic.caseload.by_attention``); pages order by it byte-wise (the "C"
collation on PostgreSQL, SQLite's own), which is the domain's code-point order. The rows kept
before have no such name, so they are dropped: they are only kept computations, and the next
look at the list computes them again.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM caseload_rows")
    with op.batch_alter_table("caseload_rows") as batch:
        batch.add_column(sa.Column("sort_name", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("caseload_rows") as batch:
        batch.drop_column("sort_name")
