"""The chain over a resolution's stored changes: how a change is written as text, how a link is
hashed, and the queries that append, read and check the links (docs/verify.md says it all, with
a recipe to check a link by hand).

- A change's text (`canonical`): a JSON object of its row's columns (all but `id` and
  `resolution_id`) and its table's name, keys sorted, no whitespace, UTF-8 as is; integers as
  JSON integers, a float as a JSON string of the shortest decimal that reads back as the same
  double, in positional notation ("90.47619047619048", "150.0"); a moment as a JSON string
  "YYYY-MM-DDTHH:MM:SS.ffffffZ" in UTC; booleans and null as JSON's. The text is made in Python
  from the values as written or as read back, so SQLite's REAL and PostgreSQL's double precision
  give the same text.
- A link's hash: sha256(prev + "\\n" + content) in lower-case hex, prev being the hash of the link
  before (64 zeros before the first).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from json.encoder import encode_basestring
from typing import Any, NamedTuple

from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    DateTime,
    Float,
    Integer,
    String,
    Table,
    func,
    inspect,
    select,
    type_coerce,
)
from sqlmodel import Session

from tracker.store._engine import advisory_lock
from tracker.store._tables import as_utc, metadata

GENESIS = "0" * 64
# the tables whose every row is one link, in the order a migration links rows of one moment,
# and the columns that name a row of each (its revision's key)
APPEND_ONLY: dict[str, tuple[str, ...]] = {
    "entry": ("target_id", "unit_id", "year", "revision"),
    "rating": ("unit_id", "of", "year", "revision"),
    "quota": ("target_id", "unit_id", "year", "revision"),
}
# the definitions `init` loads: a link each time one is added, changed or removed
DEFINITIONS = ("resolution", "target", "unit")
# the changes of a row that is not append-only (a submission's state): each change a link of its
# own, checked as a link (its hash and place), not against the row, which moves on
EVENTS = ("submission",)
LEFT_OUT = ("id", "resolution_id")
# columns added after the chain, left out of a row's text while NULL, so the links made before
# them stay the rows' texts (an entry accepted from a unit's submission names its author, 0014)
NULL_LEFT_OUT: dict[str, tuple[str, ...]] = {"entry": ("submitted_by",)}
ROWS_PER_INSERT = 100
SQLITE_MOMENT = len("2026-12-04 20:19:04.660468")  # how SQLAlchemy stores a moment in SQLite


class Link(NamedTuple):
    seq: int
    kind: str
    content: str
    prev: str
    hash: str


def decimal_text(value: float) -> str:
    """A double as the shortest decimal that reads back as it, without an exponent."""
    return format(Decimal(repr(float(value))), "f")


def moment_text(value: datetime) -> str:
    """A moment in UTC with microseconds: "2026-12-04T20:19:04.660468Z"."""
    return as_utc(value).isoformat(timespec="microseconds").replace("+00:00", "Z")


# Each type's value as JSON text, exactly as json.dumps(..., ensure_ascii=False) writes it (the
# values are written here rather than by json.dumps: `verify` writes every row of the history).
def _json_bool(value: Any) -> str:
    return "true" if value else "false"


def _json_float(value: Any) -> str:
    return f'"{decimal_text(value)}"'


def _json_int(value: Any) -> str:
    return str(int(value))


def _json_moment(value: Any) -> str:
    if isinstance(value, str):  # as SQLite keeps it (stored_rows): "2026-12-04 20:19:04.660468", UTC
        if len(value) == SQLITE_MOMENT and value[10] == " ":
            return f'"{value[:10]}T{value[11:]}Z"'
        value = datetime.fromisoformat(value)
    return f'"{moment_text(value)}"'


def _json_date(value: Any) -> str:
    return f'"{date.isoformat(value)}"'


def _json_text(value: Any) -> str:
    return str(encode_basestring(value if isinstance(value, str) else str(value)))


def _converter(column_type: Any) -> Callable[[Any], str]:
    for kind, convert in (
        (Boolean, _json_bool),
        (Float, _json_float),
        (Integer, _json_int),
        (DateTime, _json_moment),
        (Date, _json_date),
    ):
        if isinstance(column_type, kind):
            return convert
    return _json_text


@cache
def layout(table: str) -> tuple[tuple[str, int, Callable[[Any], str] | None, bool], ...]:
    """The keys of a table's text in order (its hashed columns and "table"): each with its JSON
    prefix, its column's place in the table, how its value is written (by its type, the same
    on both databases; None: the table's name), and whether it is left out when NULL."""
    columns = list(metadata.tables[table].c)
    places: dict[str, tuple[int, Callable[[Any], str] | None]] = {
        c.name: (n, _converter(c.type)) for n, c in enumerate(columns) if c.name not in LEFT_OUT
    }
    places["table"] = (-1, None)
    optional = NULL_LEFT_OUT.get(table, ())
    return tuple(
        (
            f"{encode_basestring(name)}:" + (encode_basestring(table) if name == "table" else ""),
            *places[name],
            name in optional,
        )
        for name in sorted(places)
    )


def canonical(table: str, row: Mapping[Any, Any]) -> str:
    """A stored row's text in the chain: every column but `id` and `resolution_id`, as
    json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False) writes it."""
    names = [c.name for c in metadata.tables[table].c]
    return canonical_values(table, [None if name in LEFT_OUT else row.get(name) for name in names])


def canonical_values(table: str, values: Sequence[Any]) -> str:
    """The text of a row given as its columns' values in the table's order (a row read back)."""
    parts = [
        prefix if convert is None else prefix + ("null" if values[n] is None else convert(values[n]))
        for prefix, n, convert, optional in layout(table)
        if not (optional and values[n] is None)
    ]
    return "{" + ",".join(parts) + "}"


def removed(table: str, code: str) -> str:
    """The text of a definition's removal (a target or unit that left the config)."""
    return json.dumps({"code": code, "removed": True, "table": table}, sort_keys=True, separators=(",", ":"))


def link_hash(prev: str, content: str) -> str:
    return hashlib.sha256(f"{prev}\n{content}".encode()).hexdigest()


def key_of(table: str, row: Mapping[Any, Any]) -> tuple[Any, ...]:
    """What names a row in its table: its revision's key, or a definition's code."""
    return (table, *(row[c] for c in APPEND_ONLY.get(table, ("code",))))


def _bind(connection: Connection | Session) -> Connection:
    return connection.connection() if isinstance(connection, Session) else connection


def lock_chain(session: Session | Connection, resolution_id: int) -> None:
    """Hold the resolution's chain until the unit of work ends, before anything else is locked
    (PostgreSQL: an advisory lock; SQLite: the write lock of BEGIN IMMEDIATE is held already)."""
    advisory_lock(_bind(session), f"chain:{resolution_id}")


def chain_head(session: Session | Connection, resolution_id: int) -> tuple[int, str]:
    """The number and hash of the chain's last link ((0, GENESIS) when it has none)."""
    link = metadata.tables["chain_link"]
    query = (
        select(link.c.seq, link.c.hash)
        .where(link.c.resolution_id == resolution_id)
        .order_by(link.c.seq.desc())
        .limit(1)
    )
    row = _bind(session).execute(query).first()
    return (0, GENESIS) if row is None else (int(row[0]), str(row[1]))


def append_links(
    session: Session | Connection, resolution_id: int, changes: Sequence[tuple[str, str]]
) -> str:
    """Append a link for each (kind, content), after the head read under the chain's lock;
    returns the new head."""
    seq, prev = chain_head(session, resolution_id)
    rows = []
    for kind, content in changes:
        seq += 1
        digest = link_hash(prev, content)
        rows.append(
            {"resolution_id": resolution_id, "seq": seq, "kind": kind, "content": content}
            | {"prev": prev, "hash": digest}
        )
        prev = digest
    table, bind = metadata.tables["chain_link"], _bind(session)
    for start in range(0, len(rows), ROWS_PER_INSERT):
        bind.execute(table.insert().values(rows[start : start + ROWS_PER_INSERT]))
    return prev


def chain_links(session: Session | Connection, resolution_id: int) -> Iterator[Link]:
    """Every link of the resolution's chain, in order."""
    link = metadata.tables["chain_link"]
    query = (
        select(link.c.seq, link.c.kind, link.c.content, link.c.prev, link.c.hash)
        .where(link.c.resolution_id == resolution_id)
        .order_by(link.c.seq)
    )
    for row in _bind(session).execute(query.execution_options(yield_per=5000)):
        yield Link(*row)


def count_links(session: Session | Connection, resolution_id: int) -> int:
    link = metadata.tables["chain_link"]
    query = select(func.count()).select_from(link).where(link.c.resolution_id == resolution_id)
    return int(_bind(session).execute(query).scalar_one())


def _of_resolution(table: str, resolution_id: int) -> Any:
    """The query of a table's rows that belong to the resolution (through their target or unit)."""
    rows: Table = metadata.tables[table]
    if table in DEFINITIONS:
        column = rows.c.id if table == "resolution" else rows.c.resolution_id
        return select(rows).where(column == resolution_id)
    parent = metadata.tables["target" if "target_id" in rows.c else "unit"]
    joined = rows.join(parent, parent.c.id == rows.c[f"{parent.name}_id"])
    return select(rows).select_from(joined).where(parent.c.resolution_id == resolution_id)


def stored_rows(
    session: Session | Connection, resolution_id: int, table: str
) -> Iterator[tuple[Sequence[Any], str]]:
    """(row, canonical text) of each row of the table that belongs to the resolution, as stored
    now (the row's values in the table's column order: row_key names it)."""
    bind = _bind(session)
    query = _of_resolution(table, resolution_id)
    if bind.dialect.name == "sqlite":  # moments as stored, not parsed into datetimes and back
        rows = metadata.tables[table]
        moments = [
            type_coerce(c, String).label(c.name) if isinstance(c.type, DateTime) else c for c in rows.c
        ]
        query = query.with_only_columns(*moments)
    for row in bind.execute(query.execution_options(yield_per=5000)):
        yield row, canonical_values(table, row)


def row_key(table: str, row: Sequence[Any]) -> tuple[Any, ...]:
    """What names a row read by stored_rows: as key_of names it."""
    return key_of(table, dict(zip([c.name for c in metadata.tables[table].c], row, strict=True)))


def history_in_order(session: Session | Connection, resolution_id: int) -> list[tuple[str, str]]:
    """(kind, content) of the resolution's stored revisions in the order they were made: by time,
    then (at one moment) entry, rating, quota, then id. The migration's chain of a database made
    before the chain."""
    found = []
    for order, table in enumerate(APPEND_ONLY):
        rows = _of_resolution(table, resolution_id)
        later = set(NULL_LEFT_OUT.get(table, ())) - _stored_columns(session, table)
        if later:  # a migration before those columns: select the columns it has
            rows = rows.with_only_columns(*(c for c in metadata.tables[table].c if c.name not in later))
        for row in _bind(session).execute(rows).mappings():
            found.append(((as_utc(row["recorded_at"]), order, row["id"]), table, canonical(table, row)))
    found.sort(key=lambda item: item[0])
    return [(table, content) for _order, table, content in found]


def _stored_columns(session: Session | Connection, table: str) -> set[str]:
    return {column["name"] for column in inspect(_bind(session)).get_columns(table)}


def definition_changes(session: Session | Connection, resolution_id: int) -> list[tuple[str, str]]:
    """(kind, content) of each definition (the resolution, its targets, its units, in their
    order) that differs from its last link, and of each one linked but gone: the links `init`
    appends after loading the config."""
    last: dict[tuple[Any, ...], str] = {}
    for link in chain_links_of(session, resolution_id, DEFINITIONS):
        last[definition_key(link.kind, link.content)] = link.content
    changes = []
    for table in DEFINITIONS:
        rows = sorted(
            _bind(session).execute(_of_resolution(table, resolution_id)).mappings(),
            key=lambda row: row.get("position", 0),
        )
        for row in rows:
            content = canonical(table, row)
            if last.pop(key_of(table, row), None) != content:
                changes.append((table, content))
    for (table, code), content in last.items():
        if not json.loads(content).get("removed"):
            changes.append((table, removed(table, code)))
    return changes


def definition_key(kind: str, content: str) -> tuple[Any, ...]:
    return (kind, json.loads(content)["code"])


def chain_links_of(session: Session | Connection, resolution_id: int, kinds: Sequence[str]) -> list[Link]:
    """The links of some kinds only (the definitions: few), in order."""
    link = metadata.tables["chain_link"]
    query = (
        select(link.c.seq, link.c.kind, link.c.content, link.c.prev, link.c.hash)
        .where(link.c.resolution_id == resolution_id, link.c.kind.in_(kinds))
        .order_by(link.c.seq)
    )
    return [Link(*row) for row in _bind(session).execute(query)]


def resolution_ids(session: Session | Connection) -> list[int]:
    rows = metadata.tables["resolution"]
    return [int(i) for i in _bind(session).execute(select(rows.c.id).order_by(rows.c.id)).scalars()]
