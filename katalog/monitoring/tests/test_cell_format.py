"""How the dashboard tables print their cells, in each language."""

from decimal import Decimal

import pytest
from django.utils import translation

from katalog.monitoring.tables import COUNT, MONEY, PERCENT, TEXT
from katalog.monitoring.templatetags.monitoring import cell


@pytest.mark.parametrize(("language", "value", "kind", "expected"), [
    ("id", Decimal("83"), PERCENT, "83,0%"),
    ("id", Decimal("64.5"), PERCENT, "64,5%"),
    ("en", Decimal("83"), PERCENT, "83.0%"),
    ("id", Decimal("-39.3"), PERCENT, "-39,3%"),
    ("id", None, PERCENT, "–"),
    ("id", 1234567, MONEY, "Rp1.234.567"),
    ("en", 1234567, MONEY, "Rp1,234,567"),
    ("id", None, MONEY, ""),
    ("id", 12345, COUNT, "12.345"),
    ("en", 12345, COUNT, "12,345"),
    ("id", "Kota Metro", TEXT, "Kota Metro"),
])
def test_cell_is_printed_for_its_kind_and_language(language, value, kind, expected):
    with translation.override(language):
        assert cell(value, kind) == expected
