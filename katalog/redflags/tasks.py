"""Background refresh of the red flags; queued after an order or a vendor document changes (see hooks.py)."""

from __future__ import annotations

from django_tasks import task

from katalog.core import clock


@task()
def refresh_red_flags(buyer_organisation_ids: list[int], vendor_ids: list[int]) -> int:
    """Recompute the flags of these buyer organisations and vendors; how many flags changed."""
    from .services import red_flags_refresh_buyer, red_flags_refresh_vendor

    now = clock.now()
    changed = 0
    for buyer_id in buyer_organisation_ids:
        changed += red_flags_refresh_buyer(buyer_id, now=now).changed
    for vendor_id in vendor_ids:
        changed += red_flags_refresh_vendor(vendor_id, now=now).changed
    return changed
