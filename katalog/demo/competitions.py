"""The demo's mini-competitions, one in each status, played through the competition services.

The closed one is the worked example of the TKDN price preference (Perpres 16/2018 jo. 12/2021
Pasal 67, HEA = (1 − TKDN × 25%) × HP) for 45 hand tractors, a package above Rp1 miliar:

| Vendor                    | Unit price | HP (45 units) | TKDN  | KP      | HEA           | Rank |
|---------------------------|-----------:|--------------:|------:|--------:|--------------:|-----:|
| CV Bandar Jaya Mesin Tani | 21.900.000 |   985.500.000 | 47,5% | 11,875% |   868.471.875 |    1 |
| CV Mekar Tani Mandiri     | 22.750.000 | 1.023.750.000 | 45,5% | 11,375% |   907.298.438 |    2 |
| PT Lampung Agro Industri  | 21.500.000 |   967.500.000 |     – |      0% |   967.500.000 |    3 |

The lowest offer (PT Lampung Agro Industri, no TKDN) ranks last; the contract would keep the
winner's offered price, not its HEA.
"""

from __future__ import annotations

from django.utils import timezone

from katalog.procurement.competitions import services as competitions
from katalog.procurement.models import CompetitionStatus, OrderStatus

from .stage import BUDGET_OF_BUYER_TYPE, Stage, Story, accept, call, issue_sp, send, ship

C = CompetitionStatus
PPK_PERTANIAN = "pembeli-pertanian"


def create(s: Stage, when, *, buyer: str, title: str, category: str, quantity: int, unit: str, specification: str,
           deadline, vendors: list[str], delivery_days: int, package_value_idr: int | None = None):
    def action(now):
        organisation = s.organisation_of(buyer)
        return competitions.competition_create(
            actor=s.user(buyer), title=title, specification=specification, category=s.category(category),
            quantity=quantity, unit=unit, deadline_at=deadline, delivery_address=organisation.address,
            delivery_date=s.date_after(deadline, delivery_days),
            budget_source=BUDGET_OF_BUYER_TYPE[organisation.buyer_type],
            budget_year=timezone.localdate(now).year, package_value_idr=package_value_idr,
            vendor_ids=[s.vendor(code).pk for code in vendors], now=now,
        )

    return when, action


def publish(s: Stage, when, competition, *, by: str):
    return call(when, competitions.competition_publish, actor=s.user(by), competition_id=competition.pk)


def quote(s: Stage, when, competition, *, by: str, sku: str, unit_price_idr: int, notes: str = ""):
    return when, lambda now: competitions.quote_submit(
        actor=s.user(by), competition_id=competition.pk, unit_price_idr=unit_price_idr,
        product_id=s.product(sku, when=now).pk, notes=notes, now=now,
    )


def uniforms_merged_into_one_order(s: Stage, title: str):
    """Cancelled while open: Kanwil Kemenag then ordered shirts and blouses directly (see orders.py)."""
    competition = yield create(
        s, s.at(26, "09:00"), buyer="pembeli-kemenag", title=title, category="Batik & Tapis Dinas", quantity=150,
        unit="potong", specification="Kemeja batik motif khas Lampung lengan panjang, katun primisima, ukuran S–XXL.",
        deadline=s.at(21, "15:00"), vendors=["KL-0005", "KL-0002"], delivery_days=30,
    )
    yield publish(s, s.at(26, "09:15"), competition, by="pembeli-kemenag")
    yield call(s.at(24, "14:00"), competitions.competition_cancel, actor=s.user("pembeli-kemenag"),
               competition_id=competition.pk,
               reason="Kebutuhan kemeja digabung dengan blus dinas dalam satu paket dan dipesan langsung dari "
                      "penyedia lokal yang sanggup membuat kedua model.")


def threshers_awarded(s: Stage, title: str):
    """Awarded: the revised quote of CV Bandar Jaya Mesin Tani is both the lowest and the best HEA;
    its order is shipped and waits for the BAST."""
    competition = yield create(
        s, s.at(20, "09:00"), buyer=PPK_PERTANIAN, title=title, category="Mesin Perontok Padi", quantity=6,
        unit="unit", specification="Mesin perontok padi dan jagung bermesin diesel, kapasitas minimal 1 ton/jam, "
                                   "termasuk pelatihan operator.",
        deadline=s.at(15, "14:00"), vendors=["KL-0021", "KL-0032", "KL-0030"], delivery_days=21,
        package_value_idr=160_000_000,
    )
    yield publish(s, s.at(20, "09:10"), competition, by=PPK_PERTANIAN)
    yield quote(s, s.at(18, "10:00"), competition, by="penyedia-tani", sku="KL-0021-006", unit_price_idr=24_750_000)
    yield quote(s, s.at(17, "11:00"), competition, by="penyedia-mesin", sku="KL-0032-005", unit_price_idr=25_750_000)
    yield quote(s, s.at(16, "15:00"), competition, by="penyedia-mesin", sku="KL-0032-005", unit_price_idr=24_500_000,
                notes="Harga termasuk pelatihan operator dan garansi satu tahun.")
    yield call(s.at(15, "14:30"), competitions.competition_evaluate, actor=s.user(PPK_PERTANIAN),
               competition_id=competition.pk)
    order = yield call(s.at(14, "10:00"), competitions.competition_award, actor=s.user(PPK_PERTANIAN),
                       competition_id=competition.pk)
    yield send(s, s.at(14, "10:30"), order, by=PPK_PERTANIAN)
    yield issue_sp(s, s.at(13, "09:00"), order, by=PPK_PERTANIAN)
    yield accept(s, s.at(12, "09:30"), order, by="penyedia-mesin")
    yield ship(s, s.at(2, "08:30"), order, by="penyedia-mesin", carrier="Truk penyedia, dua rit")


def hand_tractors_evaluated(s: Stage, title: str):
    """Closed and evaluated: the price preference moves the lowest offer to last place (module docstring)."""
    competition = yield create(
        s, s.at(11, "09:00"), buyer=PPK_PERTANIAN, title=title, category="Traktor Roda Dua", quantity=45, unit="unit",
        specification="Traktor tangan diesel 10–12 HP dengan bajak, garansi mesin satu tahun dan layanan purnajual "
                      "di Lampung Tengah.",
        deadline=s.at(4, "14:00"), vendors=["KL-0021", "KL-0032", "KL-0030"], delivery_days=60,
        package_value_idr=1_100_000_000,
    )
    yield publish(s, s.at(11, "09:15"), competition, by=PPK_PERTANIAN)
    yield quote(s, s.at(9, "10:00"), competition, by="penyedia-agro", sku="KL-0030-003", unit_price_idr=21_500_000)
    yield quote(s, s.at(8, "13:00"), competition, by="penyedia-tani", sku="KL-0021-001", unit_price_idr=22_750_000)
    yield quote(s, s.at(6, "16:00"), competition, by="penyedia-mesin", sku="KL-0032-001", unit_price_idr=21_900_000)
    yield call(s.at(4, "14:30"), competitions.competition_evaluate, actor=s.user(PPK_PERTANIAN),
               competition_id=competition.pk)


def cultivators_open(s: Stage, title: str):
    """Open for quotes until after the load: both quotes are sealed."""
    competition = yield create(
        s, s.at(3, "10:00"), buyer="pembeli-bumn", title=title, category="Kultivator", quantity=8, unit="unit",
        specification="Kultivator untuk penyiapan lahan dan penyiangan di kebun plasma, lengkap dengan alat bajak.",
        deadline=s.ahead(3, "14:00"), vendors=["KL-0030", "KL-0032"], delivery_days=30,
    )
    yield publish(s, s.at(3, "10:10"), competition, by="pembeli-bumn")
    yield quote(s, s.at(2, "11:00"), competition, by="penyedia-agro", sku="KL-0030-006", unit_price_idr=11_200_000)
    yield quote(s, s.at(1, "15:30"), competition, by="penyedia-mesin", sku="KL-0032-004", unit_price_idr=21_750_000)


def seminar_bags_draft(s: Stage, title: str):
    """A draft: vendors chosen, not yet published."""
    yield create(
        s, s.at(1, "15:00"), buyer="pembeli", title=title, category="Tas Seminar", quantity=250, unit="buah",
        specification="Tas seminar kanvas dengan aksen kain tapis, sablon logo Disperindag, ukuran 38 x 30 cm.",
        deadline=s.ahead(8, "15:00"), vendors=["KL-0003", "KL-0017"], delivery_days=21,
    )


COMPETITION_STORIES = [
    Story("Kemeja batik Lampung dinas untuk ASN Kanwil", "pembeli-kemenag", "competition", C.CANCELLED,
          uniforms_merged_into_one_order),
    Story("Mesin perontok padi dan jagung untuk enam Gapoktan", PPK_PERTANIAN, "competition", C.AWARDED,
          threshers_awarded, order_status=OrderStatus.IN_DELIVERY),
    Story("Traktor roda dua untuk 45 kelompok tani penerima DAK", PPK_PERTANIAN, "competition", C.CLOSED,
          hand_tractors_evaluated),
    Story("Kultivator untuk kebun plasma Way Berulu", "pembeli-bumn", "competition", C.PUBLISHED, cultivators_open),
    Story("Tas seminar kombinasi tapis untuk Rakor IKM", "pembeli", "competition", C.DRAFT, seminar_bags_draft),
]
