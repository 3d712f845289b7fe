"""Creating a draft order: snapshotted lines, the checks on products and quantities, idempotent retries, and
editing a draft's lines."""

import datetime as dt

import pytest

from katalog.audit.models import AuditEvent
from katalog.catalog.tests.factories import ProductFactory
from katalog.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from katalog.procurement import services
from katalog.procurement.models import IdempotencyKey, Order, OrderStatus
from katalog.procurement.tests.factories import (
    LATER,
    NOW,
    draft_order,
    order_header,
    order_in,
)

S = OrderStatus

pytestmark = pytest.mark.usefixtures("english")


def test_creates_a_draft_with_snapshotted_lines_and_a_number(buyer, vendor, buyer_org):
    product = ProductFactory(vendor=vendor, price_idr=1_250_000)

    order = draft_order(buyer=buyer, vendor=vendor, products=[product], quantity=3)

    assert order.status == S.DRAFT
    assert order.number == f"ORD-2025-{order.pk:06d}"
    assert order.buyer_organisation == buyer_org
    assert order.total_idr == 3_750_000
    line = order.lines.get()
    assert (line.name, line.unit_price_idr, line.list_price_idr, line.quantity) == (product.name, 1_250_000, 1_250_000, 3)
    assert line.is_local and line.is_umk and line.is_pdn
    assert AuditEvent.objects.filter(event_type="procurement.order.created", target_id=str(order.pk)).exists()


def test_keeps_the_snapshot_when_the_catalogue_price_changes(buyer, vendor):
    product = ProductFactory(vendor=vendor, price_idr=1_000_000)
    order = draft_order(buyer=buyer, vendor=vendor, products=[product])

    product.price_idr = 9_000_000
    product.save()

    assert order.lines.get().unit_price_idr == 1_000_000


def test_refuses_products_of_two_vendors_in_one_order(buyer, vendor, other_vendor):
    products = [ProductFactory(vendor=vendor), ProductFactory(vendor=other_vendor)]

    with pytest.raises(ValidationFailed) as error:
        draft_order(buyer=buyer, vendor=vendor, products=products)

    assert "lines" in error.value.field_errors
    assert not Order.objects.exists()


@pytest.mark.parametrize(
    ("product_kwargs", "quantity"),
    [({"status": "draft"}, 2), ({"min_order": 5}, 4), ({}, 2_147_483_648), ({}, 10**20)],
    ids=["not listed", "below the minimum order", "past the largest quantity", "past any integer"],
)
def test_refuses_unlisted_products_and_quantities_below_the_minimum_or_too_large(buyer, vendor, product_kwargs, quantity):
    product = ProductFactory(vendor=vendor, **product_kwargs)

    with pytest.raises(ValidationFailed):
        draft_order(buyer=buyer, vendor=vendor, products=[product], quantity=quantity)

    assert not Order.objects.exists()


def test_refuses_the_same_product_twice(buyer, vendor, approved_product):
    with pytest.raises(ValidationFailed):
        services.order_create(
            actor=buyer, vendor=vendor, lines=[(approved_product, 1), (approved_product, 2)], now=NOW,
            **order_header(),
        )


def test_refuses_a_delivery_date_in_the_past(buyer, vendor, approved_product):
    with pytest.raises(ValidationFailed) as error:
        services.order_create(
            actor=buyer, vendor=vendor, lines=[(approved_product, 1)], now=NOW,
            **order_header(delivery_date=dt.date(2025, 5, 1)),
        )
    assert "delivery_date" in error.value.field_errors


def test_refuses_order_creation_by_someone_who_is_not_a_buyer(vendor_owner, vendor, approved_product):
    with pytest.raises(PermissionDeniedError):
        services.order_create(
            actor=vendor_owner, vendor=vendor, lines=[(approved_product, 1)], now=NOW, **order_header()
        )


def test_returns_the_same_order_for_a_repeated_idempotency_key(buyer, vendor, approved_product):
    kwargs = dict(actor=buyer, vendor=vendor, lines=[(approved_product, 1)], idempotency_key="abc-1", **order_header())

    first = services.order_create(now=NOW, **kwargs)
    second = services.order_create(now=LATER, **kwargs)

    assert first.pk == second.pk
    assert Order.objects.count() == 1
    assert IdempotencyKey.objects.count() == 1


def test_returns_the_winners_order_when_a_concurrent_duplicate_hits_the_unique_key(
    buyer, vendor, approved_product, monkeypatch
):
    kwargs = dict(actor=buyer, vendor=vendor, lines=[(approved_product, 1)], idempotency_key="race", **order_header())
    winner = services.order_create(now=NOW, **kwargs)
    # The loser looked before the winner committed: it saw no key.
    real_filter = IdempotencyKey.objects.filter
    calls = []

    def blind_first_look(*args, **kw):
        calls.append(1)
        qs = real_filter(*args, **kw)
        return qs.none() if len(calls) == 1 else qs

    monkeypatch.setattr(IdempotencyKey.objects, "filter", blind_first_look)

    loser = services.order_create(now=LATER, **kwargs)

    assert loser.pk == winner.pk
    assert Order.objects.count() == 1


def test_gives_different_users_their_own_orders_for_the_same_key(buyer, pp, vendor, approved_product):
    kwargs = dict(vendor=vendor, lines=[(approved_product, 1)], idempotency_key="same", now=NOW, **order_header())

    assert services.order_create(actor=buyer, **kwargs).pk != services.order_create(actor=pp, **kwargs).pk


def test_replaces_the_lines_of_a_draft(buyer, vendor):
    order = draft_order(buyer=buyer, vendor=vendor)
    product = ProductFactory(vendor=vendor, price_idr=100_000)

    order = services.order_update_lines(actor=buyer, order_id=order.pk, lines=[(product, 7)], now=LATER)

    assert order.total_idr == 700_000
    assert list(order.lines.values_list("product_id", "quantity")) == [(product.pk, 7)]


def test_refuses_to_edit_the_lines_of_a_sent_order(buyer, vendor, vendor_owner):
    order = order_in(S.APPROVED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)

    with pytest.raises(InvalidTransition):
        services.order_update_lines(actor=buyer, order_id=order.pk, lines=[(order.lines.get().product, 9)], now=LATER)
