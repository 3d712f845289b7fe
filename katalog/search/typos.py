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
    return best_correction({term: candidates})


# Indonesian prefixes a misspelt word may still carry: the index holds stems ("rontok"), but a buyer
# types the whole word ("perontk"), which the stemmer cannot take apart while it is misspelt.
PREFIXES = ("memper", "menge", "penge", "meng", "meny", "peng", "peny", "mem", "men", "pem", "pen", "per",
            "ber", "ter", "me", "pe", "be", "di", "ke")


def variants(term: str) -> list[str]:
    """The term, and the term without each prefix it may carry (longest first), long enough to guess."""
    found = [term]
    for prefix in PREFIXES:
        rest = term[len(prefix):]
        if term.startswith(prefix) and len(rest) >= 4 and rest not in found:
            found.append(rest)
    return found


def best_correction(candidates_by_variant: dict[str, list[tuple[str, int]]]) -> list[str]:
    """The nearest known terms over all variants of a typed word: smallest distance, then most used."""
    best: tuple[int, list[tuple[int, str]]] | None = None
    for variant, candidates in candidates_by_variant.items():
        limit = allowed_distance(variant)
        if limit == 0:
            continue
        scored = []
        for candidate, count in candidates:
            distance = edit_distance(variant, candidate, limit)
            if distance <= limit:
                scored.append((distance, -count, candidate))
        if not scored:
            continue
        scored.sort()
        if best is None or scored[0][:2] < best[0]:
            best = (scored[0][:2], [c for d, n, c in scored if d == scored[0][0]])
    return best[1][:3] if best else []
