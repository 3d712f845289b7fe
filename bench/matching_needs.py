"""Buyers' needs for the matching benchmark, generated deterministically to read like real ones.

Two kinds, mixed: a third are the labelled needs of the matching evaluation
(katalog/matching/evaluation/needs.csv: long titles, descriptions with hard requirements, synonyms)
with their quantity, budget, delivery regency, date and category varied; the rest are written from the
synthetic catalogue's own product templates (katalog.demo.generator.SPECS) the way buyers word a
purchase: an opening word ("Pengadaan", "Belanja"...), the thing (sometimes by a synonym: "hand
tractor", "souvenir", "ATK"), a purpose ("untuk rapat koordinasi"), a description sentence or two,
sometimes a hard requirement ("Wajib TKDN+BMP ≥ 40%.", "asal Pesawaran"). About half name a category;
most have a budget near the going price (some far below it), a Lampung delivery regency (a few
outside), and a needed-by date. `stored_needs` writes them as Need rows of benchmark buyers, as the
background re-match reads them. Import after Django is set up.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

from katalog.demo.generator import SPECS
from katalog.matching.specs import NeedSpec, read_needs
from katalog.regions.reference import LAMPUNG_REGENCIES, OTHER_REGENCIES

EVALUATION_NEEDS = Path(__file__).resolve().parent.parent / "katalog" / "matching" / "evaluation" / "needs.csv"

OPENERS = ["Pengadaan", "Belanja", "Penyediaan", "Kebutuhan", "Pembelian", "", "", ""]
PURPOSES = [
    "untuk rapat koordinasi", "untuk kegiatan bimbingan teknis", "bagi peserta pelatihan", "untuk kantor dinas",
    "dalam rangka HUT Provinsi Lampung", "untuk tamu kunjungan kerja", "untuk kelompok tani binaan",
    "untuk sekolah binaan", "untuk pameran UMKM", "untuk puskesmas", "", "", "", "",
]
DETAILS = [
    "Barang dikirim ke kantor kami di {regency}.",
    "Pengiriman bertahap selama dua bulan, termasuk ongkos kirim.",
    "Mohon sertakan contoh barang dan brosur.",
    "Spesifikasi sesuai contoh terlampir, warna bisa dikonsultasikan.",
    "Dibutuhkan untuk kegiatan tahun anggaran 2027.",
    "Harga sudah termasuk pajak dan pengiriman.",
    "Kemasan rapi, bisa diberi logo instansi.",
    "Garansi minimal satu tahun.",
]
REQUIREMENTS = [
    "Wajib TKDN+BMP ≥ 40%.", "Wajib UMKM Lampung.", "Diutamakan produk lokal Lampung.", "TKDN minimal 25%.",
    "Wajib produk dalam negeri.", "Barang asal Kabupaten Pesawaran.", "Wajib bersertifikat halal.",
    "Penyedia asal Kota Metro diutamakan.",
]
# Other words for what the catalogue names (the curated synonyms and buyers' shorthand).
SYNONYM_WORDING = {
    "Traktor Roda Dua": ["hand tractor", "traktor tangan"], "Mesin Perontok Padi": ["power thresher"],
    "Tas Seminar": ["goodie bag", "tas kegiatan"], "Plakat & Cinderamata": ["souvenir", "suvenir", "kenang kenangan"],
    "Mesin Pencacah": ["chopper"], "Pompa Air": ["water pump", "mesin pompa"],
    "Alat Semprot (Sprayer)": ["alat semprot", "mist blower"], "Mesin Sangrai Kopi": ["coffee roaster"],
    "Pakaian Dinas Harian (PDH)": ["PDH"], "Pakaian Dinas Lapangan (PDL)": ["PDL"],
}
# Kota Bandar Lampung and Metro order most.
REGENCY_WEIGHTS = {"18.71": 8, "18.72": 3, "18.01": 2, "18.02": 2}
OUTSIDE_SHARE = 0.05
# Organisations of the stored needs ("Benchmark buyer (opd_provinsi)"...): a run replaces the previous run's needs.
BENCH_BUYER = "Benchmark buyer"


def _thing(rng: random.Random, leaf: str, spec: dict) -> str:
    """The product as a buyer names it: a template's words without sizes and packaging, or a synonym."""
    if leaf in SYNONYM_WORDING and rng.random() < 0.4:
        return rng.choice(SYNONYM_WORDING[leaf])
    variant = rng.choice(spec["variants"])
    text = rng.choice(spec["names"]).format(v=variant if isinstance(variant, str) else variant[0])
    text = re.sub(r"\(.*?\)|\d[\d.,]*\s*(?:g|kg|ml|l|m|cm|mm|inci|port|u)?\b", " ", text, flags=re.I)
    words = [w for w in text.split() if w not in {"x", "-", "/"}]
    return " ".join(words[: rng.randint(2, 4)]).lower() or leaf.lower()


def _regency(rng: random.Random) -> tuple[str, str]:
    if rng.random() < OUTSIDE_SHARE:
        code, name, *_ = rng.choice(OTHER_REGENCIES)
        return code, name
    codes = [(code, name) for code, name, _bps in LAMPUNG_REGENCIES]
    weights = [REGENCY_WEIGHTS.get(code, 1) for code, _name in codes]
    return rng.choices(codes, weights=weights)[0]


def _budget(rng: random.Random, unit_price: int, quantity: int) -> int | None:
    roll = rng.random()
    if roll < 0.15:
        return None
    factor = rng.uniform(0.2, 0.6) if roll < 0.25 else rng.uniform(0.8, 2.0)  # a tenth far below the price
    return max(100_000, int(round(unit_price * quantity * factor, -4)))


def _needed_by(rng: random.Random, today: dt.date) -> dt.date | None:
    return None if rng.random() < 0.2 else today + dt.timedelta(days=rng.randint(7, 180))


def template_need(rng: random.Random, n: int, today: dt.date) -> NeedSpec:
    leaf = rng.choice(sorted(SPECS))
    spec = SPECS[leaf]
    thing = _thing(rng, leaf, spec)
    title = " ".join(w for w in [rng.choice(OPENERS), thing, rng.choice(PURPOSES)] if w)
    title = title[0].upper() + title[1:]
    code, regency_name = _regency(rng)
    sentences = [rng.choice(spec["desc"]).format(region=regency_name)] if rng.random() < 0.5 else []
    sentences += [s.format(regency=regency_name) for s in rng.sample(DETAILS, k=rng.randint(0, 2))]
    if rng.random() < 0.2:
        sentences.append(rng.choice(REQUIREMENTS))
    low, high, _step = spec["price"]
    min_order, _most = spec["min_order"]
    quantity = max(min_order, int(rng.randint(*spec["capacity"]) * rng.uniform(0.01, 0.8)))
    return NeedSpec(
        ref=f"BENCH-{n:06d}", title=title, description=" ".join(sentences),
        category=leaf if rng.random() < 0.5 else "", quantity=quantity, unit=spec["unit"],
        budget_idr=_budget(rng, (low + high) // 2, quantity), regency_code=code, needed_by=_needed_by(rng, today),
    )


def varied_evaluation_need(rng: random.Random, n: int, base: NeedSpec, today: dt.date) -> NeedSpec:
    quantity = max(1, round(base.quantity * rng.uniform(0.3, 3.0)))
    unit_price = (base.budget_idr or 1_000_000 * base.quantity) // base.quantity
    return NeedSpec(
        ref=f"BENCH-{n:06d}", title=base.title, description=base.description if rng.random() < 0.8 else "",
        category=base.category if rng.random() < 0.7 else "", quantity=quantity, unit=base.unit,
        budget_idr=_budget(rng, unit_price, quantity), regency_code=_regency(rng)[0] if rng.random() < 0.3
        else base.regency_code, needed_by=_needed_by(rng, today), buyer=base.buyer, buyer_type=base.buyer_type,
    )


def generated_needs(count: int, *, today: dt.date, seed: int = 5) -> list[NeedSpec]:
    """`count` needs; the same for the same seed and date."""
    rng = random.Random(seed)
    evaluation = read_needs(EVALUATION_NEEDS.read_bytes(), EVALUATION_NEEDS.name)
    return [
        varied_evaluation_need(rng, n, rng.choice(evaluation), today) if n % 3 == 0 else template_need(rng, n, today)
        for n in range(1, count + 1)
    ]


def stored_needs(specs: list[NeedSpec], now: dt.datetime) -> list[int]:
    """Need rows for these specs (the previous run's are deleted first), ids in order."""
    from django.contrib.auth import get_user_model

    from katalog.accounts.models import Organisation
    from katalog.catalog.models import Category
    from katalog.matching.models import Need
    from katalog.regions.models import Region

    Need.objects.filter(buyer_organisation__name__startswith=BENCH_BUYER).delete()
    user, _created = get_user_model().objects.get_or_create(username="bench-matching")
    buyers = {}
    for buyer_type in sorted({s.buyer_type or "opd_provinsi" for s in specs}):
        buyers[buyer_type], _created = Organisation.objects.get_or_create(
            name=f"{BENCH_BUYER} ({buyer_type})", kind=Organisation.Kind.BUYER, buyer_type=buyer_type)
    regions = dict(Region.objects.values_list("code", "pk"))
    categories = {}
    for pk, slug, name in Category.objects.values_list("pk", "slug", "name"):
        categories.setdefault(slug.casefold(), pk)
        categories.setdefault(name.casefold(), pk)
    needs = [
        Need(buyer_organisation=buyers[s.buyer_type or "opd_provinsi"], created_by=user, ref=s.ref, title=s.title,
             description=s.description, category_id=categories.get(s.category.casefold()) if s.category else None,
             quantity=s.quantity, unit=s.unit, budget_idr=s.budget_idr, delivery_region_id=regions[s.regency_code],
             needed_by=s.needed_by, created_at=now, updated_at=now)
        for s in specs
    ]
    Need.objects.bulk_create(needs, batch_size=1000)
    return list(Need.objects.filter(buyer_organisation__name__startswith=BENCH_BUYER).order_by("ref")
                .values_list("pk", flat=True))
