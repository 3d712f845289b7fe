"""`katalog eval-search [--json] [--write-docs] [--reindex]`: search relevance on the labelled queries, against BM25.

Runs on the database DATABASE_URL names; when nothing is listed there yet it loads the reference and
demo data and indexes them first (`make eval` uses a database of its own for that).
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from katalog.core import clock
from katalog.search.evaluation import report
from katalog.search.evaluation.runner import UnknownProducts, ensure_demo, evaluate
from katalog.search.indexing import reindex_all


class Command(BaseCommand):
    help = "Measure search relevance (nDCG@10, precision@5, local first) on the labelled queries, against BM25."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print the figures and every query as JSON")
        parser.add_argument(
            "--write-docs", action="store_true", help="update the Search relevance section of docs/benchmarks.md"
        )
        parser.add_argument(
            "--reindex", action="store_true", help="rebuild the search index first (a database kept between runs)"
        )
        parser.add_argument("--docs-file", type=Path, help="the Markdown file to update instead of docs/benchmarks.md")

    def handle(self, *args, **options):
        now = clock.now()
        if ensure_demo(now=now):
            self.stderr.write("Loaded and indexed the demo catalogue (nothing was listed).")
        elif options["reindex"]:
            reindex_all()
        try:
            evaluation = evaluate()
        except UnknownProducts as exc:
            raise CommandError(f"{exc}. Run it on the demo catalogue (make eval).") from exc
        if options["json"]:
            self.stdout.write(json.dumps(report.as_json(evaluation), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(report.as_text(evaluation))
        if options["write_docs"]:
            path = options["docs_file"] or Path(settings.BASE_DIR) / "docs" / "benchmarks.md"
            report.write_section(path, report.as_markdown(evaluation, today=clock.today()))
            self.stderr.write(f"Wrote the Search relevance section of {path}.")
