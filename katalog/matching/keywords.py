"""The informative words of a need, weighted (pure, given the synonym groups and the index's vocabulary).

A need's title and description are long and full of words that say nothing about the product
("pengadaan", "untuk", "kebutuhan", "tahun anggaran"). The words are analysed exactly as search
analyses products (Sastrawi stems, curated synonym phrases as one token), the generic words are
dropped, and each remaining term is weighted by where the need says it (the title names the thing,
the description details it) and by how rare it is in the catalogue (a word most products share tells
little apart).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from katalog.search import synonyms
from katalog.search.text import STOP_WORDS, normalise, stem

# Words of a buyer's need that never tell which product fits (procurement wording, quantities,
# requirement words already read by requirements.py). Compared after stemming.
GENERIC_WORDS = """
pengadaan kebutuhan keperluan kegiatan sebanyak jumlah butuh dibutuhkan diperlukan membutuhkan memerlukan
spesifikasi tahun anggaran rencana instansi pemerintah provinsi kabupaten kota kab wajib harus minimal
maksimal minimum sertifikat bersertifikat produk lokal asal sesuai kualitas bagus baik tinggi diutamakan
peserta buah pcs unit set orang pengiriman dikirim kirim lokasi tanggal bulan paling sedikit lambat
selambat lambatnya penyediaan menyediakan pembelian belanja tersedia siap termasuk dll lain lainnya berupa
yaitu adalah akan ada oleh bisa dapat mohon tkdn bmp umk umkm ikm pdn persen barang diminta pesan pesanan
penyedia vendor usaha pelaku perlu dibeli beli sebagai berisi isi bernuansa khusus jenis macam model
""".split()
GENERIC_TERMS = frozenset(stem(w) for w in GENERIC_WORDS) | frozenset(GENERIC_WORDS)

# Where the need says a word: its title names the product, the description details it, and what
# follows "untuk" (for), "bagi", "dalam rangka"... says what the product is for ("kain tapis untuk tamu
# kunjungan kerja": the guests are not the product), so it weighs less.
TITLE_WEIGHT = 2.0
TEXT_WEIGHT = 1.0
PURPOSE_WEIGHT = 0.5
PURPOSE_MARKERS = frozenset({"untuk", "bagi", "guna", "buat", "keperluan", "rangka"})
# The words of a synonym phrase also count on their own, a little ("tas seminar" -> also "seminar"), so
# a product sharing part of the phrase ranks above one sharing none of it.
SYNONYM_WORD_SHARE = 0.4
# A synonym token's rarity is not in the vocabulary: it is estimated from its phrases' words (each
# phrase counting as its rarest word), and never below this share of the products.
SYNONYM_DOCUMENT_SHARE = 0.005
# Informativeness never falls below this: a word every product has still counts a little.
MIN_IDF = 0.2
# The most informative terms kept per need (each costs a few string searches per candidate row).
MAX_TERMS = 12


@dataclass(frozen=True)
class KeyTerm:
    """A term of a need before weighting."""

    term: str  # analysed, as indexed (a stem, or a synonym token such as "sin12")
    word: str  # as the buyer wrote it, for reasons ("tapis", "hand tractor")
    weight: float  # TITLE_WEIGHT, TEXT_WEIGHT or PURPOSE_WEIGHT, times SYNONYM_WORD_SHARE for a phrase's words
    phrases: tuple[tuple[str, ...], ...] = ()  # a synonym token's phrases (to estimate its rarity)

    @property
    def is_synonym(self) -> bool:
        return is_synonym_token(self.term)


@dataclass(frozen=True)
class NeedTerm:
    term: str
    word: str
    weight: float  # need weight x informativeness
    document_count: int  # products having the term (estimated for synonym tokens)


def is_synonym_token(term: str) -> bool:
    """A synonym group's token as indexed (`sin12`), not a word that starts alike (`singkong`)."""
    return term.startswith("sin") and term[3:].isdigit()


_phrase_index: dict = {"groups": None, "index": {}}


def _phrases_by_first_term() -> dict[str, list[tuple[tuple[str, ...], synonyms.Group]]]:
    """Synonym phrases by their first term, longest first (rebuilt when the synonym cache changes)."""
    current = synonyms.groups()
    if _phrase_index["groups"] is not current:
        index: dict[str, list[tuple[tuple[str, ...], synonyms.Group]]] = {}
        for group in current:
            for phrase in group.phrases:
                index.setdefault(phrase[0], []).append((phrase, group))
        for entries in index.values():
            entries.sort(key=lambda item: len(item[0]), reverse=True)
        _phrase_index.update(groups=current, index=index)
    return _phrase_index["index"]


def _informative(term: str) -> bool:
    return len(term) > 1 and not term.isdigit() and term not in GENERIC_TERMS


_SENTENCE = re.compile(r"[.;:!?\n]+(?:\s|$)")


def key_terms(text: str, *, weight: float) -> list[KeyTerm]:
    """The terms of one text: synonym phrases as their token (plus their words at a share), other
    words as their stems, generic words and numbers left out; in each sentence, the words after a
    purpose marker at PURPOSE_WEIGHT at most."""
    found: list[KeyTerm] = []
    for sentence in _SENTENCE.split(text or ""):
        written = [w for w in normalise(sentence).split() if w not in STOP_WORDS or w in PURPOSE_MARKERS]
        purpose = next((i for i, w in enumerate(written) if w in PURPOSE_MARKERS), len(written))
        for start, end, at in ((0, purpose, weight), (purpose, len(written), min(weight, PURPOSE_WEIGHT))):
            found.extend(_terms(written[start:end], at))
    return found


def _terms(written: list[str], weight: float) -> list[KeyTerm]:
    written = [w for w in written if w not in STOP_WORDS]
    stems = [stem(w) for w in written]  # as analyse() does
    index = _phrases_by_first_term()
    found: list[KeyTerm] = []
    i = 0
    while i < len(stems):
        for phrase, group in index.get(stems[i], ()):
            if tuple(stems[i : i + len(phrase)]) == phrase:
                found.append(KeyTerm(group.token, " ".join(written[i : i + len(phrase)]), weight, group.phrases))
                found.extend(
                    KeyTerm(s, w, weight * SYNONYM_WORD_SHARE)
                    for s, w in zip(stems[i : i + len(phrase)], written[i : i + len(phrase)], strict=True)
                    if _informative(s)
                )
                i += len(phrase)
                break
        else:
            if _informative(stems[i]):
                found.append(KeyTerm(stems[i], written[i], weight))
            i += 1
    return found


def vocabulary_wanted(terms: Iterable[KeyTerm]) -> set[str]:
    """The plain terms whose document counts `weigh` reads (a synonym token's phrase words too)."""
    wanted = set()
    for term in terms:
        if term.is_synonym:
            wanted.update(word for phrase in term.phrases for word in phrase)
        else:
            wanted.add(term.term)
    return wanted


def synonym_count(term: KeyTerm, counts: Mapping[str, int], total: int) -> int:
    """Estimated products having a synonym token: each phrase as many as its rarest word."""
    estimate = sum(min(counts.get(word, 0) for word in phrase) for phrase in term.phrases if phrase)
    return min(total, max(1, estimate, round(total * SYNONYM_DOCUMENT_SHARE)))


def need_key_terms(title: str, description: str, extra: str = "") -> list[KeyTerm]:
    """Every term of a need once, at the highest weight it is given; `extra` (a category name the
    catalogue does not know) counts like the title."""
    best: dict[str, KeyTerm] = {}
    for term in [*key_terms(title, weight=TITLE_WEIGHT), *key_terms(extra, weight=TITLE_WEIGHT),
                 *key_terms(description, weight=TEXT_WEIGHT)]:
        if term.term not in best or term.weight > best[term.term].weight:
            best[term.term] = term
    return list(best.values())


def idf(document_count: int, total: int) -> float:
    """BM25's inverse document frequency (never negative), at least MIN_IDF."""
    total = max(total, 1)
    return max(MIN_IDF, math.log(1 + (total - document_count + 0.5) / (document_count + 0.5)))


def weigh(terms: Iterable[KeyTerm], counts: Mapping[str, int], total: int) -> list[NeedTerm]:
    """The terms the catalogue knows, weighted, the MAX_TERMS heaviest first.

    `counts`: products per plain term (terms absent from it are unknown to the catalogue and dropped,
    since no product can match them); `total`: listed products.
    """
    weighted = []
    for term in terms:
        if term.is_synonym:
            count = synonym_count(term, counts, total)
        elif counts.get(term.term, 0) > 0:
            count = counts[term.term]
        else:
            continue
        weighted.append(NeedTerm(term.term, term.word, term.weight * idf(count, total), count))
    weighted.sort(key=lambda t: (-t.weight, t.term))
    return weighted[:MAX_TERMS]
