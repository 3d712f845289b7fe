"""Background refresh of the monthly purchase sums; queued after a change commits (see hooks.py)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task


@task()
def refresh_purchase_months(months: list[str]) -> int:
    """Rebuild the sums of these months (ISO dates); how many cells they hold now."""
    from .aggregates import refresh_months

    return refresh_months(dt.date.fromisoformat(month) for month in months)
