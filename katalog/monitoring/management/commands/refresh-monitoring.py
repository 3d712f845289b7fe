"""`katalog refresh-monitoring [--month YYYY-MM ...]`: rebuild the monthly purchase sums the dashboards read."""

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError

from katalog.monitoring.aggregates import realised_months, refresh_months


def _month(text: str) -> dt.date:
    try:
        year, month = text.strip().split("-")
        return dt.date(int(year), int(month), 1)
    except ValueError:
        raise CommandError(f"Write a month as YYYY-MM, not {text!r}.") from None


class Command(BaseCommand):
    help = (
        "Rebuild the P3DN dashboards' monthly sums from the paid orders: every month, or those named with --month. "
        "Sums also refresh by themselves within a minute of a payment; run this after restoring a backup or "
        "correcting data outside the application."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", action="append", dest="months", metavar="YYYY-MM",
                            help="only this month (repeat for more)")

    def handle(self, *args, **options):
        months = [_month(text) for text in options["months"]] if options["months"] else realised_months()
        started = time.perf_counter()
        cells = refresh_months(months)
        self.stdout.write(f"{len(months)} month(s) rebuilt into {cells} cell(s) in {time.perf_counter() - started:.1f} s.")
