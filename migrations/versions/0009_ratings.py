"""ratings of units by the standing committee, and targets defined from them

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 00:00:00

A new table `rating`: one revision of a unit's rating for a year, as a party organisation
(`of` = party_org) or as its agency (`of` = agency), numbered per (unit, of, year) like
figures (unique index on unit_id, of, year, revision; the unit ties it to its resolution).
Two columns of `target`, NULL for every target stored before: `rating_of` and
`rating_at_least`, set by `tracker init` for a `measure: rating_share` target (its measure
stays "share", so every figure recorded before keeps counting). Going down drops the ratings
and the two columns.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REVISIONS = "ix_rating_unit_id_of_year_revision"


def upgrade() -> None:
    op.create_table(
        "rating",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("of", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("level", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("recorded_by", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_rating_revision_positive")),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_rating_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rating")),
    )
    op.create_index(REVISIONS, "rating", ["unit_id", "of", "year", "revision"], unique=True)
    op.add_column(
        "target", sa.Column("rating_of", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True)
    )
    op.add_column(
        "target", sa.Column("rating_at_least", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True)
    )


def downgrade() -> None:
    # ALTER TABLE ... DROP COLUMN, not batch mode: on SQLite batch mode copies the table, and
    # `target` cannot be dropped while figures refer to it
    op.drop_column("target", "rating_at_least")
    op.drop_column("target", "rating_of")
    op.drop_index(REVISIONS, table_name="rating")
    op.drop_table("rating")
