from decimal import Decimal

import pytest

from katalog.catalog import badges
from katalog.catalog.badges import BadgeFacts
from katalog.catalog.models import Product
from katalog.catalog.tests.factories import ProductFactory
from katalog.regions.models import Region
from katalog.vendors.tests.factories import VendorFactory


def facts(vendor_region="18.71", origin="18.71", scale="mikro", tkdn=None, bmp=None):
    return BadgeFacts(
        vendor_region_code=vendor_region,
        origin_region_code=origin,
        vendor_scale=scale,
        tkdn_pct=None if tkdn is None else Decimal(tkdn),
        bmp_pct=None if bmp is None else Decimal(bmp),
    )


@pytest.mark.parametrize(
    ("vendor_region", "origin", "expected"),
    [
        ("18.71", "18.71", True),
        ("18.09", "18.72", True),  # made in another Lampung regency by a Lampung vendor
        ("18", "18.01", True),  # vendor recorded at province level
        ("18.71", None, False),  # imported or unknown origin
        ("31.71", "18.71", False),  # made in Lampung by a Jakarta vendor
        ("18.71", "32.73", False),  # sold by a Lampung vendor but made in Bandung
        ("31", "31.71", False),
        (None, "18.71", False),
    ],
)
def test_local_product_needs_vendor_and_origin_in_the_province(vendor_region, origin, expected):
    assert badges.is_local(facts(vendor_region=vendor_region, origin=origin)) is expected


@pytest.mark.parametrize(
    ("scale", "expected"), [("mikro", True), ("kecil", True), ("menengah", False), ("besar", False)]
)
def test_umk_is_micro_and_small_only(scale, expected):
    assert badges.is_umk(facts(scale=scale)) is expected


@pytest.mark.parametrize(
    ("tkdn", "bmp", "expected"),
    [
        ("40", None, True),
        ("39.99", None, False),
        ("25", "15", True),  # exactly 40 with BMP
        ("24.99", "15", False),
        ("30", "9.99", False),
        ("0", "15", False),
        (None, "15", False),  # BMP alone is no TKDN claim
        ("100", "0", True),
    ],
)
def test_pdn_wajib_at_tkdn_plus_bmp_of_forty(tkdn, bmp, expected):
    assert badges.is_pdn(facts(tkdn=tkdn, bmp=bmp)) is expected


@pytest.mark.parametrize(("tkdn", "expected"), [("25", True), ("24.99", False), ("100", True), (None, False)])
def test_price_preference_at_tkdn_of_twenty_five(tkdn, expected):
    assert badges.has_price_preference(facts(tkdn=tkdn)) is expected


def test_thresholds_follow_settings(settings):
    settings.KATALOG = {**settings.KATALOG, "PDN_THRESHOLD_PCT": 50, "PREFERENCE_TKDN_MIN_PCT": 30}
    assert not badges.is_pdn(facts(tkdn="45"))
    assert not badges.has_price_preference(facts(tkdn="29"))
    assert badges.has_price_preference(facts(tkdn="30"))


def test_badge_codes_in_display_order():
    assert badges.badge_codes(facts(tkdn="45", bmp="5")) == ["lokal", "umk", "pdn", "preferensi"]
    assert badges.badge_codes(facts(vendor_region="31.71", scale="besar", tkdn="10")) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("tkdn", "bmp"), [("40", None), ("39.99", None), ("25", "15"), ("24.99", "15"), (None, "15"), ("25", None)]
)
def test_query_filters_agree_with_the_python_rules(tkdn, bmp):
    jakarta = VendorFactory(region=Region.objects.get(code="31.71"), scale="menengah")
    for vendor in (VendorFactory(), jakarta):
        for origin in ("18.72", None):
            ProductFactory(
                vendor=vendor,
                origin_region=Region.objects.get(code=origin) if origin else None,
                tkdn_pct=None if tkdn is None else Decimal(tkdn),
                bmp_pct=None if bmp is None else Decimal(bmp),
            )
    rows = list(Product.objects.select_related("vendor__region", "origin_region"))
    qs = badges.with_tkdn_plus_bmp(Product.objects.all())
    for q, rule in (
        (badges.local_q(), badges.is_local),
        (badges.umk_q(), badges.is_umk),
        (badges.pdn_q(), badges.is_pdn),
        (badges.preference_q(), badges.has_price_preference),
    ):
        expected = {p.pk for p in rows if rule(badges.facts_of(p))}
        assert set(qs.filter(q).values_list("pk", flat=True)) == expected
