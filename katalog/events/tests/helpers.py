"""What the events tests share: a stand-in for the matching engine whose scores the test sets, and buyers,
vendors, needs and events built through the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from katalog.accounts.tests.factories import BuyerOrganisationFactory, MembershipFactory
from katalog.catalog.tests.factories import ProductFactory
from katalog.events import services
from katalog.events.models import EventStatus
from katalog.matching import services as matching_services
from katalog.regions.models import Region
from katalog.vendors.tests.factories import VendorFactory

# Monday 2 June 2025, 10:00 in Jakarta: the day of the event.
NOW = dt.datetime(2025, 6, 2, 3, 0, tzinfo=dt.UTC)
EVENT_DATE = dt.date(2025, 6, 2)


@dataclass(frozen=True)
class FakeMatch:
    product_id: int
    sku: str
    vendor_code: str
    score: float
    fits: bool
    reasons: tuple[str, ...] = ()


class ScoreBook:
    """The matching engine's stand-in: each need (by title) matches exactly the products the test names,
    with the scores it gives."""

    def __init__(self) -> None:
        self.by_title: dict[str, list[FakeMatch]] = {}

    def add(self, title: str, product, score: float, *, fits: bool = True) -> None:
        self.by_title.setdefault(title, []).append(
            FakeMatch(product.pk, product.sku, product.vendor.code, score, fits, ("kata kunci cocok: tapis",))
        )

    def match_need(self, spec, *, limit: int = 20, today=None) -> list[FakeMatch]:
        found = sorted(self.by_title.get(spec.title, []), key=lambda m: (not m.fits, -m.score, m.product_id))
        return found[:limit]

    def match_needs(self, specs, *, limit: int = 20, today=None) -> list[list[FakeMatch]]:
        return [self.match_need(spec, limit=limit, today=today) for spec in specs]


def new_buyer(name: str, *, buyer_type: str = "opd_provinsi"):
    """A buyer organisation and its PPK."""
    organisation = BuyerOrganisationFactory(name=name, buyer_type=buyer_type)
    return MembershipFactory(organisation=organisation, role="buyer_ppk").user


def new_vendor(name: str, *, region: str = "18.71"):
    """A verified vendor with an owner and one listed product; returns (owner, product)."""
    vendor = VendorFactory(name=name, status="verified", region=Region.objects.get(code=region))
    owner = MembershipFactory(organisation=vendor.organisation, role="vendor_owner").user
    return owner, ProductFactory(vendor=vendor, status="approved")


def publish_need(book: ScoreBook, buyer, title: str, matches: dict, *, fits: bool = True):
    """An open need of the buyer's organisation whose stored matches are `matches` (product → score)."""
    need = matching_services.need_create(actor=buyer, title=title, quantity=1,
                                         delivery_region=Region.objects.get(code="18.71"), now=NOW)
    for product, score in matches.items():
        book.add(title, product, score, fits=fits)
    matching_services.need_rematch(need.pk, now=NOW)
    return need


def new_event(curator, **overrides):
    values = {"name": "Temu Bisnis Produk Lokal", "date": EVENT_DATE, "venue": "Balai Keratun, Bandar Lampung",
              "start_time": dt.time(9, 0), "slot_minutes": 20, "break_minutes": 5, "slot_count": 3, "table_count": 2}
    values.update(overrides)
    return services.event_create(actor=curator, now=NOW, **values)


def open_event(curator, **overrides):
    event = new_event(curator, **overrides)
    return services.event_set_status(actor=curator, event_id=event.pk, status=EventStatus.OPEN, now=NOW)


def register(user, event):
    return services.registration_create(actor=user, event_id=event.pk, now=NOW)
