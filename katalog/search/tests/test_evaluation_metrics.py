"""The relevance measures and the labelled set's checks, without a database."""

import math

import pytest

from katalog.search.evaluation import metrics
from katalog.search.evaluation.labels import LabelError, parse

GRADES = {"A": 2, "B": 2, "C": 1}


@pytest.mark.parametrize(
    "ranking, expected",
    [
        (["A", "B", "C"], 1.0),
        (["B", "A", "C"], 1.0),  # equal grades may swap
        ([], 0.0),
        (["X", "Y"], 0.0),
        (["C", "A", "B"], (1 + 3 / math.log2(3) + 3 / 2) / (3 + 3 / math.log2(3) + 1 / 2)),
        (["X", "A", "B", "C"], (3 / math.log2(3) + 3 / 2 + 1 / math.log2(5)) / (3 + 3 / math.log2(3) + 1 / 2)),
    ],
)
def test_ndcg_compares_the_ranking_with_the_best_the_labels_allow(ranking, expected):
    assert metrics.ndcg_at(ranking, GRADES, 10) == pytest.approx(expected)


def test_ndcg_only_looks_at_the_first_k_places():
    assert metrics.ndcg_at(["X", "A"], {"A": 2}, 1) == 0.0
    assert metrics.ndcg_at(["A", "X"], {"A": 2}, 1) == 1.0


def test_ndcg_is_zero_when_nothing_is_relevant():
    assert metrics.ndcg_at(["A"], {}, 10) == 0.0


@pytest.mark.parametrize(
    "ranking, expected",
    [(["A", "B", "C", "X", "Y"], 3 / 5), (["A"], 1 / 5), (["X", "Y", "Z", "W", "V", "A"], 0.0)],
)
def test_precision_counts_relevant_products_in_the_first_five_places(ranking, expected):
    assert metrics.precision_at(ranking, GRADES, 5) == pytest.approx(expected)


@pytest.mark.parametrize(
    "grades, ranking, hits, met",
    [
        ({"A": 2, "B": 2}, ["X", "A", "Y", "Z", "B"], (2, 2), True),
        ({"A": 2, "B": 2}, ["X", "A", "Y", "Z", "W", "B"], (1, 2), False),
        ({"A": 2, "B": 1}, ["A"], (1, 1), True),
        # More than five fit equally: the first five must all be among them.
        ({s: 2 for s in "ABCDEFG"}, ["G", "F", "E", "D", "C", "X"], (5, 5), True),
        ({s: 2 for s in "ABCDEFG"}, ["G", "F", "X", "E", "D", "C"], (4, 5), False),
        ({s: 2 for s in "ABCDEFG"}, ["A", "B"], (2, 5), False),
    ],
)
def test_the_top_five_expectation(grades, ranking, hits, met):
    assert metrics.top_hits(ranking, grades) == hits
    assert metrics.meets_top_expectation(ranking, grades) is met


LOCAL = {"L1": True, "L2": True, "N1": False, "N2": False}


@pytest.mark.parametrize(
    "ranking, grades, expected",
    [
        (["L1", "N1"], {"L1": 2, "N1": 2}, (1, 1)),
        (["N1", "L1"], {"L1": 2, "N1": 2}, (0, 1)),
        (["L1", "N1"], {"L1": 2, "N1": 1}, (0, 0)),  # different grades are not compared
        (["L1", "L2"], {"L1": 2, "L2": 2}, (0, 0)),  # both local
        (["N1"], {"L1": 2, "N1": 2}, (0, 1)),  # the local one was not found at all
        (["L1"], {"L1": 2, "N1": 2}, (1, 1)),
        ([], {"L1": 2, "N1": 2}, (0, 0)),  # neither found: nothing to compare
        (["L1", "N1", "L2", "N2"], {"L1": 2, "L2": 2, "N1": 2, "N2": 2}, (3, 4)),
    ],
)
def test_local_first_pairs(ranking, grades, expected):
    assert metrics.local_first_pairs(ranking, grades, LOCAL) == expected


def test_share_is_undefined_without_pairs():
    assert metrics.share(0, 0) is None
    assert metrics.share(9, 10) == 0.9


def entry(**overrides):
    return {"query": "traktor", "kind": "plain", "grades": {"2": ["KL-1"], "1": ["KL-2"]}} | overrides


def test_parses_grades_per_product():
    [labelled] = parse([entry()])

    assert labelled.grades == {"KL-1": 2, "KL-2": 1}
    assert labelled.required == ["KL-1"]


@pytest.mark.parametrize(
    "entries",
    [
        [entry(), entry(query="Traktor")],
        [entry(kind="fuzzy")],
        [entry(grades={"3": ["KL-1"]})],
        [entry(grades={"1": ["KL-1"]})],
        [entry(grades={"2": ["KL-1"], "1": ["KL-1"]})],
        [entry(query=" ")],
    ],
    ids=["repeated query", "unknown kind", "grade 3", "no grade 2", "labelled twice", "empty query"],
)
def test_refuses_a_malformed_labelled_set(entries):
    with pytest.raises(LabelError):
        parse(entries)
