"""The plain BM25 baseline, without a database."""

import pytest

from katalog.search.evaluation.bm25 import BM25, tokenise


def test_tokenises_into_plain_lower_case_words():
    assert tokenise("Traktor Roda-Dua (8,5 HP) Cinderamáta") == ["traktor", "roda", "dua", "8", "5", "hp", "cinderamata"]


def test_ranks_documents_sharing_a_rare_word_first():
    index = BM25({"a": "kopi bubuk lampung", "b": "tapis bubuk lampung", "c": "kopi biji lampung"})

    assert index.rank("tapis lampung") == ["b", "a", "c"]


def test_prefers_the_shorter_document_at_equal_counts():
    index = BM25({"long": "pompa air irigasi sawah kebun selang", "short": "pompa air", "other": "madu hutan"})

    assert index.rank("pompa") == ["short", "long"]


def test_ignores_documents_without_a_query_word_and_keeps_the_given_order_on_ties():
    index = BM25({"b": "kursi rapat", "a": "kursi rapat", "c": "meja"})

    assert index.rank("kursi") == ["b", "a"]
    assert index.rank("lemari") == []


def test_neither_stems_nor_knows_synonyms():
    index = BM25({"a": "perlengkapan seminar", "b": "traktor roda dua"})

    assert index.rank("lengkap") == []
    assert index.rank("hand tractor") == []


def test_scores_follow_okapi_bm25():
    index = BM25({"a": "x y", "b": "y z z"}, k1=1.2, b=0.75)

    # idf(x) = ln(1 + (2 - 1 + 0.5) / (1 + 0.5)) = ln 2; |a| = 2, average 2.5.
    norm = 1.2 * (1 - 0.75 + 0.75 * 2 / 2.5)
    assert index.score(["x"], 0) == pytest.approx(0.6931471805599453 * 2.2 / (1 + norm))


def test_limits_the_ranking():
    index = BM25({str(i): "kopi" for i in range(10)})

    assert index.rank("kopi", limit=3) == ["0", "1", "2"]
