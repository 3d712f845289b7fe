"""Background refresh of the monthly purchase sums; queued with the change that made them stale (hooks.py)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task


@task()
def refresh_purchase_months(months: list[str]) -> int:
    """Rebuild the sums of these months (ISO dates); how many cells they hold now."""
    from .aggregates import refresh_months

    return refresh_months(dt.date.fromisoformat(month) for month in months)


@task()
def refresh_stale_months() -> int:
    """Rebuild the months that changes marked stale; how many cells they hold now (0: nothing was left)."""
    from .aggregates import refresh_stale_months as refresh

    return refresh()
