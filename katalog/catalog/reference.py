"""The province's category tree (kategori, three levels) with the KBLI 2020 codes that fit each.

Built from Lampung's own catalogue categories. A KBLI entry is a prefix: "28" fits every code of
division 28 (machinery), "46530" fits exactly one. Children inherit their parent's codes unless they
name their own. Curators edit the tree in the admin afterwards; loading never overwrites their edits.
"""

from django.utils.text import slugify

# Trade codes that let distributors and shops list goods of any kind.
TRADE = ["46", "47"]

CATEGORY_TREE = [
    ("Kain & Tapis", ["13", "14"] + TRADE, [
        ("Kain Tapis", [], [("Tapis Lembaran", [], []), ("Selendang & Tapis Motif", [], []), ("Tapis Tumpal & Hiasan Dinding", [], [])]),
        ("Kain Tradisional", [], [("Kain Sulam Usus", [], []), ("Batik Lampung", [], []), ("Tenun & Songket", [], [])]),
    ]),
    ("Souvenir & Kerajinan", ["13", "14", "15", "16", "22", "23", "25", "32"] + TRADE, [
        ("Souvenir", [], [("Souvenir Tapis", [], []), ("Plakat & Cinderamata", [], []), ("Gantungan Kunci & Pernak-pernik", [], [])]),
        ("Kerajinan", [], [("Kerajinan Anyaman", [], []), ("Kerajinan Kayu", [], []), ("Kerajinan Bambu & Rotan", [], [])]),
    ]),
    ("Seminar Kit & Perlengkapan Acara", ["13", "14", "15", "17", "18", "22", "32", "82"] + TRADE, [
        ("Seminar Kit", [], [("Tas Seminar", [], []), ("Paket Seminar Kit", [], []), ("Name Tag & ID Card", [], [])]),
        ("Perlengkapan Acara", [], [("Backdrop & Dekorasi Acara", [], []), ("Piala & Medali", [], [])]),
    ]),
    ("Makanan & Minuman Olahan", ["10", "11", "56"] + TRADE, [
        ("Makanan Olahan", [], [("Keripik & Camilan", [], []), ("Kemplang & Kerupuk", [], []), ("Kue & Roti Tradisional", [], [])]),
        ("Minuman Olahan", [], [("Minuman Kemasan", [], []), ("Sirup, Jamu & Minuman Herbal", [], [])]),
    ]),
    ("Kopi & Hasil Perkebunan", ["01", "10", "11"] + TRADE, [
        ("Kopi", [], [("Kopi Bubuk", [], []), ("Kopi Biji Sangrai", [], []), ("Kopi Biji Mentah (Green Bean)", [], [])]),
        ("Hasil Perkebunan Lain", [], [("Lada & Rempah", [], []), ("Kakao & Cokelat", [], []), ("Madu", [], [])]),
    ]),
    ("Alat & Mesin Pertanian", ["28", "33"] + TRADE, [
        ("Alat Pengolah Tanah", [], [("Traktor Roda Dua", [], []), ("Traktor Roda Empat", [], []), ("Kultivator", [], [])]),
        ("Mesin Pascapanen", [], [("Mesin Perontok Padi", [], []), ("Mesin Pengering", [], []), ("Mesin Pencacah", [], []), ("Mesin Sangrai Kopi", [], [])]),
        ("Pompa & Irigasi", [], [("Pompa Air", [], []), ("Alat Semprot (Sprayer)", [], [])]),
    ]),
    ("Pakaian Dinas & Seragam", ["14"] + TRADE, [
        ("Pakaian Dinas", [], [("Pakaian Dinas Harian (PDH)", [], []), ("Pakaian Dinas Lapangan (PDL)", [], []), ("Batik & Tapis Dinas", [], [])]),
        ("Seragam", [], [("Seragam Sekolah", [], []), ("Seragam Kerja & Wearpack", [], [])]),
    ]),
    ("Furnitur & Sarana Kantor", ["16", "22", "25", "31"] + TRADE, [
        ("Furnitur Kantor", [], [("Meja", [], []), ("Kursi", [], []), ("Lemari & Filing Cabinet", [], [])]),
        ("Sarana Prasarana Kantor", [], [("Papan Tulis & Papan Informasi", [], []), ("Perlengkapan Ruang Rapat", [], [])]),
    ]),
    ("Alat Tulis Kantor", ["17", "20", "22", "32"] + TRADE, [
        ("Kertas & Buku", [], [("Kertas HVS", [], []), ("Buku Tulis & Agenda", [], [])]),
        ("Alat Tulis", [], [("Pulpen & Pensil", [], []), ("Map & Ordner", [], [])]),
    ]),
    ("Percetakan & Publikasi", ["18", "58", "59", "73"], [
        ("Percetakan", [], [("Buku & Laporan", [], []), ("Brosur & Leaflet", [], []), ("Spanduk & Banner", [], []), ("Kalender & Undangan", [], [])]),
        ("Promosi & Publikasi", [], [("Belanja Media", [], []), ("Video & Dokumentasi", [], [])]),
    ]),
    ("Bahan Bangunan", ["16", "20", "23", "24", "25"] + TRADE, [
        ("Semen & Beton", [], [("Semen", [], []), ("Beton Ready-mix", [], []), ("Batako & Paving", [], [])]),
        ("Aspal & Material Jalan", [], []),
        ("Besi, Baja & Kayu", [], [("Besi & Baja", [], []), ("Kayu Olahan", [], [])]),
    ]),
    ("Komputer & Elektronik", ["26", "27", "95"] + TRADE, [
        ("Komputer", [], [("Laptop & PC", [], []), ("Printer & Scanner", [], []), ("Perangkat Jaringan", [], [])]),
        ("Elektronik Kantor", [], [("Proyektor & Layar", [], []), ("Pendingin Ruangan (AC)", [], [])]),
    ]),
    ("Pertanian & Peternakan", ["01", "20", "21", "28"] + TRADE, [
        ("Benih & Bibit", [], []),
        ("Pupuk & Pestisida", [], []),
        ("Hewan Ternak", [], []),
        ("Obat & Peralatan Kesehatan Hewan", [], []),
        ("Alat Ternak", [], []),
    ]),
    ("Bahan Pokok", ["01", "10"] + TRADE, [
        ("Beras", [], []),
        ("Gula, Minyak & Bahan Pokok Lain", [], []),
    ]),
    ("Jasa", ["45", "49", "56", "77", "80", "81", "82", "95"], [
        ("Jasa Kebersihan", ["81"], []),
        ("Jasa Keamanan", ["80"], []),
        ("Jasa Katering", ["56"], [("Nasi Kotak", [], []), ("Snack Box", [], []), ("Prasmanan", [], [])]),
        ("Sewa Tenda & Dekorasi", ["77", "82"], []),
        ("Servis Kendaraan", ["45"], []),
    ]),
]


# Other names for categories: the province's older etalase names and common abbreviations.
ALIASES = {
    "Kain & Tapis": ["Pakaian Dinas dan Kain Tradisional", "Kain Tradisional & Tapis"],
    "Kain Tapis": ["Tapis"],
    "Souvenir & Kerajinan": ["Cinderamata", "Kerajinan Tangan"],
    "Seminar Kit & Perlengkapan Acara": ["Perlengkapan Seminar", "Seminar Kit dan Perlengkapan Acara"],
    "Makanan & Minuman Olahan": ["Makanan-Minuman", "Makanan Minuman", "Mamin"],
    "Alat & Mesin Pertanian": ["Alsintan", "Alat Mesin Pertanian"],
    "Pakaian Dinas & Seragam": ["Seragam Dinas", "PDH PDL"],
    "Furnitur & Sarana Kantor": ["Mebel", "Mebeler", "Furniture"],
    "Alat Tulis Kantor": ["ATK"],
    "Percetakan & Publikasi": ["Cetakan"],
    "Promosi & Publikasi": ["Promosi/Publikasi", "Publikasi"],
    "Bahan Bangunan": ["Bahan Material", "Material Bangunan"],
    "Aspal & Material Jalan": ["Aspal"],
    "Komputer & Elektronik": ["Elektronik", "IT", "TIK"],
    "Obat & Peralatan Kesehatan Hewan": ["Obat Hewan", "Peralatan Kesehatan Hewan"],
    "Jasa Kebersihan": ["Kebersihan", "Cleaning Service"],
    "Jasa Keamanan": ["Keamanan", "Satpam"],
    "Jasa Katering": ["Katering", "Catering"],
    "Sewa Tenda & Dekorasi": ["Sewa Tenda", "Tenda", "Dekorasi"],
    "Servis Kendaraan": ["Bengkel", "Perawatan Kendaraan"],
    "Gula, Minyak & Bahan Pokok Lain": ["Sembako"],
}


def _unique_slug(Category, name: str, parent) -> str:
    base = slugify(name)[:150] or "kategori"
    if not Category.objects.filter(slug=base).exists():
        return base
    if parent is not None:
        candidate = f"{parent.slug}-{base}"[:160]
        if not Category.objects.filter(slug=candidate).exists():
            return candidate
    n = 2
    while Category.objects.filter(slug=f"{base}-{n}").exists():
        n += 1
    return f"{base}-{n}"


def load_categories(Category) -> int:
    """Create the tree's missing categories; existing ones (and curators' edits) stay as they are."""
    created = 0
    # Migrations pass the historical model, which may predate the aliases field.
    has_aliases = any(f.name == "aliases" for f in Category._meta.get_fields())

    def walk(nodes, parent, level, inherited):
        nonlocal created
        for position, (name, kbli, children) in enumerate(nodes):
            codes = kbli or inherited
            category = Category.objects.filter(parent=parent, name=name).first()
            if category is None:
                extra = {"aliases": ALIASES.get(name, [])} if has_aliases else {}
                category = Category.objects.create(
                    name=name, slug=_unique_slug(Category, name, parent), parent=parent,
                    level=level, kbli_codes=codes, position=position, **extra,
                )
                created += 1
            elif has_aliases and not category.aliases and ALIASES.get(name):
                category.aliases = ALIASES[name]
                category.save(update_fields=["aliases"])
            walk(children, category, level + 1, codes)

    walk(CATEGORY_TREE, None, 1, [])
    return created
