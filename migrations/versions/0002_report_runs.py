"""report runs

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 03:17:45.270422
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "report_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("as_of", sa.Integer(), nullable=False),
        sa.Column("lang", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("trigger", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("data_cutoff", sa.DateTime(timezone=True), nullable=True),
        sa.Column("as_recorded", sa.DateTime(timezone=True), nullable=True),
        sa.Column("formats", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("paths", sa.JSON(), nullable=False),
        sa.Column("statuses", sa.JSON(), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["resolution_id"], ["resolution.id"], name=op.f("fk_report_run_resolution_id_resolution")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_run")),
    )
    with op.batch_alter_table("report_run", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_run_resolution_id"), ["resolution_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("report_run", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_run_resolution_id"))

    op.drop_table("report_run")
