from katalog.imports.management.base import EXIT_STATUS_HELP, ImportCommand
from katalog.imports.vendors import import_vendors


class Command(ImportCommand):
    kind = "vendors"
    help = (
        "Create or update vendors from a CSV or XLSX file with the columns "
        "vendor_code,name,regency_code,scale,nib,npwp,kbli. Rows are matched by vendor_code. " + EXIT_STATUS_HELP
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--verified", action="store_true",
            help="Mark the imported vendors as verified (already checked by a curator).",
        )

    def run_import(self, path, options):
        return import_vendors(path, verified=options["verified"], skip_invalid=options["skip_invalid"])
