"""Orders split to stay under a limit: the pure rule over hand-built orders."""

import datetime as dt

import pytest

from katalog.redflags.detection import SentOrder, find_split_orders, maximal_windows
from katalog.redflags.models import FlagKind, Severity

JUTA = 1_000_000
LIMITS = [200 * JUTA, 50 * JUTA]
DAY_1 = dt.date(2025, 6, 1)
BUYER, OTHER_BUYER = 10, 11
VENDOR, OTHER_VENDOR = 20, 21
TAPIS, KOPI = 30, 31


def order(id_, day, value_juta, *, buyer=BUYER, vendor=VENDOR, categories=None):
    value = int(value_juta * JUTA)
    return SentOrder(
        id=id_, buyer_id=buyer, vendor_id=vendor, value_idr=value, sent_on=DAY_1 + dt.timedelta(days=day - 1),
        category_values=tuple(categories) if categories is not None else ((TAPIS, value),),
    )


def find(orders):
    return find_split_orders(orders, limits_idr=LIMITS, window_days=14, top_limit_idr=200 * JUTA)


def test_two_orders_of_120_juta_nine_days_apart_are_flagged_under_the_200_juta_limit():
    [flag] = find([order(1, 1, 120), order(2, 10, 120)])

    assert flag.kind == FlagKind.SPLIT_ORDERS
    assert flag.order_ids == (1, 2)
    assert flag.value_idr == 240 * JUTA
    assert flag.params["limit_idr"] == 200 * JUTA
    assert flag.params["dimension"] == "vendor"
    assert (flag.params["count"], flag.params["span_days"], flag.params["window_days"]) == (2, 9, 14)
    assert (flag.params["first_on"], flag.params["last_on"]) == ("2025-06-01", "2025-06-10")
    assert (flag.buyer_id, flag.vendor_id, flag.category_id) == (BUYER, VENDOR, None)
    assert flag.severity == Severity.HIGH


def test_two_orders_of_120_juta_nineteen_days_apart_are_not_flagged():
    assert find([order(1, 1, 120), order(2, 20, 120)]) == []


def test_one_order_above_the_limit_is_not_a_split():
    assert find([order(1, 1, 250)]) == []


def test_orders_whose_sum_stays_within_the_limit_are_not_flagged():
    assert find([order(1, 1, 100), order(2, 5, 100)]) == []  # exactly 200 juta: not above


@pytest.mark.parametrize(("last_day", "flagged"), [(15, True), (16, False)])
def test_the_window_counts_the_days_between_the_first_and_the_last_order(last_day, flagged):
    assert bool(find([order(1, 1, 120), order(2, last_day, 120)])) is flagged


def test_three_orders_of_45_juta_in_a_week_are_flagged_under_the_small_purchase_cap():
    [flag] = find([order(1, 1, 45), order(2, 3, 45), order(3, 7, 45)])

    assert flag.params["limit_idr"] == 50 * JUTA
    assert flag.value_idr == 135 * JUTA
    assert flag.order_ids == (1, 2, 3)
    assert flag.severity == Severity.MEDIUM


def test_the_same_orders_crossing_both_limits_are_reported_once_under_the_highest():
    orders = [order(i, i, 45) for i in range(1, 6)]  # 225 juta: above 200 juta and above 50 juta

    [flag] = find(orders)

    assert flag.params["limit_idr"] == 200 * JUTA
    assert flag.order_ids == (1, 2, 3, 4, 5)


def test_an_order_at_or_above_a_limit_is_left_out_of_that_limits_groups():
    [flag] = find([order(1, 1, 250), order(2, 2, 120), order(3, 3, 120)])

    assert flag.order_ids == (2, 3)
    assert flag.value_idr == 240 * JUTA


def test_overlapping_windows_are_kept_whole_and_only_the_maximal_ones():
    # Days 1, 10, 20: 1–10 and 10–20 each fit in 14 days; 1–20 does not.
    flags = find([order(1, 1, 120), order(2, 10, 120), order(3, 20, 120)])

    assert [f.order_ids for f in flags] == [(1, 2), (2, 3)]


def test_orders_inside_one_window_make_one_group_not_one_per_pair():
    [flag] = find([order(1, 1, 80), order(2, 2, 80), order(3, 3, 80)])

    assert flag.order_ids == (1, 2, 3)


def test_orders_of_different_buyers_or_vendors_do_not_add_up():
    orders = [order(1, 1, 120, buyer=BUYER, categories=[(TAPIS, 120 * JUTA)]),
              order(2, 2, 120, buyer=OTHER_BUYER, categories=[(TAPIS, 120 * JUTA)]),
              order(3, 3, 120, vendor=OTHER_VENDOR, categories=[(KOPI, 120 * JUTA)])]

    assert find(orders) == []


def test_orders_for_one_category_from_several_vendors_are_flagged_by_category():
    orders = [order(1, 1, 120, vendor=VENDOR, categories=[(TAPIS, 110 * JUTA), (KOPI, 10 * JUTA)]),
              order(2, 4, 120, vendor=OTHER_VENDOR, categories=[(TAPIS, 100 * JUTA), (KOPI, 20 * JUTA)])]

    [flag] = find(orders)

    assert (flag.category_id, flag.vendor_id) == (TAPIS, None)
    assert flag.params["dimension"] == "category"
    assert flag.params["vendor_count"] == 2
    assert flag.value_idr == 210 * JUTA  # only the tapis lines


def test_a_category_that_stays_under_the_limit_is_not_flagged_though_the_orders_are_large():
    orders = [order(1, 1, 150, vendor=VENDOR, categories=[(TAPIS, 140 * JUTA), (KOPI, 10 * JUTA)]),
              order(2, 4, 150, vendor=OTHER_VENDOR, categories=[(TAPIS, 140 * JUTA), (KOPI, 10 * JUTA)])]

    [flag] = find(orders)

    assert flag.category_id == TAPIS  # 280 juta of tapis; the 20 juta of coffee is no split


def test_the_same_orders_by_vendor_and_by_category_are_reported_once_by_vendor():
    [flag] = find([order(1, 1, 120), order(2, 10, 120)])  # one vendor, one category

    assert flag.vendor_id == VENDOR and flag.category_id is None


def test_the_key_stays_when_a_later_order_joins_the_group():
    [before] = find([order(1, 1, 120), order(2, 5, 120)])
    [after] = find([order(1, 1, 120), order(2, 5, 120), order(3, 9, 120)])

    assert before.key == after.key
    assert after.order_ids == (1, 2, 3)


@pytest.mark.parametrize(("days", "expected"), [
    ([], []),
    ([1], [(0, 1)]),
    ([1, 2, 3], [(0, 3)]),
    ([1, 10, 20], [(0, 2), (1, 3)]),
    ([1, 20, 40], [(0, 1), (1, 2), (2, 3)]),
    ([1, 1, 15, 16], [(0, 3), (2, 4)]),
])
def test_maximal_windows(days, expected):
    dates = [DAY_1 + dt.timedelta(days=d - 1) for d in days]

    assert maximal_windows(dates, days=14) == expected
