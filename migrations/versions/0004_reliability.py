"""64-bit counts of a share; the Message-ID of a job's mail

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 18:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.alter_column(
            "numerator", existing_type=sa.Integer(), type_=sa.BigInteger(), existing_nullable=True
        )
        batch_op.alter_column(
            "denominator", existing_type=sa.Integer(), type_=sa.BigInteger(), existing_nullable=True
        )
    with op.batch_alter_table("job_run", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("message_id", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("job_run", schema=None) as batch_op:
        batch_op.drop_column("message_id")
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.alter_column(
            "denominator", existing_type=sa.BigInteger(), type_=sa.Integer(), existing_nullable=True
        )
        batch_op.alter_column(
            "numerator", existing_type=sa.BigInteger(), type_=sa.Integer(), existing_nullable=True
        )
