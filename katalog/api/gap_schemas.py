"""Shapes of the gaps-in-local-supply answer (GET /needs/gaps): open needs no local product fills well.

Money is whole rupiah (`*_idr`); the needs are those of katalog.matching.gaps, grouped by category and by
delivery regency.
"""

from __future__ import annotations

from ninja import Schema
from pydantic import Field

from katalog.matching.gaps import KINDS, NO_CATEGORY

from .matching_schemas import NeedOut
from .schemas import Page, PageParams

KIND_VALUES = ", ".join(KINDS)


class GapFilters(PageParams):
    category: str = Field("", description=f"Only needs of this category (slug); {NO_CATEGORY!r}: needs without one.")
    regency: str = Field("", description="Only needs delivered to this regency (Kemendagri code, e.g. 18.71).")


class GapKindOut(Schema):
    code: str = Field(description=f"One of: {KIND_VALUES}.")
    label: str
    needs: int


class GapGroupOut(Schema):
    code: str = Field(description=f"The value to filter by: a category slug ({NO_CATEGORY!r}: no category) or a "
                      "regency code.")
    label: str
    needs: int
    budget_idr: int = Field(description="Total budget of the group's gap needs (needs without a budget add 0).")
    without_budget: int
    kinds: dict[str, int] = Field(description=f"Gap needs by kind: {KIND_VALUES}.")


class GapVendorOut(Schema):
    id: int
    code: str
    name: str
    region: str | None


class GapProductOut(Schema):
    id: int
    sku: str
    name: str


class GapMatchOut(Schema):
    rank: int
    score: float
    fits: bool
    reasons: list[str]
    product: GapProductOut
    vendor: GapVendorOut
    is_local: bool


class GapNeedOut(NeedOut):
    kind: str = Field(description=f"One of: {KIND_VALUES}.")
    kind_label: str
    matches: int = Field(description="Stored matches of listed products.")
    fitting: int = Field(description="How many of them fit the need.")
    best_match: GapMatchOut | None
    best_local_match: GapMatchOut | None = Field(
        description="The best-ranked local product; its first reason says why it does not do."
    )


class GapNeedPage(Page):
    items: list[GapNeedOut]


class GapReportOut(Schema):
    top_rank: int = Field(description="A local product scores well when it fits, ranks within this many matches...")
    share_of_best_pct: int = Field(description="...and scores at least this percentage of the need's best match.")
    open_matched: int = Field(description="Open needs with stored matches (those judged).")
    waiting: int = Field(description="Open needs not matched yet (not judged).")
    gaps: int
    budget_idr: int = Field(description="Total budget of the gap needs.")
    without_budget: int
    kinds: list[GapKindOut]
    by_category: list[GapGroupOut]
    by_regency: list[GapGroupOut]
    needs: GapNeedPage
