"""the portal's accounts and the log of sign-ins

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 02:00:00

Two new tables. `account`: a person who signs in to the portal, by a name unique in any case
(`name_key`), with a role (office, unit, viewer), the unit of a `unit` account (required for that
role, NULL for the others), an argon2id hash of the password, a disabled flag and two moments.
`sign_in`: one row per sign-in attempt (the name as typed, when, its outcome, where from, the end
of the lock a failure started), indexed by name and moment for the lock rule. No figure and no
link of the chain is touched. Going down drops both tables, and so every account and the log.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Text = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", Text(length=64), nullable=False),
        sa.Column("name_key", Text(length=64), nullable=False),
        sa.Column("role", Text(length=8), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(role = 'unit' AND unit_id IS NOT NULL) OR (role <> 'unit' AND unit_id IS NULL)",
            name=op.f("ck_account_unit_of_unit_role"),
        ),
        sa.CheckConstraint("role IN ('office', 'unit', 'viewer')", name=op.f("ck_account_known_role")),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_account_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account")),
        sa.UniqueConstraint("name_key", name="uq_account_name_key"),
    )
    op.create_index(op.f("ix_account_unit_id"), "account", ["unit_id"], unique=False)
    op.create_table(
        "sign_in",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", Text(length=128), nullable=False),
        sa.Column("name_key", Text(length=128), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", Text(length=16), nullable=False),
        sa.Column("remote", Text(length=64), nullable=True),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in")),
    )
    op.create_index(op.f("ix_sign_in_at"), "sign_in", ["at"], unique=False)
    op.create_index("ix_sign_in_name_key_at", "sign_in", ["name_key", "at"], unique=False)


def downgrade() -> None:
    op.drop_table("sign_in")
    op.drop_table("account")
