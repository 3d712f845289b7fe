"""What the demo's purchase history is made of (history.py): more buyer organisations, how each kind of
buyer buys (categories, how far it looks beyond Lampung and beyond micro and small businesses, typical
order value, seasons) and the words of titles, justifications, payment references and ratings.

Catalogue content is data in Indonesian, as a real catalogue would hold it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .scenario import BuyerOrg

# Buyer organisations the history adds to the scenario's (scenario.BUYER_ORGANISATIONS): every buyer type
# has two or more, across several regencies. They have no demo login.
MORE_BUYERS = [
    BuyerOrg("Dinas Pendidikan dan Kebudayaan Provinsi Lampung", "opd_provinsi", "18.71",
             "Jl. Drs. Warsito No. 72, Teluk Betung Utara, Bandar Lampung"),
    BuyerOrg("Dinas Kesehatan Provinsi Lampung", "opd_provinsi", "18.71",
             "Jl. Dr. Susilo No. 44, Sumur Batu, Teluk Betung Utara, Bandar Lampung"),
    BuyerOrg("Dinas Pendidikan Kabupaten Lampung Selatan", "opd_kabkota", "18.01",
             "Jl. Indra Bangsawan, Kalianda, Lampung Selatan"),
    BuyerOrg("Dinas Kesehatan Kabupaten Tanggamus", "opd_kabkota", "18.06",
             "Jl. Ir. H. Juanda, Kota Agung, Tanggamus"),
    BuyerOrg("Dinas Pertanian Kabupaten Lampung Timur", "opd_kabkota", "18.07",
             "Jl. Buay Sai, Sukadana, Lampung Timur"),
    BuyerOrg("Sekretariat Daerah Kabupaten Pringsewu", "opd_kabkota", "18.10",
             "Jl. Ki Hajar Dewantara No. 1022, Pringsewu"),
    BuyerOrg("Badan Pusat Statistik Provinsi Lampung", "instansi_vertikal", "18.71",
             "Jl. Basuki Rahmat No. 54, Teluk Betung Utara, Bandar Lampung"),
    BuyerOrg("Balai Besar Wilayah Sungai Mesuji Sekampung", "instansi_vertikal", "18.71",
             "Jl. Gatot Subroto No. 57, Garuntang, Bandar Lampung"),
    BuyerOrg("PT Bukit Asam Tbk Unit Pelabuhan Tarahan", "bumn", "18.01",
             "Jl. Soekarno-Hatta Km 15, Tarahan, Katibung, Lampung Selatan"),
    BuyerOrg("PT Pelabuhan Indonesia Regional 2 Panjang", "bumn", "18.71",
             "Jl. Yos Sudarso No. 337, Panjang, Bandar Lampung"),
    BuyerOrg("Perumda Air Minum Way Rilau Kota Bandar Lampung", "bumd", "18.71",
             "Jl. Pangeran Emir M. Noer No. 11A, Sumur Putri, Bandar Lampung"),
    BuyerOrg("PT Sinar Laut Krui Perkasa", "swasta", "18.13", "Jl. Merdeka No. 8, Pesisir Tengah, Pesisir Barat"),
    BuyerOrg("CV Agro Tani Makmur Metro", "swasta", "18.72", "Jl. Jenderal Sudirman No. 121, Metro Pusat, Metro"),
]

# Top-level categories (reference names), for short.
ALSINTAN = "Alat & Mesin Pertanian"
TAPIS = "Kain & Tapis"
SEMINAR = "Seminar Kit & Perlengkapan Acara"
SOUVENIR = "Souvenir & Kerajinan"
KOPI = "Kopi & Hasil Perkebunan"
SERAGAM = "Pakaian Dinas & Seragam"
MAKANAN = "Makanan & Minuman Olahan"
FURNITUR = "Furnitur & Sarana Kantor"
KOMPUTER = "Komputer & Elektronik"
TANI = "Pertanian & Peternakan"
CETAK = "Percetakan & Publikasi"
ATK = "Alat Tulis Kantor"
JASA = "Jasa"
BANGUNAN = "Bahan Bangunan"
POKOK = "Bahan Pokok"

# Government spends slowly while its budget documents (DPA, DIPA) start up and most at the year's end;
# companies spend more evenly. January..December.
GOVERNMENT_SEASON = (0.25, 0.45, 0.75, 0.9, 1.0, 1.0, 1.0, 1.1, 1.25, 1.5, 1.9, 2.4)
COMPANY_SEASON = (0.8, 0.85, 0.95, 1.0, 1.0, 1.0, 0.95, 1.0, 1.05, 1.1, 1.2, 1.4)


@dataclass(frozen=True)
class Habits:
    categories: dict[str, float]  # top-level category -> weight
    non_local: float  # a vendor outside Lampung weighs this much against one inside (1: no preference)
    non_umk: float  # a medium or large vendor against a micro or small one
    median_idr: int  # a typical order
    season: tuple[float, ...]
    own_regency: float = 1.0  # a vendor in the buyer's own regency weighs this much more


HABITS = {
    "opd_provinsi": Habits({SEMINAR: 3, SOUVENIR: 3, TAPIS: 3, ATK: 2, CETAK: 2, MAKANAN: 2, KOPI: 1, SERAGAM: 1,
                            FURNITUR: 1, KOMPUTER: 1, JASA: 1}, non_local=0.25, non_umk=0.6, median_idr=18_000_000,
                           season=GOVERNMENT_SEASON),
    "opd_kabkota": Habits({ALSINTAN: 3, TANI: 3, SEMINAR: 2, ATK: 2, MAKANAN: 2, SERAGAM: 1, CETAK: 1, FURNITUR: 1,
                           BANGUNAN: 1}, non_local=0.12, non_umk=0.5, median_idr=11_000_000, season=GOVERNMENT_SEASON,
                          own_regency=4.0),
    "instansi_vertikal": Habits({ATK: 3, KOMPUTER: 3, FURNITUR: 2, SERAGAM: 2, SEMINAR: 2, CETAK: 2, MAKANAN: 1},
                                non_local=0.9, non_umk=1.2, median_idr=15_000_000, season=GOVERNMENT_SEASON),
    "bumn": Habits({ALSINTAN: 3, SERAGAM: 3, BANGUNAN: 2, KOMPUTER: 2, JASA: 1, SOUVENIR: 1, MAKANAN: 1},
                   non_local=3.0, non_umk=4.0, median_idr=40_000_000, season=COMPANY_SEASON),
    "bumd": Habits({MAKANAN: 2, KOPI: 2, ATK: 2, KOMPUTER: 2, SERAGAM: 1, SOUVENIR: 1, JASA: 1},
                   non_local=0.5, non_umk=1.0, median_idr=14_000_000, season=COMPANY_SEASON),
    "swasta": Habits({BANGUNAN: 3, MAKANAN: 2, KOPI: 2, POKOK: 2, SOUVENIR: 1, SERAGAM: 1, ALSINTAN: 1},
                     non_local=1.2, non_umk=1.5, median_idr=9_000_000, season=COMPANY_SEASON),
}

# Per buyer: how much it buys against the others (1 when not listed) and the categories it leans to.
ACTIVITY = {
    "Dinas Perindustrian dan Perdagangan Provinsi Lampung": 1.4,
    "Biro Pengadaan Barang dan Jasa Setda Provinsi Lampung": 1.2,
    "Dinas Pendidikan dan Kebudayaan Provinsi Lampung": 1.5,
    "Dinas Pertanian Kabupaten Lampung Tengah": 1.3,
    "Kantor Wilayah Kementerian Agama Provinsi Lampung": 1.1,
    "PTPN I Regional 7": 1.3,
    "PT Pelabuhan Indonesia Regional 2 Panjang": 0.7,
    "Perumda Air Minum Way Rilau Kota Bandar Lampung": 0.6,
    "PT Sinar Laut Krui Perkasa": 0.4,
    "CV Agro Tani Makmur Metro": 0.5,
    "Sekretariat Daerah Kabupaten Pringsewu": 0.7,
}
LEANINGS = {
    "Dinas Perindustrian dan Perdagangan Provinsi Lampung": {TAPIS: 5, SOUVENIR: 4, SEMINAR: 3, KOPI: 2},
    "Dinas Pendidikan dan Kebudayaan Provinsi Lampung": {FURNITUR: 4, KOMPUTER: 3, ATK: 3, CETAK: 2},
    "Dinas Kesehatan Provinsi Lampung": {MAKANAN: 3, SEMINAR: 3, CETAK: 2, SERAGAM: 2},
    "Dinas Pertanian Kabupaten Lampung Tengah": {ALSINTAN: 6, TANI: 3},
    "Dinas Pertanian Kabupaten Lampung Timur": {ALSINTAN: 5, TANI: 4},
    "Dinas Pendidikan Kabupaten Lampung Selatan": {FURNITUR: 4, ATK: 3, CETAK: 2, SERAGAM: 2},
    "Kantor Wilayah Kementerian Agama Provinsi Lampung": {SERAGAM: 4, ATK: 2, SEMINAR: 2, KOPI: 1},
    "PTPN I Regional 7": {ALSINTAN: 4, SERAGAM: 4, TANI: 2},
    "PT Bukit Asam Tbk Unit Pelabuhan Tarahan": {SERAGAM: 4, BANGUNAN: 3, KOMPUTER: 2},
}

# Vendors in these regencies sell almost nothing in the history: the dashboard's quiet regencies.
QUIET_REGENCIES = {"18.08": 0.03, "18.11": 0.03, "18.13": 0.05}

PURPOSES = {
    "opd_provinsi": ["Rapat Koordinasi Pembangunan Daerah", "peringatan HUT Provinsi Lampung", "Festival Krakatau",
                     "Musrenbang Provinsi Lampung", "operasional kantor", "pembinaan IKM binaan", "Lampung Fair",
                     "bimbingan teknis aparatur"],
    "opd_kabkota": ["Musrenbang kecamatan", "bantuan kelompok tani", "operasional kantor dinas",
                    "peringatan HUT kabupaten", "pelatihan pelaku UMKM", "kegiatan posyandu", "sekolah binaan"],
    "instansi_vertikal": ["rapat kerja wilayah", "operasional satuan kerja", "sosialisasi program",
                          "pelatihan pegawai", "pelayanan publik", "kegiatan pendataan lapangan"],
    "bumn": ["operasional kebun", "program TJSL", "rapat direksi regional", "keselamatan kerja lapangan",
             "HUT perusahaan", "operasional pelabuhan"],
    "bumd": ["operasional kantor", "rapat umum pemegang saham", "pelayanan pelanggan", "program CSR"],
    "swasta": ["operasional perusahaan", "bingkisan mitra usaha", "acara karyawan", "pembangunan gudang"],
}

LOCAL_JUSTIFICATIONS = [
    "Produk lokal Lampung yang tayang belum memenuhi spesifikasi teknis yang disyaratkan dalam KAK.",
    "Kapasitas produksi penyedia lokal tidak mencukupi jumlah yang dibutuhkan dalam waktu pelaksanaan.",
    "Barang harus seragam dengan unit yang sudah ada agar suku cadang dan perawatannya sama.",
    "Penyedia lokal tidak sanggup mengirim ke lokasi kegiatan sebelum tanggal yang ditetapkan.",
    "Harga produk lokal yang tayang melebihi pagu anggaran sub kegiatan.",
    "Produk merupakan bagian dari kontrak payung perusahaan dengan pabrikan untuk seluruh unit kerja.",
]
PDN_JUSTIFICATIONS = [
    "Produk dengan TKDN + BMP di atas 40% tidak tersedia dalam ukuran dan kapasitas yang dibutuhkan.",
    "Produk ber-TKDN yang tayang belum memiliki garansi dan layanan purnajual di Lampung.",
    "Spesifikasi mengikuti standar peralatan yang telah ditetapkan oleh kantor pusat.",
    "Waktu penyerahan produk ber-TKDN melebihi jadwal pelaksanaan kegiatan.",
]
RATING_COMMENTS = [
    "", "", "", "Barang sesuai pesanan dan tiba tepat waktu.", "Kualitas baik, kemasan rapi.",
    "Pengiriman terlambat dua hari, tetapi penyedia memberi kabar lebih dulu.",
    "Penyedia responsif dan membantu saat pemeriksaan barang.",
    "Sebagian kecil barang harus ditukar, penggantian cepat.",
    "Sesuai spesifikasi; akan memesan kembali tahun depan.",
]
COMMITMENT_WORDS = "Komitmen belanja {category} dari {vendor} untuk kebutuhan tahun anggaran {year}."
