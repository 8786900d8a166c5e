"""the chain over every stored change, and the chain's head of each report run

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 02:00:00

A new table `chain_link`: one link per stored change of a resolution (a figure's, a rating's or a
quota's revision, a definition loaded by `init`), numbered per resolution, with its canonical
text, the hash of the link before and its own (tracker/store/_chain.py, docs/verify.md). A new
column `report_run.chain_head`, NULL for the runs made before.

Going up builds each resolution's chain from the rows it already has, as a database that had
the chain from the start has it for the same history: first the definitions (the resolution,
its targets, its units, in their order), then the revisions in the order they were made (by
time, then entry, rating, quota, then id). The text of a change is written by the code of this
release (tracker.store._chain): the columns hashed are those of this schema. Going down drops
the chain and the column; no figure is touched.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "chain_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("prev", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["resolution_id"], ["resolution.id"], name=op.f("fk_chain_link_resolution_id_resolution")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_link")),
        sa.UniqueConstraint("resolution_id", "seq", name=op.f("uq_chain_link_resolution_id_seq")),
    )
    with op.batch_alter_table("report_run", schema=None) as batch_op:
        batch_op.add_column(sa.Column("chain_head", sa.String(length=64), nullable=True))
    _build_chains(op.get_bind())


def _build_chains(connection: sa.Connection) -> None:
    """Each resolution's chain from its stored rows, as tracker.store builds it going forward."""
    from tracker.store import append_links, definition_changes, history_in_order, resolution_ids

    for resolution_id in resolution_ids(connection):
        append_links(connection, resolution_id, definition_changes(connection, resolution_id))
        append_links(connection, resolution_id, history_in_order(connection, resolution_id))


def downgrade() -> None:
    with op.batch_alter_table("report_run", schema=None) as batch_op:
        batch_op.drop_column("chain_head")
    op.drop_table("chain_link")
