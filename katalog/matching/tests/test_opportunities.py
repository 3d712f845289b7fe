"""Vendors' opportunities and their answers: interest and offers, seen only by the buyer."""

import pytest

from katalog.accounts.tests.factories import MembershipFactory
from katalog.audit.models import AuditEvent
from katalog.catalog.tests.factories import ProductFactory
from katalog.core.errors import InvalidTransition, NotFoundError, PermissionDeniedError, ValidationFailed
from katalog.matching import selectors, services
from katalog.matching.models import InterestKind, NeedInterest
from katalog.notifications.models import Notification
from katalog.vendors.tests.factories import VendorFactory

from .needs_helpers import NOW, matched_need

pytestmark = pytest.mark.usefixtures("engine")


@pytest.fixture
def products(vendor, other_vendor):
    """A cheap tapis of `vendor`, a dear tapis of `other_vendor`, and a coffee of `vendor`."""
    return {
        "cheap": ProductFactory(vendor=vendor, name="Kain Tapis Siger", price_idr=1_000_000),
        "dear": ProductFactory(vendor=other_vendor, name="Kain Tapis Emas", price_idr=9_000_000),
        "coffee": ProductFactory(vendor=vendor, name="Kopi Robusta Lampung", price_idr=90_000),
    }


def offer(owner, need, *, price=None, product=None, message="Siap kirim."):
    return services.interest_express(
        actor=owner, need_id=need.pk, product_id=product.pk if product else None, message=message,
        offered_unit_price_idr=price, now=NOW,
    )


# ---- Opportunities ----


def test_a_vendor_sees_the_open_needs_its_products_match_fitting_ones_first(
    buyer, vendor, other_vendor, products, vendor_owner, other_vendor_owner
):
    tapis = matched_need(buyer, title="Kain tapis")  # other_vendor's tapis is over budget there
    coffee = matched_need(buyer, title="Kopi robusta", budget_idr=None)
    dear_only = matched_need(buyer, title="Benang emas", budget_idr=1_000)
    nothing = matched_need(buyer, title="Laptop")

    mine = selectors.opportunities_for_vendor(vendor)
    theirs = selectors.opportunities_for_vendor(other_vendor)

    assert {item["id"] for item in mine} == {tapis.pk, coffee.pk}
    assert [item["id"] for item in theirs] == [dear_only.pk, tapis.pk]  # neither fits: best rank first
    assert all(item["fits"] is False for item in theirs)
    assert nothing.pk not in {item["id"] for item in mine + theirs}
    assert [m["product"]["sku"] for m in next(i for i in mine if i["id"] == tapis.pk)["matches"]] == [
        products["cheap"].sku]


def test_fitting_opportunities_come_before_the_others(buyer, vendor, products):
    over_budget = matched_need(buyer, title="Kain tapis", budget_idr=1_000)
    fitting = matched_need(buyer, title="Kopi robusta", budget_idr=None)

    assert [item["id"] for item in selectors.opportunities_for_vendor(vendor)] == [fitting.pk, over_budget.pk]


def test_a_closed_need_is_no_opportunity(buyer, vendor, products):
    need = matched_need(buyer, title="Kain tapis")
    services.need_close(actor=buyer, need_id=need.pk, now=NOW)

    assert selectors.opportunities_for_vendor(vendor) == []


# ---- Answering ----


def test_a_vendor_expresses_interest_then_sends_an_offer_which_replaces_it(buyer, products, vendor_owner):
    need = matched_need(buyer, title="Kain tapis")

    first = offer(vendor_owner, need)
    second = offer(vendor_owner, need, price=950_000, product=products["cheap"], message="Harga khusus.")

    assert first.pk == second.pk
    interest = NeedInterest.objects.get()
    assert (interest.kind, interest.offered_unit_price_idr, interest.product_id, interest.message) == (
        InterestKind.OFFER, 950_000, products["cheap"].pk, "Harga khusus.")
    assert list(AuditEvent.objects.filter(event_type__startswith="matching.interest.")
                .order_by("id").values_list("event_type", flat=True)) == [
        "matching.interest.expressed", "matching.interest.offered"]
    assert Notification.objects.filter(recipient=buyer, kind="matching.interest.offer").exists()


def test_a_vendor_never_sees_another_vendors_offer_but_the_buyer_sees_both(
    buyer, products, vendor_owner, other_vendor_owner, curator
):
    need = matched_need(buyer, title="Kain tapis")
    offer(vendor_owner, need, price=950_000)
    offer(other_vendor_owner, need, price=8_500_000)

    mine = selectors.interests_visible_to(vendor_owner, need)
    theirs = selectors.interests_visible_to(other_vendor_owner, need)

    assert [(i["vendor"]["id"], i["offered_unit_price_idr"]) for i in mine] == [(products["cheap"].vendor_id, 950_000)]
    assert [(i["vendor"]["id"], i["offered_unit_price_idr"]) for i in theirs] == [
        (products["dear"].vendor_id, 8_500_000)]
    assert len(selectors.interests_visible_to(buyer, need)) == 2
    assert len(selectors.interests_visible_to(curator, need)) == 2
    detail = selectors.need_detail(other_vendor_owner, need.pk)
    assert [i["offered_unit_price_idr"] for i in detail["interests"]] == [8_500_000]
    assert [m["product"]["sku"] for m in detail["matches"]] == [products["dear"].sku]


def test_a_vendor_whose_products_do_not_match_cannot_see_or_answer_the_need(buyer, products):
    need = matched_need(buyer, title="Kain tapis")
    stranger = VendorFactory(status="verified")
    owner = MembershipFactory(organisation=stranger.organisation, role="vendor_owner").user

    with pytest.raises(NotFoundError):
        selectors.need_detail(owner, need.pk)
    with pytest.raises(NotFoundError):
        offer(owner, need)
    assert not NeedInterest.objects.exists()


def test_a_closed_need_takes_no_more_answers(buyer, products, vendor_owner):
    need = matched_need(buyer, title="Kain tapis")
    offer(vendor_owner, need)
    services.need_close(actor=buyer, need_id=need.pk, now=NOW)

    with pytest.raises(InvalidTransition):
        offer(vendor_owner, need, price=900_000)
    assert NeedInterest.objects.get().kind == InterestKind.INTEREST


def test_an_offer_names_only_the_vendors_own_listed_product(buyer, products, vendor_owner):
    need = matched_need(buyer, title="Kain tapis")

    with pytest.raises(ValidationFailed) as refused:
        offer(vendor_owner, need, price=900_000, product=products["dear"])

    assert "product_id" in refused.value.field_errors
    assert not NeedInterest.objects.exists()


def test_only_vendors_answer_needs(buyer, products):
    need = matched_need(buyer, title="Kain tapis")

    with pytest.raises(PermissionDeniedError):
        offer(buyer, need)
    with pytest.raises(PermissionDeniedError):
        selectors.opportunities_for(buyer)


def test_reading_opportunities_takes_the_same_queries_for_one_need_or_many(buyer, vendor, products):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    matched_need(buyer, title="Kain tapis")
    with CaptureQueriesContext(connection) as one:
        assert len(selectors.opportunities_for_vendor(vendor)) == 1
    for title in ("Tapis siger", "Kopi robusta", "Kain tapis kantor"):
        matched_need(buyer, title=title)
    with CaptureQueriesContext(connection) as many:
        assert len(selectors.opportunities_for_vendor(vendor)) == 4

    assert len(many) == len(one)
