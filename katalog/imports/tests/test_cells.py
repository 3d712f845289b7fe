from decimal import Decimal

import pytest

from katalog.imports import cells
from katalog.imports.cells import CellError


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1500000", 1_500_000),
        ("1.500.000", 1_500_000),
        ("1,500,000", 1_500_000),
        ("Rp 1.500.000", 1_500_000),
        ("Rp1.500.000", 1_500_000),
        ("rp. 1.500.000,00", 1_500_000),
        ("IDR 1,500,000.00", 1_500_000),
        ("1500000.00", 1_500_000),
        ("1500000,00", 1_500_000),
        ("1 500 000", 1_500_000),
        ("1.500", 1_500),
        ("0", 0),
    ],
)
def test_reads_a_price_in_whole_rupiah_written_in_common_ways(raw, expected):
    assert cells.price_idr(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "required"),
        ("-1500", "cannot be negative"),
        ("1500000.50", "whole number"),
        ("1.500.000,5", "whole number"),
        ("1500.5", "whole number"),
        ("satu juta", "not a number"),
        ("1.50.000", "not a number"),
        ("9" * 16, "too large"),
    ],
)
def test_refuses_a_price_that_is_not_whole_rupiah(raw, reason):
    with pytest.raises(CellError, match=reason):
        cells.price_idr(raw)


@pytest.mark.parametrize(("raw", "expected"), [("", 1), ("1", 1), ("12", 12), ("1.000", 1000)])
def test_reads_a_minimum_order_with_one_as_default(raw, expected):
    assert cells.min_order(raw) == expected


@pytest.mark.parametrize(("raw", "reason"), [("0", "at least 1"), ("-2", "negative"), ("2.5", "whole number"),
                                             ("dua", "not a number")])
def test_refuses_a_minimum_order_below_one_or_not_whole(raw, reason):
    with pytest.raises(CellError, match=reason):
        cells.min_order(raw)


@pytest.mark.parametrize(("raw", "expected"), [("", None), ("0", 0), ("2500", 2500), ("2.500", 2500)])
def test_reads_a_capacity_that_may_be_blank_or_zero(raw, expected):
    assert cells.capacity(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", None),
        ("45", Decimal("45.00")),
        ("45.5", Decimal("45.50")),
        ("45,5", Decimal("45.50")),
        ("45%", Decimal("45.00")),
        ("45,25 %", Decimal("45.25")),
        ("0", Decimal("0.00")),
        ("100", Decimal("100.00")),
    ],
)
def test_reads_a_percentage_written_in_common_ways(raw, expected):
    assert cells.percent(raw, what="TKDN") == expected


@pytest.mark.parametrize(
    ("raw", "maximum", "reason"),
    [
        ("100.01", Decimal("100"), "between 0 and 100%"),
        ("16", Decimal("15"), "between 0 and 15%"),
        ("-1", Decimal("100"), "cannot be negative"),
        ("empat puluh", Decimal("100"), "not a percentage"),
        ("45.555", Decimal("100"), "two decimals"),
        ("1.234,5", Decimal("100"), "not a percentage"),
    ],
)
def test_refuses_a_percentage_out_of_range_or_not_a_number(raw, maximum, reason):
    with pytest.raises(CellError, match=reason):
        cells.percent(raw, what="TKDN", maximum=maximum)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", []),
        ("SNI", ["SNI"]),
        ("halal; sni", ["SNI", "HALAL"]),
        ("HKI,PIRT", ["PIRT", "HKI"]),
        ("BPOM;;BPOM;", ["BPOM"]),
    ],
)
def test_reads_certifications_in_any_case_and_keeps_a_fixed_order(raw, expected):
    assert cells.certifications(raw) == expected


def test_refuses_an_unknown_certification_and_names_it():
    with pytest.raises(CellError, match="Unknown certification.*ISO 9001"):
        cells.certifications("SNI;ISO 9001")


def test_refuses_a_missing_or_too_long_text():
    with pytest.raises(CellError, match="required"):
        cells.text("  ", required=True, max_length=10)
    with pytest.raises(CellError, match="At most 5 characters"):
        cells.text("abcdef", required=True, max_length=5)
    assert cells.text(" abc ", required=True, max_length=5) == "abc"
