"""grassroots units, and figures of a unit beside the committee's own

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 00:00:00

A new table `unit` (the party organisations of a resolution, unique by code), and
`entry.unit_id`, NULL for the committee's own figure: every figure stored before keeps it, and
so keeps its meaning. Revisions were unique per (target, year); now they are per (target, year)
among the committee's figures and per (target, unit, year) among a unit's:

- ix_entry_target_id_year_revision_committee: unique (target_id, year, revision) WHERE unit_id
  IS NULL, the old constraint's columns, so the committee's latest figure is read from the end
  of it as before (a query says `unit_id IS NULL`, which SQLite and PostgreSQL both match with
  the index's condition);
- ix_entry_target_id_unit_id_year_revision: unique (target_id, unit_id, year, revision), for a
  unit's figures (NULLs are distinct in a unique index on both databases, so the committee's
  rows do not collide here); beginning with target_id, it also serves the foreign key to
  target, as the old constraint did.

No table refers to `entry`, so on SQLite the table is copied (batch mode) to drop the old
unique constraint, which lives in its CREATE TABLE. Going down drops the units' figures (the
old schema cannot hold two figures of one target and year) and the units.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COMMITTEE = "ix_entry_target_id_year_revision_committee"
PER_UNIT = "ix_entry_target_id_unit_id_year_revision"
OLD_UNIQUE = "uq_entry_target_id_year_revision"


def upgrade() -> None:
    op.create_table(
        "unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("agency", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("from_year", sa.Integer(), nullable=True),
        sa.Column("to_year", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["resolution_id"], ["resolution.id"], name=op.f("fk_unit_resolution_id_resolution")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit")),
        sa.UniqueConstraint("resolution_id", "code", name=op.f("uq_unit_resolution_id_code")),
    )
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unit_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(op.f("fk_entry_unit_id_unit"), "unit", ["unit_id"], ["id"])
        batch_op.drop_constraint(OLD_UNIQUE, type_="unique")
    where = sa.text("unit_id IS NULL")
    op.create_index(
        COMMITTEE,
        "entry",
        ["target_id", "year", "revision"],
        unique=True,
        sqlite_where=where,
        postgresql_where=where,
    )
    op.create_index(PER_UNIT, "entry", ["target_id", "unit_id", "year", "revision"], unique=True)


def downgrade() -> None:
    op.execute("DELETE FROM entry WHERE unit_id IS NOT NULL")
    op.drop_index(PER_UNIT, table_name="entry")
    op.drop_index(COMMITTEE, table_name="entry")
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.create_unique_constraint(OLD_UNIQUE, ["target_id", "year", "revision"])
        batch_op.drop_constraint(op.f("fk_entry_unit_id_unit"), type_="foreignkey")
        batch_op.drop_column("unit_id")
    op.drop_table("unit")
