"""What makes the red flags stale, and the refresh that follows once the change commits.

A sent order saved (sent, agreed, cancelled, paid...) refreshes the flags of its buyer organisation and of its
vendor; a vendor document added, changed or deleted refreshes its vendor's. Drafts change nothing: they do not
count. Flags that change with the date alone (documents expiring) and with the catalogue (median prices) are
refreshed by the daily `katalog refresh-red-flags`.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save


def refresh_later(*, buyer_organisation_ids: list[int], vendor_ids: list[int]) -> None:
    from .tasks import refresh_red_flags

    transaction.on_commit(lambda: refresh_red_flags.enqueue(buyer_organisation_ids, vendor_ids), robust=True)


def order_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw or instance.submitted_at is None:
        return
    refresh_later(buyer_organisation_ids=[instance.buyer_organisation_id], vendor_ids=[instance.vendor_id])


def document_changed(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        refresh_later(buyer_organisation_ids=[], vendor_ids=[instance.vendor_id])


def connect() -> None:
    from katalog.procurement.models import Order
    from katalog.vendors.models import VendorDocument

    post_save.connect(order_saved, sender=Order, dispatch_uid="redflags.order_saved")
    post_save.connect(document_changed, sender=VendorDocument, dispatch_uid="redflags.document_saved")
    post_delete.connect(document_changed, sender=VendorDocument, dispatch_uid="redflags.document_deleted")
