"""Keeping the stored matches of needs in step with the needs and the catalogue.

The engine ranks; these functions store its answer (the reasons in the site's language), replacing every `NeedMatch` row of a need in one
transaction, so a reader sees either the old ranking or the new one, never half of each. Only open
needs are re-matched: a closed need keeps the ranking it was closed with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from katalog.core import clock

from . import engine
from .models import Need, NeedMatch, NeedStatus

# Needs per call of `engine.match_needs` in bulk runs.
BATCH_SIZE = 200


def match_limit() -> int:
    """How many products are stored per need."""
    return int(settings.KATALOG.get("NEED_MATCH_LIMIT", 20))


def _rows(need_id: int, matches: Sequence, now: dt.datetime) -> list[NeedMatch]:
    rows, seen = [], set()
    for match in matches:
        if match.product_id in seen:
            continue
        seen.add(match.product_id)
        rows.append(NeedMatch(
            need_id=need_id, product_id=match.product_id, rank=len(rows) + 1, score=float(match.score),
            fits=bool(match.fits), reasons=[str(r) for r in match.reasons], computed_at=now,
        ))
    return rows


def _replace(need_ids: list[int], rows: list[NeedMatch], now: dt.datetime) -> None:
    NeedMatch.objects.filter(need_id__in=need_ids).delete()
    NeedMatch.objects.bulk_create(rows, batch_size=1000)
    Need.objects.filter(pk__in=need_ids).update(matched_at=now)


def _open_needs():
    return Need.objects.filter(status=NeedStatus.OPEN).select_related("buyer_organisation", "category",
                                                                      "delivery_region")


def need_rematch(need_id: int, *, now: dt.datetime | None = None) -> int:
    """Rank the catalogue for one open need and store the result; how many matches were stored
    (0 for a need that is closed or gone, whose stored matches stay as they were)."""
    now = now or clock.now()
    with transaction.atomic():
        need = _open_needs().select_for_update(of=("self",)).filter(pk=need_id).first()
        if need is None:
            return 0
        with translation.override(settings.LANGUAGE_CODE):
            matches = engine.match_need(need.as_spec(), limit=match_limit(), today=timezone.localdate(now))
        rows = _rows(need.pk, matches, now)
        _replace([need.pk], rows, now)
    return len(rows)


def needs_rematch(
    *, need_ids: Iterable[int] | None = None, matched_before: dt.datetime | None = None,
    now: dt.datetime | None = None, batch_size: int = BATCH_SIZE,
) -> int:
    """Re-match open needs in bulk (all of them, or those of `need_ids`; with `matched_before`, only those
    not matched since then). Returns how many needs got a fresh ranking.

    The engine runs outside the write transactions; a need changed meanwhile is skipped here, because
    its change has queued a re-match of its own.
    """
    now = now or clock.now()
    needs = _open_needs()
    if need_ids is not None:
        needs = needs.filter(pk__in=list(need_ids))
    if matched_before is not None:
        needs = needs.filter(Q(matched_at__isnull=True) | Q(matched_at__lte=matched_before))
    ids = list(needs.order_by("id").values_list("pk", flat=True))
    if not ids:
        return 0
    done = 0
    today = timezone.localdate(now)
    for start in range(0, len(ids), batch_size):
        chunk = list(_open_needs().filter(pk__in=ids[start:start + batch_size]).order_by("id"))
        if not chunk:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            results = engine.match_needs([n.as_spec() for n in chunk], limit=match_limit(), today=today)
        with transaction.atomic():
            current = dict(
                Need.objects.select_for_update().filter(pk__in=[n.pk for n in chunk], status=NeedStatus.OPEN)
                .values_list("pk", "updated_at")
            )
            fresh = [(n, m) for n, m in zip(chunk, results, strict=True) if current.get(n.pk) == n.updated_at]
            rows = [row for need, matches in fresh for row in _rows(need.pk, matches, now)]
            _replace([need.pk for need, _ in fresh], rows, now)
        done += len(fresh)
    return done


def rematch_later(need_ids: Iterable[int]) -> None:
    """Queue a re-match of these needs for when the current transaction commits."""
    ids = sorted({int(i) for i in need_ids})
    if not ids:
        return

    def enqueue() -> None:
        from .tasks import rematch_needs

        rematch_needs.enqueue(ids)

    transaction.on_commit(enqueue, robust=True)
