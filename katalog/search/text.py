"""Indonesian text processing for search (pure): normalise, split, drop stop words, stem with Sastrawi.

The same function analyses a product when it is indexed and a query when it is asked, so both meet
on the same terms ("perlengkapan" and "lengkap" both become "lengkap").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Stemmer import Stemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

# Words that carry no meaning for finding a product (kept short on purpose: "alat", "kit" stay).
STOP_WORDS = frozenset(
    """dan atau di ke dari untuk yang dengan pada dalam per serta para ini itu the of and for with
    a an to in""".split()
)



class _SetDictionary(ArrayDictionary):
    """Sastrawi's root-word dictionary, looked up in a set: its own list makes every look-up a scan."""

    def __init__(self, words):
        super().__init__()
        self.words = frozenset(w for w in words if w and w.strip())

    def contains(self, word):
        return word in self.words


_stemmer = Stemmer(_SetDictionary(StemmerFactory().get_words()))
_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Lower case, accents removed, every non-alphanumeric character a space."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NON_WORD.sub(" ", ascii_text).strip()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    if word.isdigit() or len(word) <= 3:
        return word
    return _stemmer.stem(word) or word


def words(text: str) -> list[str]:
    """Normalised words without stop words, not stemmed."""
    return [w for w in normalise(text).split() if w not in STOP_WORDS]


def analyse(text: str) -> list[str]:
    """The search terms of a text, in order (duplicates kept, for phrase matching)."""
    return [stem(w) for w in words(text)]
