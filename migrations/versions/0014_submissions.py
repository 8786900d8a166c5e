"""the units' submissions on the portal, and the author of a figure accepted from one

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 03:00:00

Two new tables. `submission`: a unit's figures of one year entered on the portal, one per (unit,
year), with its state (draft, submitted, accepted, returned), a version that grows with every
change (the optimistic lock), the office's comment on a return, and who changed, submitted and
decided it, and when. `submission_value`: each figure as the unit typed it, with its note and
source and whether a value far from its history was confirmed. A new nullable column
`entry.submitted_by`: the unit account that wrote a figure accepted from its submission. The
chain's text of an entry names it only when it is set, so every link made before stays intact.
Going down drops both tables and the column (the figures accepted stay, without their author).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Text = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("submitted_by", Text(length=64), nullable=True))
    op.create_table(
        "submission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("state", Text(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("comment", Text(), nullable=True),
        sa.Column("updated_by", Text(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("submitted_by", Text(length=64), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", Text(length=64), nullable=True),
        sa.CheckConstraint(
            "state IN ('draft', 'submitted', 'accepted', 'returned')", name=op.f("ck_submission_known_state")
        ),
        sa.CheckConstraint("version >= 1", name=op.f("ck_submission_version_positive")),
        sa.ForeignKeyConstraint(
            ["resolution_id"], ["resolution.id"], name=op.f("fk_submission_resolution_id_resolution")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_submission_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission")),
        sa.UniqueConstraint("unit_id", "year", name=op.f("uq_submission_unit_id_year")),
    )
    op.create_index(op.f("ix_submission_resolution_id"), "submission", ["resolution_id"], unique=False)
    op.create_table(
        "submission_value",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("text", Text(), nullable=False),
        sa.Column("note", Text(), nullable=True),
        sa.Column("source", Text(), nullable=True),
        sa.Column("far_confirmed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"], ["submission.id"], name=op.f("fk_submission_value_submission_id_submission")
        ),
        sa.ForeignKeyConstraint(
            ["target_id"], ["target.id"], name=op.f("fk_submission_value_target_id_target")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission_value")),
        sa.UniqueConstraint(
            "submission_id", "target_id", name=op.f("uq_submission_value_submission_id_target_id")
        ),
    )


def downgrade() -> None:
    op.drop_table("submission_value")
    op.drop_table("submission")
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.drop_column("submitted_by")
