"""What the tests of needs, opportunities, their API and pages share: a predictable stand-in for the
matching engine (the engine has tests of its own; one test here runs it end to end), and needs built
through the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from katalog.catalog.models import Product, ProductStatus
from katalog.matching import services
from katalog.regions.models import Region
from katalog.vendors.models import VendorStatus

NOW = dt.datetime(2025, 6, 2, 3, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class FakeMatch:
    product_id: int
    sku: str
    vendor_code: str
    score: float
    fits: bool
    reasons: tuple[str, ...]


class FakeEngine:
    """Ranks listed products whose name holds a word of the need's title; over budget: does not fit."""

    def __init__(self) -> None:
        self.calls = 0
        self.bulk_calls = 0
        self.refuse = False

    def match_need(self, spec, *, limit: int = 20, today=None) -> list[FakeMatch]:
        if self.refuse:
            raise AssertionError("the engine was called")
        self.calls += 1
        words = [w for w in spec.title.lower().split() if len(w) > 2]
        found = []
        products = Product.objects.filter(status=ProductStatus.APPROVED, vendor__status=VendorStatus.VERIFIED)
        for product in products.select_related("vendor").order_by("id"):
            hits = [w for w in words if w in product.name.lower()]
            if not hits:
                continue
            fits = spec.budget_idr is None or product.price_idr * spec.quantity <= spec.budget_idr
            reasons = [f"kata kunci cocok: {', '.join(hits)}"]
            if not fits:
                reasons.append("harga total di atas anggaran")
            found.append(FakeMatch(product.pk, product.sku, product.vendor.code, round(len(hits) + fits, 4), fits,
                                   tuple(reasons)))
        found.sort(key=lambda m: (not m.fits, -m.score, m.product_id))
        return found[:limit]

    def match_needs(self, specs, *, limit: int = 20, today=None) -> list[list[FakeMatch]]:
        self.bulk_calls += 1
        return [self.match_need(spec, limit=limit, today=today) for spec in specs]


def install_fake_engine(monkeypatch) -> FakeEngine:
    fake = FakeEngine()
    from katalog.matching import engine

    monkeypatch.setattr(engine, "match_need", fake.match_need)
    monkeypatch.setattr(engine, "match_needs", fake.match_needs)
    return fake


def region(code: str = "18.71") -> Region:
    return Region.objects.get(code=code)


def new_need(buyer, *, title: str = "Kain tapis untuk cenderamata", now=NOW, **overrides):
    values = {"quantity": 10, "unit": "lembar", "budget_idr": 50_000_000, "delivery_region": region(),
              "description": "Motif siger."}
    values.update(overrides)
    return services.need_create(actor=buyer, title=title, now=now, **values)


def matched_need(buyer, **kwargs):
    """A need with its matches stored (as the task does after the commit)."""
    need = new_need(buyer, **kwargs)
    services.need_rematch(need.pk, now=kwargs.get("now", NOW))
    need.refresh_from_db()
    return need
