"""The demo's purchase history: 18 months of paid orders imported as records (history.py), loaded once by
the `demo` fixture in conftest.py, and what the monitoring dashboards make of it."""

from collections import Counter, defaultdict

from django.db.models import Sum
from django.utils import timezone

from katalog.accounts.models import BuyerType, User
from katalog.catalog import badges
from katalog.catalog.models import Product
from katalog.demo.history import history_orders
from katalog.demo.history_plan import history_months
from katalog.events.models import Commitment
from katalog.monitoring.models import PurchaseCell
from katalog.procurement import selectors as procurement_selectors
from katalog.procurement.models import OrderLine, OrderStatus
from katalog.regions.reference import LAMPUNG_REGENCIES


def history_lines():
    return OrderLine.objects.filter(order__in=history_orders()).select_related(
        "order__buyer_organisation", "order__vendor__region")


def test_about_three_hundred_paid_orders_over_eighteen_months(demo, db):
    orders = list(history_orders().prefetch_related("lines", "payments"))
    today = timezone.localdate()
    first_month = history_months(today)[0]

    assert 250 <= len(orders) <= 400
    assert {o.status for o in orders} == {OrderStatus.PAID, OrderStatus.COMPLETED}
    for order in orders:
        assert first_month <= order.realised_on < today, order.number
        assert order.created_at < order.submitted_at < timezone.now()
        assert order.total_idr == sum(line.subtotal_idr for line in order.lines.all()), order.number
        assert 1_000_000 <= order.total_idr <= 300_000_000, order.number
        assert 1 <= order.lines.count() <= 3
        payments = list(order.payments.all())
        assert sum(p.amount_idr for p in payments) == order.total_idr
        assert max(p.paid_date for p in payments) == order.realised_on
    assert len({o.realised_on.replace(day=1) for o in orders}) >= 17  # this month may have just begun


def test_government_buys_most_at_the_end_of_the_year(demo, db):
    this_month = timezone.localdate().replace(day=1)
    per_month = Counter(history_orders().filter(realised_on__lt=this_month).values_list("realised_on", flat=True))
    by_month = defaultdict(list)
    for day, count in per_month.items():
        by_month[day.replace(day=1)].append(count)
    totals = {month: sum(counts) for month, counts in by_month.items()}
    december = [n for month, n in totals.items() if month.month == 12]
    january = [n for month, n in totals.items() if month.month == 1]

    assert december and january
    assert min(december) > 2 * max(january)


def test_every_buyer_type_buys_and_bumn_buy_the_least_local(demo, db):
    value, local = Counter(), Counter()
    for line in history_lines():
        buyer_type = line.order.buyer_organisation.buyer_type
        value[buyer_type] += line.subtotal_idr
        local[buyer_type] += line.subtotal_idr if line.is_local else 0
    share = {buyer_type: local[buyer_type] / value[buyer_type] for buyer_type in value}

    assert set(value) == set(BuyerType.values)
    assert share["bumn"] < 0.5 < min(share["opd_provinsi"], share["opd_kabkota"])


def test_lines_carry_the_catalogue_snapshot_of_a_product_listed_before_the_order(demo, db):
    products = Product.objects.select_related("vendor__region", "origin_region").in_bulk(
        set(history_lines().values_list("product_id", flat=True)))
    for line in history_lines():
        product = products[line.product_id]
        facts = badges.facts_of(product)
        assert (line.sku, line.name, line.category_id, line.list_price_idr) == (
            product.sku, product.name, product.category_id, product.price_idr)
        assert (line.is_local, line.is_umk, line.is_pdn) == (
            badges.is_local(facts), badges.is_umk(facts), badges.is_pdn(facts))
        assert 0.9 * line.list_price_idr <= line.unit_price_idr <= line.list_price_idr
        assert line.quantity >= product.min_order
        assert product.vendor_id == line.order.vendor_id
        assert product.approved_at < line.order.created_at
        assert product.vendor.verified_at < line.order.created_at


def test_orders_explain_non_local_and_non_pdn_choices_where_the_catalogue_had_one(demo, db):
    lines = list(history_lines())
    categories = {line.category_id for line in lines}
    local_alternatives = procurement_selectors.categories_with_local_alternative(categories)
    pdn_alternatives = procurement_selectors.categories_with_pdn_alternative(categories)
    needs_local, needs_pdn = set(), set()
    for line in lines:
        if not line.is_local and line.category_id in local_alternatives:
            needs_local.add(line.order_id)
        if not line.is_pdn and line.category_id in pdn_alternatives:
            needs_pdn.add(line.order_id)

    assert needs_local and needs_pdn
    assert set(history_orders().exclude(local_justification="").values_list("pk", flat=True)) == needs_local
    assert set(history_orders().exclude(pdn_justification="").values_list("pk", flat=True)) == needs_pdn


def test_some_regencies_sell_almost_nothing(demo, db):
    by_regency = Counter()
    for line in history_lines():
        by_regency[line.order.vendor.region.code] += line.subtotal_idr
    total = sum(by_regency.values())
    quiet = [code for code, _name, _bps in LAMPUNG_REGENCIES if by_regency[code] < 0.01 * total]

    assert len(quiet) >= 2
    assert by_regency["18.71"] > 0.15 * total


def test_buyers_come_back_to_vendors_they_know_and_rate_completed_orders(demo, db):
    pairs = Counter(history_orders().values_list("buyer_organisation_id", "vendor_id"))
    completed = history_orders().filter(status=OrderStatus.COMPLETED)

    assert sum(1 for n in pairs.values() if n >= 3) >= 10
    assert completed.count() >= 30
    assert all(order.rating.rated_at < order.completed_at for order in completed.select_related("rating"))


def test_commitments_of_every_buyer_type_are_realised_in_part_in_full_or_not_yet(demo, db):
    commitments = list(Commitment.objects.filter(event=None).select_related("buyer_organisation"))
    rates = []
    for commitment in commitments:
        links = list(commitment.realisations.select_related("order"))
        for link in links:
            assert (link.order.buyer_organisation_id, link.order.vendor_id) == (
                commitment.buyer_organisation_id, commitment.vendor_id)
            assert commitment.recorded_at < link.order.created_at < link.linked_at
        rates.append(sum(link.order.total_idr for link in links) / commitment.value_idr)

    assert {c.buyer_organisation.buyer_type for c in commitments} == set(BuyerType.values)
    assert 0 in rates
    assert any(0 < rate < 1 for rate in rates) and any(rate > 1 for rate in rates)


def test_vendors_registered_over_many_months(demo, db):
    from katalog.vendors.models import Vendor

    months = {timezone.localdate(v.created_at).replace(day=1) for v in Vendor.objects.filter(status="verified")}

    assert len(months) >= 12


def test_the_monitoring_sums_hold_every_paid_order_and_the_dashboard_shows_them(demo, db, client_for):
    from katalog.events.realisation import REALISED_ORDER_STATUSES
    from katalog.procurement.models import Order

    paid = Order.objects.filter(status__in=REALISED_ORDER_STATUSES)
    this_year = timezone.localdate().year
    leader = User.objects.get(username="pimpinan")

    response = client_for(leader).get("/pemantauan/")

    assert PurchaseCell.objects.aggregate(s=Sum("value_idr"))["s"] == paid.aggregate(s=Sum("total_idr"))["s"]
    assert PurchaseCell.objects.aggregate(n=Sum("order_count"))["n"] == paid.count()
    assert response.status_code == 200
    assert response.context["totals"].value_idr == paid.filter(realised_on__year=this_year).aggregate(
        s=Sum("total_idr"))["s"]
    assert client_for().get("/p3dn/").status_code == 200
