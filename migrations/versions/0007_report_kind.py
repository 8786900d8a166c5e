"""the kind of each report (yearly, midterm, final), to compare a report with the previous one
of the same as-of year and kind

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 00:00:00

Reports made before this revision have no kind (NULL): they were all of one kind, and which
one the office meant cannot be told now. A new report compares itself with one of them only
as "the latest report", naming its as-of year.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_report_run_resolution_id_as_of_kind_created_at_id"


def upgrade() -> None:
    op.add_column("report_run", sa.Column("kind", sa.String(length=16), nullable=True))
    op.create_index(INDEX, "report_run", ["resolution_id", "as_of", "kind", "created_at", "id"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name="report_run")
    # ALTER TABLE ... DROP COLUMN in place (SQLite 3.35+), not a batch copy of the table: job_run
    # refers to report_run, and SQLite refuses to drop a table another one refers to.
    op.drop_column("report_run", "kind")
