"""The monthly sums: rebuilt from the paid order lines, idempotently, and kept fresh by the hooks when a paid
order, a vendor or a buyer organisation changes (tasks run inline in the tests)."""

import datetime as dt
import io
from collections import defaultdict

import pytest
from django.core.management import CommandError, call_command
from django.http import QueryDict

from katalog.accounts.models import Organisation
from katalog.monitoring import aggregates, selectors
from katalog.monitoring.figures import Totals
from katalog.monitoring.filters import parse_filters
from katalog.monitoring.models import PurchaseCell, PurchaseRollup, StaleMonth
from katalog.monitoring.tasks import refresh_purchase_months, refresh_stale_months
from katalog.procurement.models import Order, OrderStatus
from katalog.regions.models import Region
from katalog.vendors import services as vendor_services
from katalog.vendors.models import Vendor

from .factories import jakarta, pay

pytestmark = pytest.mark.django_db
M = 1_000_000
CELL_FIELDS = ("month", "buyer_organisation_id", "buyer_type", "vendor_id", "vendor_region_id", "category_id",
               "category_root_id", *aggregates.SUM_FIELDS)
ROLLUP_FIELDS = ("month", "buyer_type", "vendor_region_id", "category_id", "category_root_id", *aggregates.SUM_FIELDS)


def cells():
    return sorted(PurchaseCell.objects.values_list(*CELL_FIELDS))


def rollups():
    return sorted(PurchaseRollup.objects.values_list(*ROLLUP_FIELDS))


def totals(query: str) -> Totals:
    return selectors.totals(parse_filters(QueryDict(query), today=dt.date(2025, 11, 20)))


def test_the_hooks_built_the_sums_a_full_rebuild_gives(world):
    built = cells(), rollups()

    aggregates.refresh_all()

    assert (cells(), rollups()) == built
    assert {month for month, *_rest in built[0]} == {dt.date(2024, 12, 1), dt.date(2025, 3, 1), dt.date(2025, 4, 1),
                                                    dt.date(2025, 6, 1)}


def test_refreshing_twice_gives_the_same_rows(world):
    first_count = aggregates.refresh_months([dt.date(2025, 3, 1), dt.date(2025, 3, 31), dt.date(2025, 6, 1)])
    first = cells(), rollups()
    second_count = aggregates.refresh_months([dt.date(2025, 3, 1), dt.date(2025, 6, 1)])

    assert first_count == second_count == 4  # March: tapis and batik cells; June: the same two
    assert (cells(), rollups()) == first


def test_the_rollup_is_the_cells_summed_over_buyers_and_vendors(world):
    summed = defaultdict(lambda: [0] * len(aggregates.SUM_FIELDS))
    for cell in PurchaseCell.objects.all():
        key = (cell.month, cell.buyer_type, cell.vendor_region_id, cell.category_id, cell.category_root_id)
        summed[key] = [total + getattr(cell, name) for total, name in zip(summed[key], aggregates.SUM_FIELDS, strict=True)]

    assert sorted((*key, *values) for key, values in summed.items()) == rollups()


def test_a_cell_knows_the_top_level_category_of_its_lines(world):
    roots = dict(PurchaseCell.objects.values_list("category__slug", "category_root__slug"))

    assert roots == {"tapis-lembaran": "kain-tapis", "batik-lampung": "kain-tapis",
                     "kopi-bubuk": "kopi-hasil-perkebunan"}


def test_a_payment_in_full_refreshes_its_month(world):
    assert totals("period=2025-05") == Totals()

    pay(world.unpaid, buyer=world.provincial_ppk, paid_on=dt.date(2025, 5, 20), now=jakarta(2025, 5, 20))

    assert totals("period=2025-05") == Totals(5 * M, 5 * M, 5 * M, 5 * M, 1)
    assert totals("period=2025") == Totals(15 * M, 11_500_000, 12_500_000, 12 * M, 4)


def test_an_order_counts_when_the_last_payment_pays_it_in_full_in_that_month(world):
    pay(world.unpaid, buyer=world.provincial_ppk, paid_on=dt.date(2025, 5, 28), now=jakarta(2025, 5, 28),
        amount_idr=2 * M)
    assert Order.objects.get(pk=world.unpaid.pk).status == OrderStatus.RECEIVED
    assert totals("period=2025-05") == Totals()

    pay(world.unpaid, buyer=world.provincial_ppk, paid_on=dt.date(2025, 7, 2), now=jakarta(2025, 7, 2))

    assert Order.objects.get(pk=world.unpaid.pk).realised_on == dt.date(2025, 7, 2)
    assert totals("period=2025-05") == Totals()
    assert totals("period=2025-07") == Totals(5 * M, 5 * M, 5 * M, 5 * M, 1)


def test_a_vendor_moving_to_another_regency_moves_its_purchases(world, curator):
    vendor = Vendor.objects.get(pk=world.micro.pk)

    vendor_services.vendor_update_profile(actor=curator, vendor=vendor, data={"region": Region.objects.get(
        code="18.04")}, now=jakarta(2025, 11, 1))

    assert totals("period=2025&region=18.04") == Totals(7 * M, 4 * M, 7 * M, 7 * M, 2)
    assert totals("period=2025&region=18.71") == Totals()
    assert totals("period=2024&region=18.04").value_idr == 7 * M  # every month of the vendor, not just this year
    assert set(PurchaseCell.objects.filter(vendor=world.micro).values_list("vendor_region__code", flat=True)) == {
        "18.04"}


def test_a_buyer_changing_its_type_moves_its_purchases(world):
    organisation = Organisation.objects.get(pk=world.bumd.pk)
    organisation.buyer_type = "bumn"

    organisation.save()  # as in the admin

    assert totals("period=2025&buyer_type=bumn") == Totals(3 * M, 1 * M, 3 * M, 3 * M, 1)
    assert totals("period=2025&buyer_type=bumd") == Totals()


def test_a_month_left_with_sums_but_no_paid_orders_is_emptied(world):
    stray = PurchaseCell.objects.filter(month=dt.date(2025, 3, 1)).first()
    stray.pk, stray.month = None, dt.date(2025, 8, 1)
    stray.save()

    aggregates.refresh_all()

    assert not PurchaseCell.objects.filter(month=dt.date(2025, 8, 1)).exists()
    assert totals("period=2025") == Totals(10 * M, 6_500_000, 7_500_000, 7 * M, 3)


def test_the_task_rebuilds_the_months_it_is_given(world):
    PurchaseCell.objects.filter(month=dt.date(2025, 4, 1)).delete()
    PurchaseRollup.objects.filter(month=dt.date(2025, 4, 1)).delete()

    result = refresh_purchase_months.enqueue(["2025-04-01"])

    assert result.return_value == 1
    assert totals("period=2025-04") == Totals(3 * M, 2_500_000, 500_000, 0, 1)


def test_a_burst_of_stale_marks_costs_one_rebuild_per_month(world, monkeypatch):
    PurchaseCell.objects.filter(month=dt.date(2025, 4, 1)).delete()
    PurchaseRollup.objects.filter(month=dt.date(2025, 4, 1)).delete()
    StaleMonth.objects.bulk_create([StaleMonth(month=dt.date(2025, 4, 1)) for _ in range(5)]
                                   + [StaleMonth(month=dt.date(2025, 6, 1))])
    rebuilt = []
    real_refresh = aggregates.refresh_months

    def counted_refresh(months):
        months = sorted(set(months))
        rebuilt.append(months)
        return real_refresh(months)

    monkeypatch.setattr(aggregates, "refresh_months", counted_refresh)

    first = refresh_stale_months.enqueue()
    second = refresh_stale_months.enqueue()

    assert rebuilt == [[dt.date(2025, 4, 1), dt.date(2025, 6, 1)]]
    assert first.return_value > 0 and second.return_value == 0
    assert not StaleMonth.objects.exists()
    assert totals("period=2025-04") == Totals(3 * M, 2_500_000, 500_000, 0, 1)


def test_a_month_marked_stale_during_a_rebuild_stays_marked_for_its_own_task(world, monkeypatch):
    StaleMonth.objects.create(month=dt.date(2025, 3, 1))
    real_refresh = aggregates.refresh_months

    def refresh_while_another_change_commits(months):
        count = real_refresh(months)
        StaleMonth.objects.create(month=dt.date(2025, 6, 1))
        return count

    monkeypatch.setattr(aggregates, "refresh_months", refresh_while_another_change_commits)
    aggregates.refresh_stale_months()

    assert list(StaleMonth.objects.values_list("month", flat=True)) == [dt.date(2025, 6, 1)]


def test_a_payment_leaves_no_stale_mark_once_its_refresh_ran(world):
    assert not StaleMonth.objects.exists()


def test_the_command_rebuilds_every_month_or_those_named(world):
    PurchaseCell.objects.all().delete()
    PurchaseRollup.objects.all().delete()
    out = io.StringIO()

    call_command("refresh-monitoring", "--month", "2025-03", stdout=out)
    assert totals("period=2025") == Totals(4 * M, 3 * M, 4 * M, 4 * M, 1)

    call_command("refresh-monitoring", stdout=out)
    assert totals("period=2025") == Totals(10 * M, 6_500_000, 7_500_000, 7 * M, 3)
    assert totals("period=2024").value_idr == 7 * M
    with pytest.raises(CommandError):
        call_command("refresh-monitoring", "--month", "2025-13", stdout=out)


def test_after_all_that_the_shared_province_is_as_it_was_built(world):
    """Every test above ran in its own savepoint: nothing it changed is left for the next one."""
    assert totals("period=2025") == Totals(10 * M, 6_500_000, 7_500_000, 7 * M, 3)
    assert Order.objects.get(pk=world.unpaid.pk).status == OrderStatus.RECEIVED
    rebuilt = [cell for month in aggregates.realised_months() for cell in aggregates.month_cells(month)]
    assert cells() == sorted(tuple(getattr(cell, name) for name in CELL_FIELDS) for cell in rebuilt)
