"""Background work of matching: re-ranking needs after they change, and after the catalogue changes.

Catalogue changes reach us through `katalog.core.hooks` (registered in apps.py). The handler only
queues a task once the change commits; the task re-matches the open needs that were not matched since
the change, so a burst of changes costs one bulk run, the later tasks finding nothing left to do.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django_tasks import task

from katalog.core import clock


@task()
def rematch_needs(need_ids: list[int]) -> int:
    """Re-match these needs (a need created or changed, or an import's needs); how many matches were stored
    for one need, how many needs were re-matched for several."""
    from .rematching import need_rematch, needs_rematch

    if len(need_ids) == 1:
        return need_rematch(need_ids[0])
    return needs_rematch(need_ids=need_ids)


@task()
def rematch_open_needs(changed_at: str) -> int:
    """Re-match every open need not matched since `changed_at` (ISO 8601), in bulk."""
    from .rematching import needs_rematch

    return needs_rematch(matched_before=dt.datetime.fromisoformat(changed_at))


def catalogue_changed(ids: list[int]) -> None:
    """A hook handler: products or vendors changed, so every open need may rank differently."""
    changed_at = clock.now().isoformat()
    transaction.on_commit(lambda: rematch_open_needs.enqueue(changed_at), robust=True)


def register_hooks() -> None:
    from katalog.core import hooks

    hooks.on_change("product", catalogue_changed)
    hooks.on_change("vendor", catalogue_changed)
