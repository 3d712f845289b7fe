"""Curated synonyms: phrases in one group mean the same product.

A product whose text contains any phrase of a group is indexed with the group's token (`sin<id>`);
a query that contains any phrase of the group asks for that token. So "hand tractor" finds
"traktor roda dua" without any work per row at query time.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from .text import analyse

_CACHE_SECONDS = 30
_cache: dict = {"at": 0.0, "stamp": None, "groups": []}


@dataclass(frozen=True)
class Group:
    token: str
    phrases: tuple[tuple[str, ...], ...]  # analysed, longest first


def _stamp():
    from django.db.models import Count, Max

    from .models import SynonymGroup

    return tuple(SynonymGroup.objects.filter(is_active=True).aggregate(n=Count("id"), at=Max("updated_at")).values())


def groups() -> list[Group]:
    """Active groups, cached briefly; an edit in the admin is seen within seconds."""
    now = time.monotonic()
    if now - _cache["at"] < _CACHE_SECONDS and _cache["stamp"] is not None:
        return _cache["groups"]
    stamp = _stamp()
    if stamp != _cache["stamp"]:
        from .models import SynonymGroup

        loaded = []
        for group in SynonymGroup.objects.filter(is_active=True):
            phrases = {tuple(analyse(p)) for p in group.phrase_list()}
            phrases.discard(())
            if phrases:
                loaded.append(Group(f"sin{group.pk}", tuple(sorted(phrases, key=len, reverse=True))))
        _cache["groups"] = loaded
        _cache["stamp"] = stamp
    _cache["at"] = now
    return _cache["groups"]


def forget() -> None:
    _cache.update(at=0.0, stamp=None, groups=[])


_by_first_term: dict = {"groups": None, "index": {}}


def _phrases_by_first_term(current: list[Group]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    if _by_first_term["groups"] is not current:
        index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for group in current:
            for phrase in group.phrases:
                index.setdefault(phrase[0], []).append((phrase, group.token))
        _by_first_term.update(groups=current, index=index)
    return _by_first_term["index"]


def tokens_for_document(terms: list[str]) -> list[str]:
    """The synonym tokens a document's terms earn (in group order). Only phrases starting with a term
    of the document are tried, so indexing a million products stays fast."""
    current = groups()
    index = _phrases_by_first_term(current)
    found = set()
    for i, term in enumerate(terms):
        for phrase, token in index.get(term, ()):
            if token not in found and tuple(terms[i : i + len(phrase)]) == phrase:
                found.add(token)
    return [g.token for g in current if g.token in found] if found else []


def rewrite_query(terms: list[str]) -> list[list[str]]:
    """Query terms as clauses of alternatives; a synonym phrase becomes one clause: its group's token."""
    clauses: list[list[str]] = []
    i = 0
    by_start = [(p, g.token) for g in groups() for p in g.phrases]
    by_start.sort(key=lambda item: len(item[0]), reverse=True)
    while i < len(terms):
        for phrase, token in by_start:
            if tuple(terms[i : i + len(phrase)]) == phrase:
                clauses.append([token])
                i += len(phrase)
                break
        else:
            clauses.append([terms[i]])
            i += 1
    return clauses
