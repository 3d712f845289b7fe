import pytest

from katalog.vendors.identifiers import (
    IdentifierError,
    format_npwp,
    kbli_fits,
    normalise_nib,
    normalise_npwp,
    parse_kbli,
    parse_scale,
)


def test_accepts_a_thirteen_digit_nib_with_separators():
    assert normalise_nib("9120 0000 0000 1") == "9120000000001"


@pytest.mark.parametrize("raw", ["912000000000", "91200000000012", "91200000000AB", ""])
def test_refuses_a_nib_that_is_not_thirteen_digits(raw):
    with pytest.raises(IdentifierError):
        normalise_nib(raw)


def test_stores_a_legacy_fifteen_digit_npwp_as_sixteen_digits():
    assert normalise_npwp("01.312.166.0-091.000") == "0013121660091000"


def test_accepts_a_sixteen_digit_npwp():
    assert normalise_npwp("0013121660091000") == "0013121660091000"


@pytest.mark.parametrize("raw", ["01.312.166.1-091.000", "12345", "01312166009100A", ""])
def test_refuses_an_invalid_npwp_with_a_reason(raw):
    with pytest.raises(IdentifierError):
        normalise_npwp(raw)


def test_formats_npwp_in_groups_of_four():
    assert format_npwp("0013121660091000") == "0013.1216.6009.1000"


def test_reads_kbli_lists_with_any_separator_and_drops_duplicates():
    assert parse_kbli("13921; 32909,13921 10792") == ["13921", "32909", "10792"]
    assert parse_kbli("") == []


def test_refuses_a_kbli_code_that_is_not_five_digits():
    with pytest.raises(IdentifierError, match="1392"):
        parse_kbli("1392")


@pytest.mark.parametrize(
    ("raw", "expected"), [("Mikro", "mikro"), ("small", "kecil"), ("MENENGAH", "menengah"), ("besar", "besar")]
)
def test_reads_business_scale_in_indonesian_or_english(raw, expected):
    assert parse_scale(raw) == expected


def test_refuses_an_unknown_scale():
    with pytest.raises(IdentifierError, match="raksasa"):
        parse_scale("raksasa")


@pytest.mark.parametrize(
    ("vendor", "category", "expected"),
    [(["28110"], ["28", "46"], True), (["10792"], ["28", "46"], False), ([], ["28"], False), (["10792"], [], True)],
)
def test_kbli_fits_by_prefix(vendor, category, expected):
    assert kbli_fits(vendor, category) is expected
