"""Turning what a buyer typed into clauses of search terms (pure apart from the vocabulary look-up)."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import synonyms, typos
from .models import SearchTerm
from .text import analyse, normalise


@dataclass
class ParsedQuery:
    text: str
    clauses: list[list[str]] = field(default_factory=list)  # every clause: alternatives, any may match
    corrections: dict[str, str] = field(default_factory=dict)  # typed term -> term used instead

    @property
    def is_empty(self) -> bool:
        return not self.clauses


def _candidates(terms: list[str]) -> dict[str, list[tuple[str, int]]]:
    """Known terms near each unknown one: same first letter, similar length (one query for all)."""
    from django.db.models import Q
    from django.db.models.functions import Length

    wanted = Q()
    for term in terms:
        wanted |= Q(term__startswith=term[0], length__gte=len(term) - 2, length__lte=len(term) + 2)
    rows = SearchTerm.objects.annotate(length=Length("term")).filter(wanted).values_list("term", "document_count")
    found: dict[str, list[tuple[str, int]]] = {t: [] for t in terms}
    for known, count in rows:
        for term in terms:
            if known[0] == term[0] and abs(len(known) - len(term)) <= 2:
                found[term].append((known, count))
    return found


def parse(text: str) -> ParsedQuery:
    query = ParsedQuery(text=normalise(text))
    clauses = synonyms.rewrite_query(analyse(text))
    plain = sorted({c[0] for c in clauses if len(c) == 1 and not c[0].startswith("sin")})
    known = set(SearchTerm.objects.filter(term__in=plain).values_list("term", flat=True)) if plain else set()
    unknown = [t for t in plain if t not in known and typos.allowed_distance(t) > 0]
    variants = {t: typos.variants(t) for t in unknown}
    nearby = _candidates(sorted({v for vs in variants.values() for v in vs})) if unknown else {}
    for clause in clauses:
        term = clause[0]
        if term in variants:
            replacements = typos.best_correction({v: nearby.get(v, []) for v in variants[term]})
            if replacements:
                clause[:] = replacements
                query.corrections[term] = replacements[0]
    # A term nobody knows and nothing near it cannot match anything; drop it rather than find nothing.
    query.clauses = [c for c in clauses if not (c[0] in unknown and c[0] not in query.corrections)]
    if not query.clauses and clauses:
        query.clauses = clauses
    return query
