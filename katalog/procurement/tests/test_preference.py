"""The price preference (Pasal 67) and the P3DN tier, with every worked example of the domain reference."""

from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import translation

from katalog.core.errors import ValidationFailed
from katalog.procurement import preference
from katalog.procurement.preference import Bid, evaluated_price, kp_pct, p3dn_tier, rank_bids

D = Decimal

pytestmark = pytest.mark.usefixtures("english")


WORKED_BIDS = [
    Bid("A", 1_050_000_000, D("60")),
    Bid("B", 1_150_000_000, D("50")),
    Bid("C", 1_025_000_000, D("25")),
    Bid("D", 1_010_000_000, D("20")),
]


@pytest.mark.parametrize(
    ("price", "tkdn", "kp", "hea"),
    [
        (1_050_000_000, "60", "15", 892_500_000),
        (1_025_000_000, "25", "6.25", 960_937_500),
        (1_150_000_000, "50", "12.5", 1_006_250_000),
        (1_010_000_000, "20", "0", 1_010_000_000),
        (1_000_000, "50", "12.5", 875_000),
        (100_000_000, "40", "10", 90_000_000),
        (1_000_000, "100", "25", 750_000),
        (1_000_000, "24.99", "0", 1_000_000),
        (1_000_000, "25", "6.25", 937_500),
        (1_000_000, "0", "0", 1_000_000),
        (1_000_000, None, "0", 1_000_000),
        (0, "60", "15", 0),
    ],
)
def test_computes_kp_and_hea_as_in_the_worked_examples(price, tkdn, kp, hea):
    tkdn_pct = None if tkdn is None else D(tkdn)

    assert kp_pct(tkdn_pct) == D(kp)
    assert evaluated_price(price, tkdn_pct) == hea


def test_gives_the_largest_kp_of_25_percent_at_tkdn_100():
    assert kp_pct(D("100")) == D("25")
    assert max(kp_pct(D(t)) for t in range(101)) == D("25")


@pytest.mark.parametrize(
    ("price", "tkdn", "hea"),
    [
        (1, "60", 1),  # 0.85 rounds up
        (3, "60", 3),  # 2.55 rounds up
        (10, "25", 9),  # 9.375 rounds down
        (2, "40", 2),  # 1.8 rounds up
        (1_000_001, "60", 850_001),  # 850000.85
        (1_000_002, "20", 1_000_002),
        (5, "33.33", 5),  # 4.58337... rounds up
    ],
)
def test_rounds_hea_half_up_to_whole_rupiah(price, tkdn, hea):
    assert evaluated_price(price, D(tkdn)) == hea


def test_rounds_exactly_half_a_rupiah_up():
    # 4 x (1 - 12.5%) = 3.5 -> 4
    assert evaluated_price(4, D("50")) == 4
    assert preference.whole_rupiah(D("2.5")) == 3
    assert preference.whole_rupiah(D("3.4999")) == 3


def test_ranks_the_worked_example_a_c_b_d():
    ranked = rank_bids(WORKED_BIDS)

    assert [(e.label, e.rank, e.kp_pct, e.evaluated_price_idr) for e in ranked] == [
        ("A", 1, D("15"), 892_500_000),
        ("C", 2, D("6.25"), 960_937_500),
        ("B", 3, D("12.5"), 1_006_250_000),
        ("D", 4, D("0"), 1_010_000_000),
    ]


def test_keeps_the_offered_price_as_hp_for_the_contract():
    winner = rank_bids(WORKED_BIDS)[0]

    assert winner.price_idr == 1_050_000_000
    assert winner.evaluated_price_idr == 892_500_000


def test_gives_an_equal_hea_to_the_higher_tkdn():
    # 1.000.000 x (1 - 12,5%) = 875.000 = 875.000 x (1 - 0)
    ranked = rank_bids([Bid("low", 875_000, D("10")), Bid("high", 1_000_000, D("50"))])

    assert [e.evaluated_price_idr for e in ranked] == [875_000, 875_000]
    assert [e.label for e in ranked] == ["high", "low"]


def test_breaks_ties_on_hea_and_tkdn_by_lower_price_then_label_then_input_order():
    # Same HEA (900) and TKDN: the lower offered price first.
    by_price = rank_bids([Bid("x", 901, D("0.01")), Bid("y", 900, D("0.01"))])
    by_label = rank_bids([Bid("B", 1_000, D("30")), Bid("A", 1_000, D("30"))])
    by_order = rank_bids([Bid("same", 1_000, D("30"), D("1")), Bid("same", 1_000, D("30"), D("2"))])

    assert [e.label for e in by_price] == ["y", "x"]
    assert [e.label for e in by_label] == ["A", "B"]
    assert [e.bmp_pct for e in by_order] == [D("1"), D("2")]
    assert [e.rank for e in by_order] == [1, 2]


def test_counts_a_bid_without_tkdn_as_tkdn_zero_in_a_tie():
    ranked = rank_bids([Bid("none", 1_000, None), Bid("some", 1_000, D("5"))])

    assert [e.label for e in ranked] == ["some", "none"]


def test_ranks_on_offered_price_when_the_preference_does_not_apply():
    ranked = rank_bids(WORKED_BIDS, apply_preference=False)

    assert [e.label for e in ranked] == ["D", "C", "A", "B"]
    assert all(e.kp_pct == 0 and e.evaluated_price_idr == e.price_idr for e in ranked)
    assert ranked[0].explanation.startswith("The preference does not apply")


def test_explains_the_arithmetic():
    by_label = {e.label: e for e in rank_bids(WORKED_BIDS)}

    assert by_label["A"].explanation == (
        "KP = TKDN 60% × 25% = 15%; HEA = (1 − 15%) × Rp1,050,000,000 = Rp892,500,000."
    )
    assert by_label["C"].explanation == (
        "KP = TKDN 25% × 25% = 6.25%; HEA = (1 − 6.25%) × Rp1,025,000,000 = Rp960,937,500."
    )
    assert "below the minimum" in by_label["D"].explanation
    with translation.override("id"):
        assert "Rp892.500.000" in by_label["A"].explanation


def test_carries_each_bid_ref_into_its_evaluation():
    ranked = rank_bids([Bid("A", 2_000, D("30"), ref=7), Bid("B", 1_000, None, ref=9)])

    assert [(e.label, e.ref) for e in ranked] == [("B", 9), ("A", 7)]


def test_ranks_an_empty_list_as_empty():
    assert rank_bids([]) == []


@pytest.mark.parametrize(
    ("package_value", "for_every", "applies"),
    [
        (1_000_000_001, False, True),
        (1_000_000_000, False, False),  # "above" Rp1.000.000.000
        (200_000_000, False, False),
        (None, False, False),
        (200_000_000, True, True),
        (None, True, True),
    ],
)
def test_applies_the_preference_above_the_package_value_or_to_every_competition(package_value, for_every, applies):
    assert preference.preference_applies(package_value, for_every_competition=for_every) is applies


def test_reads_the_defaults_from_settings():
    katalog = {
        **preference.settings.KATALOG,
        "PREFERENCE_FOR_EVERY_COMPETITION": False,
        "PREFERENCE_MIN_PACKAGE_IDR": 500,
        "PREFERENCE_MAX_PCT": 20,
    }
    with override_settings(KATALOG=katalog):
        assert preference.preference_applies(501) is True
        assert preference.preference_applies(500) is False
        assert kp_pct(D("50")) == D("10")
    assert kp_pct(D("50"), max_pct=25, tkdn_min_pct=60) == D("0")


@pytest.mark.parametrize(
    ("tkdn", "bmp", "tier", "mandatory"),
    [
        ("40", None, "wajib", True),
        ("39.99", None, "dimaksimalkan", False),
        ("25", "15", "wajib", True),
        ("25", "14.99", "dimaksimalkan", False),
        ("30", "10", "wajib", True),
        ("29.99", "10", "dimaksimalkan", False),
        ("100", "0", "wajib", True),
        ("15", "0", "dimaksimalkan", False),
        ("14.99", "15", "diberdayakan", False),
        ("10", None, "diberdayakan", False),
        ("9.99", "15", "none", False),
        ("0", "0", "none", False),
        (None, "15", "none", False),
    ],
)
def test_puts_a_product_in_its_p3dn_tier(tkdn, bmp, tier, mandatory):
    tkdn_pct = None if tkdn is None else D(tkdn)
    bmp_pct = None if bmp is None else D(bmp)

    assert p3dn_tier(tkdn_pct, bmp_pct) == tier
    assert preference.domestic_mandatory(tkdn_pct, bmp_pct) is mandatory
    assert str(preference.tier_description(tier))


def test_adds_tkdn_and_bmp_with_a_missing_bmp_as_zero():
    assert preference.tkdn_plus_bmp(D("30"), D("10")) == D("40")
    assert preference.tkdn_plus_bmp(D("30"), None) == D("30")
    assert preference.tkdn_plus_bmp(None, D("10")) is None


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: p3dn_tier(D("30"), D("15.01")), "bmp"),
        (lambda: p3dn_tier(D("100.01"), None), "tkdn"),
        (lambda: kp_pct(D("-1")), "tkdn"),
        (lambda: kp_pct("abc"), "tkdn"),
        (lambda: kp_pct(D("NaN")), "tkdn"),
        (lambda: evaluated_price(-1, D("30")), "price"),
        (lambda: evaluated_price(1.5, D("30")), "price"),
        (lambda: rank_bids([Bid("A", 1_000, D("30"), D("16"))]), "bmp"),
    ],
)
def test_refuses_out_of_range_input_instead_of_capping_it(call, field):
    with pytest.raises(ValidationFailed) as caught:
        call()

    assert caught.value.code == "invalid_input"
    assert field in caught.value.field_errors


def test_accepts_a_decimal_comma_and_plain_numbers():
    assert kp_pct("6,25") == kp_pct(D("6.25"))
    assert kp_pct(60) == D("15")
