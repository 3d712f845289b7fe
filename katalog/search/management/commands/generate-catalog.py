"""`katalog generate-catalog --products N`: a synthetic catalogue for benchmarks (see katalog.demo.generator)."""

import time

from django.core.management.base import BaseCommand, CommandError

from katalog.demo.generator import generate_catalog


class Command(BaseCommand):
    help = (
        "Generate a synthetic catalogue: vendors GEN-V000001.. and products GEN-0000001.. (existing ones are "
        "skipped, so running again with the same arguments writes nothing), then rebuild the search index."
    )

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, required=True, help="Number of products (GEN-0000001 upwards).")
        parser.add_argument("--vendors", type=int, default=None, help="Number of vendors (default: products / 40).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed; the same seed gives the same rows.")
        parser.add_argument("--approve", action="store_true", help="List the products (approved) so search finds them.")

    def handle(self, *args, **options):
        if options["products"] < 1 or (options["vendors"] is not None and options["vendors"] < 1):
            raise CommandError("--products and --vendors must be at least 1.")
        started = time.monotonic()

        def progress(stage, done, of):
            self.stderr.write(f"\r{stage}: {done:,}/{of:,} ({time.monotonic() - started:.0f} s)", ending="")

        report = generate_catalog(
            products=options["products"], vendors=options["vendors"], seed=options["seed"],
            approve=options["approve"], progress=progress if options["verbosity"] >= 1 else None,
        )
        self.stderr.write("")
        indexed = "index unchanged" if report.indexed is None else f"{report.indexed:,} products indexed"
        self.stdout.write(
            f"{report.vendors_created:,} vendors and {report.products_created:,} products created "
            f"({report.vendors_existing:,} and {report.products_existing:,} already there); {indexed}; "
            f"{time.monotonic() - started:.1f} s."
        )
