"""After the Surat Pesanan: shipments, BAST, payment, rating, addenda, expiry and reference prices."""

import datetime as dt

import pytest

from katalog.audit.models import AuditEvent
from katalog.catalog.tests.factories import ProductFactory
from katalog.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from katalog.procurement import selectors, services
from katalog.procurement.models import Addendum, Holiday, Order, OrderStatus
from katalog.procurement.tests.factories import LATER, NOW, order_in, pay_all, ship_all, sign_all

S = OrderStatus

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def accepted(buyer, vendor, vendor_owner):
    """10 lembar of tapis at Rp1.500.000: Rp15.000.000."""
    return order_in(S.ACCEPTED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, quantity=10)


def sign(buyer, delivery, *, ok=True, non_conformity=""):
    return services.bast_sign(
        actor=buyer, delivery_id=delivery.pk, number=f"BAST/{delivery.pk}", function_ok=ok, quantity_ok=True,
        on_time=True, non_conformity=non_conformity, now=LATER,
    )


# ---- The whole way ----

def test_runs_an_order_from_draft_to_completed_and_rated(buyer, vendor, vendor_owner):
    order = order_in(S.PAID, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)

    order = services.order_complete(actor=buyer, order_id=order.pk, now=LATER)
    services.rating_record(actor=buyer, order_id=order.pk, delivery_time=5, quality=4, fit_to_spec=3, now=LATER)

    assert order.status == S.COMPLETED
    assert order.completed_at == LATER
    assert selectors.vendor_rating_summary(vendor) == {"count": 1, "delivery_time": 5, "quality": 4, "fit_to_spec": 3}
    detail = selectors.order_detail(vendor_owner, order.pk)
    assert detail["paid_idr"] == order.total_idr
    assert [e["event_type"] for e in detail["timeline"]][-4:] == [
        "procurement.order.payment_recorded", "procurement.order.paid", "procurement.order.completed",
        "procurement.order.rated",
    ]


# ---- Deliveries and BAST ----

def test_ships_in_parts_and_is_received_when_conforming_basts_cover_everything(buyer, vendor_owner, accepted):
    line = accepted.lines.get()

    first = services.delivery_record(actor=vendor_owner, order_id=accepted.pk, quantities={line.pk: 4}, now=NOW)
    assert Order.objects.get(pk=accepted.pk).status == S.IN_DELIVERY
    sign(buyer, first)
    assert Order.objects.get(pk=accepted.pk).status == S.IN_DELIVERY
    second = services.delivery_record(actor=vendor_owner, order_id=accepted.pk, quantities={line.pk: 6}, now=NOW)
    bast = sign(buyer, second)

    assert (first.sequence, second.sequence) == (1, 2)
    assert bast.value_idr == 6 * 1_500_000
    assert Order.objects.get(pk=accepted.pk).status == S.RECEIVED


def test_refuses_to_ship_more_than_is_still_open(vendor_owner, accepted):
    line = accepted.lines.get()
    services.delivery_record(actor=vendor_owner, order_id=accepted.pk, quantities={line.pk: 8}, now=NOW)

    with pytest.raises(ValidationFailed) as error:
        services.delivery_record(actor=vendor_owner, order_id=accepted.pk, quantities={line.pk: 3}, now=NOW)

    assert "quantities" in error.value.field_errors
    assert accepted.deliveries.count() == 1


def test_refuses_shipments_by_the_buyer_and_before_the_vendor_accepted(buyer, vendor, vendor_owner, accepted):
    waiting = order_in(S.AWAITING_VENDOR, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)

    with pytest.raises(PermissionDeniedError):
        ship_all(accepted, vendor_user=buyer)
    with pytest.raises(InvalidTransition):
        ship_all(waiting, vendor_user=vendor_owner)


def test_records_a_non_conformity_and_lets_the_vendor_ship_again(buyer, vendor_owner, accepted):
    delivery = ship_all(accepted, vendor_user=vendor_owner)

    with pytest.raises(ValidationFailed) as error:
        sign(buyer, delivery, ok=False)
    assert "non_conformity" in error.value.field_errors

    bast = sign(buyer, delivery, ok=False, non_conformity="Warna benang tidak sesuai.")
    assert (bast.conforming, bast.value_idr) == (False, 0)
    assert Order.objects.get(pk=accepted.pk).status == S.IN_DELIVERY

    again = ship_all(accepted, vendor_user=vendor_owner)
    sign(buyer, again)
    assert Order.objects.get(pk=accepted.pk).status == S.RECEIVED


def test_refuses_a_second_bast_for_one_delivery(buyer, vendor_owner, accepted):
    line = accepted.lines.get()
    delivery = services.delivery_record(actor=vendor_owner, order_id=accepted.pk, quantities={line.pk: 2}, now=NOW)
    sign(buyer, delivery)

    with pytest.raises(InvalidTransition):
        sign(buyer, delivery)


# ---- Payment ----

def test_pays_in_parts_and_refuses_overpayment(buyer, vendor, vendor_owner):
    order = order_in(S.RECEIVED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)  # Rp3.000.000
    pay = dict(actor=buyer, order_id=order.pk, paid_date=dt.date(2025, 6, 3), now=LATER)

    services.payment_record(amount_idr=1_000_000, reference="SP2D-1", **pay)
    with pytest.raises(ValidationFailed) as error:
        services.payment_record(amount_idr=2_000_001, reference="SP2D-2", **pay)
    assert "amount_idr" in error.value.field_errors
    assert Order.objects.get(pk=order.pk).status == S.RECEIVED

    services.payment_record(amount_idr=2_000_000, reference="SP2D-2", **pay)
    assert Order.objects.get(pk=order.pk).status == S.PAID
    assert order.payments.count() == 2


def test_refuses_payment_before_receipt(buyer, accepted):
    with pytest.raises(InvalidTransition):
        pay_all(accepted, buyer=buyer)


# ---- Rating ----

def test_rates_only_after_payment_and_only_once(buyer, vendor, vendor_owner):
    received = order_in(S.RECEIVED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
    scores = dict(delivery_time=4, quality=4, fit_to_spec=4, now=LATER)

    with pytest.raises(InvalidTransition):
        services.rating_record(actor=buyer, order_id=received.pk, **scores)
    paid = pay_all(received, buyer=buyer)
    with pytest.raises(ValidationFailed):
        services.rating_record(actor=buyer, order_id=paid.pk, **{**scores, "quality": 6})
    with pytest.raises(PermissionDeniedError):
        services.rating_record(actor=vendor_owner, order_id=paid.pk, **scores)
    services.rating_record(actor=buyer, order_id=paid.pk, **scores)
    with pytest.raises(InvalidTransition):
        services.rating_record(actor=buyer, order_id=paid.pk, **scores)


# ---- Addenda ----

def test_applies_an_accepted_addendum_and_keeps_the_old_values(buyer, vendor_owner, accepted):
    line = accepted.lines.get()
    proposal = services.addendum_propose(
        actor=vendor_owner, order_id=accepted.pk, reason="Bahan baku terlambat.",
        changes={"quantities": {line.pk: 8}, "delivery_date": "2025-07-15"}, now=NOW,
    )
    with pytest.raises(PermissionDeniedError):
        services.addendum_decide(actor=vendor_owner, addendum_id=proposal.pk, accept=True, now=LATER)

    decided = services.addendum_decide(actor=buyer, addendum_id=proposal.pk, accept=True, now=LATER)

    order = Order.objects.get(pk=accepted.pk)
    assert decided.status == Addendum.Status.ACCEPTED
    assert decided.previous == {"quantities": {str(line.pk): 10}, "total_idr": 15_000_000, "delivery_date": "2025-06-30"}
    assert (order.total_idr, order.delivery_date) == (12_000_000, dt.date(2025, 7, 15))
    assert order.lines.get().quantity == 8


def test_rejects_an_addendum_with_a_reason_and_changes_nothing(buyer, vendor_owner, accepted):
    first = services.addendum_propose(
        actor=buyer, order_id=accepted.pk, reason="Tambah syarat.", changes={"terms": "Dikemas per 5 lembar."}, now=NOW
    )
    with pytest.raises(InvalidTransition):
        services.addendum_propose(actor=buyer, order_id=accepted.pk, reason="Lagi.", changes={"terms": "x"}, now=NOW)
    with pytest.raises(ValidationFailed):
        services.addendum_decide(actor=vendor_owner, addendum_id=first.pk, accept=False, now=LATER)

    services.addendum_decide(actor=vendor_owner, addendum_id=first.pk, accept=False, reason="Tidak bisa.", now=LATER)
    second = services.addendum_propose(
        actor=buyer, order_id=accepted.pk, reason="Coba lagi.", changes={"terms": "Dikemas per 10."}, now=LATER
    )

    assert Order.objects.get(pk=accepted.pk).sp_terms == ""
    assert [(a.version, a.status) for a in accepted.addenda.all()] == [(1, "rejected"), (2, "proposed")]
    assert second.version == 2


def test_refuses_an_addendum_below_what_was_shipped(buyer, vendor_owner, accepted):
    line = accepted.lines.get()
    services.delivery_record(actor=vendor_owner, order_id=accepted.pk, quantities={line.pk: 6}, now=NOW)

    with pytest.raises(ValidationFailed):
        services.addendum_propose(
            actor=buyer, order_id=accepted.pk, reason="Kurangi.", changes={"quantities": {line.pk: 5}}, now=NOW
        )


def test_refuses_an_addendum_before_the_surat_pesanan(buyer, vendor, vendor_owner):
    order = order_in(S.APPROVED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)

    with pytest.raises(InvalidTransition):
        services.addendum_propose(actor=buyer, order_id=order.pk, reason="x", changes={"terms": "y"}, now=NOW)


# ---- Expiry ----

def _at(day: int, hour: int = 10) -> dt.datetime:
    """June 2025 in UTC (Jakarta is 7 hours ahead)."""
    return dt.datetime(2025, 6, day, hour, 0, tzinfo=dt.UTC)


def test_expires_after_three_working_days_over_a_weekend_and_a_holiday(buyer, vendor, vendor_owner):
    Holiday.objects.create(date=dt.date(2025, 6, 6), name="Idul Adha")
    # Sent on Wednesday 4 June: Thursday, (Friday holiday, weekend), Monday, Tuesday → Tuesday 10 June.
    order = order_in(S.AWAITING_APPROVAL, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, large=True,
                     now=_at(4))

    assert services.orders_expire(now=_at(10, 9)) == 0
    assert services.orders_expire(now=_at(10, 11)) == 1

    order.refresh_from_db()
    assert order.status == S.EXPIRED
    assert "PPK" in order.status_reason
    assert AuditEvent.objects.filter(event_type="procurement.order.expired", actor_name="system").count() == 1


def test_names_the_vendor_when_it_did_not_accept_in_time(buyer, vendor, vendor_owner):
    order = order_in(S.AWAITING_VENDOR, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, now=_at(2))

    assert services.orders_expire(now=_at(6)) == 1

    order.refresh_from_db()
    assert "vendor" in order.status_reason


def test_leaves_orders_that_no_longer_wait_on_anyone(buyer, vendor, vendor_owner):
    order_in(S.ACCEPTED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, now=_at(2))
    order_in(S.DRAFT, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, now=_at(2))

    assert services.orders_expire(now=_at(27)) == 0


# ---- Reference prices and red flags ----

@pytest.fixture
def three_paid_lines(buyer, vendor, vendor_owner):
    for price in (1_000_000, 1_200_000, 1_400_000):
        order_in(S.PAID, buyer=buyer, vendor=vendor, vendor_user=vendor_owner,
                 products=[ProductFactory(vendor=vendor, price_idr=price)])


def test_gives_the_median_and_quartiles_of_paid_prices_in_a_category(three_paid_lines, approved_product):
    reference = selectors.category_reference_price(approved_product.category_id, now=LATER)

    assert reference == {"count": 3, "q1_idr": 1_100_000, "median_idr": 1_200_000, "q3_idr": 1_300_000}
    assert selectors.category_reference_price(approved_product.category_id, now=LATER + dt.timedelta(days=400)) is None


def test_flags_an_agreement_far_above_the_reference_price(three_paid_lines, buyer, vendor, vendor_owner, curator):
    order = order_in(S.NEGOTIATING, buyer=buyer, vendor=vendor, vendor_user=vendor_owner,
                     products=[ProductFactory(vendor=vendor, price_idr=2_000_000)])

    services.offer_accept(actor=vendor_owner, order_id=order.pk, now=LATER)

    flags = selectors.flagged_orders(curator)
    assert [f["order_id"] for f in flags] == [order.pk]
    assert flags[0]["lines"][0]["median_idr"] == 1_200_000
    with pytest.raises(PermissionDeniedError):
        selectors.flagged_orders(buyer)


def test_does_not_flag_prices_within_the_configured_ratio(
    three_paid_lines, buyer, vendor, vendor_owner, curator, settings
):
    settings.KATALOG = {**settings.KATALOG, "REFERENCE_PRICE_FLAG_RATIO": "2"}
    order = order_in(S.NEGOTIATING, buyer=buyer, vendor=vendor, vendor_user=vendor_owner,
                     products=[ProductFactory(vendor=vendor, price_idr=2_000_000)])

    services.offer_accept(actor=vendor_owner, order_id=order.pk, now=LATER)

    assert selectors.flagged_orders(curator) == []


def test_signs_every_bast_through_the_helpers(buyer, vendor_owner, accepted):
    ship_all(accepted, vendor_user=vendor_owner)

    assert sign_all(accepted, buyer=buyer).status == S.RECEIVED
