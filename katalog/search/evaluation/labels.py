"""The labelled set: what buyers type, and which demo products fit (queries.json, read-only data).

Each entry: `query` as a buyer types it, `kind` (what the query exercises), `grades` with the SKUs
of grade 2 (fits: must be on the first screen, the top 5) and grade 1 (acceptable), a `note` on
why, and optionally `known_gap`: the diagnosis of a query the engine does not yet answer well.
Labels say what fits the buyer's need, never what the engine happens to return.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

QUERIES_FILE = Path(__file__).resolve().parent / "queries.json"
KINDS = ("plain", "stemming", "synonym", "typo", "locality")


class LabelError(ValueError):
    """The labelled set is malformed."""


@dataclass(frozen=True)
class LabelledQuery:
    query: str
    kind: str
    grades: dict[str, int]
    note: str = ""
    known_gap: str = ""

    @property
    def required(self) -> list[str]:
        return sorted(sku for sku, grade in self.grades.items() if grade == 2)


def parse(entries: list[dict]) -> list[LabelledQuery]:
    queries, seen = [], set()
    for entry in entries:
        text = entry.get("query", "").strip()
        if not text or text.casefold() in seen:
            raise LabelError(f"Empty or repeated query: {text!r}")
        seen.add(text.casefold())
        if entry.get("kind") not in KINDS:
            raise LabelError(f"{text!r}: kind must be one of {', '.join(KINDS)}")
        grades: dict[str, int] = {}
        for grade_text, skus in entry.get("grades", {}).items():
            grade = int(grade_text)
            if grade not in (1, 2):
                raise LabelError(f"{text!r}: grades are 1 or 2, not {grade_text}")
            for sku in skus:
                if sku in grades:
                    raise LabelError(f"{text!r}: {sku} is labelled twice")
                grades[sku] = grade
        if 2 not in grades.values():
            raise LabelError(f"{text!r}: needs at least one grade-2 product")
        queries.append(
            LabelledQuery(
                query=text, kind=entry["kind"], grades=grades, note=entry.get("note", ""),
                known_gap=entry.get("known_gap", ""),
            )
        )
    return queries


@cache
def load_queries(path: Path = QUERIES_FILE) -> tuple[LabelledQuery, ...]:
    with path.open(encoding="utf-8") as handle:
        return tuple(parse(json.load(handle)))
