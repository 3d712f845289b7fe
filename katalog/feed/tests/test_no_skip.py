"""The cursor never skips a change committed while an earlier transaction was still open.

On PostgreSQL, transaction A takes its id, B changes another product and commits, A changes its product
and commits last. Ids from the sequence put B's change row before A's; a feed ordered by id alone would
hand out a cursor past B while A was open, and A's change, committed later with a smaller position,
would never be read. The feed must show neither while A is open, then A's and B's changes, in this
order, from the very same cursor. A transaction left open in another database of the server all along
must hold nothing back. Each transaction has its own connection (A in a thread); the test is
transactional, as threads only see committed rows.

SQLite lets one transaction write at a time, so there A runs whole before B can write: what its database
lock makes of the same story, and the feed must show A's and B's changes in commit order.
"""

from __future__ import annotations

import contextlib
import queue
import threading

import psycopg
import pytest
from django.db import connection, connections, transaction

from katalog.catalog.tests.factories import ProductFactory
from katalog.feed.models import Change

from .helpers import cursor_now, ids, read

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.postgres_only,
]


def _parallel() -> bool:
    return connection.vendor == "postgresql"


class OpenTransaction:
    """A transaction on a connection of its own (in a thread), moved on one step at a time."""

    def __init__(self) -> None:
        self._steps: queue.Queue = queue.Queue()
        self._results: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            with transaction.atomic():
                while (step := self._steps.get()) is not None:
                    self._results.put(step())
            self._results.put("committed")
        except BaseException as exc:  # handed to the test, which raises it
            self._results.put(exc)
        finally:
            connections.close_all()

    def _answer(self):
        result = self._results.get(timeout=60)
        if isinstance(result, BaseException):
            raise result
        return result

    def do(self, step):
        self._steps.put(step)
        return self._answer()

    def commit(self) -> None:
        self._steps.put(None)
        assert self._answer() == "committed"
        self._thread.join(timeout=60)


@contextlib.contextmanager
def transaction_in_another_database():
    """A transaction with an id, open in the server's `postgres` database until the block ends."""
    settings = connection.settings_dict
    other = psycopg.connect(
        dbname="postgres", host=settings["HOST"] or None, port=settings["PORT"] or None,
        user=settings["USER"] or None, password=settings["PASSWORD"] or None,
    )
    try:
        other.execute("SELECT pg_current_xact_id()")
        yield
    finally:
        other.rollback()
        other.close()


def _change(product) -> None:
    product.price_idr += 1000
    product.save()


def _row(product) -> Change:
    return Change.objects.filter(kind="products", object_id=product.pk).latest("id")


def test_a_change_committed_while_an_earlier_transaction_is_open_waits_for_it(client, vendor):
    first, second = ProductFactory(vendor=vendor), ProductFactory(vendor=vendor)
    cursor = cursor_now(client, "products")
    nothing_new = {"items": [], "next_cursor": cursor, "has_more": False}

    if _parallel():
        with transaction_in_another_database():
            a = OpenTransaction()
            a.do(lambda: connection.cursor().execute("SELECT pg_current_xact_id()"))  # A has its id now
            _change(second)  # B, committed at once
            assert read(client, "products", cursor) == nothing_new

            a.do(lambda: _change(first))
            assert read(client, "products", cursor) == nothing_new

            a.commit()
            page = read(client, "products", cursor)
        assert _row(first).pk > _row(second).pk  # by id alone, B would come first
    else:
        with transaction.atomic():
            _change(first)
        _change(second)
        page = read(client, "products", cursor)

    assert ids(page["items"]) == [first.pk, second.pk]
    assert read(client, "products", page["next_cursor"])["items"] == []
