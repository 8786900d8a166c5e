"""resolution, target and entry

Revision ID: 0001
Revises:
Create Date: 2026-11-27 02:59:26.257360
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "resolution",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("title_en", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("body", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("superior_body", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("congress_date", sa.Date(), nullable=False),
        sa.Column("first_year", sa.Integer(), nullable=False),
        sa.Column("last_year", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resolution")),
        sa.UniqueConstraint("code", name=op.f("uq_resolution_code")),
    )
    op.create_table(
        "target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("title_en", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("short_title", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("short_title_en", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("measure", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("rule", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("comparator", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("threshold", sa.Float(), nullable=False),
        sa.Column("unit", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("unit_en", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("source_kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("source_wording", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("source_why", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("source_reference", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.CheckConstraint("threshold >= 0", name=op.f("ck_target_threshold_not_negative")),
        sa.ForeignKeyConstraint(
            ["resolution_id"], ["resolution.id"], name=op.f("fk_target_resolution_id_resolution")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target")),
        sa.UniqueConstraint("resolution_id", "code", name=op.f("uq_target_resolution_id_code")),
    )
    with op.batch_alter_table("target", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_target_resolution_id"), ["resolution_id"], unique=False)

    op.create_table(
        "entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("numerator", sa.Integer(), nullable=True),
        sa.Column("denominator", sa.Integer(), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("source_document", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("provisional", sa.Boolean(), nullable=False),
        sa.Column("recorded_by", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.CheckConstraint(
            "denominator IS NULL OR (denominator > 0 AND numerator >= 0 AND numerator <= denominator)",
            name=op.f("ck_entry_counts_make_a_share"),
        ),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_entry_revision_positive")),
        sa.CheckConstraint("value >= 0", name=op.f("ck_entry_value_not_negative")),
        sa.ForeignKeyConstraint(["target_id"], ["target.id"], name=op.f("fk_entry_target_id_target")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entry")),
        sa.UniqueConstraint("target_id", "year", "revision", name=op.f("uq_entry_target_id_year_revision")),
    )
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entry_target_id"), ["target_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entry_target_id"))

    op.drop_table("entry")
    with op.batch_alter_table("target", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_target_resolution_id"))

    op.drop_table("target")
    op.drop_table("resolution")
