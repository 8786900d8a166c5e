"""indexes that find the latest report and job run without reading the history

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 21:00:00

`report`, `schedule list` and the service's start each ask for the latest of a history that
grows by a row per run. Each new index ends where those questions order, so the database reads
one entry from its end (ORDER BY ... DESC LIMIT 1) instead of every run of the resolution or
schedule:

- ix_report_run_resolution_id_created_at_id: the previous report (`previous_report`: the
  resolution's latest run, optionally made no later than a moment). Rebuilds of the past
  (as_recorded set) stay in it and are stepped over; they are few, and a partial index would
  leave the foreign key to resolution without an index of its own.
- ix_job_run_schedule_id_started_at_id: the schedule's last run (`last_run`: catch-up at the
  service's start, `schedule list`).
- ix_job_run_schedule_id_delivery_delivered_at_id: the report of the last run whose e-mail was
  sent (`last_delivered_report`, only_when_changed), and the runs whose e-mail is still owed
  (`undelivered`, counted by `schedule list` and the service's start, sent at every run).

`id` ends each index because it breaks ties of the moment; SQLite has it in every index
anyway (the rowid), PostgreSQL only when it is named.

Dropped, because a longer index or a unique constraint begins with the same column and serves
every query and foreign key check they served, while each cost a write per insert:
ix_report_run_resolution_id and ix_job_run_schedule_id (the new indexes),
ix_entry_target_id (uq_entry_target_id_year_revision) and ix_target_resolution_id
(uq_target_resolution_id_code). ix_job_run_resolution_id is dropped too: no query reads job
runs by resolution, and the only other use of an index on a foreign key is the check when
the referred row is deleted; tracker never deletes a resolution (only targets without
figures, whose check on entry.target_id the unique constraint serves). A command that
deletes resolutions must bring it back, as report runs would need one on
job_run.report_run_id if they were ever deleted.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("report_run", schema=None) as batch_op:
        batch_op.create_index(
            "ix_report_run_resolution_id_created_at_id", ["resolution_id", "created_at", "id"], unique=False
        )
        batch_op.drop_index(batch_op.f("ix_report_run_resolution_id"))
    with op.batch_alter_table("job_run", schema=None) as batch_op:
        batch_op.create_index(
            "ix_job_run_schedule_id_started_at_id", ["schedule_id", "started_at", "id"], unique=False
        )
        batch_op.create_index(
            "ix_job_run_schedule_id_delivery_delivered_at_id",
            ["schedule_id", "delivery", "delivered_at", "id"],
            unique=False,
        )
        batch_op.drop_index(batch_op.f("ix_job_run_schedule_id"))
        batch_op.drop_index(batch_op.f("ix_job_run_resolution_id"))
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entry_target_id"))
    with op.batch_alter_table("target", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_target_resolution_id"))


def downgrade() -> None:
    with op.batch_alter_table("target", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_target_resolution_id"), ["resolution_id"], unique=False)
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entry_target_id"), ["target_id"], unique=False)
    with op.batch_alter_table("job_run", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_job_run_resolution_id"), ["resolution_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_job_run_schedule_id"), ["schedule_id"], unique=False)
        batch_op.drop_index("ix_job_run_schedule_id_delivery_delivered_at_id")
        batch_op.drop_index("ix_job_run_schedule_id_started_at_id")
    with op.batch_alter_table("report_run", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_run_resolution_id"), ["resolution_id"], unique=False)
        batch_op.drop_index("ix_report_run_resolution_id_created_at_id")
