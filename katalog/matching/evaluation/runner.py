"""Ranking the labelled needs with the matching engine and with plain BM25 over the same listed products.

The measures, the BM25 baseline and the per-engine figures are the search evaluation's: a need is
scored exactly as a search query is, so the two evaluations read the same.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from django.db import connection

from katalog.search.evaluation import metrics
from katalog.search.evaluation.bm25 import BM25
from katalog.search.evaluation.runner import Figures, UnknownProducts, figures, product_documents

from .labels import EVALUATION_DATE, LabelledNeed, load_labelled

# How deep each ranking is read: the local-first pairs look past the first screen.
RANK_DEPTH = 50
# Local first: share of equally fitting (local, non-local) pairs where the local product ranks higher.
LOCAL_FIRST_TARGET = 0.9

Ranker = Callable[["LabelledNeed", int], list[str]]


@dataclass
class NeedOutcome:
    labelled: LabelledNeed
    matching: list[str]  # SKUs, best first
    bm25: list[str]


@dataclass
class MatchingEvaluation:
    outcomes: list[NeedOutcome]
    listed_products: int
    database: str
    matching: Figures
    bm25: Figures
    is_local: Mapping[str, bool]
    best_precision_at_5: float = 1.0  # what a perfect ranking scores: some needs have fewer than 5 products

    @property
    def ndcg_target(self) -> float:
        return ndcg_target(self.bm25.ndcg_at_10)

    @property
    def meets_ndcg_target(self) -> bool:
        return self.matching.ndcg_at_10 >= self.ndcg_target

    @property
    def meets_local_first_target(self) -> bool:
        share = self.matching.local_first_share
        return share is not None and share >= LOCAL_FIRST_TARGET

    @property
    def by_wording(self) -> dict[str, tuple[int, float, float]]:
        """nDCG@10 of needs that name a category and of needs that do not: (needs, matching, BM25)."""
        groups = {
            "with category": [o for o in self.outcomes if o.labelled.spec.category],
            "without category": [o for o in self.outcomes if not o.labelled.spec.category],
        }
        return {
            name: (len(chosen), mean_ndcg(chosen, "matching"), mean_ndcg(chosen, "bm25"))
            for name, chosen in groups.items()
            if chosen
        }

    def below_target(self) -> list[NeedOutcome]:
        """Needs whose matching nDCG@10 is under the overall target, worst first."""
        low = [o for o in self.outcomes if need_ndcg(o, "matching") < self.ndcg_target]
        return sorted(low, key=lambda o: (need_ndcg(o, "matching"), o.labelled.ref))

    def local_first_losses(self) -> list[tuple[NeedOutcome, int, int]]:
        """Needs where a non-local product ranks above an equally fitting local one: (need, wins, pairs)."""
        losses = []
        for outcome in self.outcomes:
            wins, pairs = metrics.local_first_pairs(outcome.matching, outcome.labelled.grades, self.is_local)
            if wins < pairs:
                losses.append((outcome, wins, pairs))
        return losses


def ndcg_target(bm25_ndcg: float) -> float:
    """At least halfway from the baseline to a perfect ranking."""
    return bm25_ndcg + (1 - bm25_ndcg) / 2


def need_ndcg(outcome: NeedOutcome, engine: str) -> float:
    return metrics.ndcg_at(getattr(outcome, engine), outcome.labelled.grades, 10)


def mean_ndcg(outcomes: Sequence[NeedOutcome], engine: str) -> float:
    return metrics.mean([need_ndcg(o, engine) for o in outcomes])


def need_text(labelled: LabelledNeed) -> str:
    """Everything the buyer wrote, as BM25's query."""
    spec = labelled.spec
    return " ".join(part for part in (spec.title, spec.description, spec.category) if part)


def matching_ranking(labelled: LabelledNeed, depth: int) -> list[str]:
    from katalog.matching.engine import match_need  # the engine is what is measured; imported when run

    return [match.sku for match in match_need(labelled.spec, limit=depth, today=EVALUATION_DATE)]


def evaluate(
    labelled: Sequence[LabelledNeed] | None = None,
    *,
    rank: Ranker = matching_ranking,
    documents: Mapping[str, str] | None = None,
    is_local: Mapping[str, bool] | None = None,
    depth: int = RANK_DEPTH,
) -> MatchingEvaluation:
    """Rank every need with `rank` (the matching engine) and with BM25 over `documents` (the listed
    products' text, read from the database when not given), and score both against the labels."""
    labelled = list(labelled if labelled is not None else load_labelled())
    if documents is None or is_local is None:
        documents, is_local = product_documents()
    unknown = sorted({sku for need in labelled for sku in need.grades} - set(documents))
    if unknown:
        raise UnknownProducts(unknown)
    baseline = BM25(documents)
    outcomes = [
        NeedOutcome(labelled=need, matching=rank(need, depth), bm25=baseline.rank(need_text(need), limit=depth))
        for need in labelled
    ]
    return MatchingEvaluation(
        outcomes=outcomes,
        listed_products=len(documents),
        database=connection.vendor,
        matching=figures(outcomes, engine="matching", is_local=is_local),
        bm25=figures(outcomes, engine="bm25", is_local=is_local),
        is_local=is_local,
        best_precision_at_5=metrics.mean(
            [metrics.precision_at(sorted(n.grades, key=lambda sku: -n.grades[sku]), n.grades) for n in labelled]
        ),
    )
