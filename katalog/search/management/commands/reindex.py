"""`katalog reindex`: rebuild the search index and its vocabulary from the catalogue."""

import time

from django.core.management.base import BaseCommand

from katalog.search.indexing import reindex_all


class Command(BaseCommand):
    help = "Rebuild the search index of every listed product."

    def handle(self, *args, **options):
        started = time.monotonic()
        total = reindex_all(progress=lambda done, of: self.stderr.write(f"\r{done}/{of}", ending=""))
        self.stderr.write("")
        self.stdout.write(f"Indexed {total} listed products in {time.monotonic() - started:.1f} s.")
