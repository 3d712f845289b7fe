"""What each feed shows of its objects, and when: drafts never, sealed quotes never, no personal data."""

from __future__ import annotations

import datetime as dt

import pytest

from katalog.accounts.tests.factories import MembershipFactory, UserFactory
from katalog.catalog.models import Category
from katalog.catalog.tests.factories import ProductFactory
from katalog.events import services as events
from katalog.procurement import services as procurement
from katalog.procurement.competitions import services as competitions
from katalog.procurement.models import OrderStatus
from katalog.procurement.tests.factories import NOW, draft_order, order_in
from katalog.vendors.tests.factories import VendorFactory

from .helpers import by_id, cursor_now, ids, read, read_all

pytestmark = pytest.mark.django_db
S = OrderStatus
DEADLINE = NOW + dt.timedelta(days=3)
AFTER_DEADLINE = DEADLINE + dt.timedelta(minutes=5)


def _bidder(name: str):
    vendor = VendorFactory(status="verified", name=name)
    owner = MembershipFactory(organisation=vendor.organisation, role="vendor_owner").user
    product = ProductFactory(vendor=vendor, status="approved")
    return vendor, owner, product


def _competition(buyer, bidders):
    return competitions.competition_create(
        actor=buyer, title="Pengadaan kain tapis untuk cinderamata", specification="Kain tapis motif kapal.",
        category=Category.objects.get(name="Tapis Lembaran"), quantity=10, unit="lembar", deadline_at=DEADLINE,
        delivery_address="Jl. Wolter Monginsidi No. 69, Bandar Lampung", delivery_date=dt.date(2025, 7, 1),
        budget_source="apbd", budget_year=2025, package_value_idr=30_000_000,
        vendor_ids=[vendor.pk for vendor, _owner, _product in bidders], now=NOW,
    )


def _commit(buyer, vendor, **extra):
    return events.commitment_record(
        actor=buyer, vendor_code=vendor.code, value_idr=25_000_000, expected_purchase_date=dt.date(2025, 9, 1),
        description="Kain tapis untuk cenderamata", rup_code="RUP-2025-0042", now=NOW, **extra,
    )


# ---- Orders ----

def test_a_draft_order_is_not_public_until_the_buyer_sends_it(client, buyer, vendor):
    cursor = cursor_now(client, "orders")
    order = draft_order(buyer=buyer, vendor=vendor)

    [draft] = read(client, "orders", cursor)["items"]
    assert (draft["id"], draft["public"], draft["deleted"], draft["object"]) == (order.pk, False, False, None)

    procurement.order_send(actor=buyer, order_id=order.pk, negotiate=False, now=NOW)

    [sent] = read(client, "orders", cursor)["items"]
    assert sent["id"] == order.pk and sent["public"] is True
    assert sent["object"]["number"] == order.number
    assert sent["object"]["status"] == S.APPROVED  # sent by the PPK: no approval to wait for


def test_an_order_shows_its_lines_payments_and_deliveries(client, buyer, buyer_org, vendor, vendor_owner):
    product = ProductFactory(vendor=vendor, price_idr=1_500_000)
    order = order_in(S.PAID, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, products=[product], quantity=2)

    public = by_id(read_all(client, "orders")[0])[order.pk]["object"]

    assert public["status"] == "paid" and public["total_idr"] == 3_000_000
    assert public["buyer"] == {"name": buyer_org.name, "type": "opd_provinsi",
                               "region": {"code": "18.71", "name": "Kota Bandar Lampung"}}
    assert public["vendor"]["code"] == vendor.code and public["vendor"]["umk"] is True
    assert public["budget_year"] == 2025 and public["budget_source"] == "apbd"
    [line] = public["lines"]
    assert (line["sku"], line["quantity"], line["unit_price_idr"], line["subtotal_idr"]) == (
        product.sku, 2, 1_500_000, 3_000_000)
    assert line["category"] == {"slug": product.category.slug, "name": "Tapis Lembaran"}
    assert (line["tkdn_pct"], line["is_local"], line["is_umk"], line["is_pdn"]) == (45, True, True, True)
    assert public["payments"] == [{"paid_date": "2025-06-02", "amount_idr": 3_000_000}]
    [delivery] = public["deliveries"]
    assert delivery["conforming"] is True and delivery["received_value_idr"] == 3_000_000
    assert public["realised_on"] == "2025-06-02"


def test_a_payment_records_its_order_as_changed(client, buyer, vendor, vendor_owner):
    order = order_in(S.RECEIVED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
    cursor = cursor_now(client, "orders")

    procurement.payment_record(actor=buyer, order_id=order.pk, amount_idr=1_000_000, paid_date=NOW.date(),
                               reference="SP2D-7", now=NOW)

    [item] = read(client, "orders", cursor)["items"]
    assert item["id"] == order.pk
    assert item["object"]["payments"] == [{"paid_date": "2025-06-02", "amount_idr": 1_000_000}]


def test_a_page_of_orders_costs_the_same_few_queries_whatever_its_size(
    client, buyer, vendor, vendor_owner, django_assert_max_num_queries
):
    cursor = cursor_now(client, "orders")
    for _ in range(6):
        order_in(S.PAID, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)

    # Changes, orders, lines, payments, deliveries with their BAST, categories.
    with django_assert_max_num_queries(6):
        page = read(client, "orders", cursor)

    assert len(page["items"]) == 6 and all(item["public"] for item in page["items"])


# ---- Mini-competitions ----

def test_a_competition_is_public_once_published_and_shows_quotes_only_once_evaluated(client, buyer, buyer_org):
    bidders = [_bidder(f"Vendor {label}") for label in "AB"]
    cursor = cursor_now(client, "competitions")
    competition = _competition(buyer, bidders)

    [draft] = read(client, "competitions", cursor)["items"]
    assert (draft["id"], draft["public"], draft["object"]) == (competition.pk, False, None)

    competitions.competition_publish(actor=buyer, competition_id=competition.pk, now=NOW)
    published = read(client, "competitions", cursor)
    [item] = published["items"]
    assert item["public"] is True
    assert item["object"]["status"] == "published" and item["object"]["buyer"]["name"] == buyer_org.name
    assert (item["object"]["quote_count"], item["object"]["invited_vendors"], item["object"]["award"]) == (
        None, None, None)

    # Quotes are sealed: submitting them changes nothing anybody outside may see, not even that they came.
    for price, (_vendor, owner, product) in zip((2_000_000, 1_900_000), bidders, strict=True):
        competitions.quote_submit(actor=owner, competition_id=competition.pk, unit_price_idr=price,
                                  product_id=product.pk, tkdn_pct="45", now=NOW)
    assert read(client, "competitions", published["next_cursor"])["items"] == []

    competitions.competition_evaluate(actor=buyer, competition_id=competition.pk, now=AFTER_DEADLINE)
    [evaluated] = read(client, "competitions", published["next_cursor"])["items"]
    assert evaluated["object"]["status"] == "closed" and evaluated["object"]["quote_count"] == 2
    assert {v["code"] for v in evaluated["object"]["invited_vendors"]} == {v.code for v, _o, _p in bidders}
    assert evaluated["object"]["award"] is None

    competitions.competition_award(actor=buyer, competition_id=competition.pk, now=AFTER_DEADLINE)
    [awarded] = read(client, "competitions", published["next_cursor"])["items"]
    award = awarded["object"]["award"]
    assert awarded["object"]["status"] == "awarded"
    assert (award["vendor"]["code"], award["unit_price_idr"], award["total_idr"], award["rank"]) == (
        bidders[1][0].code, 1_900_000, 19_000_000, 1)


def test_no_quote_price_is_in_the_feed_before_the_evaluation(client, buyer):
    bidders = [_bidder(f"Vendor {label}") for label in "AB"]
    competition = _competition(buyer, bidders)
    competitions.competition_publish(actor=buyer, competition_id=competition.pk, now=NOW)
    _vendor, owner, product = bidders[0]
    competitions.quote_submit(actor=owner, competition_id=competition.pk, unit_price_idr=1_234_567,
                              product_id=product.pk, tkdn_pct="45", now=NOW)
    competitions.competition_invite(actor=buyer, competition_id=competition.pk,
                                    vendor_ids=[_bidder("Vendor C")[0].pk], now=NOW)

    response = read_all(client, "competitions")

    assert "1234567" not in str(response)


def test_a_page_of_competitions_costs_the_same_few_queries_whatever_its_size(
    client, buyer, django_assert_max_num_queries
):
    bidders = [_bidder(f"Vendor {label}") for label in "AB"]
    cursor = cursor_now(client, "competitions")
    for _ in range(4):
        competition = _competition(buyer, bidders)
        competitions.competition_publish(actor=buyer, competition_id=competition.pk, now=NOW)
        for _vendor, owner, product in bidders:
            competitions.quote_submit(actor=owner, competition_id=competition.pk, unit_price_idr=2_000_000,
                                      product_id=product.pk, tkdn_pct="45", now=NOW)
        competitions.competition_evaluate(actor=buyer, competition_id=competition.pk, now=AFTER_DEADLINE)
        competitions.competition_award(actor=buyer, competition_id=competition.pk, now=AFTER_DEADLINE)

    # Changes, competitions, quote counts, awarded quotes, invitations.
    with django_assert_max_num_queries(5):
        page = read(client, "competitions", cursor)

    assert len(page["items"]) == 4 and all(item["object"]["award"] for item in page["items"])


# ---- Commitments ----

def test_a_commitment_follows_the_orders_that_realise_it(client, buyer, buyer_org, vendor, vendor_owner):
    cursor = cursor_now(client, "commitments")
    commitment = _commit(buyer, vendor)
    order = order_in(S.RECEIVED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)

    [recorded] = read(client, "commitments", cursor)["items"]
    assert recorded["id"] == commitment.pk
    assert recorded["object"]["buyer"]["name"] == buyer_org.name
    assert recorded["object"]["vendor"]["code"] == vendor.code
    assert (recorded["object"]["value_idr"], recorded["object"]["expected_purchase_date"],
            recorded["object"]["rup_code"], recorded["object"]["status"]) == (
        25_000_000, "2025-09-01", "RUP-2025-0042", "recorded")

    events.commitment_link_order(actor=buyer, commitment_id=commitment.pk, order_id=order.pk, now=NOW)
    linked = read(client, "commitments", cursor)
    [item] = linked["items"]
    assert item["object"]["orders"] == [{"number": order.number, "status": "received", "total_idr": order.total_idr}]
    assert (item["object"]["realised_idr"], item["object"]["in_progress_idr"]) == (0, order.total_idr)

    # Paying the order changes no commitment row, yet the commitment's realisation changes: it is re-sent.
    procurement.payment_record(actor=buyer, order_id=order.pk, amount_idr=order.total_idr, paid_date=NOW.date(),
                               reference="SP2D-9", now=NOW)
    [paid] = read(client, "commitments", linked["next_cursor"])["items"]
    assert paid["id"] == commitment.pk
    assert (paid["object"]["realised_idr"], paid["object"]["in_progress_idr"]) == (order.total_idr, 0)


def test_a_draft_order_linked_to_a_commitment_stays_out_of_its_public_view(client, buyer, vendor):
    commitment = _commit(buyer, vendor)
    order = draft_order(buyer=buyer, vendor=vendor)
    events.commitment_link_order(actor=buyer, commitment_id=commitment.pk, order_id=order.pk, now=NOW)

    public = by_id(read_all(client, "commitments")[0])[commitment.pk]["object"]

    assert public["orders"] == [] and public["in_progress_idr"] == 0


def test_a_page_of_commitments_costs_the_same_few_queries_whatever_its_size(
    client, buyer, vendor, vendor_owner, django_assert_max_num_queries
):
    cursor = cursor_now(client, "commitments")
    for _ in range(5):
        commitment = _commit(buyer, vendor)
        order = order_in(S.APPROVED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
        events.commitment_link_order(actor=buyer, commitment_id=commitment.pk, order_id=order.pk, now=NOW)

    # Changes, commitments with their buyer, vendor, event and category, the linked orders.
    with django_assert_max_num_queries(3):
        page = read(client, "commitments", cursor)

    assert len(page["items"]) == 5 and all(len(item["object"]["orders"]) == 1 for item in page["items"])


# ---- Personal data ----

SECRETS = {
    "buyer's name": "Budi Santoso Rahasia",
    "buyer's e-mail": "budi.rahasia@example.id",
    "buyer's phone": "081399887766",
    "vendor contact's name": "Siti Kontak Rahasia",
    "vendor contact's phone": "081211112222",
    "vendor contact's e-mail": "siti.kontak@example.id",
    "vendor's address": "Jl. Rumah Pribadi 7",
    "vendor's NPWP": "0123456789012345",
    "delivery address": "Jl. Rumah Penerima 9",
    "order notes": "Catatan internal rahasia",
    "payment reference": "SP2D-RAHASIA-77",
    "cancel reason": "Alasan pribadi pembatalan",
}


def test_no_feed_carries_personal_data(client, buyer_org):
    buyer = UserFactory(username="budi", name=SECRETS["buyer's name"], email=SECRETS["buyer's e-mail"],
                        phone=SECRETS["buyer's phone"])
    MembershipFactory(user=buyer, organisation=buyer_org, role="buyer_ppk")
    vendor = VendorFactory(
        status="verified", contact_name=SECRETS["vendor contact's name"],
        contact_phone=SECRETS["vendor contact's phone"], contact_email=SECRETS["vendor contact's e-mail"],
        address=SECRETS["vendor's address"], npwp=SECRETS["vendor's NPWP"],
    )
    owner = MembershipFactory(organisation=vendor.organisation, role="vendor_owner").user
    order = order_in(S.RECEIVED, buyer=buyer, vendor=vendor, vendor_user=owner,
                     delivery_address=SECRETS["delivery address"], notes=SECRETS["order notes"])
    procurement.payment_record(actor=buyer, order_id=order.pk, amount_idr=order.total_idr, paid_date=NOW.date(),
                               reference=SECRETS["payment reference"], now=NOW)
    kept = _commit(buyer, vendor)
    events.commitment_link_order(actor=buyer, commitment_id=kept.pk, order_id=order.pk, now=NOW)
    events.commitment_cancel(actor=buyer, commitment_id=_commit(buyer, vendor).pk, reason=SECRETS["cancel reason"],
                             now=NOW)
    competition = _competition(buyer, [(vendor, owner, None), _bidder("Vendor B")])
    competitions.competition_publish(actor=buyer, competition_id=competition.pk, now=NOW)

    feeds = {kind: read_all(client, kind)[0] for kind in ("orders", "competitions", "products", "commitments")}

    assert all(feeds.values())
    assert order.pk in ids(feeds["orders"]) and kept.pk in ids(feeds["commitments"])
    text = str(feeds)
    assert [what for what, secret in SECRETS.items() if secret in text] == []
