"""The matching engine over a small indexed catalogue, on whichever database the suite runs."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from katalog.catalog.models import Category
from katalog.catalog.tests.factories import ProductFactory
from katalog.core.money import format_rupiah
from katalog.matching import candidates, scoring
from katalog.matching.engine import match_need, match_needs
from katalog.matching.keywords import NeedTerm
from katalog.matching.specs import NeedSpec
from katalog.regions.models import Region
from katalog.search.indexing import reindex_all
from katalog.search.models import SynonymGroup
from katalog.vendors.tests.factories import VendorFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 2)
_names = itertools.count(1)


def region(code):
    return Region.objects.get(code=code)


def category(name):
    return Category.objects.get(name=name)


def vendor(code="18.71", scale="mikro", **kwargs):
    # Plain vendor names: the vendor's name is part of a product's searchable text.
    return VendorFactory(name=f"CV Maju Bersama {next(_names)}", region=region(code), scale=scale, **kwargs)


def product(name, *, seller=None, origin=None, **kwargs):
    seller = seller or vendor()
    values = {"description": "", "tkdn_pct": None, "bmp_pct": None, "certifications": [], "capacity_per_month": None,
              "category": category("Tapis Lembaran"), "price_idr": 1_000_000}
    values.update(kwargs)
    return ProductFactory(name=name, vendor=seller, origin_region=region(origin or seller.region.code), **values)


def need(title, **kwargs):
    return NeedSpec(ref="N-1", title=title, **kwargs)


def skus(matches):
    return [m.sku for m in matches]


def by_sku(matches):
    return {m.sku: m for m in matches}


# ---- Words: stems, synonyms, the category ----

def test_finds_products_through_a_reference_synonym():
    tractor = product("Traktor Roda Dua 8 HP Diesel", category=category("Traktor Roda Dua"))
    pump = product("Pompa Air Irigasi 3 Inci", category=category("Pompa Air"))
    reindex_all()

    matches = match_need(need("Hand tractor untuk kelompok tani"), today=TODAY)

    assert skus(matches)[:1] == [tractor.sku]
    assert pump.sku not in skus(m for m in matches if m.fits)
    assert scoring.KEYWORDS in matches[0].codes


def test_finds_products_through_a_synonym_group_curators_added():
    SynonymGroup.objects.create(name="Songket", phrases="songket\nkain tenun emas")
    songket = product("Kain Tenun Emas Motif Pucuk Rebung", category=category("Tenun & Songket"))
    batik = product("Kain Batik Lampung Motif Siger", category=category("Batik Lampung"))
    reindex_all()

    matches = match_need(need("Songket untuk seragam penari"), today=TODAY)

    assert skus(matches)[0] == songket.sku
    assert batik.sku not in skus(m for m in matches if m.fits)


def test_a_named_category_lifts_its_products_and_a_need_without_one_still_finds_them():
    sheet = product("Tapis Motif Siger Benang Emas", category=category("Tapis Lembaran"))
    souvenir = product("Tapis Motif Siger Benang Emas Mini", category=category("Souvenir Tapis"))
    reindex_all()

    assert skus(match_need(need("Tapis motif siger", category="Souvenir Tapis"), today=TODAY))[:2] == [
        souvenir.sku, sheet.sku]
    assert skus(match_need(need("Tapis motif siger", category="tapis-lembaran"), today=TODAY))[:2] == [
        sheet.sku, souvenir.sku]
    assert set(skus(match_need(need("Tapis motif siger"), today=TODAY))) == {sheet.sku, souvenir.sku}
    # A category the catalogue does not know counts as words.
    assert skus(match_need(need("Kain", category="Tapis Motif Siger"), today=TODAY))


def test_finds_a_word_by_its_stem_and_ignores_procurement_wording():
    kit = product("Perlengkapan Seminar Kit", category=category("Paket Seminar Kit"), description="Tas dan pulpen.")
    reindex_all()

    assert skus(match_need(need("Pengadaan kelengkapan seminar untuk kebutuhan kegiatan tahun anggaran 2025"),
                           today=TODAY)) == [kit.sku]
    assert match_need(need("Pengadaan kebutuhan kegiatan tahun anggaran 2025"), today=TODAY) == []


def test_a_need_whose_words_say_nothing_is_matched_by_its_category():
    coffee = product("Kopi Bubuk Robusta 250 g", category=category("Kopi Bubuk"))
    product("Kain Tapis Motif Kapal")
    reindex_all()

    matches = match_need(need("Pengadaan kebutuhan rapat", category="Kopi Bubuk"), today=TODAY)

    assert skus(matches) == [coffee.sku]
    assert scoring.CATEGORY in matches[0].codes


def test_a_word_that_starts_like_a_synonym_token_counts():
    pisang = product("Keripik Pisang Balado", category=category("Keripik & Camilan"), price_idr=10_000)
    singkong = product("Keripik Singkong Balado", category=category("Keripik & Camilan"), price_idr=20_000)
    reindex_all()

    matches = match_need(need("Keripik singkong balado"), today=TODAY)

    assert skus(matches) == [singkong.sku, pisang.sku]


@pytest.mark.parametrize(
    ("counts", "budget", "expected"),
    [
        # the heaviest terms gather alone while their rows fit the budget
        ({"tapis": 50, "kain": 80, "motif": 90}, 1000, [["tapis"], ["kain"], ["motif"]]),
        ({"tapis": 500, "kain": 400, "motif": 300}, 1000, [["tapis"], ["kain"]]),
        # even the heaviest is too common: two of the three heaviest
        ({"tapis": 1500, "kain": 400, "motif": 300}, 1000, [["tapis", "kain"], ["tapis", "motif"], ["kain", "motif"]]),
        # and when pairs would still gather too many, all three
        ({"tapis": 1500, "kain": 1400, "motif": 1300}, 1000, [["tapis", "kain", "motif"]]),
        ({"tapis": 1500}, 1000, [["tapis"]]),
    ],
)
def test_gathers_rows_by_the_heaviest_terms_within_a_budget(counts, budget, expected):
    weights = {"tapis": 3.0, "kain": 2.0, "motif": 1.0}
    terms = [NeedTerm(term, term, weights[term], count) for term, count in counts.items()]

    assert candidates.retrieval_groups(terms, budget=budget) == expected


def test_on_a_large_catalogue_rows_need_two_of_the_heaviest_words(monkeypatch):
    both = product("Kain Tapis Motif Kapal")
    one = product("Kain Seragam Putih", category=category("Seragam Sekolah"))
    reindex_all()
    monkeypatch.setattr(candidates, "RETRIEVAL_ROW_BUDGET", 1)

    assert skus(match_need(need("Kain tapis"), today=TODAY)) == [both.sku]
    monkeypatch.setattr(candidates, "RETRIEVAL_ROW_BUDGET", 1000)
    assert skus(match_need(need("Kain tapis"), today=TODAY)) == [both.sku, one.sku]


# ---- P3DN priority ----

def test_puts_a_local_product_above_an_equally_fitting_one_from_elsewhere():
    java = product("Kain Tapis Motif Kapal", seller=vendor("35.78", scale="besar"), tkdn_pct=Decimal("60"),
                   bmp_pct=Decimal("10"))
    local_large = product("Kain Tapis Motif Kapal", seller=vendor("18.72", scale="besar"))
    local_umk = product("Kain Tapis Motif Kapal", seller=vendor("18.72", scale="mikro"))
    reindex_all()

    matches = match_need(need("Kain tapis motif kapal", regency_code="18.71"), today=TODAY)

    assert skus(matches) == [local_umk.sku, local_large.sku, java.sku]
    assert scoring.LOCAL in matches[0].codes and scoring.LOCAL not in matches[2].codes


def test_a_local_product_that_does_not_fit_stays_below_a_fitting_one():
    java_tractor = product("Traktor Roda Dua 8 HP", seller=vendor("35.78", scale="besar"),
                           category=category("Traktor Roda Dua"))
    local_pump = product("Pompa Air 3 Inci", seller=vendor("18.72"), category=category("Pompa Air"),
                         description="Pompa air untuk sawah, bisa digerakkan traktor roda dua.")
    reindex_all()

    matches = match_need(need("Traktor roda dua", category="Traktor Roda Dua", regency_code="18.72"), today=TODAY)

    assert skus(matches) == [java_tractor.sku, local_pump.sku]


def test_prefers_a_vendor_in_the_delivery_regency():
    far = product("Keripik Pisang Cokelat", seller=vendor("18.04"), category=category("Keripik & Camilan"))
    near = product("Keripik Pisang Cokelat", seller=vendor("18.72"), category=category("Keripik & Camilan"))
    reindex_all()

    matches = match_need(need("Keripik pisang cokelat", regency_code="1872"), today=TODAY)

    assert skus(matches) == [near.sku, far.sku]
    assert scoring.VENDOR_NEARBY in matches[0].codes


# ---- Capacity and budget ----

@pytest.fixture
def coffee():
    kwargs = {"category": category("Kopi Bubuk"), "price_idr": 50_000}
    return {
        "large": product("Kopi Bubuk Robusta 250 g", capacity_per_month=1000, **kwargs),
        "half": product("Kopi Bubuk Robusta 250 g", capacity_per_month=200, **kwargs),
        "tiny": product("Kopi Bubuk Robusta 250 g", capacity_per_month=50, **kwargs),
    }


def test_a_vendor_that_cannot_make_enough_in_time_drops_down_with_the_reason(coffee):
    reindex_all()
    spec = need("Kopi bubuk robusta", quantity=500, needed_by=TODAY + dt.timedelta(days=20))

    matches = by_sku(match_need(spec, today=TODAY))

    assert [m.sku for m in match_need(spec, today=TODAY)] == [coffee[k].sku for k in ("large", "half", "tiny")]
    assert scoring.CAPACITY_OK in matches[coffee["large"].sku].codes
    assert matches[coffee["half"].sku].fits and scoring.CAPACITY_SHORT in matches[coffee["half"].sku].codes
    tiny = matches[coffee["tiny"].sku]
    assert not tiny.fits and tiny.codes[0] == scoring.CAPACITY_FAR_SHORT and tiny.score < 0.5
    assert matches[coffee["half"].sku].score > 0.5


def test_more_time_lets_a_small_vendor_fill_the_need(coffee):
    reindex_all()
    spec = need("Kopi bubuk robusta", quantity=500, needed_by=TODAY + dt.timedelta(days=200))

    matches = by_sku(match_need(spec, today=TODAY))

    assert all(m.fits for m in matches.values())
    assert scoring.CAPACITY_OK in matches[coffee["half"].sku].codes


def test_a_product_far_over_budget_drops_down_with_the_reason():
    kwargs = {"category": category("Kopi Bubuk")}
    within = product("Kopi Bubuk Arabika 1 kg", price_idr=900_000, **kwargs)
    slightly_over = product("Kopi Bubuk Arabika 1 kg", price_idr=1_100_000, **kwargs)
    far_over = product("Kopi Bubuk Arabika 1 kg", price_idr=2_000_000, **kwargs)
    reindex_all()

    with translation.override("en"):
        matches = match_need(need("Kopi bubuk arabika", quantity=10, budget_idr=10_000_000), today=TODAY)
        expected_reason = _("total price %(total)s exceeds the budget %(budget)s") % {
            "total": format_rupiah(20_000_000, locale="en_US"), "budget": format_rupiah(10_000_000, locale="en_US")}

    assert skus(matches) == [within.sku, slightly_over.sku, far_over.sku]
    assert [m.fits for m in matches] == [True, True, False]
    assert scoring.BUDGET_OK in matches[0].codes and scoring.BUDGET_OVER in matches[1].codes
    assert matches[2].reasons[0] == expected_reason
    assert matches[2].codes[0] == scoring.BUDGET_FAR_OVER


# ---- Hard requirements ----

def test_honours_a_tkdn_requirement_written_in_the_need():
    low = product("Kain Tapis Motif Siger", tkdn_pct=Decimal("30"), bmp_pct=Decimal("5"))
    enough = product("Kain Tapis Motif Siger", seller=vendor("35.78", scale="besar"), tkdn_pct=Decimal("36"),
                     bmp_pct=Decimal("4"))
    reindex_all()

    matches = match_need(need("Kain tapis motif siger", description="Wajib TKDN+BMP ≥ 40%."), today=TODAY)

    assert skus(matches) == [enough.sku, low.sku]
    assert [m.fits for m in matches] == [True, False]
    assert matches[1].codes[0] == scoring.REQUIREMENT_BROKEN
    assert scoring.REQUIREMENTS_MET in matches[0].codes


def test_honours_umkm_lampung_and_origin_requirements():
    java = product("Gantungan Kunci Tapis", seller=vendor("35.78", scale="kecil"), category=category("Souvenir Tapis"))
    large = product("Gantungan Kunci Tapis", seller=vendor("18.71", scale="besar"), category=category("Souvenir Tapis"))
    pesawaran = product("Gantungan Kunci Tapis", seller=vendor("18.09"), category=category("Souvenir Tapis"))
    metro = product("Gantungan Kunci Tapis", seller=vendor("18.72"), category=category("Souvenir Tapis"))
    reindex_all()

    umkm = by_sku(match_need(need("Gantungan kunci tapis, wajib UMKM Lampung"), today=TODAY))
    origin = by_sku(match_need(need("Gantungan kunci tapis asal Pesawaran"), today=TODAY))

    assert {s for s, m in umkm.items() if m.fits} == {pesawaran.sku, metro.sku}
    assert not umkm[java.sku].fits and not umkm[large.sku].fits
    assert {s for s, m in origin.items() if m.fits} == {pesawaran.sku}


def test_honours_a_certificate_requirement():
    halal = product("Keripik Pisang Manis", category=category("Keripik & Camilan"), certifications=["HALAL", "PIRT"])
    plain = product("Keripik Pisang Manis", category=category("Keripik & Camilan"), certifications=["PIRT"])
    reindex_all()

    matches = by_sku(match_need(need("Keripik pisang manis", description="Wajib halal."), today=TODAY))

    assert matches[halal.sku].fits and not matches[plain.sku].fits


# ---- What is a candidate, and bulk matching ----

def test_never_offers_a_product_that_is_not_listed():
    listed = product("Kain Tapis Motif Kapal")
    withdrawn = product("Kain Tapis Motif Kapal")
    product("Kain Tapis Motif Kapal", status="submitted")
    product("Kain Tapis Motif Kapal", seller=vendor(status="submitted"))
    reindex_all()
    type(withdrawn).objects.filter(pk=withdrawn.pk).update(status="withdrawn")  # the index not told yet

    assert skus(match_need(need("Kain tapis"), today=TODAY)) == [listed.sku]


def test_matches_many_needs_with_one_statement_each(django_assert_max_num_queries):
    product("Kain Tapis Motif Kapal")
    product("Kopi Bubuk Robusta 250 g", category=category("Kopi Bubuk"))
    product("Traktor Roda Dua 8 HP", category=category("Traktor Roda Dua"))
    reindex_all()
    specs = [need("Kain tapis"), need("Kopi bubuk"), need("Hand tractor"), need("Kopi robusta", category="Kopi"),
             need("Tapis asal Pesawaran, wajib UMK")]
    singles = [match_need(spec, today=TODAY) for spec in specs]

    # reference data (categories, regions, catalogue size), synonyms, vocabulary, facts: the rest one per need
    with django_assert_max_num_queries(len(specs) + 8):
        together = match_needs(specs, today=TODAY)

    assert together == singles
    assert all(together)


def test_scores_are_rounded_and_fitting_products_score_above_the_rest():
    product("Kopi Bubuk Robusta 250 g", category=category("Kopi Bubuk"), price_idr=50_000)
    product("Kopi Bubuk Robusta 250 g", category=category("Kopi Bubuk"), price_idr=500_000)
    reindex_all()

    matches = match_need(need("Kopi bubuk", quantity=10, budget_idr=600_000), today=TODAY, limit=1)

    assert len(matches) == 1
    [best] = matches
    assert best.fits and 0.5 < best.score <= 1 and best.score == round(best.score, 4)
    assert len(best.reasons) == len(best.codes)
