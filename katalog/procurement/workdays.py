"""Working days: Monday to Friday, except public holidays. Pure; the caller supplies the holidays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

SATURDAY = 5


def is_working_day(day: dt.date, holidays: Collection[dt.date] = ()) -> bool:
    return day.weekday() < SATURDAY and day not in holidays


def add_working_days(start: dt.date, days: int, holidays: Collection[dt.date] = ()) -> dt.date:
    """The `days`-th working day after `start` (`start` itself never counts); `start` when `days` is 0."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays):
            counted += 1
    return day
