"""Orders and mini-competitions as OCDS 1.1 releases. Pure: works on loaded rows (see selectors.py).

Contracting processes (one ocid each):

- A purchase from the catalogue, `<prefix>-order-<id>`: one release when the order is realised (paid in
  full), with planning, a minimal tender, the award, the contract and its implementation (payments as
  transactions, BASTs as delivery milestones).
- A mini-competition, `<prefix>-competition-<id>`: the order it creates is its contract, so both are one
  contracting process. One release when it is awarded (planning, tender with the tenderers, award), or when a
  published competition is cancelled (tender, cancelled); then one more when its order is realised (contract
  and implementation).

The catalogue works like a framework agreement whose suppliers the curators admit, so both kinds are
framework call-offs in OCDS terms: `procurementMethod` "selective", and the Competitive extension's
`tender.competitive` tells a direct purchase (false) from a mini-competition (true). Free texts are
Indonesian, as the releases' `language` says.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from .parties import PartyList, buyer_party, vendor_party

CURRENCY = "IDR"
LANGUAGE = "id"
# Items are classified by this site's own categories (open itemClassificationScheme codelist).
CLASSIFICATION_SCHEME = "x_KATALOG"

E_PURCHASING = "E-purchasing (katalog elektronik lokal)"
MINI_COMPETITION = "Mini-kompetisi"

BUDGET_SOURCE_LABELS = {
    "apbd": "APBD", "apbn": "APBN", "blud": "BLUD", "company": "Anggaran perusahaan", "other": "Sumber lain",
}


@dataclass(frozen=True)
class Lookups:
    """What the releases of one package read besides their own rows, loaded once for all of them."""

    categories: dict[int, str] = field(default_factory=dict)  # category id -> name
    vendors: dict[int, object] = field(default_factory=dict)  # tenderers' vendors, by id
    quotes: dict[int, list[dict]] = field(default_factory=dict)  # competition id -> published quotes, ranked
    competition_orders: dict[int, object] = field(default_factory=dict)  # competition id -> its order


# ---- Identifiers ----

def _prefix() -> str:
    return settings.KATALOG["OCDS_OCID_PREFIX"]


def order_ocid(order_id: int) -> str:
    return f"{_prefix()}-order-{order_id}"


def competition_ocid(competition_id: int) -> str:
    return f"{_prefix()}-competition-{competition_id}"


def competition_tender_id(competition_id: int) -> str:
    return f"KOMPETISI-{competition_id}"


# ---- Values ----

def instant(value: dt.datetime | None) -> str | None:
    """A moment as ISO 8601 in Asia/Jakarta, with its offset."""
    return None if value is None else timezone.localtime(value).isoformat(timespec="seconds")


def day_start(day: dt.date | None) -> str | None:
    """The first moment of a Jakarta calendar day."""
    if day is None:
        return None
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_default_timezone()).isoformat()


def day_end(day: dt.date | None) -> str | None:
    """The last second of a Jakarta calendar day (OCDS's convention for an end date)."""
    if day is None:
        return None
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=timezone.get_default_timezone()).isoformat()


def money(amount_idr: int | None) -> dict | None:
    return None if amount_idr is None else {"amount": int(amount_idr), "currency": CURRENCY}


def percent(value: Decimal | None) -> int | float | None:
    """A stored percentage as a JSON number: 45 for 45.00, 42.5 for 42.50."""
    if value is None:
        return None
    value = Decimal(value).normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def prune(value):
    """Drop absent fields: None, empty strings, and lists and objects left empty (OCDS asks to omit them)."""
    if isinstance(value, dict):
        pruned = {key: prune(item) for key, item in value.items()}
        return {key: item for key, item in pruned.items() if item not in (None, "", [], {})}
    if isinstance(value, list):
        return [prune(item) for item in value]
    return value


# ---- Sections ----

def _classification(category_id: int, lookups: Lookups) -> dict:
    return {"scheme": CLASSIFICATION_SCHEME, "id": str(category_id), "description": lookups.categories.get(category_id)}


def line_item(line, lookups: Lookups, *, quantity: int | None = None, unit_price_idr: int | None = None) -> dict:
    """An order line (its snapshot of what was bought) as an OCDS item with our extension's fields."""
    return {
        "id": str(line.pk),
        "description": line.name,
        "classification": _classification(line.category_id, lookups),
        "quantity": line.quantity if quantity is None else quantity,
        "unit": {"name": line.unit, "value": money(line.unit_price_idr if unit_price_idr is None else unit_price_idr)},
        "tkdn": percent(line.tkdn_pct),
        "bmp": percent(line.bmp_pct),
        "isLocalProduct": line.is_local,
        "isDomesticProduct": line.is_pdn,
        "isSmallBusinessProduct": line.is_umk,
    }


def _planning(*, budget_source: str, budget_year: int, rup_code: str = "") -> dict:
    label = BUDGET_SOURCE_LABELS.get(budget_source, budget_source)
    return {"budget": {"description": f"{label} {budget_year}", "projectID": rup_code or None, "sourceType": budget_source}}


def _transactions(order, *, payer: dict, payee: dict) -> list[dict]:
    return [
        {"id": f"payment-{payment.pk}", "date": day_start(payment.paid_date), "value": money(payment.amount_idr),
         "payer": payer, "payee": payee}
        for payment in sorted(order.payments.all(), key=lambda p: (p.paid_date, p.pk))
    ]


def _delivery_milestones(order) -> list[dict]:
    """One milestone per delivery with a signed BAST: met when it conformed."""
    milestones = []
    for delivery in sorted(order.deliveries.all(), key=lambda d: d.sequence):
        bast = getattr(delivery, "bast", None)
        if bast is None:
            continue
        milestones.append({
            "id": f"delivery-{delivery.sequence}",
            "title": f"Pengiriman {delivery.sequence}",
            "type": "delivery",
            "status": "met" if bast.conforming else "notMet",
            "dateMet": instant(bast.signed_at) if bast.conforming else None,
            "dateModified": instant(bast.signed_at),
        })
    return milestones


def _contract(order, *, award_id: str, buyer: dict, supplier: dict, lookups: Lookups) -> dict:
    """The Surat Pesanan as the contract: signed when the vendor accepted it (the last signature); realised
    orders have delivered and been paid in full, so the contract has come to a close ("terminated")."""
    signed_at = order.vendor_signed_at or order.sp_signed_at
    return {
        "id": order.number,
        "awardID": award_id,
        "title": order.title,
        "status": "terminated",
        "period": {"startDate": instant(signed_at), "endDate": day_end(order.delivery_date)},
        "value": money(order.total_idr),
        "items": [line_item(line, lookups) for line in order.lines.all()],
        "dateSigned": instant(signed_at),
        "implementation": {
            "transactions": _transactions(order, payer=buyer, payee=supplier),
            "milestones": _delivery_milestones(order),
        },
    }


def _release(*, ocid: str, event: str, date: str, tag: list[str], parties: PartyList, buyer: dict, **sections) -> dict:
    return prune({
        "ocid": ocid,
        "id": f"{ocid}-{event}",
        "date": date,
        "tag": tag,
        "initiationType": "tender",
        "language": LANGUAGE,
        "parties": parties.as_list(),
        "buyer": buyer,
        **sections,
    })


# ---- Orders ----

def order_release(order, lookups: Lookups) -> dict:
    """The release of a realised order: the whole purchase, or the contract of the mini-competition it came
    from. Needs the order's buyer and vendor (with regions), lines, payments and deliveries with BASTs."""
    parties = PartyList()
    buyer = parties.add(buyer_party(order.buyer_organisation), "buyer", "payer")
    supplier = parties.add(vendor_party(order.vendor), "supplier", "payee")
    date = day_start(order.realised_on)
    if order.competition_id is not None:
        contract = _contract(order, award_id=competition_tender_id(order.competition_id), buyer=buyer,
                             supplier=supplier, lookups=lookups)
        return _release(ocid=competition_ocid(order.competition_id), event="contract", date=date,
                        tag=["contract", "implementation"], parties=parties, buyer=buyer, contracts=[contract])
    procuring_entity = parties.add(buyer_party(order.buyer_organisation), "procuringEntity")
    contract = _contract(order, award_id=order.number, buyer=buyer, supplier=supplier, lookups=lookups)
    return _release(
        ocid=order_ocid(order.pk), event="contract", date=date, tag=["award", "contract", "implementation"],
        parties=parties, buyer=buyer,
        planning=_planning(budget_source=order.budget_source, budget_year=order.budget_year, rup_code=order.rup_code),
        tender={
            "id": order.number,
            "title": order.title,
            "status": "complete",
            "procuringEntity": procuring_entity,
            "procurementMethod": "selective",
            "procurementMethodDetails": E_PURCHASING,
            "competitive": False,
        },
        awards=[{
            "id": order.number,
            "title": order.title,
            "status": "active",
            "date": instant(order.sp_signed_at),
            "value": money(order.total_idr),
            "suppliers": [supplier],
            "items": contract["items"],
        }],
        contracts=[contract],
    )


# ---- Mini-competitions ----

def _award_criteria(competition) -> tuple[str, str] | tuple[None, None]:
    if competition.preference_applied is None:
        return None, None
    if competition.preference_applied:
        max_pct = settings.KATALOG["PREFERENCE_MAX_PCT"]
        return "ratedCriteria", (
            f"Harga evaluasi akhir (HEA) terendah dengan preferensi harga dalam negeri: HEA = (1 - KP) x HP, "
            f"KP = TKDN x {max_pct}% untuk TKDN minimal {settings.KATALOG['PREFERENCE_TKDN_MIN_PCT']}% "
            f"(Perpres 16/2018 jo. 12/2021 Pasal 67); HEA sama: TKDN tertinggi menang. Kontrak pada harga penawaran."
        )
    return "priceOnly", "Harga penawaran (HP) terendah; harga sama: TKDN tertinggi menang."


def _awarded_item(competition, quote: dict, lookups: Lookups) -> dict:
    """The awarded quote as an item: the order line the award made (its snapshot of the quoted product),
    at the quoted quantity and price."""
    order = lookups.competition_orders.get(competition.pk)
    line = next((line for line in order.lines.all() if line.product_id == quote["product_id"]), None) if order else None
    if line is not None:
        return line_item(line, lookups, quantity=competition.quantity, unit_price_idr=quote["unit_price_idr"])
    return {
        "id": "1",
        "description": competition.title,
        "classification": _classification(competition.category_id, lookups),
        "quantity": competition.quantity,
        "unit": {"name": competition.unit, "value": money(quote["unit_price_idr"])},
        "tkdn": percent(quote["tkdn_pct"]),
        "bmp": percent(quote["bmp_pct"]),
    }


def competition_release(competition, lookups: Lookups) -> dict:
    """The release of an awarded competition, or of a published one that was cancelled. Tenderers are named
    only once the quotes were evaluated (before that they are sealed). Needs the buyer with its region."""
    ocid = competition_ocid(competition.pk)
    tender_id = competition_tender_id(competition.pk)
    parties = PartyList()
    buyer = parties.add(buyer_party(competition.buyer_organisation), "buyer", "procuringEntity")
    quotes = lookups.quotes.get(competition.pk, []) if competition.evaluated_at is not None else []
    tenderers = [parties.add(vendor_party(lookups.vendors[q["vendor_id"]]), "tenderer") for q in quotes]
    awarded = next((q for q in quotes if q["id"] == competition.awarded_quote_id), None)
    criteria, criteria_details = _award_criteria(competition)
    tender = {
        "id": tender_id,
        "title": competition.title,
        "description": competition.specification,
        "status": "complete" if awarded else "cancelled",
        "procuringEntity": buyer,
        "items": [{
            "id": "1",
            "description": competition.title,
            "classification": _classification(competition.category_id, lookups),
            "quantity": competition.quantity,
            "unit": {"name": competition.unit},
        }],
        "value": money(competition.package_value_idr),
        "procurementMethod": "selective",
        "procurementMethodDetails": MINI_COMPETITION,
        "competitive": True,
        "awardCriteria": criteria,
        "awardCriteriaDetails": criteria_details,
        "submissionMethod": ["electronicSubmission"],
        "tenderPeriod": {"startDate": instant(competition.published_at), "endDate": instant(competition.deadline_at)},
        "numberOfTenderers": len(quotes) if competition.evaluated_at is not None else None,
        "tenderers": tenderers,
    }
    planning = _planning(budget_source=competition.budget_source, budget_year=competition.budget_year)
    if awarded is None:
        return _release(ocid=ocid, event="cancellation", date=instant(competition.updated_at),
                        tag=["tender", "tenderCancellation"], parties=parties, buyer=buyer, planning=planning,
                        tender=tender)
    supplier = parties.add(vendor_party(lookups.vendors[awarded["vendor_id"]]), "supplier")
    tender["awardPeriod"] = {"startDate": instant(competition.deadline_at), "endDate": instant(competition.awarded_at)}
    award = {
        "id": tender_id,
        "title": competition.title,
        "status": "active",
        "date": instant(competition.awarded_at),
        "value": money(awarded["unit_price_idr"] * competition.quantity),
        "suppliers": [supplier],
        "items": [_awarded_item(competition, awarded, lookups)],
    }
    return _release(ocid=ocid, event="award", date=instant(competition.awarded_at), tag=["tender", "award"],
                    parties=parties, buyer=buyer, planning=planning, tender=tender, awards=[award])
