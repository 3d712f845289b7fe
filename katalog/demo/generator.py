"""A synthetic catalogue of any size, for benchmarks and load tests: `katalog generate-catalog`.

Vendors are mostly Lampung businesses of every scale; products come from the demo's per-category
templates (katalog.demo.product_specs) with brands, grades, colours and sizes added, so names and
descriptions read like real listings and share words the way real listings do. Everything is
deterministic for a seed: row `n` is the same whatever else exists. Vendor codes start with
`GEN-V` and SKUs with `GEN-`; a second run with the same arguments skips what exists and writes
nothing. Rows are written in bulk (no audit events: this is test data, not a change anyone made),
then the whole search index is rebuilt once and the database's planner statistics refreshed.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from stdnum import luhn

from katalog.accounts.models import Organisation
from katalog.catalog.models import Category, Product, ProductStatus
from katalog.catalog.reference import CATEGORY_TREE, load_categories
from katalog.core import clock
from katalog.feed.services import record_changes
from katalog.imports.common import bulk_insert
from katalog.regions.models import Region
from katalog.regions.reference import LAMPUNG_REGENCIES, OTHER_REGENCIES
from katalog.search.indexing import refresh_statistics, reindex_all
from katalog.search.models import SearchEntry
from katalog.vendors.models import Vendor, VendorStatus

from .build_data import tkdn_values
from .product_specs import T as DEMO_SPECS

PREFIX = "GEN-"
CHUNK = 10_000  # products per transaction; also the unit of determinism (one random stream each)

# Leaves the demo catalogue has no template for.
EXTRA_SPECS = {
    "Perangkat Jaringan": dict(
        unit="unit", price=(250_000, 9_000_000, 25_000), min_order=(1, 5), capacity=(20, 300), tkdn="elec",
        certs=["SNI"], names=["{v}"],
        variants=["Router Wifi Dual Band", "Switch Hub 24 Port Gigabit", "Access Point Outdoor", "Kabel UTP Cat6 305 m",
                  "Rak Server 42U", "Modem Fiber Optik"],
        desc=["Perangkat jaringan kantor dan sekolah, termasuk konfigurasi awal dan garansi resmi."],
    ),
    "Besi & Baja": dict(
        unit="batang", price=(45_000, 450_000, 1_000), min_order=(10, 100), capacity=(1000, 20000), tkdn="mach",
        certs=["SNI"], names=["{v}"],
        variants=["Besi Beton Ulir 10 mm", "Besi Beton Polos 8 mm", "Besi Siku 40 x 40", "Baja Ringan Kanal C 75",
                  "Pipa Besi Galvanis 2 inci", "Wiremesh M8"],
        desc=["Besi dan baja konstruksi ber-SNI untuk bangunan gedung, jalan dan jembatan."],
    ),
    "Semen": dict(
        unit="sak", price=(55_000, 95_000, 500), min_order=(20, 200), capacity=(5000, 100000), tkdn="mach",
        certs=["SNI"], names=["{v}"],
        variants=["Semen Portland Komposit 50 kg", "Semen Portland Tipe I 40 kg", "Semen Putih 40 kg",
                  "Mortar Instan Perekat Bata 40 kg"],
        desc=["Semen untuk pekerjaan struktur dan pasangan, dikirim langsung dari gudang distributor."],
    ),
    "Servis Kendaraan": dict(
        unit="paket", price=(250_000, 3_500_000, 25_000), min_order=(1, 1), capacity=(20, 200), tkdn="none",
        certs=[], names=["{v}"],
        variants=["Servis Berkala Kendaraan Dinas Roda Empat", "Servis Sepeda Motor Dinas", "Ganti Oli dan Tune Up",
                  "Perbaikan Rem dan Kaki-kaki", "Spooring dan Balancing"],
        desc=["Perawatan kendaraan dinas oleh mekanik bersertifikat, suku cadang asli, laporan servis tertulis."],
    ),
}
SPECS = {**DEMO_SPECS, **EXTRA_SPECS}

# Words of vendor names, by top-level category; and words any business uses.
TRADE_WORDS = {
    "Kain & Tapis": ["Tapis", "Sulam", "Tenun", "Batik", "Songket"],
    "Souvenir & Kerajinan": ["Kerajinan", "Souvenir", "Anyaman", "Cinderamata", "Kriya"],
    "Seminar Kit & Perlengkapan Acara": ["Promosindo", "Seminar Kit", "Advertising", "Kreasi"],
    "Makanan & Minuman Olahan": ["Keripik", "Kemplang", "Dapur", "Pangan", "Snack"],
    "Kopi & Hasil Perkebunan": ["Kopi", "Robusta", "Rempah", "Agro", "Madu"],
    "Alat & Mesin Pertanian": ["Teknik", "Alsintan", "Mesin", "Las", "Agrotek"],
    "Pakaian Dinas & Seragam": ["Konveksi", "Garmen", "Tailor", "Seragam"],
    "Furnitur & Sarana Kantor": ["Mebel", "Furnitur", "Interior", "Kayu"],
    "Alat Tulis Kantor": ["Stationery", "ATK", "Niaga", "Perkasa"],
    "Percetakan & Publikasi": ["Grafika", "Percetakan", "Offset", "Media"],
    "Bahan Bangunan": ["Bangunan", "Material", "Beton", "Baja"],
    "Komputer & Elektronik": ["Komputindo", "Elektronik", "Digital", "Teknologi"],
    "Pertanian & Peternakan": ["Tani", "Ternak", "Agro", "Bibit"],
    "Bahan Pokok": ["Beras", "Pangan", "Sembako", "Niaga"],
    "Jasa": ["Jasa", "Katering", "Servis", "Layanan"],
}
PLACE_WORDS = [
    "Siger", "Sai Bumi", "Ruwa Jurai", "Jejama", "Sekala Brak", "Krakatau", "Way Kambas", "Pesagi", "Tanggamus",
    "Rajabasa", "Teluk Betung", "Kedaton", "Way Halim", "Tanjung Karang", "Sukarame", "Menggala", "Liwa", "Kota Agung",
    "Gunung Sugih", "Kalianda", "Pringsewu", "Gedong Tataan", "Blambangan", "Sukadana", "Kotabumi", "Metro",
]
GOOD_WORDS = ["Jaya", "Makmur", "Sejahtera", "Abadi", "Mandiri", "Sentosa", "Berkah", "Lestari", "Utama", "Perkasa",
              "Bersama", "Maju", "Karya", "Sakti", "Mulia", "Indah"]
PERSON_NAMES = ["Yu Nah", "Bu Ratna", "Pak Harun", "Mbak Sari", "Bang Rizal", "Mak Inah", "Pak Made", "Bu Erna",
                "Uni Yanti", "Koh Acong", "Pak Sumarno", "Bu Lina"]
QUALIFIERS = ["Premium", "Super", "Ekonomis", "Standar", "Grade A", "Kualitas Ekspor", "Original", "Spesial",
              "Pilihan", "Eksklusif", "Jumbo", "Mini", "Tipe A", "Tipe B", "Model Baru", "Seri 2024", "Seri 2025"]
COLOURS = ["Merah", "Hitam", "Biru", "Hijau", "Cokelat", "Putih", "Kuning", "Abu-abu", "Marun", "Krem", "Emas"]
EXTRA_SENTENCES = [
    "Dapat dipesan dalam jumlah besar untuk kebutuhan instansi pemerintah.",
    "Pengiriman ke seluruh kabupaten dan kota di Provinsi Lampung.",
    "Produk usaha lokal, dibuat oleh tenaga kerja setempat.",
    "Harga sudah termasuk kemasan, belum termasuk ongkos kirim.",
    "Bisa cetak logo instansi atau nama kegiatan.",
    "Garansi penggantian bila barang rusak saat diterima.",
    "Tersedia contoh barang sebelum pemesanan.",
    "Waktu produksi 7 sampai 14 hari kerja setelah pesanan diterima.",
    "Bahan baku dari petani dan perajin sekitar.",
    "Faktur pajak dan kuitansi tersedia.",
]
# Kota Bandar Lampung and Metro have more businesses than the rural regencies.
LAMPUNG_WEIGHTS = {"18.71": 8, "18.72": 3, "18.01": 3, "18.02": 3, "18.03": 2, "18.04": 2, "18.06": 2, "18.07": 2}
OUTSIDE_SHARE = 0.12
SCALES_BY_FORM = {
    "PT": [("menengah", 0.5), ("besar", 0.5)],
    "CV": [("kecil", 0.6), ("menengah", 0.35), ("besar", 0.05)],
    "UD": [("mikro", 0.6), ("kecil", 0.4)],
    "KUB": [("mikro", 0.8), ("kecil", 0.2)],
    "Koperasi": [("mikro", 0.3), ("kecil", 0.5), ("menengah", 0.2)],
    "": [("mikro", 0.9), ("kecil", 0.1)],
}
FORMS = [("", 0.3), ("CV", 0.3), ("UD", 0.2), ("PT", 0.1), ("KUB", 0.05), ("Koperasi", 0.05)]


@dataclass
class VendorPlan:
    code: str
    name: str
    region_code: str
    scale: str
    leaves: list[str]
    brand: str


@dataclass
class GenerateReport:
    vendors_created: int = 0
    vendors_existing: int = 0
    products_created: int = 0
    products_existing: int = 0
    indexed: int | None = None  # entries written by the re-index; None when nothing needed it


def _pick(rng: random.Random, weighted: list[tuple]) -> object:
    roll, total = rng.random(), 0.0
    for value, share in weighted:
        total += share
        if roll <= total:
            return value
    return weighted[-1][0]


def _leaves_by_top() -> dict[str, list[str]]:
    """Leaf category names under each top category (a level-2 category without children is a leaf)."""
    found: dict[str, list[str]] = {}
    for top, _k, children in CATEGORY_TREE:
        for child, _k2, leaves in children:
            found.setdefault(top, []).extend([leaf for leaf, _k3, _c in leaves] or [child])
    return found


def vendor_plans(count: int, seed: int) -> list[VendorPlan]:
    """`count` vendors; vendor `i` depends only on the seed and `i`."""
    by_top = _leaves_by_top()
    tops = sorted(by_top)
    lampung = [(code, LAMPUNG_WEIGHTS.get(code, 1)) for code, *_ in LAMPUNG_REGENCIES]
    weight_sum = sum(w for _c, w in lampung)
    lampung = [(code, w / weight_sum) for code, w in lampung]
    outside = [code for code, *_ in OTHER_REGENCIES]
    plans = []
    for i in range(1, count + 1):
        rng = random.Random(f"{seed}:vendor:{i}")
        top = rng.choice(tops)
        leaves = rng.sample(by_top[top], k=min(len(by_top[top]), rng.randint(1, 4)))
        form = _pick(rng, FORMS)
        trade = rng.choice(TRADE_WORDS[top])
        if form == "":
            name = f"{trade} {rng.choice(PERSON_NAMES)}"
        else:
            name = f"{form} {trade} {rng.choice(PLACE_WORDS)} {rng.choice(GOOD_WORDS)}"
        region = rng.choice(outside) if rng.random() < OUTSIDE_SHARE else _pick(rng, lampung)
        plans.append(VendorPlan(
            code=f"{PREFIX}V{i:06d}", name=f"{name} {i}" if rng.random() < 0.05 else name, region_code=region,
            scale=_pick(rng, SCALES_BY_FORM[form]), leaves=leaves,
            brand=rng.choice(PLACE_WORDS + GOOD_WORDS),
        ))
    return plans


def _npwp(i: int) -> str:
    body = f"01{i % 1_000_000:06d}"
    return "0" + body + luhn.calc_check_digit(body) + "325000"


def _ensure_vendors(plans: list[VendorPlan], *, now, report: GenerateReport) -> dict[str, int]:
    """Vendor id by code, creating the missing vendors (verified, with their organisations)."""
    ids = dict(Vendor.objects.filter(code__startswith=f"{PREFIX}V").values_list("code", "id"))
    regions = dict(Region.objects.values_list("code", "id"))
    missing = [p for p in plans if p.code not in ids]
    report.vendors_existing = len(plans) - len(missing)
    with transaction.atomic():
        for start in range(0, len(missing), 2000):
            batch = missing[start : start + 2000]
            organisations = Organisation.objects.bulk_create([
                Organisation(kind=Organisation.Kind.VENDOR, name=p.name, region_id=regions[p.region_code])
                for p in batch
            ])
            vendors = []
            for plan, organisation in zip(batch, organisations, strict=True):
                number = int(plan.code.removeprefix(f"{PREFIX}V"))
                vendors.append(Vendor(
                    organisation=organisation, code=plan.code, name=plan.name, scale=plan.scale,
                    region_id=regions[plan.region_code], nib=f"95{number:011d}", npwp=_npwp(number),
                    status=VendorStatus.VERIFIED, submitted_at=now, decided_at=now, verified_at=now,
                    created_at=now, updated_at=now, description=f"{plan.name}: usaha di bidang {', '.join(plan.leaves).lower()}.",
                ))
            Vendor.objects.bulk_create(vendors)
    report.vendors_created = len(missing)
    return dict(Vendor.objects.filter(code__startswith=f"{PREFIX}V").values_list("code", "id"))


def _product_name(rng: random.Random, spec: dict, brand: str) -> tuple[str, int, int]:
    name = rng.choice(spec["names"])
    variant = rng.choice(spec["variants"])
    text, low, high = (variant, *spec["price"][:2]) if isinstance(variant, str) else variant
    title = name.format(v=text)
    roll = rng.random()
    if roll < 0.35:
        title = f"{title} {rng.choice(QUALIFIERS)}"
    elif roll < 0.55:
        title = f"{title} {rng.choice(COLOURS)}"
    if rng.random() < 0.4:
        title = f"{title} {brand}"
    return title, low, high


def _product(rng: random.Random, n: int, plan: VendorPlan, vendor_id: int, *, ids: dict, approve: bool, now):
    leaf = rng.choice(plan.leaves)
    spec = SPECS[leaf]
    title, low, high = _product_name(rng, spec, plan.brand)
    step = spec["price"][2]
    local_origin = plan.region_code.startswith("18.")
    roll = rng.random()
    if roll < (0.1 if local_origin else 0.4):
        origin = None
    elif roll < 0.2 and local_origin:
        origin = ids["regions"][rng.choice(LAMPUNG_REGENCIES)[0]]
    else:
        origin = ids["regions"][plan.region_code]
    tkdn, bmp = tkdn_values(rng, spec["tkdn"])
    certs = [c for c in spec["certs"] if rng.random() < 0.7] + (["TKDN"] if tkdn else [])
    region_name = ids["region_names"][plan.region_code]
    description = rng.choice(spec["desc"]).format(region=region_name)
    description += " " + " ".join(rng.sample(EXTRA_SENTENCES, k=rng.randint(0, 2)))
    listed_at = now - dt.timedelta(minutes=rng.randint(0, 2 * 365 * 24 * 60))
    return Product(
        vendor_id=vendor_id, sku=f"{PREFIX}{n:07d}", name=title[:255], description=description.strip(),
        category_id=ids["categories"][leaf], unit=spec["unit"],
        price_idr=rng.randint(low // step, high // step) * step, min_order=rng.randint(*spec["min_order"]),
        capacity_per_month=rng.randint(*spec["capacity"]), origin_region_id=origin,
        tkdn_pct=Decimal(tkdn) if tkdn else None, bmp_pct=Decimal(bmp) if bmp else None, certifications=certs,
        status=ProductStatus.APPROVED if approve else ProductStatus.SUBMITTED,
        submitted_at=listed_at, approved_at=listed_at if approve else None, created_at=listed_at, updated_at=listed_at,
    )


def _category_ids() -> dict[str, int]:
    """Leaf name -> id (leaf names are unique in the reference tree)."""
    load_categories(Category)
    leaves = {leaf for names in _leaves_by_top().values() for leaf in names}
    found = {}
    for pk, name in Category.objects.filter(name__in=leaves).order_by("level", "pk").values_list("pk", "name"):
        found.setdefault(name, pk)
    return found


def generate_catalog(
    *, products: int, vendors: int | None = None, seed: int = 1, approve: bool = False, now=None, progress=None,
) -> GenerateReport:
    """Write vendors GEN-V000001.. and products GEN-0000001..GEN-<products>, skipping those that exist.

    `vendors` defaults to one per 40 products. Products are listed (approved) only with `approve`.
    The search index is rebuilt when anything was written or listed products lack an entry.
    """
    now = now or clock.now()
    report = GenerateReport()
    plans = vendor_plans(vendors or max(5, products // 40), seed)
    vendor_ids = _ensure_vendors(plans, now=now, report=report)
    regions = Region.objects.values_list("code", "id", "name")
    ids = {
        "categories": _category_ids(),
        "regions": {code: pk for code, pk, _n in regions},
        "region_names": {code: name for code, _pk, name in regions},
    }
    # Later vendors sell less: a few large sellers, a long tail of small ones.
    weights = [1 / (1 + i / 50) for i in range(len(plans))]
    for start in range(1, products + 1, CHUNK):
        stop = min(start + CHUNK, products + 1)
        rng = random.Random(f"{seed}:products:{start // CHUNK}")
        chosen = rng.choices(range(len(plans)), weights=weights, k=stop - start)
        existing = set(
            Product.objects.filter(sku__gte=f"{PREFIX}{start:07d}", sku__lt=f"{PREFIX}{stop:07d}")
            .values_list("sku", flat=True)
        )
        batch = []
        for n, vendor_index in zip(range(start, stop), chosen, strict=True):
            plan = plans[vendor_index]
            product = _product(rng, n, plan, vendor_ids[plan.code], ids=ids, approve=approve, now=now)
            if product.sku not in existing:
                batch.append(product)
        with transaction.atomic():
            bulk_insert(Product, batch)
            record_changes("products", Product.objects.filter(sku__in=[p.sku for p in batch]).values_list("pk", flat=True))
        report.products_created += len(batch)
        report.products_existing += len(existing)
        if progress:
            progress("products", stop - 1, products)
    listed = Product.objects.filter(status=ProductStatus.APPROVED, vendor__status=VendorStatus.VERIFIED).count()
    if report.products_created or report.vendors_created or SearchEntry.objects.count() != listed:
        # Fresh planner statistics before and after indexing: without them both databases fetch
        # products by id through the status index (on PostgreSQL 1 s per 2,000 ids instead of 20 ms).
        refresh_statistics()  # before indexing too: it fetches the new rows by id
        report.indexed = reindex_all(progress=(lambda done, of: progress("index", done, of)) if progress else None)
    return report
