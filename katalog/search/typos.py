"""Typo tolerance: a query term the index does not know is replaced by the closest known terms."""

from __future__ import annotations


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, giving up above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_distance(term: str) -> int:
    if len(term) <= 3 or term.isdigit():
        return 0
    return 1 if len(term) <= 6 else 2


def closest(term: str, candidates: list[tuple[str, int]]) -> list[str]:
    """The candidates (term, document count) nearest to `term`: smallest distance, then most used."""
    limit = allowed_distance(term)
    if limit == 0:
        return []
    scored = []
    for candidate, count in candidates:
        distance = edit_distance(term, candidate, limit)
        if distance <= limit:
            scored.append((distance, -count, candidate))
    if not scored:
        return []
    scored.sort()
    best = scored[0][0]
    return [c for d, _, c in scored if d == best][:3]
