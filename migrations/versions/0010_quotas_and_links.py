"""units' quotas, and the links between targets (part_of, figures_from)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28 02:00:00

A new table `quota`: the quota a unit was given for a count target and a year, as revisions
(unique per target, unit, year and revision; never overwritten). Two new columns of `target`,
NULL for every target stored before: `part_of` (the code of the target a "trong đó" target is
part of) and `figures_from` (the code of the target whose figures this one is judged on). No
figure is touched. Going down drops the quotas and the two columns (figures are kept).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "quota",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("recorded_by", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_quota_revision_positive")),
        sa.CheckConstraint("value >= 0", name=op.f("ck_quota_value_not_negative")),
        sa.ForeignKeyConstraint(["target_id"], ["target.id"], name=op.f("fk_quota_target_id_target")),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_quota_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quota")),
        sa.UniqueConstraint(
            "target_id", "unit_id", "year", "revision", name=op.f("uq_quota_target_id_unit_id_year_revision")
        ),
    )
    with op.batch_alter_table("target", schema=None) as batch_op:
        batch_op.add_column(sa.Column("part_of", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))
        batch_op.add_column(
            sa.Column("figures_from", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True)
        )


def downgrade() -> None:
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35 and later): a copy of `target` (batch mode)
    # could not be dropped while the figures refer to it
    op.drop_table("quota")
    op.drop_column("target", "figures_from")
    op.drop_column("target", "part_of")
