"""Reads of the feed: one kind's changes after a position, with each object's public state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import positions, public
from .models import Change
from .positions import Position


@dataclass(frozen=True)
class FeedEntry:
    object_id: int
    changed_at: dt.datetime
    deleted: bool
    # The object loaded for its public view (see katalog.feed.public); None when deleted or not public.
    object: object | None

    @property
    def public(self) -> bool:
        return self.object is not None


@dataclass(frozen=True)
class FeedPage:
    entries: list[FeedEntry]
    next_position: Position
    has_more: bool


def _settled_changes(kind: str, after: Position):
    changes = Change.objects.filter(kind=kind).filter(positions.after(after))
    settled = positions.settled()
    if settled is not None:
        changes = changes.filter(settled)
    return changes.order_by("txid", "id")


def feed_page(kind: str, *, after: Position, limit: int) -> FeedPage:
    """Up to `limit` changes of `kind` after `after`, oldest first, each object once at its latest change
    in the page (a mirror upserts the latest state anyway). The next position follows the last change
    read; with nothing new it is `after` again, so a client polls with the cursor it has."""
    rows = list(_settled_changes(kind, after).values_list("txid", "id", "object_id", "changed_at")[: limit + 1])
    has_more = len(rows) > limit
    rows = rows[:limit]
    next_position = Position(rows[-1][0], rows[-1][1]) if rows else after
    latest: dict[int, dt.datetime] = {}
    for _txid, _id, object_id, changed_at in rows:
        latest.pop(object_id, None)  # re-inserted: dicts keep insertion order, so this is its latest place
        latest[object_id] = changed_at
    existing, visible = public.load(kind, list(latest))
    entries = [
        FeedEntry(object_id=object_id, changed_at=changed_at, deleted=object_id not in existing,
                  object=visible.get(object_id))
        for object_id, changed_at in latest.items()
    ]
    return FeedPage(entries=entries, next_position=next_position, has_more=has_more)
