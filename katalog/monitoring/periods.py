"""Reporting periods: a year, a quarter or a month, as Asia/Jakarta calendar periods.

Written in query strings as `2025`, `2025-Q2` or `2025-06`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

YEAR, QUARTER, MONTH = "year", "quarter", "month"
_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?:(?:Q|q|K|k)(?P<quarter>[1-4])|(?P<month>\d{1,2})))?$")
MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    number: int = 0  # the quarter (1–4) or the month (1–12); 0 for a year

    @property
    def start(self) -> dt.date:
        if self.kind == QUARTER:
            return dt.date(self.year, 3 * self.number - 2, 1)
        if self.kind == MONTH:
            return dt.date(self.year, self.number, 1)
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        """The first day after the period."""
        last_month = {YEAR: 12, QUARTER: 3 * self.number, MONTH: self.number}[self.kind]
        return dt.date(self.year + (last_month == 12), last_month % 12 + 1, 1)

    @property
    def months(self) -> list[dt.date]:
        first = self.start.month
        last = {YEAR: 12, QUARTER: 3 * self.number, MONTH: self.number}[self.kind]
        return [dt.date(self.year, month, 1) for month in range(first, last + 1)]

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """The period's first and first-after instants in the site's time zone (Asia/Jakarta)."""
        zone = timezone.get_default_timezone()
        return (dt.datetime.combine(self.start, dt.time.min, tzinfo=zone),
                dt.datetime.combine(self.end, dt.time.min, tzinfo=zone))

    @property
    def code(self) -> str:
        if self.kind == QUARTER:
            return f"{self.year}-Q{self.number}"
        if self.kind == MONTH:
            return f"{self.year}-{self.number:02d}"
        return str(self.year)

    @property
    def label(self) -> str:
        if self.kind == QUARTER:
            return _("Quarter %(quarter)s %(year)s") % {"quarter": self.number, "year": self.year}
        if self.kind == MONTH:
            return f"{month_name(self.number)} {self.year}"
        return str(self.year)

    def __str__(self) -> str:
        return self.code


def month_name(number: int) -> str:
    from django.utils.dates import MONTHS

    return str(MONTHS[number])


def parse_period(text: str) -> Period:
    """`2025`, `2025-Q2` (or `2025-K2`, kuartal) or `2025-06`; ValueError with a message otherwise."""
    match = _PATTERN.match((text or "").strip())
    if not match:
        raise ValueError(_("Write the period as a year (2025), a quarter (2025-Q2) or a month (2025-06)."))
    year = int(match["year"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(_("The year must be between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR})
    if match["quarter"]:
        return Period(QUARTER, year, int(match["quarter"]))
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise ValueError(_("The month must be between 1 and 12."))
        return Period(MONTH, year, month)
    return Period(YEAR, year)


def current_year(today: dt.date) -> Period:
    return Period(YEAR, today.year)
