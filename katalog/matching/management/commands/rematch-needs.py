"""`katalog rematch-needs [--need ID ...]`: rank the catalogue again for open needs and store the matches."""

import time

from django.core.management.base import BaseCommand

from katalog.core import clock
from katalog.matching.rematching import needs_rematch


class Command(BaseCommand):
    help = (
        "Re-match open needs against the catalogue in bulk and store the rankings (every open need, or those "
        "named with --need). Needs are also re-matched by themselves when they or the catalogue change."
    )

    def add_arguments(self, parser):
        parser.add_argument("--need", type=int, action="append", dest="need_ids", metavar="ID",
                            help="only this need (repeat for more)")
        parser.add_argument("--batch-size", type=int, default=200, help="needs per call of the engine")

    def handle(self, *args, **options):
        started = time.perf_counter()
        count = needs_rematch(need_ids=options["need_ids"], now=clock.now(), batch_size=max(1, options["batch_size"]))
        self.stdout.write(f"{count} open need(s) re-matched in {time.perf_counter() - started:.1f} s.")
