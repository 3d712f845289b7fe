"""A plain BM25 ranking: the baseline search is measured against (pure).

Words are lower-cased, stripped of accents and split on anything that is not a letter or digit;
nothing else: no stemming, no stop words, no synonyms, no typo correction, no preference for local
products. Okapi BM25 with the usual k1 = 1.2, b = 0.75 and the non-negative IDF of Lucene.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Mapping

_NON_WORD = re.compile(r"[^0-9a-z]+")


def tokenise(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return [w for w in _NON_WORD.split(plain) if w]


class BM25:
    """An index over documents given as {key: text}; `rank` returns keys, best first.

    Equal scores keep the order in which the documents were given, so rankings are repeatable.
    """

    def __init__(self, documents: Mapping[Hashable, str], *, k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self.keys = list(documents)
        self.terms = [Counter(tokenise(documents[key])) for key in self.keys]
        self.lengths = [sum(counts.values()) for counts in self.terms]
        self.average_length = (sum(self.lengths) / len(self.lengths)) if self.lengths else 0.0
        document_frequency: Counter = Counter()
        for counts in self.terms:
            document_frequency.update(counts.keys())
        n = len(self.keys)
        self.idf = {
            term: math.log(1 + (n - df + 0.5) / (df + 0.5)) for term, df in document_frequency.items()
        }

    def score(self, query_terms: list[str], index: int) -> float:
        counts, length = self.terms[index], self.lengths[index]
        norm = self.k1 * (1 - self.b + self.b * length / self.average_length) if self.average_length else self.k1
        total = 0.0
        for term in query_terms:
            tf = counts.get(term, 0)
            if tf:
                total += self.idf[term] * tf * (self.k1 + 1) / (tf + norm)
        return total

    def rank(self, query: str, *, limit: int | None = None) -> list[Hashable]:
        """Keys of the documents sharing at least one word with the query, best first."""
        query_terms = tokenise(query)
        scored = [(self.score(query_terms, i), i) for i in range(len(self.keys))]
        ordered = sorted((item for item in scored if item[0] > 0), key=lambda item: (-item[0], item[1]))
        keys = [self.keys[i] for _score, i in ordered]
        return keys[:limit] if limit is not None else keys
