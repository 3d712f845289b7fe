"""What makes the monthly sums stale, and the refresh queued with the change (it runs once the change commits).

A paid order saved (paid, completed, rated, corrected) refreshes its month. A vendor moving to another regency
or an organisation changing its buyer type refreshes the months whose cells still say otherwise: rare, so a
query per such save is cheap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models.signals import post_save


def refresh_later(months: Iterable[dt.date]) -> None:
    """Mark the months stale and queue the refresh inside the change's own transaction: with the database
    task backend the marks and the task row commit (or roll back) with the change, so no refresh is lost
    between a commit and an enqueue, and a worker cannot see them before the commit. Run inline (tests,
    the demo), the refresh reads the uncommitted change on the same connection."""
    from .models import StaleMonth
    from .tasks import refresh_stale_months

    stale = sorted({month.replace(day=1) for month in months})
    if stale:
        StaleMonth.objects.bulk_create([StaleMonth(month=month) for month in stale])
        refresh_stale_months.enqueue()


def order_saved(sender, instance, **kwargs) -> None:
    if instance.realised_on is not None:
        refresh_later([instance.realised_on])


def vendor_saved(sender, instance, created=False, **kwargs) -> None:
    from .models import PurchaseCell

    if not created:
        refresh_later(PurchaseCell.objects.filter(vendor_id=instance.pk).exclude(
            vendor_region_id=instance.region_id).values_list("month", flat=True).distinct())


def organisation_saved(sender, instance, created=False, **kwargs) -> None:
    from .models import PurchaseCell

    if not created and instance.kind == "buyer":
        refresh_later(PurchaseCell.objects.filter(buyer_organisation_id=instance.pk).exclude(
            buyer_type=instance.buyer_type).values_list("month", flat=True).distinct())


def connect() -> None:
    from katalog.accounts.models import Organisation
    from katalog.procurement.models import Order
    from katalog.vendors.models import Vendor

    post_save.connect(order_saved, sender=Order, dispatch_uid="monitoring.order_saved")
    post_save.connect(vendor_saved, sender=Vendor, dispatch_uid="monitoring.vendor_saved")
    post_save.connect(organisation_saved, sender=Organisation, dispatch_uid="monitoring.organisation_saved")
