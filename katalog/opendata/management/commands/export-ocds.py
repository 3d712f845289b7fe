import datetime as dt
import os
import re
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from katalog.core import clock
from katalog.opendata import packages

DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date(value: str) -> dt.date:
    try:
        if not DATE_PATTERN.match(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--since: {value!r} is not a date; write it as YYYY-MM-DD (for example 2025-01-31).") from None


def _base_url(value: str | None) -> str:
    base_url = (value or packages.configured_base_url()).rstrip("/")
    if not base_url:
        raise CommandError(
            "The package's links must be absolute: give --base-url https://katalog.example.go.id "
            "or set KATALOG_SITE_URL."
        )
    if not re.match(r"^https?://[^/\s]+", base_url):
        raise CommandError(f"--base-url: {base_url!r} is not an http(s) address such as https://katalog.example.go.id.")
    return base_url


def _write_atomically(path: Path, text: str) -> None:
    """Write the whole file or nothing: a temporary file in the same folder, then renamed over `path`."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        # mkstemp makes the file private (0600); give it the permissions any new file would get.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Command(BaseCommand):
    help = (
        "Write one OCDS 1.1 release package, as UTF-8 JSON, of everything published on or after a date "
        "(an Asia/Jakarta calendar date): realised orders and awarded or cancelled mini-competitions."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", required=True, help="First day to include, YYYY-MM-DD.")
        parser.add_argument("--output", help="Write to this file instead of standard output.")
        parser.add_argument(
            "--base-url", help="The site's address for the package's links (default: KATALOG_SITE_URL)."
        )

    def handle(self, *args, since, output=None, base_url=None, **options):
        since_date = _date(since)
        if output and not Path(output).parent.is_dir():
            raise CommandError(f"--output: the folder {str(Path(output).parent)!r} does not exist.")
        package = packages.package_since(since_date, base_url=_base_url(base_url), now=clock.now())
        if not package["releases"]:
            # OCDS requires at least one release in a package: nothing to write is not an error.
            self.stderr.write(f"Nothing was published since {since_date.isoformat()}; no package written.")
            return
        text = packages.to_json(package, indent=2) + "\n"
        if not output:
            reconfigure = getattr(self.stdout, "reconfigure", None)  # the real stdout: make sure it writes UTF-8
            if reconfigure is not None:
                reconfigure(encoding="utf-8")
            self.stdout.write(text, ending="")
            return
        path = Path(output)
        try:
            _write_atomically(path, text)
        except OSError as exc:
            raise CommandError(f"--output: cannot write {output!r}: {exc.strerror or exc}.") from None
        self.stdout.write(f"{len(package['releases'])} release(s) since {since_date.isoformat()} written to {output}.")
