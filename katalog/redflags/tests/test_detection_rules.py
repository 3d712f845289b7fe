"""Prices far above the catalogue median, expired documents, repeated and reused justifications: the pure
rules over hand-built facts."""

import datetime as dt
from decimal import Decimal

import pytest

from katalog.redflags.detection import (
    CategoryMedian,
    DocumentFact,
    PricedLine,
    SentOrder,
    catalogue_median,
    find_expired_documents,
    find_prices_above_median,
    find_repeated_justifications,
    find_reused_justifications,
    normalise_justification,
)
from katalog.redflags.models import FlagKind, Severity

BUYER, VENDOR = 10, 20
TAPIS, KOPI = 30, 31
TODAY = dt.date(2025, 6, 2)


# ---- Prices far above the catalogue median ----

@pytest.mark.parametrize(("prices", "expected"), [
    ([], None),
    ([100, 200], None),  # too few products for a median
    ([300, 100, 200], CategoryMedian(200, 3)),
    ([100, 200, 301, 400], CategoryMedian(251, 4)),  # (200 + 301) / 2 = 250.5, rounded half up
    ([100, 200, 300, 400], CategoryMedian(250, 4)),
])
def test_catalogue_median(prices, expected):
    assert catalogue_median(prices) == expected


def line(line_id, price, *, order_id=1, category=TAPIS, quantity=2):
    return PricedLine(order_id=order_id, buyer_id=BUYER, vendor_id=VENDOR, line_id=line_id, name=f"Produk {line_id}",
                      category_id=category, category_name="Tapis Lembaran", quantity=quantity, unit_price_idr=price)


MEDIANS = {TAPIS: CategoryMedian(1_500_000, 5)}


def test_a_unit_price_more_than_twice_the_median_is_flagged_with_its_numbers():
    [flag] = find_prices_above_median([line(7, 3_750_000), line(8, 1_400_000)], medians=MEDIANS, ratio=Decimal("2.0"))

    assert flag.kind == FlagKind.PRICE_ABOVE_MEDIAN
    assert flag.order_ids == (1,)
    assert flag.severity == Severity.MEDIUM
    assert flag.value_idr == 7_500_000  # the flagged line only: 2 × Rp3.750.000
    [row] = flag.params["lines"]
    assert (row["line_id"], row["unit_price_idr"], row["median_idr"], row["product_count"], row["ratio"]) == (
        7, 3_750_000, 1_500_000, 5, "2.5"
    )
    assert (flag.buyer_id, flag.vendor_id, flag.category_id) == (BUYER, VENDOR, TAPIS)


def test_a_unit_price_exactly_twice_the_median_is_not_flagged():
    assert find_prices_above_median([line(7, 3_000_000)], medians=MEDIANS, ratio=Decimal("2.0")) == []


def test_a_category_without_a_median_flags_nothing():
    assert find_prices_above_median([line(7, 9_000_000, category=KOPI)], medians=MEDIANS, ratio=Decimal("2.0")) == []


def test_four_times_the_median_is_a_high_flag():
    [flag] = find_prices_above_median([line(7, 6_000_000)], medians=MEDIANS, ratio=Decimal("2.0"))

    assert flag.severity == Severity.HIGH


# ---- Vendors selling with an expired document ----

def document(id_, valid_until, *, kind="HALAL", vendor=VENDOR):
    return DocumentFact(id=id_, vendor_id=vendor, kind=kind, number=f"ID{id_:04d}", valid_until=valid_until)


def sent(id_, sent_on, value=1_000_000, *, vendor=VENDOR):
    return SentOrder(id=id_, buyer_id=BUYER, vendor_id=vendor, value_idr=value, sent_on=sent_on)


EXPIRED_ON = dt.date(2025, 5, 1)


def test_an_expired_document_with_orders_received_after_it_is_flagged_with_those_orders():
    orders = [sent(1, dt.date(2025, 4, 30)), sent(2, dt.date(2025, 5, 1)), sent(3, dt.date(2025, 5, 2), 2_000_000)]

    [flag] = find_expired_documents([document(5, EXPIRED_ON)], today=TODAY, listed_products={VENDOR: 4}, orders=orders)

    assert flag.kind == FlagKind.EXPIRED_DOCUMENT
    assert flag.order_ids == (3,)  # sent after the last valid day
    assert flag.value_idr == 2_000_000
    assert flag.severity == Severity.HIGH
    assert flag.params["listed_products"] == 4
    assert flag.params["valid_until"] == "2025-05-01"
    assert flag.vendor_id == VENDOR


def test_an_expired_document_with_listed_products_and_no_order_since_is_flagged_lower():
    [flag] = find_expired_documents([document(5, EXPIRED_ON)], today=TODAY, listed_products={VENDOR: 1}, orders=[])

    assert flag.order_ids == ()
    assert flag.severity == Severity.MEDIUM


def test_a_vendor_that_no_longer_sells_is_not_flagged_for_an_expired_document():
    orders = [sent(1, dt.date(2025, 4, 30))]

    assert find_expired_documents([document(5, EXPIRED_ON)], today=TODAY, listed_products={}, orders=orders) == []


def test_a_document_valid_until_today_has_not_expired():
    assert find_expired_documents([document(5, TODAY)], today=TODAY, listed_products={VENDOR: 3}, orders=[]) == []


def test_a_renewed_document_is_not_flagged():
    documents = [document(5, EXPIRED_ON), document(6, dt.date(2027, 5, 1))]

    assert find_expired_documents(documents, today=TODAY, listed_products={VENDOR: 3}, orders=[]) == []


def test_of_several_expired_documents_of_a_kind_the_latest_stands_for_them():
    documents = [document(5, dt.date(2024, 1, 1)), document(6, EXPIRED_ON), document(7, dt.date(2024, 6, 1), kind="SNI")]

    flags = find_expired_documents(documents, today=TODAY, listed_products={VENDOR: 3}, orders=[])

    assert sorted(f.params["document_id"] for f in flags) == [6, 7]


# ---- Repeated and reused justifications ----

def justified(id_, day, *, local="", pdn="", buyer=BUYER, value=10_000_000):
    return SentOrder(id=id_, buyer_id=buyer, vendor_id=VENDOR, value_idr=value,
                     sent_on=dt.date(2025, 1, 1) + dt.timedelta(days=day - 1),
                     local_justification=local, pdn_justification=pdn)


def repeated(orders):
    return find_repeated_justifications(orders, repeats=3, window_days=90)


def test_three_justifications_within_ninety_days_are_flagged_with_their_texts():
    orders = [justified(1, 1, local="Produk lokal habis"), justified(2, 30, pdn="Spesifikasi khusus"),
              justified(3, 91, local="produk  LOKAL habis"), justified(4, 40)]

    [flag] = repeated(orders)

    assert flag.kind == FlagKind.REPEATED_JUSTIFICATION
    assert flag.order_ids == (1, 2, 3)  # order 4 gave no justification
    assert (flag.params["count"], flag.params["local_count"], flag.params["pdn_count"]) == (3, 2, 1)
    assert flag.params["span_days"] == 90
    assert flag.params["texts"] == ["Produk lokal habis", "Spesifikasi khusus"]
    assert flag.value_idr == 30_000_000
    assert flag.buyer_id == BUYER


def test_three_justifications_spread_over_more_than_ninety_days_are_not_flagged():
    orders = [justified(1, 1, local="a"), justified(2, 50, local="b"), justified(3, 92, local="c")]

    assert repeated(orders) == []


def test_justifications_of_different_buyers_do_not_add_up():
    orders = [justified(1, 1, local="a"), justified(2, 2, local="b"), justified(3, 3, local="c", buyer=BUYER + 1)]

    assert repeated(orders) == []


def test_the_same_text_on_two_orders_is_flagged_whatever_its_case_and_spacing():
    orders = [justified(1, 1, local="Tidak ada produk lokal yang sesuai."),
              justified(2, 200, pdn="  tidak ada PRODUK lokal\nyang sesuai. "), justified(3, 3, local="Lain")]

    [flag] = find_reused_justifications(orders)

    assert flag.kind == FlagKind.REUSED_JUSTIFICATION
    assert flag.order_ids == (1, 2)
    assert flag.params["text"] == "Tidak ada produk lokal yang sesuai."
    assert flag.params["fields"] == ["local", "pdn"]
    assert flag.severity == Severity.LOW


def test_different_texts_or_one_order_are_not_a_reuse():
    orders = [justified(1, 1, local="Tidak ada produk lokal", pdn="Tidak ada produk lokal"),
              justified(2, 2, local="Stok produk lokal habis")]

    assert find_reused_justifications(orders) == []


def test_normalise_justification():
    assert normalise_justification("  Produk\tLokal\n HABIS ") == "produk lokal habis"
