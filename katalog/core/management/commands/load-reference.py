"""`katalog load-reference`: (re)load regions and the category tree; safe to run any number of times."""

from django.core.management.base import BaseCommand

from katalog.catalog.models import Category
from katalog.catalog.reference import load_categories
from katalog.regions.models import Region
from katalog.regions.reference import load_regions


class Command(BaseCommand):
    help = "Load the reference regions and category tree (idempotent)."

    def handle(self, *args, **options):
        regions = load_regions(Region)
        categories = load_categories(Category)
        self.stdout.write(f"Regions: {regions} checked. Categories: {categories} created.")
