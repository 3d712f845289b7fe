"""Why a search result ranks where it does, in words a buyer reads (pure apart from the synonym cache).

Relevance comes first: where the words were found (the name weighs more than the rest). Among
comparably relevant products the P3DN priority decides (local UMK, other local, PDN, the rest), and
the product's badges say which priority it earned.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import synonyms
from .text import analyse

NAME = "name"
NAME_SOME = "name_some"
TEXT = "text"
SOME_WORDS = "some_words"
PRIORITY_LOCAL_UMK = "priority_local_umk"
PRIORITY_LOCAL = "priority_local"
PRIORITY_PDN = "priority_pdn"

LABELS = {
    NAME: _("All words found in the name"),
    NAME_SOME: _("Some of the words found in the name"),
    TEXT: _("Found in the description, category or vendor"),
    SOME_WORDS: _("Has only some of the words"),
    PRIORITY_LOCAL_UMK: _("Local product of a micro or small business: listed first"),
    PRIORITY_LOCAL: _("Local product: listed before products from elsewhere"),
    PRIORITY_PDN: _("TKDN + BMP of at least 40%: listed before other products"),
}
PRIORITY_BY_TIER = {0: PRIORITY_LOCAL_UMK, 1: PRIORITY_LOCAL, 2: PRIORITY_PDN}


@dataclass(frozen=True)
class Reason:
    code: str
    label: str


def name_terms(name: str) -> set[str]:
    """The terms a product's name is indexed with (stems and synonym tokens), as indexing builds them."""
    terms = analyse(name)
    return set(terms) | set(synonyms.tokens_for_document(terms))


def match_codes(clauses: list[list[str]], name: str, *, matched_every_word: bool) -> list[str]:
    """Where the query's words were found for one result: in the name, in the rest, or only some of them."""
    if not clauses:
        return []
    in_name = name_terms(name)
    found_in_name = sum(1 for clause in clauses if any(term in in_name for term in clause))
    codes = []
    if not matched_every_word:
        codes.append(SOME_WORDS)
    if found_in_name == len(clauses):
        codes.append(NAME)
    elif found_in_name:
        codes.append(NAME_SOME)
    else:
        codes.append(TEXT)
    return codes


def ranking_reasons(
    *, clauses: list[list[str]], name: str, tier: int | None, matched_every_word: bool, sort: str = "relevance"
) -> list[Reason]:
    """Match reasons, then the P3DN priority reason (it orders results only when sorting by relevance)."""
    codes = match_codes(clauses, name, matched_every_word=matched_every_word)
    if sort == "relevance" and tier in PRIORITY_BY_TIER:
        codes.append(PRIORITY_BY_TIER[tier])
    return [Reason(code, str(LABELS[code])) for code in codes]


def cards_with_reasons(result, *, sort: str) -> list[dict]:
    """The result's cards, each with its `reasons` (badges stay in `badges`)."""
    clauses = result.query.clauses
    return [
        {
            **card,
            "reasons": ranking_reasons(
                clauses=clauses, name=card["name"], tier=card["tier"],
                matched_every_word=result.matched_every_word, sort=sort,
            ),
        }
        for card in result.items
    ]
