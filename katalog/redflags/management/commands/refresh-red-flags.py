"""`katalog refresh-red-flags`: recompute every red flag for the curators."""

import time

from django.core.management.base import BaseCommand

from katalog.core import clock
from katalog.redflags.services import red_flags_refresh_all


class Command(BaseCommand):
    help = (
        "Recompute every red flag for the curators: split orders, unit prices far above the catalogue median, "
        "vendors selling with an expired document, repeated and reused justifications for not buying local. "
        "Run it daily, e.g. from cron: documents expire with the date and catalogue medians move with the "
        "catalogue, which no order change announces. (A sent order's flags also follow it by themselves.)"
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        result = red_flags_refresh_all(now=clock.now())
        self.stdout.write(
            f"Red flags: {result.created} new, {result.updated} updated, {result.reopened} reopened, "
            f"{result.cleared} cleared, in {time.perf_counter() - started:.1f} s."
        )
