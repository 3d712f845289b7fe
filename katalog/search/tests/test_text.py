import pytest

from katalog.search.text import analyse, normalise
from katalog.search.typos import closest, edit_distance


def test_normalises_case_accents_and_punctuation():
    assert normalise("Kopi  Café—Robusta (250 g)") == "kopi cafe robusta 250 g"


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("perlengkapan", ["lengkap"]),
        ("Mesin Perontok Padi", ["mesin", "rontok", "padi"]),
        ("kain tapis untuk cinderamata", ["kain", "tapis", "cinderamata"]),
        ("seminar kit 100 peserta", ["seminar", "kit", "100", "serta"]),
    ],
)
def test_analyses_indonesian_text_into_stemmed_terms_without_stop_words(text, terms):
    assert analyse(text) == terms


@pytest.mark.parametrize(
    ("a", "b", "distance"), [("traktor", "trakor", 1), ("traktor", "tarktor", 1), ("tapis", "tapis", 0), ("kopi", "kapas", 3)]
)
def test_edit_distance_counts_insertions_deletions_substitutions_and_swaps(a, b, distance):
    assert edit_distance(a, b, limit=3) == distance


def test_corrects_to_the_nearest_and_most_common_known_term():
    assert closest("trakor", [("traktor", 12), ("tractor", 1), ("kontraktor", 40)]) == ["traktor"]
    assert closest("kpi", [("kopi", 9)]) == []  # too short to guess
