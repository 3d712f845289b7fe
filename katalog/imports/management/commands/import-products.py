from katalog.imports.management.base import EXIT_STATUS_HELP, ImportCommand
from katalog.imports.products import import_products


class Command(ImportCommand):
    kind = "products"
    help = (
        "Create or update products from a CSV or XLSX file with the columns sku,vendor_code,name,description,"
        "category,unit,price,min_order,capacity_per_month,tkdn,bmp,origin_regency_code,certifications. "
        "Rows are matched by sku; the vendors must be imported first. " + EXIT_STATUS_HELP
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--approve", action="store_true",
            help="Mark the imported products as approved (tayang), already checked by a curator.",
        )
        parser.add_argument(
            "--create-categories", action="store_true",
            help="Create categories the file names but the catalogue lacks (otherwise such rows are invalid).",
        )

    def run_import(self, path, options):
        return import_products(
            path, approve=options["approve"], skip_invalid=options["skip_invalid"],
            create_categories=options["create_categories"],
        )
