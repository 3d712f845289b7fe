from django.core.management.base import BaseCommand

from katalog.core import clock
from katalog.procurement.notifications import competitions_notify_deadline


class Command(BaseCommand):
    help = (
        "Tell the buyer of every mini-competition whose quote deadline has passed that its quotes are "
        "unsealed and wait for the evaluation (each competition once). Run it often, e.g. hourly from cron."
    )

    def handle(self, *args, **options):
        count = competitions_notify_deadline(now=clock.now())
        self.stdout.write(f"{count} mini-competition(s) past the deadline; buyers told.")
