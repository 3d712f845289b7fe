"""The labelled set: buyers' needs (needs.csv) and the demo products that fill them (judgements.csv).

needs.csv uses the columns of the needs import, so it is read by `specs.read_needs` like any file a
buyer uploads. judgements.csv has one row per (ref, sku, grade): 2 the product fits the need, 1 an
acceptable substitute; any other product is 0.

How the products were judged, from the catalogue data only (never from an engine's output):
- the kind of product: what the title and description ask for (grade 2) or a reasonable stand-in
  (grade 1), whatever words the product's text happens to use;
- a product whose price × quantity exceeds the budget, whose minimum order exceeds the quantity,
  whose monthly capacity cannot make the quantity by the needed-by date (counted from
  EVALUATION_DATE; three months without a date), or which breaks a hard requirement written in the
  need ("wajib TKDN+BMP ≥ 40%", "wajib UMKM Lampung", "asal Pesawaran") gets no grade;
- only products listed in the demo catalogue are judged.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from katalog.matching.specs import NeedSpec

HERE = Path(__file__).resolve().parent
NEEDS_FILE = HERE / "needs.csv"
JUDGEMENTS_FILE = HERE / "judgements.csv"
JUDGEMENT_COLUMNS = ["ref", "sku", "grade"]

# The day the needs are matched on: needed-by dates and capacities were judged from it.
EVALUATION_DATE = dt.date(2027, 2, 1)


class LabelError(ValueError):
    """The labelled set is malformed."""


@dataclass(frozen=True)
class LabelledNeed:
    spec: NeedSpec
    grades: dict[str, int]

    @property
    def ref(self) -> str:
        return self.spec.ref

    @property
    def required(self) -> list[str]:
        return sorted(sku for sku, grade in self.grades.items() if grade == 2)


def parse_judgements(text: str) -> dict[str, dict[str, int]]:
    """{ref: {sku: grade}} from the judgements CSV; every need judged must have a grade-2 product."""
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames != JUDGEMENT_COLUMNS:
        raise LabelError(f"The judgements need the columns {', '.join(JUDGEMENT_COLUMNS)}, not {reader.fieldnames}")
    judged: dict[str, dict[str, int]] = {}
    for line, row in enumerate(reader, start=2):
        ref, sku, grade_text = (row["ref"] or "").strip(), (row["sku"] or "").strip(), (row["grade"] or "").strip()
        if not ref or not sku:
            raise LabelError(f"Row {line}: ref and sku are required")
        if grade_text not in ("1", "2"):
            raise LabelError(f"Row {line}: grades are 1 or 2, not {grade_text!r}")
        grades = judged.setdefault(ref, {})
        if sku in grades:
            raise LabelError(f"Row {line}: {sku} is judged twice for {ref}")
        grades[sku] = int(grade_text)
    for ref, grades in judged.items():
        if 2 not in grades.values():
            raise LabelError(f"{ref}: needs at least one grade-2 product")
    return judged


def combine(specs: list[NeedSpec], judged: dict[str, dict[str, int]]) -> tuple[LabelledNeed, ...]:
    """Each need with its grades; every need is judged and every judgement names a need."""
    refs = [spec.ref for spec in specs]
    repeated = sorted({ref for ref in refs if refs.count(ref) > 1})
    if repeated:
        raise LabelError(f"Repeated need references: {', '.join(repeated)}")
    unjudged = [ref for ref in refs if ref not in judged]
    if unjudged:
        raise LabelError(f"Needs without judgements: {', '.join(unjudged)}")
    unknown = sorted(set(judged) - set(refs))
    if unknown:
        raise LabelError(f"Judgements of needs that are not in the set: {', '.join(unknown)}")
    return tuple(LabelledNeed(spec=spec, grades=judged[spec.ref]) for spec in specs)


@cache
def load_labelled(
    needs_path: Path = NEEDS_FILE, judgements_path: Path = JUDGEMENTS_FILE
) -> tuple[LabelledNeed, ...]:
    from katalog.matching.specs import read_needs  # the import format is the engine's own reader

    specs = read_needs(needs_path.read_bytes(), needs_path.name)
    return combine(list(specs), parse_judgements(judgements_path.read_text(encoding="utf-8")))
