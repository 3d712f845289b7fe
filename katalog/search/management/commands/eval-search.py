"""`katalog eval-search [--json] [--write-docs] [--reindex]`: search relevance on the labelled queries, against BM25.

Runs on the database DATABASE_URL names; when nothing is listed there yet it loads the reference and
demo data and indexes them first (`make eval` uses a database of its own for that).
"""

from katalog.search.evaluation import report
from katalog.search.evaluation.command import EvaluationCommand
from katalog.search.evaluation.runner import evaluate


class Command(EvaluationCommand):
    help = "Measure search relevance (nDCG@10, precision@5, local first) on the labelled queries, against BM25."
    section = "Search relevance"
    items = "query"
    report = report

    def evaluate(self):
        return evaluate()
