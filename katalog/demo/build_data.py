"""Write the demo catalogue files in data/ (deterministic): `python -m katalog.demo.build_data`.

The CSV files are committed; this script only documents how they were made and regenerates them
after a change here. It needs no database: categories and regions come from the reference modules.
The files go through the real imports (`katalog load-demo`), so they use the import columns.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from stdnum import luhn
from stdnum.id import npwp as stdnum_npwp

from katalog.regions.reference import LAMPUNG_REGENCIES, OTHER_REGENCIES, PROVINCES

from .product_specs import T

DATA_DIR = Path(__file__).resolve().parent / "data"
SEED = 20230511  # the day of Lampung's business-matching event

VENDOR_COLUMNS = ["vendor_code", "name", "regency_code", "scale", "nib", "npwp", "kbli"]
PROFILE_COLUMNS = ["vendor_code", "address", "contact_name", "contact_phone", "contact_email", "description"]
PRODUCT_COLUMNS = [
    "sku", "vendor_code", "name", "description", "category", "unit", "price", "min_order",
    "capacity_per_month", "tkdn", "bmp", "origin_regency_code", "certifications",
]

REGION_NAMES = {code: name for code, name, *_rest in LAMPUNG_REGENCIES + OTHER_REGENCIES}
REGION_NAMES.update({code: name for code, name in PROVINCES})

# Tax office (KPP) codes used in the demo NPWPs, by regency.
KPP = {
    "18.71": "325", "18.72": "321", "18.01": "326", "18.02": "321", "18.03": "322", "18.04": "322",
    "18.05": "327", "18.06": "323", "18.07": "321", "18.08": "322", "18.09": "326", "18.10": "323",
    "18.11": "327", "18.12": "327", "18.13": "323", "31.71": "013", "32.73": "423", "33.74": "503",
    "35.78": "615", "16.71": "301", "36.71": "402",
}

# name, regency, scale, KBLI codes, {leaf category: products}, options
# options: origin_blank (share of products with no origin: imported or unknown),
#          origin_other (Kemendagri code where the goods are made, when not the vendor's regency)
VENDORS = [
    # Kota Bandar Lampung
    ("Tapis Jejama Sai", "18.71", "mikro", "13121;13996;47711",
     {"Tapis Lembaran": 5, "Selendang & Tapis Motif": 2, "Tapis Tumpal & Hiasan Dinding": 3, "Souvenir Tapis": 3}, {}),
    ("Sulam Usus Siger", "18.71", "mikro", "13996;14111",
     {"Kain Sulam Usus": 5, "Selendang & Tapis Motif": 2, "Batik & Tapis Dinas": 1, "Souvenir Tapis": 2}, {}),
    ("Konveksi Saibatin", "18.71", "kecil", "14111;13929",
     {"Pakaian Dinas Harian (PDH)": 2, "Pakaian Dinas Lapangan (PDL)": 2, "Seragam Kerja & Wearpack": 2,
      "Tas Seminar": 3}, {}),
    ("CV Siger Promosindo", "18.71", "kecil", "18111;32909;73100",
     {"Paket Seminar Kit": 5, "Name Tag & ID Card": 4, "Backdrop & Dekorasi Acara": 3, "Spanduk & Banner": 2}, {}),
    ("Batik Siger Rajabasa", "18.71", "mikro", "13134;47711", {"Batik Lampung": 6, "Batik & Tapis Dinas": 2}, {}),
    ("Keripik Pisang Yu Nah", "18.71", "mikro", "10793", {"Keripik & Camilan": 5}, {}),
    ("Kemplang Panggang Teluk Betung", "18.71", "mikro", "10793", {"Kemplang & Kerupuk": 4}, {}),
    ("CV Karya Mebel Tanjung Karang", "18.71", "kecil", "31001;16221",
     {"Meja": 2, "Kursi": 2, "Lemari & Filing Cabinet": 2, "Perlengkapan Ruang Rapat": 1}, {}),
    ("CV Pesagi Grafika", "18.71", "kecil", "18111;58110",
     {"Buku & Laporan": 3, "Brosur & Leaflet": 2, "Kalender & Undangan": 2}, {}),
    ("CV Enggal Jaya Komputindo", "18.71", "kecil", "46510;47411",
     {"Laptop & PC": 2, "Printer & Scanner": 1, "Proyektor & Layar": 1, "Pendingin Ruangan (AC)": 2},
     {"origin_blank": 0.6, "origin_other": "36.71"}),
    ("Piala dan Plakat Kedaton", "18.71", "mikro", "32909;25999", {"Piala & Medali": 5, "Plakat & Cinderamata": 3}, {}),
    ("Catering Dapoer Way Halim", "18.71", "mikro", "56210",
     {"Nasi Kotak": 3, "Snack Box": 2, "Prasmanan": 1, "Kue & Roti Tradisional": 2}, {}),
    ("Bengkel Las Rajabasa Teknik", "18.71", "mikro", "28211;33122", {}, {}),
    ("CV Lampung Jaya Abadi", "18.71", "kecil", "46900;47610",
     {"Kertas HVS": 2, "Pulpen & Pensil": 2, "Map & Ordner": 2, "Buku Tulis & Agenda": 2},
     {"origin_blank": 0.2, "origin_other": "36.71"}),
    ("Kopi Bubuk Way Awi", "18.71", "mikro", "10761", {"Kopi Bubuk": 2, "Kopi Biji Sangrai": 1, "Minuman Kemasan": 2}, {}),
    ("CV Teknik Mandiri Sukarame", "18.71", "kecil", "28250;28211",
     {"Mesin Sangrai Kopi": 3, "Mesin Pencacah": 2, "Mesin Pengering": 1}, {}),
    ("Tas dan Souvenir Way Halim", "18.71", "mikro", "15121;13929",
     {"Tas Seminar": 4, "Paket Seminar Kit": 3, "Souvenir Tapis": 2}, {}),
    ("CV Bersih Sejahtera Lampung", "18.71", "kecil", "81210", {}, {}),
    ("Tenda dan Dekorasi Sai Bumi", "18.71", "mikro", "77399;82302",
     {"Sewa Tenda & Dekorasi": 2, "Backdrop & Dekorasi Acara": 1}, {}),
    ("Minuman Herbal Kemiling", "18.71", "mikro", "11040;10799", {}, {}),
    # Kota Metro
    ("CV Mekar Tani Mandiri", "18.72", "kecil", "28211;28212;46530",
     {"Traktor Roda Dua": 3, "Mesin Perontok Padi": 3, "Pompa Air": 2, "Alat Semprot (Sprayer)": 1}, {}),
    ("Anyaman Pandan Ganjar Agung", "18.72", "mikro", "16293", {"Kerajinan Anyaman": 4}, {}),
    ("UD Seragam Bunda Metro", "18.72", "mikro", "14111", {"Seragam Sekolah": 4}, {}),
    ("CV Bengkel Tani Sejahtera", "18.72", "kecil", "28211;33122",
     {"Mesin Pencacah": 2, "Mesin Pengering": 1, "Kultivator": 1, "Alat Ternak": 1}, {}),
    ("UD Sinar Kreasi Metro", "18.72", "mikro", "32909;18111",
     {"Paket Seminar Kit": 3, "Name Tag & ID Card": 2, "Gantungan Kunci & Pernak-pernik": 2}, {}),
    # Kab. Lampung Selatan
    ("Madu Hutan Rajabasa", "18.01", "mikro", "01494;10799", {"Madu": 3}, {}),
    ("CV Natar Agro Teknik", "18.01", "kecil", "28211;28250",
     {"Mesin Pengering": 2, "Mesin Sangrai Kopi": 2, "Mesin Perontok Padi": 1}, {}),
    ("UD Bambu Kreasi Kalianda", "18.01", "mikro", "16293", {"Kerajinan Bambu & Rotan": 4}, {}),
    ("UD Paving Jati Agung", "18.01", "kecil", "23953", {"Batako & Paving": 3}, {}),
    ("PT Lampung Agro Industri", "18.01", "menengah", "28211;46530",
     {"Mesin Pengering": 2, "Traktor Roda Dua": 2, "Mesin Perontok Padi": 1, "Kultivator": 1}, {}),
    ("PT Beton Sai Lampung", "18.01", "menengah", "23953;23951", {"Beton Ready-mix": 2, "Aspal & Material Jalan": 2}, {}),
    # Kab. Lampung Tengah
    ("CV Bandar Jaya Mesin Tani", "18.02", "kecil", "28211;28212",
     {"Traktor Roda Dua": 3, "Kultivator": 1, "Mesin Perontok Padi": 2, "Pompa Air": 1}, {}),
    ("UD Beras Seputih Makmur", "18.02", "kecil", "10611", {"Beras": 3}, {}),
    ("Keripik Singkong Terbanggi", "18.02", "mikro", "10793", {"Keripik & Camilan": 3}, {}),
    ("Sanggar Tapis Nuwo Balak", "18.02", "mikro", "13121",
     {"Tapis Lembaran": 5, "Selendang & Tapis Motif": 2, "Souvenir Tapis": 2}, {}),
    # Kab. Lampung Utara
    ("Lada Hitam Abung", "18.03", "mikro", "01281;10792", {"Lada & Rempah": 3}, {}),
    ("UD Ukir Kayu Sai Bumi", "18.03", "mikro", "16299", {"Kerajinan Kayu": 3, "Plakat & Cinderamata": 2}, {}),
    # Kab. Lampung Barat
    ("Kopi Liwa Sekala Brak", "18.04", "kecil", "10761;01270",
     {"Kopi Bubuk": 2, "Kopi Biji Sangrai": 2, "Kopi Biji Mentah (Green Bean)": 1}, {}),
    ("KUB Kopi Sumberjaya", "18.04", "mikro", "01270", {"Kopi Biji Mentah (Green Bean)": 2}, {}),
    # Kab. Tulang Bawang
    ("Sanggar Tapis Menggala", "18.05", "mikro", "13121", {"Tapis Lembaran": 4, "Tapis Tumpal & Hiasan Dinding": 2}, {}),
    ("Kerupuk Udang Rawajitu", "18.05", "mikro", "10793", {"Kemplang & Kerupuk": 3}, {}),
    # Kab. Tanggamus
    ("Kopi Lereng Tanggamus", "18.06", "kecil", "10761;01270", {"Kopi Bubuk": 2, "Kopi Biji Sangrai": 1}, {}),
    ("Cokelat Ulubelu", "18.06", "mikro", "10732", {"Kakao & Cokelat": 3}, {}),
    # Kab. Lampung Timur
    ("CV Tani Makmur Way Jepara", "18.07", "kecil", "28211;28130",
     {"Pompa Air": 2, "Alat Semprot (Sprayer)": 1, "Mesin Perontok Padi": 1}, {}),
    ("Tenun Ikat Gunung Pelindung", "18.07", "mikro", "13122", {}, {}),
    # Kab. Way Kanan
    ("Gula Semut Way Kanan", "18.08", "mikro", "10722", {"Gula, Minyak & Bahan Pokok Lain": 2}, {}),
    # Kab. Pesawaran
    ("Souvenir Pahawang", "18.09", "mikro", "32909;14111",
     {"Gantungan Kunci & Pernak-pernik": 3, "Plakat & Cinderamata": 1}, {}),
    # Kab. Pringsewu
    ("Mebel Jati Pringsewu", "18.10", "kecil", "31001", {"Meja": 1, "Kursi": 1, "Papan Tulis & Papan Informasi": 2}, {}),
    ("Kerajinan Bambu Pringsewu", "18.10", "mikro", "16293", {"Kerajinan Bambu & Rotan": 2, "Souvenir Tapis": 1}, {}),
    ("Konveksi Pringsewu Jaya", "18.10", "kecil", "14111",
     {"Pakaian Dinas Harian (PDH)": 2, "Seragam Sekolah": 1, "Tas Seminar": 1}, {}),
    # Kab. Mesuji
    ("UD Benih Mesuji Lestari", "18.11", "mikro", "01301", {"Benih & Bibit": 3}, {}),
    ("CV Pupuk Organik Simpang Pematang", "18.11", "kecil", "20121", {"Pupuk & Pestisida": 2}, {}),
    # Kab. Tulang Bawang Barat
    ("Kerajinan Tapis Panaragan", "18.12", "mikro", "13121",
     {"Tapis Lembaran": 4, "Selendang & Tapis Motif": 1, "Souvenir Tapis": 2}, {}),
    ("Peternakan Sapi Tubaba", "18.12", "mikro", "01411", {"Hewan Ternak": 2, "Obat & Peralatan Kesehatan Hewan": 1},
     {"origin_other": "35.78"}),
    # Kab. Pesisir Barat
    ("Souvenir Tanjung Setia", "18.13", "mikro", "32909;14111",
     {"Gantungan Kunci & Pernak-pernik": 2, "Kerajinan Kayu": 1}, {}),
    # Outside Lampung
    ("PT Agro Mesin Nusantara", "35.78", "besar", "28211;28212",
     {"Traktor Roda Dua": 2, "Traktor Roda Empat": 2, "Mesin Perontok Padi": 1, "Kultivator": 1},
     {"origin_blank": 0.2}),
    ("CV Sentosa Pompa Indonesia", "36.71", "menengah", "28130;46530",
     {"Pompa Air": 2, "Alat Semprot (Sprayer)": 1}, {"origin_blank": 0.3}),
    ("PT Kopi Nusantara Prima", "31.71", "besar", "10761;46321", {"Kopi Bubuk": 1, "Kopi Biji Sangrai": 1},
     {"origin_other": "18.04"}),
    ("CV Grafika Mandiri Bandung", "32.73", "kecil", "18111",
     {"Paket Seminar Kit": 2, "Tas Seminar": 2, "Buku & Laporan": 1}, {}),
    ("PT Datakom Solusi Indonesia", "31.71", "besar", "46510",
     {"Laptop & PC": 2, "Printer & Scanner": 1, "Proyektor & Layar": 1}, {"origin_blank": 0.7}),
    ("CV Palembang Songket Jaya", "16.71", "kecil", "13121", {"Tenun & Songket": 4}, {}),
    ("PT Sarana Tani Sumatera", "16.71", "menengah", "46530",
     {"Kultivator": 1, "Alat Semprot (Sprayer)": 1, "Mesin Pencacah": 1}, {"origin_blank": 0.5}),
    ("CV Bandung Konveksi Seragam", "32.73", "kecil", "14111",
     {"Pakaian Dinas Lapangan (PDL)": 1, "Seragam Kerja & Wearpack": 1}, {}),
]

# kind -> (share, TKDN range, BMP range or None)
TKDN_PROFILES = {
    "tex": [(0.2, None), (0.1, "low"), (0.1, "pref"), (0.6, ((60, 90), (1, 10)))],
    "craft": [(0.4, None), (0.1, "low"), (0.1, "pref"), (0.4, ((50, 85), (1, 8)))],
    "kit": [(0.4, None), (0.05, "low"), (0.15, "pref"), (0.4, ((40, 80), (1, 10)))],
    "mach": [(0.1, None), (0.1, "low"), (0.2, "pref"), (0.6, ((40, 60), (5, 15)))],
    "food": [(0.8, None), (0.05, "pref"), (0.15, ((45, 85), None))],
    "elec": [(0.5, None), (0.2, "low"), (0.2, "pref"), (0.1, ((40, 45), (1, 5)))],
    "none": [(1.0, None)],
}

CONTACTS = [
    "Rosmala Dewi", "Hendra Saputra", "Yuliana", "Ahmad Fauzi", "Siti Rahmawati", "Suryadi", "Nurhayati",
    "Rizal Effendi", "Dewi Kartika", "Bambang Sutrisno", "Marlina", "Joko Prasetyo", "Fitriani", "Iwan Setiawan",
    "Herlina Sari", "Agus Salim", "Ratna Juwita", "Made Suarta", "Erna Wati", "Sumarno",
]
STREETS = [
    "Jl. Pagar Alam", "Jl. Teuku Umar", "Jl. Kartini", "Jl. Sultan Agung", "Jl. Ahmad Yani", "Jl. Imam Bonjol",
    "Jl. Jenderal Sudirman", "Jl. Diponegoro", "Jl. Raden Intan", "Jl. Pramuka", "Jl. Soekarno-Hatta",
    "Jl. Lintas Sumatera", "Jl. Pendidikan", "Jl. Merdeka",
]


def vendor_code(index: int) -> str:
    return f"KL-{index:04d}"


def make_nib(rng: random.Random, used: set[str]) -> str:
    while True:
        nib = "9120" + "".join(str(rng.randint(0, 9)) for _ in range(9))
        if nib not in used:
            used.add(nib)
            return nib


def make_npwp(rng: random.Random, regency: str, scale: str) -> str:
    """16 digits: 0 + the legacy number (type, serial, Luhn check digit, KPP, branch)."""
    kind = "01" if scale in ("kecil", "menengah", "besar") else rng.choice(["07", "08", "09"])
    body = kind + f"{rng.randint(100000, 999999)}"
    number = "0" + body + luhn.calc_check_digit(body) + KPP[regency] + "000"
    stdnum_npwp.validate(number)
    return number


def _money(rng: random.Random, low: int, high: int, step: int) -> int:
    return rng.randint(low // step, high // step) * step


def _percent(rng: random.Random, low: float, high: float) -> str:
    value = rng.randint(int(low * 2), int(high * 2)) / 2  # halves, as certificates often show
    return f"{value:g}"


def _weighted(roll: float, choices: list[tuple[float, object]]):
    """The choice whose cumulative share first reaches `roll` (0 to 1)."""
    total = 0.0
    for share, choice in choices:
        total += share
        if roll <= total:
            return choice
    return choices[-1][1]


def tkdn_values(rng: random.Random, profile: str) -> tuple[str, str]:
    kind = _weighted(rng.random(), TKDN_PROFILES[profile])
    if kind is None:
        return "", ""
    if kind == "low":
        return _percent(rng, 10, 24.5), (_percent(rng, 1, 8) if rng.random() < 0.5 else "")
    if kind == "pref":
        return _percent(rng, 25, 33), (_percent(rng, 1, 5) if rng.random() < 0.5 else "")
    (t_low, t_high), bmp = kind
    return _percent(rng, t_low, t_high), (_percent(rng, *bmp) if bmp and rng.random() < 0.8 else "")


def products_for(rng: random.Random, code: str, regency: str, plan: dict, options: dict) -> list[dict]:
    rows: list[dict] = []
    n = 0
    for leaf, count in plan.items():
        spec = T[leaf]
        combos = [(name, v) for v in spec["variants"] for name in spec["names"]]
        combos.sort(key=lambda c: (c[0], c[1] if isinstance(c[1], str) else c[1][0]))
        rng.shuffle(combos)
        seen: set[str] = set()
        picked = []
        for name, variant in combos:
            text, low, high = (variant, *spec["price"][:2]) if isinstance(variant, str) else variant
            title = name.format(v=text)
            if title not in seen:
                seen.add(title)
                picked.append((title, low, high))
            if len(picked) == count:
                break
        if len(picked) < count:
            raise SystemExit(f"{leaf}: only {len(picked)} distinct names for {count} products")
        for title, price_low, price_high in picked:
            n += 1
            origin = regency
            if options.get("origin_other") and rng.random() < 0.5:
                origin = options["origin_other"]
            if rng.random() < options.get("origin_blank", 0):
                origin = ""
            tkdn, bmp = tkdn_values(rng, spec["tkdn"])
            certs = [c for c in spec["certs"] if rng.random() < 0.7]
            if tkdn:
                certs.append("TKDN")
            low, high = spec["min_order"]
            cap_low, cap_high = spec["capacity"]
            rows.append({
                "sku": f"{code}-{n:03d}",
                "vendor_code": code,
                "name": title,
                "description": rng.choice(spec["desc"]).format(region=REGION_NAMES.get(origin or regency, "")),
                "category": leaf,
                "unit": spec["unit"],
                "price": _money(rng, price_low, price_high, spec["price"][2]),
                "min_order": rng.randint(low, high),
                "capacity_per_month": rng.randint(cap_low, cap_high) // 5 * 5 or cap_low,
                "tkdn": tkdn,
                "bmp": bmp,
                "origin_regency_code": origin,
                "certifications": ";".join(certs),
            })
    return rows


def _badge_combo(row: dict, vendor: dict) -> tuple:
    """The badges a product gets (a self-check of the generated data; the app computes its own)."""
    home = lambda code: bool(code) and code.split(".")[0] == "18"  # noqa: E731
    tkdn = float(row["tkdn"]) if row["tkdn"] else None
    bmp = float(row["bmp"]) if row["bmp"] else 0.0
    return (
        home(vendor["regency_code"]) and home(row["origin_regency_code"]),
        vendor["scale"] in ("mikro", "kecil"),
        tkdn is not None and tkdn + bmp >= 40,
        tkdn is not None and tkdn >= 25,
    )


def build() -> tuple[list[dict], list[dict], list[dict]]:
    rng = random.Random(SEED)
    vendors, profiles, products = [], [], []
    nibs: set[str] = set()
    for index, (name, regency, scale, kbli, plan, options) in enumerate(VENDORS, start=1):
        code = vendor_code(index)
        vendor = {
            "vendor_code": code, "name": name, "regency_code": regency, "scale": scale,
            "nib": make_nib(rng, nibs), "npwp": make_npwp(rng, regency, scale), "kbli": kbli,
        }
        vendors.append(vendor)
        contact = CONTACTS[(index * 7) % len(CONTACTS)]
        profiles.append({
            "vendor_code": code,
            "address": f"{rng.choice(STREETS)} No. {rng.randint(1, 250)}, {REGION_NAMES[regency]}",
            "contact_name": contact,
            "contact_phone": f"0800-0000-{index:04d}",
            "contact_email": f"{code.lower()}@example.com",
            "description": _description(name, regency, scale, plan),
        })
        for row in products_for(rng, code, regency, plan, options):
            products.append(row)
            row["_combo"] = _badge_combo(row, vendor)
    return vendors, profiles, products


def _description(name: str, regency: str, scale: str, plan: dict) -> str:
    scale_text = {"mikro": "Usaha mikro", "kecil": "Usaha kecil", "menengah": "Usaha menengah",
                  "besar": "Perusahaan"}[scale]
    goods = ", ".join(leaf.lower() for leaf in plan) or "produk lokal"
    return f"{scale_text} di {REGION_NAMES[regency]} yang memproduksi dan memasok {goods} untuk instansi pemerintah, BUMN dan swasta."


def write(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    vendors, profiles, products = build()
    combos = {row["_combo"] for row in products}
    missing = [(local, umk, pdn, pref) for local in (True, False) for umk in (True, False)
               for pdn, pref in ((False, False), (False, True), (True, True)) if (local, umk, pdn, pref) not in combos]
    if missing:
        raise SystemExit(f"Badge combinations with no product: {missing}")
    DATA_DIR.mkdir(exist_ok=True)
    write(DATA_DIR / "vendors.csv", VENDOR_COLUMNS, vendors)
    write(DATA_DIR / "vendor_profiles.csv", PROFILE_COLUMNS, profiles)
    write(DATA_DIR / "products.csv", PRODUCT_COLUMNS, products)
    print(f"{len(vendors)} vendors, {len(products)} products written to {DATA_DIR.name}/")


if __name__ == "__main__":
    main()
