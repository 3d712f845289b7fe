"""`katalog eval-matching [--json] [--write-docs] [--reindex]`: matching relevance on the labelled needs, against BM25.

Runs on the database DATABASE_URL names; when nothing is listed there yet it loads the reference and
demo data and indexes them first (`make eval` uses a database of its own for that). Prints nDCG@10,
precision@5 and the local-first share of both rankings, and whether the targets are met.
"""

from katalog.matching.evaluation import report
from katalog.matching.evaluation.runner import evaluate
from katalog.search.evaluation.command import EvaluationCommand


class Command(EvaluationCommand):
    help = "Measure matching relevance (nDCG@10, precision@5, local first) on the labelled needs, against BM25."
    section = "Matching relevance"
    items = "need"
    report = report

    def evaluate(self):
        return evaluate()
