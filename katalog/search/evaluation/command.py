"""What `katalog eval-search` and `katalog eval-matching` share: their options, and running an evaluation
on the demo catalogue, then printing it and writing its section of docs/benchmarks.md."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from katalog.core import clock
from katalog.search.indexing import reindex_all

from .runner import UnknownProducts, ensure_demo


class EvaluationCommand(BaseCommand):
    """Subclasses set `section` (the heading in docs/benchmarks.md), `items` (what is labelled, plural),
    `report` (a module with as_text, as_json, as_markdown and write_section) and `evaluate`."""

    section: str
    items: str
    report = None

    def evaluate(self):
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help=f"print the figures and every {self.items} as JSON")
        parser.add_argument(
            "--write-docs", action="store_true", help=f"update the {self.section} section of docs/benchmarks.md"
        )
        parser.add_argument(
            "--reindex", action="store_true", help="rebuild the search index first (a database kept between runs)"
        )
        parser.add_argument("--docs-file", type=Path, help="the Markdown file to update instead of docs/benchmarks.md")

    def handle(self, *args, **options):
        if ensure_demo(now=clock.now()):
            self.stderr.write("Loaded and indexed the demo catalogue (nothing was listed).")
        elif options["reindex"]:
            reindex_all()
        try:
            evaluation = self.evaluate()
        except UnknownProducts as exc:
            raise CommandError(f"{exc}. Run it on the demo catalogue (make eval).") from exc
        if options["json"]:
            self.stdout.write(json.dumps(self.report.as_json(evaluation), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(self.report.as_text(evaluation))
        if options["write_docs"]:
            path = options["docs_file"] or Path(settings.BASE_DIR) / "docs" / "benchmarks.md"
            self.report.write_section(path, self.report.as_markdown(evaluation, today=clock.today()))
            self.stderr.write(f"Wrote the {self.section} section of {path}.")
