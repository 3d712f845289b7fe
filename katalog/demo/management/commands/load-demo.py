"""`katalog load-demo`: the Lampung demo catalogue, its orders and mini-competitions, needs and
business-matching events, and the demo logins (safe to run again)."""

from django.core.management.base import BaseCommand, CommandError

from katalog.core import clock
from katalog.demo.loader import DemoDataError, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo catalogue (about 60 vendors, 300 products), orders in every status, mini-competitions, "
        "buyers' needs with their matches, business-matching events with commitments and the demo logins; "
        "idempotent."
    )

    def handle(self, *args, **options):
        try:
            summary = load_demo(now=clock.now())
        except DemoDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Demo data ready: {summary.vendors_created} vendors, {summary.products_created} products, "
            f"{summary.orders_created} orders, {summary.competitions_created} mini-competitions, "
            f"{summary.needs_created} needs, {summary.events_created} matching events and "
            f"{summary.commitments_created} commitments added (0 means they were already there)."
        )
        self.stdout.write("")
        self.stdout.write("Demo logins:")
        columns = ["username", "role", "organisation", "password"]
        widths = {c: max(len(c), *(len(str(row[c])) for row in summary.logins)) for c in columns}
        self.stdout.write("  ".join(c.ljust(widths[c]) for c in columns).rstrip())
        self.stdout.write("  ".join("-" * widths[c] for c in columns))
        for row in summary.logins:
            self.stdout.write("  ".join(str(row[c]).ljust(widths[c]) for c in columns).rstrip())
