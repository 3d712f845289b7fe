"""Each flag's sentence carries its numbers, written in the reader's language."""

from django.utils import translation

from katalog.redflags.explanations import explain
from katalog.redflags.models import FlagKind

JUTA = 1_000_000

SPLIT = {
    "dimension": "vendor", "limit_idr": 200 * JUTA, "window_days": 14, "total_idr": 450 * JUTA, "count": 3,
    "vendor_count": 1, "largest_idr": 160 * JUTA, "first_on": "2025-06-01", "last_on": "2025-06-10", "span_days": 9,
}
PRICE = {"ratio_limit": "2.0", "lines": [{
    "line_id": 1, "name": "Kain Tapis", "category_id": 5, "category": "Tapis Lembaran", "quantity": 2,
    "unit_price_idr": 5_000_000, "median_idr": 1_500_000, "product_count": 4, "ratio": "3.3",
}]}


def test_a_split_explains_its_orders_days_limit_and_sum():
    with translation.override("en"):
        text = explain(FlagKind.SPLIT_ORDERS, SPLIT, buyer="Dinas A", vendor="UMKM B")

    assert text.startswith("3 orders from Dinas A to UMKM B within 9 days")
    assert "each below Rp200,000,000, together Rp450,000,000" in text


def test_orders_on_one_day_are_said_to_be_on_that_day():
    with translation.override("en"):
        text = explain(FlagKind.SPLIT_ORDERS, {**SPLIT, "last_on": "2025-06-01", "span_days": 0}, buyer="A", vendor="B")

    assert "on 1 Jun 2025" in text


def test_a_price_flag_writes_numbers_as_the_reader_does():
    with translation.override("id"):
        text = explain(FlagKind.PRICE_ABOVE_MEDIAN, PRICE, buyer="Dinas A", vendor="UMKM B")

    assert "Rp5.000.000" in text and "Rp1.500.000" in text and "3,3" in text and "2,0" in text


def test_every_kind_has_a_sentence_even_without_its_parties():
    params = {
        FlagKind.SPLIT_ORDERS: {**SPLIT, "dimension": "category", "vendor_count": 2},
        FlagKind.PRICE_ABOVE_MEDIAN: PRICE,
        FlagKind.EXPIRED_DOCUMENT: {"document_id": 1, "document_kind": "SNI", "number": "SNI-1",
                                    "valid_until": "2025-05-01", "listed_products": 0, "orders_after": 2,
                                    "orders_after_idr": 3 * JUTA},
        FlagKind.REPEATED_JUSTIFICATION: {"count": 3, "repeats": 3, "window_days": 90, "local_count": 2,
                                          "pdn_count": 1, "texts": ["x"], "first_on": "2025-01-01",
                                          "last_on": "2025-03-01", "span_days": 59},
        FlagKind.REUSED_JUSTIFICATION: {"count": 2, "text": "Tidak ada", "fields": ["local"],
                                        "first_on": "2025-01-01", "last_on": "2025-01-05", "span_days": 4},
    }
    with translation.override("en"):
        texts = {kind: explain(kind, value) for kind, value in params.items()}

    assert set(texts) == set(FlagKind.values)
    assert "SNI-1" in texts[FlagKind.EXPIRED_DOCUMENT] and "Rp3,000,000" in texts[FlagKind.EXPIRED_DOCUMENT]
    assert "“Tidak ada”" in texts[FlagKind.REUSED_JUSTIFICATION]
    assert "2 vendors" in texts[FlagKind.SPLIT_ORDERS]
