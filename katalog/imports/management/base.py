"""What `import-vendors` and `import-products` share: reading options, printing the report, exit status."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from katalog.core.errors import ValidationFailed
from katalog.core.tabular import ImportReport

EXIT_STATUS_HELP = (
    "Exit status 0 when the rows were imported (with --skip-invalid: when at least one valid row was "
    "imported; the skipped rows are still listed on stderr). Exit status 1 when the file cannot be read, "
    "lacks a column, or has invalid rows and nothing was written (without --skip-invalid one invalid row "
    "stops the whole file; with it, a file whose every row is invalid)."
)


class ImportCommand(BaseCommand):
    kind = ""  # "vendors" or "products"

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV or XLSX file; the first row names the columns.")
        parser.add_argument(
            "--skip-invalid", action="store_true",
            help="Write the valid rows and report the invalid ones (default: all or nothing).",
        )
        parser.add_argument(
            "--format", choices=["text", "json"], default="text",
            help="text (a summary on stdout, errors on stderr) or json (the whole report on stdout).",
        )

    def run_import(self, path: str, options: dict) -> ImportReport:
        raise NotImplementedError

    def handle(self, *args, **options):
        as_json = options["format"] == "json"
        try:
            report = self.run_import(options["file"], options)
        except ValidationFailed as exc:
            if as_json:
                self.stdout.write(json.dumps({"kind": self.kind, "error": exc.message, "written": False}))
            raise CommandError(exc.message, returncode=1) from exc
        if as_json:
            self.stdout.write(json.dumps({"kind": self.kind, **report.as_dict()}, ensure_ascii=False))
        else:
            self._print(report)
        if report.errors and not report.written:
            if options["skip_invalid"]:
                raise CommandError(_("Nothing was imported: every row has errors."), returncode=1)
            raise CommandError(
                _("Nothing was imported: %(count)d row(s) have errors. Fix them, or use --skip-invalid "
                  "to import the valid rows.") % {"count": report.skipped},
                returncode=1,
            )

    def _print(self, report: ImportReport) -> None:
        summary = _("created %(created)d, updated %(updated)d, unchanged %(unchanged)d") % {
            "created": report.created, "updated": report.updated, "unchanged": report.unchanged,
        }
        if report.skipped:
            summary += ", " + _("skipped %(count)d row(s) with errors") % {"count": report.skipped}
        if not report.written:
            summary += " (" + _("nothing written") + ")"
        self.stdout.write(summary)
        for error in report.errors:
            self.stderr.write(str(error))
