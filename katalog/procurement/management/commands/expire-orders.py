from django.core.management.base import BaseCommand

from katalog.core import clock
from katalog.procurement.services import orders_expire


class Command(BaseCommand):
    help = (
        "Expire orders whose next step has waited on the PPK or the vendor longer than "
        "KATALOG['ORDER_RESPONSE_WORKING_DAYS'] working days (weekends and the holiday list skipped). "
        "Run it daily, e.g. from cron."
    )

    def handle(self, *args, **options):
        count = orders_expire(now=clock.now())
        self.stdout.write(f"{count} order(s) expired.")
