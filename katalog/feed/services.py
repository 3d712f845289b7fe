"""Writes of the change log: record that objects changed, inside the transaction that changed them.

`record_changes(kind, ids)` is the one entry point; katalog.feed.receivers calls it from model signals
and change hooks, and code that writes in bulk (`QuerySet.update`, `bulk_create`, `bulk_update`, which
send no signals) calls it itself. The other functions follow a change to the objects whose public view
shows it: a vendor's new name appears in its products, orders, commitments and competitions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from katalog.catalog.models import Category, Product
from katalog.core import clock
from katalog.events.models import Commitment, CommitmentRealisation
from katalog.procurement.models import Competition, CompetitionInvitation, Order

from . import positions
from .models import Change, FeedKind

BATCH_SIZE = 1000

def _ids(ids: Iterable[int]) -> list[int]:
    return sorted({int(i) for i in ids if i is not None})


def record_changes(kind: str, ids: Iterable[int], *, now: dt.datetime | None = None) -> None:
    """Record that the objects of `kind` ("orders", "competitions", "products", "commitments") with these
    ids changed (or were deleted). Call it inside the transaction that changes them.

    An order's change also records the commitments it realises: their public view counts its status.
    """
    if kind not in FeedKind.values:
        raise ValueError(f"Unknown feed kind {kind!r}.")
    ids = _ids(ids)
    if not ids:
        return
    now = now or clock.now()
    txid = positions.current_txid()
    rows = [Change(kind=kind, object_id=object_id, changed_at=now, txid=txid) for object_id in ids]
    Change.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    if kind == FeedKind.ORDERS:
        commitment_ids = CommitmentRealisation.objects.filter(order_id__in=ids).values_list("commitment_id", flat=True)
        record_changes(FeedKind.COMMITMENTS, commitment_ids, now=now)


def vendors_changed(vendor_ids: Iterable[int]) -> None:
    """Their products (listed or not, with the vendor's name and badges), orders, commitments and the
    competitions they are invited to."""
    vendor_ids = _ids(vendor_ids)
    if not vendor_ids:
        return
    record_changes(FeedKind.PRODUCTS, Product.objects.filter(vendor_id__in=vendor_ids).values_list("pk", flat=True))
    record_changes(FeedKind.ORDERS, Order.objects.filter(vendor_id__in=vendor_ids).values_list("pk", flat=True))
    record_changes(
        FeedKind.COMMITMENTS, Commitment.objects.filter(vendor_id__in=vendor_ids).values_list("pk", flat=True)
    )
    record_changes(
        FeedKind.COMPETITIONS,
        CompetitionInvitation.objects.filter(vendor_id__in=vendor_ids).values_list("competition_id", flat=True),
    )


def buyer_organisations_changed(organisation_ids: Iterable[int]) -> None:
    """Their orders, competitions and commitments (which show the buyer's name, type and region)."""
    organisation_ids = _ids(organisation_ids)
    if not organisation_ids:
        return
    for kind, model in ((FeedKind.ORDERS, Order), (FeedKind.COMPETITIONS, Competition),
                        (FeedKind.COMMITMENTS, Commitment)):
        record_changes(kind, model.objects.filter(buyer_organisation_id__in=organisation_ids).values_list("pk", flat=True))


def categories_changed(category_ids: Iterable[int]) -> None:
    """The products in these categories or below them (their category path shows the names), and the
    competitions for them."""
    ids = set(_ids(category_ids))
    frontier = set(ids)
    while frontier:  # the tree has at most three levels
        frontier = set(Category.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - ids
        ids |= frontier
    if ids:
        record_changes(FeedKind.PRODUCTS, Product.objects.filter(category_id__in=ids).values_list("pk", flat=True))
        record_changes(
            FeedKind.COMPETITIONS, Competition.objects.filter(category_id__in=ids).values_list("pk", flat=True)
        )
