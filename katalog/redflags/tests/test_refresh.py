"""Refreshing the stored flags from real orders, products and documents; the hook after an order is sent."""

import datetime as dt

import pytest
from django.core.management import call_command

from katalog.audit.models import AuditEvent
from katalog.catalog.tests.factories import ProductFactory
from katalog.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from katalog.procurement import services as procurement
from katalog.procurement.tests.factories import NOW
from katalog.redflags.models import FlagKind, FlagStatus, RedFlag, Severity
from katalog.redflags.services import (
    DISMISSED_EVENT,
    red_flag_dismiss,
    red_flags_refresh_all,
    red_flags_refresh_buyer,
    red_flags_refresh_vendor,
)
from katalog.vendors.tests.factories import VendorDocumentFactory

from .factories import JUTA, sent_order

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def flags(kind=None):
    qs = RedFlag.objects.order_by("key")
    return list(qs.filter(kind=kind) if kind else qs)


# ---- Split orders ----

def test_two_orders_of_120_juta_nine_days_apart_are_flagged_as_split(buyer, vendor):
    first = sent_order(buyer=buyer, vendor=vendor, price_idr=60 * JUTA, now=NOW)
    second = sent_order(buyer=buyer, vendor=vendor, price_idr=60 * JUTA, now=NOW + 9 * DAY)

    red_flags_refresh_buyer(first.buyer_organisation_id, now=NOW + 9 * DAY)

    [flag] = flags(FlagKind.SPLIT_ORDERS)
    assert flag.order_ids == [first.pk, second.pk]
    assert flag.value_idr == 240 * JUTA
    assert flag.params["limit_idr"] == 200 * JUTA
    assert (flag.buyer_organisation_id, flag.vendor_id) == (first.buyer_organisation_id, vendor.pk)
    assert flag.status == FlagStatus.OPEN


def test_orders_twenty_days_apart_drafts_and_cancelled_orders_are_not_flagged_as_split(buyer, vendor):
    sent_order(buyer=buyer, vendor=vendor, price_idr=60 * JUTA, now=NOW)
    sent_order(buyer=buyer, vendor=vendor, price_idr=60 * JUTA, now=NOW + 20 * DAY)
    cancelled = sent_order(buyer=buyer, vendor=vendor, price_idr=60 * JUTA, now=NOW + 5 * DAY)
    procurement.order_cancel(actor=buyer, order_id=cancelled.pk, reason="Salah pesan", now=NOW + 5 * DAY)
    from katalog.procurement.tests.factories import draft_order

    draft_order(buyer=buyer, vendor=vendor, products=[ProductFactory(vendor=vendor, price_idr=60 * JUTA)],
                now=NOW + 6 * DAY)

    red_flags_refresh_buyer(cancelled.buyer_organisation_id, now=NOW + 20 * DAY)

    assert flags(FlagKind.SPLIT_ORDERS) == []


def test_a_flag_is_cleared_when_its_condition_no_longer_holds_and_reopened_when_it_returns(buyer, vendor):
    first = sent_order(buyer=buyer, vendor=vendor, price_idr=60 * JUTA, now=NOW)
    second = sent_order(buyer=buyer, vendor=vendor, price_idr=60 * JUTA, now=NOW + DAY)
    buyer_id = first.buyer_organisation_id
    red_flags_refresh_buyer(buyer_id, now=NOW + DAY)

    procurement.order_cancel(actor=buyer, order_id=second.pk, reason="Salah pesan", now=NOW + 2 * DAY)
    result = red_flags_refresh_buyer(buyer_id, now=NOW + 2 * DAY)

    [flag] = flags(FlagKind.SPLIT_ORDERS)
    assert (flag.status, flag.cleared_at, result.cleared) == (FlagStatus.CLEARED, NOW + 2 * DAY, 1)

    sent_order(buyer=buyer, vendor=vendor, price_idr=60 * JUTA, now=NOW + 3 * DAY)
    result = red_flags_refresh_buyer(buyer_id, now=NOW + 3 * DAY)

    [flag] = flags(FlagKind.SPLIT_ORDERS)  # the same flag: the group still starts with the first order
    assert (flag.status, flag.cleared_at, result.reopened) == (FlagStatus.OPEN, None, 1)


def test_sending_an_order_refreshes_its_buyers_flags_once_it_commits(
    buyer, vendor, frozen_clock, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = sent_order(buyer=buyer, vendor=vendor, price_idr=60 * JUTA, now=NOW)
    assert flags() == []

    with django_capture_on_commit_callbacks(execute=True):
        second = sent_order(buyer=buyer, vendor=vendor, price_idr=60 * JUTA, now=NOW + DAY)

    [flag] = flags(FlagKind.SPLIT_ORDERS)
    assert flag.order_ids == [first.pk, second.pk]

    with django_capture_on_commit_callbacks(execute=True):
        procurement.order_cancel(actor=buyer, order_id=second.pk, reason="Salah pesan", now=NOW + DAY)

    assert flags(FlagKind.SPLIT_ORDERS)[0].status == FlagStatus.CLEARED


def test_a_draft_saved_queues_no_refresh(buyer, vendor, monkeypatch, django_capture_on_commit_callbacks):
    from katalog.procurement.tests.factories import draft_order
    from katalog.redflags import hooks

    queued = []
    monkeypatch.setattr(hooks, "refresh_later", lambda **scope: queued.append(scope))
    with django_capture_on_commit_callbacks(execute=True):
        order = draft_order(buyer=buyer, vendor=vendor)
    assert queued == []

    with django_capture_on_commit_callbacks(execute=True):
        procurement.order_send(actor=buyer, order_id=order.pk, negotiate=False, now=NOW)
    assert queued == [{"buyer_organisation_ids": [order.buyer_organisation_id], "vendor_ids": [vendor.pk]}]


# ---- Prices far above the catalogue median ----

def _tapis_catalogue(vendor, *prices):
    for price in prices:
        ProductFactory(vendor=vendor, price_idr=price)


def test_a_unit_price_far_above_the_catalogue_median_is_flagged(buyer, vendor, other_vendor):
    _tapis_catalogue(other_vendor, 1_500_000, 1_500_000, 1_500_000)
    order = sent_order(buyer=buyer, vendor=vendor, price_idr=5_000_000)  # listed too: median of 4 is Rp1.500.000

    red_flags_refresh_buyer(order.buyer_organisation_id, now=NOW)

    [flag] = flags(FlagKind.PRICE_ABOVE_MEDIAN)
    assert flag.order_ids == [order.pk]
    [line] = flag.params["lines"]
    assert (line["unit_price_idr"], line["median_idr"], line["product_count"], line["ratio"]) == (
        5_000_000, 1_500_000, 4, "3.3"
    )
    assert line["category"] == "Tapis Lembaran"
    assert flag.category.name == "Tapis Lembaran"
    assert flag.severity == Severity.MEDIUM
    assert flag.value_idr == 10_000_000


def test_a_unit_price_within_twice_the_catalogue_median_is_not_flagged(buyer, vendor, other_vendor):
    _tapis_catalogue(other_vendor, 1_500_000, 1_500_000, 1_500_000)
    order = sent_order(buyer=buyer, vendor=vendor, price_idr=2_500_000)

    red_flags_refresh_buyer(order.buyer_organisation_id, now=NOW)

    assert flags(FlagKind.PRICE_ABOVE_MEDIAN) == []


# ---- Vendors selling with an expired document ----

def test_a_vendor_selling_after_its_document_expired_is_flagged_with_the_orders_since(buyer, vendor):
    document = VendorDocumentFactory(vendor=vendor, kind="HALAL", issued_date=dt.date(2023, 5, 1),
                                     valid_until=dt.date(2025, 5, 1))
    before = sent_order(buyer=buyer, vendor=vendor, price_idr=1_000_000, now=NOW - 40 * DAY)  # 23 April
    after = sent_order(buyer=buyer, vendor=vendor, price_idr=1_000_000, now=NOW)

    red_flags_refresh_vendor(vendor.pk, now=NOW)

    [flag] = flags(FlagKind.EXPIRED_DOCUMENT)
    assert flag.order_ids == [after.pk]
    assert before.pk not in flag.order_ids
    assert flag.params["document_id"] == document.pk
    assert flag.params["listed_products"] == 2  # the products of both orders are still listed
    assert flag.value_idr == after.total_idr
    assert (flag.vendor_id, flag.severity) == (vendor.pk, Severity.HIGH)


def test_a_vendor_with_valid_documents_is_not_flagged(buyer, vendor):
    VendorDocumentFactory(vendor=vendor, kind="HALAL", issued_date=dt.date(2023, 5, 1), valid_until=dt.date(2026, 5, 1))
    sent_order(buyer=buyer, vendor=vendor, price_idr=1_000_000, now=NOW)

    red_flags_refresh_vendor(vendor.pk, now=NOW)

    assert flags(FlagKind.EXPIRED_DOCUMENT) == []


def test_renewing_the_document_clears_the_flag_once_it_commits(vendor, approved_product, django_capture_on_commit_callbacks,
                                                                 frozen_clock):
    VendorDocumentFactory(vendor=vendor, kind="HALAL", issued_date=dt.date(2023, 5, 1), valid_until=dt.date(2025, 5, 1))
    red_flags_refresh_vendor(vendor.pk, now=NOW)
    assert flags(FlagKind.EXPIRED_DOCUMENT)[0].status == FlagStatus.OPEN

    with django_capture_on_commit_callbacks(execute=True):
        VendorDocumentFactory(vendor=vendor, kind="HALAL", issued_date=dt.date(2025, 5, 2),
                              valid_until=dt.date(2028, 5, 1))

    assert flags(FlagKind.EXPIRED_DOCUMENT)[0].status == FlagStatus.CLEARED


# ---- Repeated and reused justifications ----

REASON = "Produk lokal belum memenuhi spesifikasi teknis."


def test_three_justified_orders_within_ninety_days_are_flagged_and_their_reused_text_too(buyer, vendor):
    orders = [
        sent_order(buyer=buyer, vendor=vendor, price_idr=1_000_000, now=NOW + days * DAY,
                   local_justification=text)
        for days, text in ((0, REASON), (30, REASON.upper()), (60, "Stok produk lokal habis."))
    ]

    red_flags_refresh_buyer(orders[0].buyer_organisation_id, now=NOW + 60 * DAY)

    [repeated] = flags(FlagKind.REPEATED_JUSTIFICATION)
    assert repeated.order_ids == [o.pk for o in orders]
    assert (repeated.params["count"], repeated.params["local_count"]) == (3, 3)
    assert repeated.params["texts"] == [REASON, "Stok produk lokal habis."]
    [reused] = flags(FlagKind.REUSED_JUSTIFICATION)
    assert reused.order_ids == [orders[0].pk, orders[1].pk]
    assert reused.params["text"] == REASON


def test_two_different_justifications_are_neither_repeated_nor_reused(buyer, vendor):
    order = sent_order(buyer=buyer, vendor=vendor, price_idr=1_000_000, now=NOW, local_justification=REASON)
    sent_order(buyer=buyer, vendor=vendor, price_idr=1_000_000, now=NOW + DAY, pdn_justification="Lain hal.")

    red_flags_refresh_buyer(order.buyer_organisation_id, now=NOW + DAY)

    assert flags(FlagKind.REPEATED_JUSTIFICATION) == flags(FlagKind.REUSED_JUSTIFICATION) == []


# ---- The whole refresh ----

def _snapshot():
    return [(f.key, f.status, f.params, f.order_ids, f.order_count, f.value_idr, f.severity, f.updated_at)
            for f in flags()]


def test_refreshing_everything_twice_gives_the_same_flags(buyer, vendor):
    VendorDocumentFactory(vendor=vendor, kind="SNI", issued_date=dt.date(2023, 5, 1), valid_until=dt.date(2025, 5, 1))
    for days in (0, 3, 6):
        sent_order(buyer=buyer, vendor=vendor, price_idr=40 * JUTA, now=NOW + days * DAY, local_justification=REASON)

    first = red_flags_refresh_all(now=NOW + 6 * DAY)
    before = _snapshot()
    second = red_flags_refresh_all(now=NOW + 7 * DAY)

    assert {f.kind for f in flags()} == {
        FlagKind.SPLIT_ORDERS, FlagKind.EXPIRED_DOCUMENT, FlagKind.REPEATED_JUSTIFICATION,
        FlagKind.REUSED_JUSTIFICATION,
    }
    assert first.created == len(before) == 4
    assert second.changed == 0
    assert _snapshot() == before


def test_the_command_refreshes_everything(buyer, vendor, frozen_clock):
    for days in (0, 3):
        sent_order(buyer=buyer, vendor=vendor, price_idr=60 * JUTA, now=NOW + days * DAY)
    frozen_clock.set(NOW + 3 * DAY)

    call_command("refresh-red-flags", stdout=__import__("io").StringIO())

    assert [f.kind for f in flags()] == [FlagKind.SPLIT_ORDERS]


# ---- Dismissing ----

def _open_split_flag(buyer, vendor):
    order = sent_order(buyer=buyer, vendor=vendor, price_idr=60 * JUTA, now=NOW)
    sent_order(buyer=buyer, vendor=vendor, price_idr=60 * JUTA, now=NOW + DAY)
    red_flags_refresh_buyer(order.buyer_organisation_id, now=NOW + DAY)
    return flags(FlagKind.SPLIT_ORDERS)[0]


def test_a_curator_dismisses_a_flag_with_a_reason_and_it_is_audited(buyer, vendor, curator):
    flag = _open_split_flag(buyer, vendor)

    red_flag_dismiss(actor=curator, flag_id=flag.pk, reason="  Dua paket berbeda, RUP berbeda. ", now=NOW + 2 * DAY)

    flag.refresh_from_db()
    assert (flag.status, flag.dismissed_by, flag.dismissed_at) == (FlagStatus.DISMISSED, curator, NOW + 2 * DAY)
    assert flag.dismissal_reason == "Dua paket berbeda, RUP berbeda."
    [event] = AuditEvent.objects.filter(event_type=DISMISSED_EVENT)
    assert (event.actor, event.target_id, event.message) == (curator, str(flag.pk), "Dua paket berbeda, RUP berbeda.")
    assert event.changes["status"] == ["open", "dismissed"]
    assert event.changes["order_ids"] == flag.order_ids


def test_a_dismissed_flag_stays_dismissed_when_its_orders_change(buyer, vendor, curator):
    flag = _open_split_flag(buyer, vendor)
    red_flag_dismiss(actor=curator, flag_id=flag.pk, reason="Sudah diperiksa.", now=NOW + 2 * DAY)
    third = sent_order(buyer=buyer, vendor=vendor, price_idr=60 * JUTA, now=NOW + 3 * DAY)

    red_flags_refresh_buyer(third.buyer_organisation_id, now=NOW + 3 * DAY)

    flag.refresh_from_db()
    assert flag.status == FlagStatus.DISMISSED
    assert flag.order_ids[-1] == third.pk  # its numbers still follow the orders


def test_dismissing_needs_a_curator_a_reason_and_an_open_flag(buyer, vendor, curator, leader):
    flag = _open_split_flag(buyer, vendor)

    with pytest.raises(PermissionDeniedError):
        red_flag_dismiss(actor=leader, flag_id=flag.pk, reason="Sudah diperiksa.", now=NOW)
    with pytest.raises(ValidationFailed):
        red_flag_dismiss(actor=curator, flag_id=flag.pk, reason="   ", now=NOW)
    red_flag_dismiss(actor=curator, flag_id=flag.pk, reason="Sudah diperiksa.", now=NOW)
    with pytest.raises(InvalidTransition):
        red_flag_dismiss(actor=curator, flag_id=flag.pk, reason="Lagi.", now=NOW)

    assert AuditEvent.objects.filter(event_type=DISMISSED_EVENT).count() == 1
