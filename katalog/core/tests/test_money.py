import pytest

from katalog.core.money import format_rupiah, percent_display, terbilang


@pytest.mark.parametrize(
    ("amount", "locale", "expected"),
    [
        (1_250_000, "id_ID", "Rp1.250.000"),
        (0, "id_ID", "Rp0"),
        (999, "id_ID", "Rp999"),
        (1_050_000_000, "id_ID", "Rp1.050.000.000"),
        (1_250_000, "en_US", "Rp1,250,000"),
        (-5_000, "id_ID", "-Rp5.000"),
        (None, "id_ID", "-"),
    ],
)
def test_formats_whole_rupiah_with_the_locale_grouping(amount, locale, expected):
    assert format_rupiah(amount, locale=locale) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (1_000_000, "satu juta rupiah"),
        (875_000, "delapan ratus tujuh puluh lima ribu rupiah"),
        (1_500, "seribu lima ratus rupiah"),
    ],
)
def test_spells_amounts_in_indonesian_words(amount, expected):
    assert terbilang(amount) == expected


def test_shows_percentages_with_a_decimal_comma():
    from decimal import Decimal

    assert percent_display(Decimal("45.50")) == "45,5%"
    assert percent_display(Decimal("40.00")) == "40%"
    assert percent_display(None) == "-"
