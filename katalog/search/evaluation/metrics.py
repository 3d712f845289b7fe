"""Relevance measures over one ranking (pure).

A ranking is a list of SKUs, best first. Grades come from the labelled set: 2 the product fits
what the buyer asked for, 1 acceptable, anything unlabelled 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

TOP = 5


def dcg(gains: Sequence[float]) -> float:
    """Discounted cumulative gain, the first position undiscounted (log2(rank + 1))."""
    return sum(gain / math.log2(rank + 2) for rank, gain in enumerate(gains))


def gain(grade: int) -> float:
    """Exponential gain: a fitting product is worth three acceptable ones."""
    return float(2**grade - 1)


def ndcg_at(ranking: Sequence[str], grades: Mapping[str, int], k: int = 10) -> float:
    """nDCG@k: the ranking's DCG over the best DCG the labels allow (0 when nothing is relevant)."""
    ideal = dcg([gain(g) for g in sorted(grades.values(), reverse=True)[:k] if g > 0])
    if ideal == 0:
        return 0.0
    return dcg([gain(grades.get(sku, 0)) for sku in ranking[:k]]) / ideal


def precision_at(ranking: Sequence[str], grades: Mapping[str, int], k: int = TOP) -> float:
    """Share of the first k places holding a relevant product (an empty place counts as a miss)."""
    return sum(1 for sku in ranking[:k] if grades.get(sku, 0) > 0) / k


def required(grades: Mapping[str, int]) -> set[str]:
    """The products a buyer must see on the first screen: every grade-2 product."""
    return {sku for sku, grade in grades.items() if grade >= 2}


def top_hits(ranking: Sequence[str], grades: Mapping[str, int], k: int = TOP) -> tuple[int, int]:
    """(grade-2 products found in the first k places, how many there could be)."""
    must = required(grades)
    return sum(1 for sku in ranking[:k] if sku in must), min(k, len(must))


def meets_top_expectation(ranking: Sequence[str], grades: Mapping[str, int], k: int = TOP) -> bool:
    """Every grade-2 product is in the first k places; when there are more than k of them
    (fifteen equally fitting seminar kits), the first k places all hold grade-2 products."""
    found, possible = top_hits(ranking, grades, k)
    return found == possible


def local_first_pairs(
    ranking: Sequence[str], grades: Mapping[str, int], is_local: Mapping[str, bool]
) -> tuple[int, int]:
    """(pairs where the local product ranks higher, pairs counted).

    A pair is two labelled products of the same grade, one Produk Lokal Lampung and one not, at
    least one of which the ranking holds; a product the ranking does not hold ranks below all.
    """
    position = {sku: i for i, sku in enumerate(ranking)}
    absent = len(ranking)
    wins = pairs = 0
    labelled = [sku for sku, grade in grades.items() if grade > 0]
    for local in (sku for sku in labelled if is_local.get(sku)):
        for other in (sku for sku in labelled if not is_local.get(sku)):
            if grades[local] != grades[other] or (local not in position and other not in position):
                continue
            pairs += 1
            wins += position.get(local, absent) < position.get(other, absent)
    return wins, pairs


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def share(wins: int, total: int) -> float | None:
    return wins / total if total else None
