"""`katalog match FILE [--top N] [--json] [--save --user USERNAME]`: match a file of needs against the catalogue.

Reads needs in the CSV/XLSX format of `specs.NEED_COLUMNS` and ranks the listed products of the database
DATABASE_URL names for each. Nothing is stored unless `--save` (which imports the needs as the user
named by `--user`, a curator or a buyer).
"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from katalog.core import clock
from katalog.core.errors import DomainError, ValidationFailed
from katalog.matching.engine import match_needs
from katalog.matching.specs import read_needs


class Command(BaseCommand):
    help = (
        "Match the needs of a CSV or XLSX file (columns ref,buyer,buyer_type,title,description,category,quantity,"
        "unit,budget,regency_code,needed_by) against the listed products, best first. Exit status 1 when the "
        "file cannot be read or has invalid rows (every error is listed on stderr)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV or XLSX file; the first row names the columns.")
        parser.add_argument("--top", type=int, default=10, help="products per need (default 10)")
        parser.add_argument("--json", action="store_true",
                            help='print [{"ref", "matches": [{"sku", "vendor_code", "score", "fits", "reasons"}]}]')
        parser.add_argument("--save", action="store_true",
                            help="also import the needs (they are then matched and stored like any other need)")
        parser.add_argument("--user", help="with --save: the username of the curator or buyer who imports them")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror or exc}", returncode=1) from exc
        save = self._saver(options) if options["save"] else None
        try:
            specs = read_needs(data, path.name)
        except ValidationFailed as exc:
            self._refuse(exc)
        results = match_needs(specs, limit=max(1, options["top"]))
        rows = [
            {
                "ref": spec.ref,
                "matches": [
                    {"sku": m.sku, "vendor_code": m.vendor_code, "score": m.score, "fits": m.fits,
                     "reasons": [str(r) for r in m.reasons]}
                    for m in matches
                ],
            }
            for spec, matches in zip(specs, results, strict=True)
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            self._print(specs, rows)
        if save is not None:
            save(data, path.name)

    def _print(self, specs, rows) -> None:
        for spec, row in zip(specs, rows, strict=True):
            self.stdout.write(f"{spec.ref}  {spec.title}")
            if not row["matches"]:
                self.stdout.write("    -")
            for match in row["matches"]:
                mark = " " if match["fits"] else "x"
                self.stdout.write(f"  {mark} {match['score']:.4f}  {match['sku']:<18} {match['vendor_code']:<12} "
                                  f"{'; '.join(match['reasons'])}")

    def _refuse(self, exc: ValidationFailed):
        for error in getattr(exc, "rows", []):
            self.stderr.write(str(error))
        raise CommandError(exc.message, returncode=1)

    def _saver(self, options):
        """The import to run after matching, checked before anything is read."""
        try:
            from katalog.matching.services import needs_import
        except ImportError:
            needs_import = None
        if needs_import is None:
            raise CommandError("--save is not available: this installation cannot import needs.", returncode=2)
        if not options["user"]:
            raise CommandError("--save needs --user USERNAME: the curator or buyer who imports the needs.",
                               returncode=2)
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"There is no user {options['user']!r}.", returncode=2)

        def save(data: bytes, filename: str) -> None:
            try:
                result = needs_import(data, filename, actor=user, now=clock.now())
            except ValidationFailed as exc:
                self._refuse(exc)
            except DomainError as exc:
                raise CommandError(exc.message, returncode=1) from exc
            summary = result.as_dict() if hasattr(result, "as_dict") else {}
            self.stderr.write(
                f"Saved: {summary.get('created', 0)} created, {summary.get('updated', 0)} updated, "
                f"{summary.get('unchanged', 0)} unchanged."
            )

        return save
