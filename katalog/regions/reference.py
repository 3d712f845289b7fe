"""Reference data: all provinces (Kemendagri codes) and Lampung's 15 regencies/cities.

Kept as data here so that a migration and `katalog load-reference` load the same rows.
"""

PROVINCES = [
    ("11", "Aceh"), ("12", "Sumatera Utara"), ("13", "Sumatera Barat"), ("14", "Riau"),
    ("15", "Jambi"), ("16", "Sumatera Selatan"), ("17", "Bengkulu"), ("18", "Lampung"),
    ("19", "Kepulauan Bangka Belitung"), ("21", "Kepulauan Riau"), ("31", "DKI Jakarta"),
    ("32", "Jawa Barat"), ("33", "Jawa Tengah"), ("34", "DI Yogyakarta"), ("35", "Jawa Timur"),
    ("36", "Banten"), ("51", "Bali"), ("52", "Nusa Tenggara Barat"), ("53", "Nusa Tenggara Timur"),
    ("61", "Kalimantan Barat"), ("62", "Kalimantan Tengah"), ("63", "Kalimantan Selatan"),
    ("64", "Kalimantan Timur"), ("65", "Kalimantan Utara"), ("71", "Sulawesi Utara"),
    ("72", "Sulawesi Tengah"), ("73", "Sulawesi Selatan"), ("74", "Sulawesi Tenggara"),
    ("75", "Gorontalo"), ("76", "Sulawesi Barat"), ("81", "Maluku"), ("82", "Maluku Utara"),
    ("91", "Papua Barat"), ("92", "Papua Barat Daya"), ("94", "Papua"), ("95", "Papua Selatan"),
    ("96", "Papua Tengah"), ("97", "Papua Pegunungan"),
]

# Kemendagri code, name, BPS code (Kepmendagri 300.2.2-2138/2025; BPS differs for 18.01-18.08).
LAMPUNG_REGENCIES = [
    ("18.01", "Kab. Lampung Selatan", "1803"),
    ("18.02", "Kab. Lampung Tengah", "1805"),
    ("18.03", "Kab. Lampung Utara", "1806"),
    ("18.04", "Kab. Lampung Barat", "1801"),
    ("18.05", "Kab. Tulang Bawang", "1808"),
    ("18.06", "Kab. Tanggamus", "1802"),
    ("18.07", "Kab. Lampung Timur", "1804"),
    ("18.08", "Kab. Way Kanan", "1807"),
    ("18.09", "Kab. Pesawaran", "1809"),
    ("18.10", "Kab. Pringsewu", "1810"),
    ("18.11", "Kab. Mesuji", "1811"),
    ("18.12", "Kab. Tulang Bawang Barat", "1812"),
    ("18.13", "Kab. Pesisir Barat", "1813"),
    ("18.71", "Kota Bandar Lampung", "1871"),
    ("18.72", "Kota Metro", "1872"),
]

# A few regencies outside Lampung where demo and real vendors often sit.
OTHER_REGENCIES = [
    ("31.71", "Kota Jakarta Selatan", "3171", "31"),
    ("32.73", "Kota Bandung", "3273", "32"),
    ("33.74", "Kota Semarang", "3374", "33"),
    ("35.78", "Kota Surabaya", "3578", "35"),
    ("16.71", "Kota Palembang", "1671", "16"),
    ("36.71", "Kota Tangerang", "3671", "36"),
]


def load_regions(Region) -> int:
    """Create or update every reference region; returns how many rows were written."""
    written = 0
    provinces = {}
    for code, name in PROVINCES:
        obj, _ = Region.objects.update_or_create(
            code=code, defaults={"name": name, "bps_code": code, "level": "province", "parent": None}
        )
        provinces[code] = obj
        written += 1
    for code, name, bps in LAMPUNG_REGENCIES:
        Region.objects.update_or_create(
            code=code,
            defaults={"name": name, "bps_code": bps, "level": "regency", "parent": provinces["18"]},
        )
        written += 1
    for code, name, bps, province in OTHER_REGENCIES:
        Region.objects.update_or_create(
            code=code,
            defaults={"name": name, "bps_code": bps, "level": "regency", "parent": provinces[province]},
        )
        written += 1
    return written
