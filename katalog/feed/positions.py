"""Where a reader is in the feed, and why its cursor never skips a change.

A position is the (txid, id) of the last change row a reader received; the next page holds the rows after
it in (txid, id) order. The danger is a row that becomes visible *behind* a position already handed out:
ids come from a sequence when the row is written, but a transaction commits later, so a transaction
still open may hold a smaller id than rows that others committed meanwhile.

PostgreSQL: each row carries its transaction's id, and the feed shows only the rows below a horizon
taken from the reading statement's own snapshot: the oldest transaction still running then (rows of
transactions below it are committed, and visible, or rolled back; none can still be added), or the
snapshot's xmax when none is. Every transaction that commits later has an id at or above the horizon,
so its rows sort after any position handed out; rows of an open transaction, and rows of later ones
that committed first, wait until it ends. A transaction running in another database of the same server
cannot write our rows, so it holds nothing back when pg_stat_activity shows where it runs (what cannot
be shown, counts). A reader inside a writing transaction of its own also sees its own rows, as long as
no older transaction is open (tests read that way). pg_current_xact_id() and pg_current_snapshot() are
the PostgreSQL 13+ spellings of txid_current() and txid_current_snapshot(); the ids are 64-bit and
epoch-extended, so they never wrap. A transaction left open (idle in transaction) holds the feed of
this database back until it ends.

SQLite: txid stays 0 and the order is by id alone. SQLite lets one transaction write at a time, holding
the lock from its first write to its commit, and AUTOINCREMENT ids are never reused, so ids grow in
commit order: no row can appear behind one already read.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from katalog.core.errors import DomainError


@dataclass(frozen=True, order=True)
class Position:
    txid: int
    change_id: int


BEGINNING = Position(0, 0)
BIGINT_MAX = 2**63 - 1


class InvalidCursor(DomainError):
    status_code = 400

    def __init__(self) -> None:
        super().__init__(
            _("This cursor is not one the feed gave out: send back `next_cursor` unchanged, or no cursor to "
              "start from the beginning."),
            code="invalid",
        )


def encode(position: Position) -> str:
    """An opaque cursor: URL-safe base64 of "txid.id", without padding."""
    raw = f"{position.txid}.{position.change_id}".encode("ascii")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def decode(cursor: str | None) -> Position:
    """The position a cursor stands for; no cursor is the beginning. Anything else is InvalidCursor."""
    cursor = (cursor or "").strip()
    if not cursor:
        return BEGINNING
    if len(cursor) > 64:
        raise InvalidCursor()
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InvalidCursor() from None
    txid, dot, change_id = raw.partition(".")
    if not dot or not txid.isdigit() or not change_id.isdigit():
        raise InvalidCursor()
    position = Position(int(txid), int(change_id))
    if max(position.txid, position.change_id) > BIGINT_MAX:
        raise InvalidCursor()
    return position


def has_transaction_ids() -> bool:
    return connection.vendor == "postgresql"


def current_txid():
    """The value to store in `txid` for a row written now: the transaction's id on PostgreSQL (stable for
    the whole transaction, savepoints included), 0 elsewhere."""
    if has_transaction_ids():
        return RawSQL("pg_current_xact_id()::text::bigint", [])
    return 0


def _column(name: str) -> str:
    from .models import Change

    quote = connection.ops.quote_name
    return f"{quote(Change._meta.db_table)}.{quote(name)}"


def after(position: Position) -> RawSQL | Q:
    """Rows after `position` in (txid, id) order, as the start of an index range scan: on PostgreSQL one
    row-value comparison (an OR of two conditions would scan); SQLite would only seek on txid with it, and
    its rows all have txid 0, so there the same rows are the ids after the position's."""
    if not has_transaction_ids():
        return Q(txid=position.txid, id__gt=position.change_id)
    return RawSQL(
        f"({_column('txid')}, {_column('id')}) > (%s, %s)", [position.txid, position.change_id],
        output_field=BooleanField(),
    )


# The first txid not settled yet (see the module docstring), computed once per statement. Transactions
# that may still add rows: those in progress at the snapshot (xip, listed from xmin up to xmax), and, for a
# reader with an id of its own, those that began before it and have not ended (from xmax on: no snapshot
# lists them). Those shown to run in another database are left out; ids in pg_stat_activity are 32-bit.
SETTLED_BELOW = """(
    WITH snapshot AS (
        SELECT s, pg_snapshot_xmax(s)::text::bigint AS xmax, pg_current_xact_id_if_assigned()::text::bigint AS own
        FROM pg_current_snapshot() AS s
    ), elsewhere AS (
        SELECT backend_xid::text::bigint AS xid FROM pg_stat_activity
        WHERE backend_xid IS NOT NULL AND datid <> (SELECT oid FROM pg_database WHERE datname = current_database())
    ), running AS (
        SELECT x::text::bigint AS xid FROM snapshot, pg_snapshot_xip(s) AS x
        UNION ALL
        SELECT generate_series(xmax, own - 1) FROM snapshot WHERE own IS NOT NULL
    ), barrier AS (
        SELECT min(xid) AS xid FROM running WHERE mod(xid, 4294967296) NOT IN (SELECT xid FROM elsewhere)
    )
    SELECT CASE
        WHEN own IS NULL THEN LEAST(barrier.xid, xmax)
        WHEN barrier.xid < own THEN barrier.xid
        ELSE own + 1
    END FROM snapshot, barrier
)"""


def settled() -> RawSQL | None:
    """Rows no open transaction can still be followed by (PostgreSQL); None where every committed row is."""
    if not has_transaction_ids():
        return None
    return RawSQL(f"{_column('txid')} < {SETTLED_BELOW}", [], output_field=BooleanField())
