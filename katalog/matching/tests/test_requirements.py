"""Hard requirements written in a need, read from Indonesian text, and checked against a product (pure)."""

from decimal import Decimal

import pytest

from katalog.catalog.badges import BadgeFacts
from katalog.matching import requirements as req
from katalog.matching.requirements import ProductFacts, RegionName, Requirement, parse_requirements

REGIONS = [
    RegionName("18", "Lampung"), RegionName("18.01", "Kab. Lampung Selatan"), RegionName("18.09", "Kab. Pesawaran"),
    RegionName("18.12", "Kab. Tulang Bawang Barat"), RegionName("18.05", "Kab. Tulang Bawang"),
    RegionName("18.71", "Kota Bandar Lampung"), RegionName("18.72", "Kota Metro"), RegionName("35", "Jawa Timur"),
    RegionName("35.78", "Kota Surabaya"),
]
PESAWARAN, METRO, LAMPUNG = REGIONS[2], REGIONS[6], REGIONS[0]


def kinds(text):
    return {(r.kind, r.value) for r in parse_requirements(text, regions=REGIONS).requirements}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kain tapis. Wajib TKDN+BMP ≥ 40%.", {(req.TKDN_BMP_MIN, Decimal("40"))}),
        ("Traktor, TKDN + BMP minimal 40 persen", {(req.TKDN_BMP_MIN, Decimal("40"))}),
        ("Min. 40% TKDN+BMP", {(req.TKDN_BMP_MIN, Decimal("40"))}),
        ("Seminar kit dengan TKDN minimal 25%", {(req.TKDN_MIN, Decimal("25"))}),
        ("TKDN >= 32,5%", {(req.TKDN_MIN, Decimal("32.5"))}),
        ("Harus TKDN 30%", {(req.TKDN_MIN, Decimal("30"))}),
        ("Wajib PDN", {(req.TKDN_BMP_MIN, Decimal("40"))}),
        ("Wajib produk lokal", {(req.LOCAL, None)}),
        ("Hanya produk lokal Lampung", {(req.LOCAL, None)}),
        ("Wajib UMK", {(req.UMK, None)}),
        ("Harus usaha mikro dan kecil", {(req.UMK, None)}),
        ("wajib UMKM", {(req.UMKM, None)}),
        ("wajib UMKM Lampung", {(req.UMKM, None), (req.VENDOR_IN_HOME, None)}),
        ("Souvenir asal Pesawaran", {(req.ORIGIN, PESAWARAN)}),
        ("berasal dari Kabupaten Pesawaran", {(req.ORIGIN, PESAWARAN)}),
        ("Kopi asal Lampung", {(req.ORIGIN, LAMPUNG)}),
        ("Penyedia asal Kota Metro", {(req.VENDOR_REGION, METRO)}),
        ("UMKM asal Kota Metro", {(req.VENDOR_REGION, METRO)}),
        ("Keripik wajib halal", {(req.CERTIFICATION, "HALAL")}),
        ("Helm bersertifikat SNI", {(req.CERTIFICATION, "SNI")}),
        ("Produk ber-SNI dan izin edar BPOM", {(req.CERTIFICATION, "SNI"), (req.CERTIFICATION, "BPOM")}),
        ("Keripik P-IRT wajib", set()),  # "wajib" after the word: nothing follows it
        ("Keripik, wajib P-IRT", {(req.CERTIFICATION, "PIRT")}),
    ],
)
def test_reads_a_requirement_written_in_indonesian(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Traktor roda dua TKDN 45%",  # a description, not a demand
        "Produk lokal diutamakan",
        "Wajib dikirim ke Kota Metro, produk lokal diutamakan",
        "Tidak wajib halal",
        "Sertifikat halal diutamakan",
        "TKDN minimal 40% diutamakan",
        "Souvenir tapis asal Pesawaran lebih disukai",
        "Kain tapis untuk tamu dari Kota Metro",
    ],
)
def test_a_preference_or_a_description_is_not_a_requirement(text):
    assert kinds(text) == set()


def test_tells_a_regency_from_a_province_of_a_similar_name():
    assert kinds("asal Lampung Selatan") == {(req.ORIGIN, REGIONS[1])}
    assert kinds("asal Tulang Bawang Barat") == {(req.ORIGIN, REGIONS[3])}
    assert kinds("asal Kota Bandar Lampung") == {(req.ORIGIN, REGIONS[5])}


def test_blanks_the_requirement_words_out_of_the_text_left_for_keywords():
    parsed = parse_requirements("Kain tapis asal Pesawaran. Wajib TKDN+BMP ≥ 40%.", regions=REGIONS)
    assert "pesawaran" not in parsed.remaining_text
    assert "40" not in parsed.remaining_text
    assert parsed.remaining_text.startswith("kain tapis")


def facts(*, vendor="18.71", origin="18.71", scale="mikro", tkdn=None, bmp=None, certifications=()):
    tkdn = None if tkdn is None else Decimal(tkdn)
    bmp = None if bmp is None else Decimal(bmp)
    return ProductFacts(BadgeFacts(vendor, origin, scale, tkdn, bmp), tuple(certifications), "18")


@pytest.mark.parametrize(
    ("requirement", "product", "met"),
    [
        (Requirement(req.TKDN_BMP_MIN, Decimal("40")), facts(tkdn="35", bmp="5"), True),
        (Requirement(req.TKDN_BMP_MIN, Decimal("40")), facts(tkdn="35", bmp="4.99"), False),
        (Requirement(req.TKDN_BMP_MIN, Decimal("40")), facts(), False),
        (Requirement(req.TKDN_MIN, Decimal("25")), facts(tkdn="25"), True),
        (Requirement(req.TKDN_MIN, Decimal("25")), facts(tkdn="20", bmp="10"), False),
        (Requirement(req.LOCAL), facts(), True),
        (Requirement(req.LOCAL), facts(origin=None), False),
        (Requirement(req.LOCAL), facts(vendor="35.78"), False),
        (Requirement(req.UMK), facts(scale="kecil"), True),
        (Requirement(req.UMK), facts(scale="menengah"), False),
        (Requirement(req.UMKM), facts(scale="menengah"), True),
        (Requirement(req.UMKM), facts(scale="besar"), False),
        (Requirement(req.VENDOR_IN_HOME), facts(origin="35.78"), True),
        (Requirement(req.VENDOR_IN_HOME), facts(vendor="35.78"), False),
        (Requirement(req.ORIGIN, PESAWARAN), facts(origin="18.09"), True),
        (Requirement(req.ORIGIN, PESAWARAN), facts(origin="18.71"), False),
        (Requirement(req.ORIGIN, LAMPUNG), facts(origin="18.09"), True),
        (Requirement(req.ORIGIN, LAMPUNG), facts(origin=None), False),
        (Requirement(req.VENDOR_REGION, METRO), facts(vendor="18.72", origin="18.71"), True),
        (Requirement(req.VENDOR_REGION, METRO), facts(vendor="18.71", origin="18.72"), False),
        (Requirement(req.CERTIFICATION, "HALAL"), facts(certifications=["HALAL", "PIRT"]), True),
        (Requirement(req.CERTIFICATION, "HALAL"), facts(certifications=["PIRT"]), False),
        (Requirement(req.CERTIFICATION, "TKDN"), facts(tkdn="10"), True),
    ],
)
def test_checks_a_requirement_against_a_product(requirement, product, met):
    assert req.is_met(requirement, product) is met
    assert req.unmet([requirement], product) == ([] if met else [requirement])


def test_every_requirement_has_a_label():
    parsed = parse_requirements(
        "Wajib TKDN 25%, TKDN+BMP ≥ 40%, produk lokal, UMK, UMKM Lampung, halal. Asal Pesawaran. Penyedia asal Kota Metro.",
        regions=REGIONS,
    )
    assert {r.kind for r in parsed.requirements} == {
        req.TKDN_MIN, req.TKDN_BMP_MIN, req.LOCAL, req.UMK, req.UMKM, req.VENDOR_IN_HOME, req.CERTIFICATION,
        req.ORIGIN, req.VENDOR_REGION,
    }
    assert all(r.label() for r in parsed.requirements)
