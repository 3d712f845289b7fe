"""Demo product templates: Office furniture and supplies, printing, building materials, electronics, services. See katalog.demo.product_specs."""

T = {}

# ---- Furnitur & Sarana Kantor ----
T["Meja"] = dict(
    unit="unit", price=(1_200_000, 6_000_000, 50_000), min_order=(1, 2), capacity=(10, 60), tkdn="craft",
    certs=[], names=["{v}"],
    variants=["Meja Kerja Kayu Jati 1/2 Biro", "Meja Kantor Setengah Biro", "Meja Pimpinan Kayu Mahoni",
              "Meja Komputer Minimalis"],
    desc=["Furnitur kantor dari kayu olahan bersertifikat legalitas (SVLK), finishing melamin atau duco."],
)
T["Kursi"] = dict(
    unit="unit", price=(350_000, 3_000_000, 25_000), min_order=(2, 10), capacity=(20, 200), tkdn="craft",
    certs=[], names=["{v}"],
    variants=["Kursi Kerja Jaring Beroda", "Kursi Tamu Kayu Jati (set)", "Kursi Rapat Lipat", "Kursi Pimpinan Kulit"],
    desc=["Kursi kantor rakitan lokal, rangka kokoh, garansi 1 tahun."],
)
T["Lemari & Filing Cabinet"] = dict(
    unit="unit", price=(1_500_000, 5_000_000, 50_000), min_order=(1, 2), capacity=(10, 60), tkdn="craft",
    certs=[], names=["{v}"],
    variants=["Filing Cabinet Besi 4 Laci", "Lemari Arsip Kayu 2 Pintu", "Lemari Buku Kaca", "Lemari Loker 12 Pintu"],
    desc=["Penyimpanan arsip dan dokumen kantor, kunci ganda."],
)
T["Papan Tulis & Papan Informasi"] = dict(
    unit="unit", price=(450_000, 2_500_000, 25_000), min_order=(1, 5), capacity=(20, 200), tkdn="craft",
    certs=[], names=["{v}"],
    variants=["Papan Tulis Whiteboard 120 x 240 cm", "Papan Pengumuman Kaca Beroda", "Papan Data Statistik Desa"],
    desc=["Papan tulis dan informasi untuk kantor, sekolah dan balai desa."],
)
T["Perlengkapan Ruang Rapat"] = dict(
    unit="set", price=(5_000_000, 25_000_000, 250_000), min_order=(1, 1), capacity=(2, 10), tkdn="craft",
    certs=[], names=["{v}"],
    variants=["Meja Rapat Oval 12 Kursi", "Meja Rapat Modular 20 Orang", "Podium Kayu Ukir Siger"],
    desc=["Set ruang rapat termasuk pengantaran dan pemasangan dalam Provinsi Lampung."],
)


# ---- Alat Tulis Kantor ----
T["Kertas HVS"] = dict(
    unit="rim", price=(45_000, 65_000, 500), min_order=(5, 10), capacity=(500, 5000), tkdn="elec",
    certs=["SNI"], names=["Kertas HVS {v}"], variants=["A4 70 g", "F4 70 g", "A4 80 g", "F4 80 g"],
    desc=["Kertas fotokopi putih 500 lembar per rim, produksi pabrik dalam negeri."],
)
T["Buku Tulis & Agenda"] = dict(
    unit="buah", price=(5_000, 120_000, 500), min_order=(10, 50), capacity=(500, 5000), tkdn="kit",
    certs=[], names=["{v}"],
    variants=[("Agenda Kulit Sintetis Logo Instansi", 45_000, 95_000), ("Buku Tulis 38 Lembar (pak isi 10)", 28_000, 45_000),
              ("Block Note Seminar A5", 5_000, 12_000), ("Buku Agenda Sampul Tapis", 75_000, 120_000)],
    desc=["Buku dan agenda kantor, bisa dicetak logo dan nama instansi."],
)
T["Pulpen & Pensil"] = dict(
    unit="lusin", price=(18_000, 90_000, 500), min_order=(5, 10), capacity=(500, 5000), tkdn="elec",
    certs=[], names=["{v}"], variants=[("Pulpen Gel Hitam", 30_000, 45_000), ("Pensil 2B", 18_000, 30_000),
                                           ("Pulpen Cetak Logo", 36_000, 90_000), ("Spidol Whiteboard", 60_000, 90_000)],
    desc=["Alat tulis untuk keperluan kantor dan seminar."],
)
T["Map & Ordner"] = dict(
    unit="lusin", price=(25_000, 240_000, 1_000), min_order=(5, 10), capacity=(200, 3000), tkdn="elec",
    certs=[], names=["{v}"], variants=[("Map Plastik Kancing", 25_000, 40_000), ("Ordner Folio 7 cm", 180_000, 240_000),
                                           ("Map Batik Lampung", 90_000, 180_000), ("Stopmap Folio", 25_000, 35_000)],
    desc=["Map dan ordner untuk arsip kantor."],
)


# ---- Percetakan & Publikasi ----
T["Buku & Laporan"] = dict(
    unit="eksemplar", price=(35_000, 150_000, 1_000), min_order=(50, 100), capacity=(1000, 10000), tkdn="kit",
    certs=[], names=["Cetak {v}"],
    variants=[("Buku Laporan Tahunan A4 Full Color", 75_000, 150_000), ("Buku Profil Daerah Hard Cover", 95_000, 150_000),
              ("Modul Pelatihan A4 Softcover", 35_000, 75_000), ("Buku Saku Peraturan A6", 15_000, 35_000)],
    desc=["Cetak offset atau digital, termasuk tata letak sederhana dan penjilidan."],
)
T["Brosur & Leaflet"] = dict(
    unit="1000 lembar", price=(450_000, 1_500_000, 25_000), min_order=(1, 2), capacity=(20, 200), tkdn="kit",
    certs=[], names=["Cetak {v}"], variants=["Brosur A4 Lipat Tiga", "Leaflet A5 Dua Sisi", "Flyer A5 Art Paper"],
    desc=["Cetak brosur full color kertas art paper 120–150 g."],
)
T["Spanduk & Banner"] = dict(
    unit="m²", price=(25_000, 85_000, 1_000), min_order=(5, 10), capacity=(500, 5000), tkdn="kit",
    certs=[], names=["{v}"], variants=[("Spanduk Flexi China 280 g", 25_000, 35_000),
                                      ("Spanduk Flexi Korea 440 g", 45_000, 85_000)],
    desc=["Cetak spanduk dan banner resolusi tinggi, finishing mata ayam atau selongsong."],
)
T["Kalender & Undangan"] = dict(
    unit="buah", price=(3_500, 60_000, 500), min_order=(100, 200), capacity=(1000, 10000), tkdn="kit",
    certs=[], names=["Cetak {v}"], variants=[("Kalender Dinding Instansi 6 Lembar", 25_000, 60_000),
                                            ("Kalender Meja", 20_000, 45_000), ("Undangan Resmi Amplop", 3_500, 8_000),
                                            ("Undangan Hard Cover Motif Tapis", 12_000, 30_000)],
    desc=["Cetak kalender dan undangan untuk instansi, termasuk desain."],
)
T["Belanja Media"] = dict(
    unit="tayang", price=(3_000_000, 8_000_000, 100_000), min_order=(1, 1), capacity=(4, 30), tkdn="none",
    certs=[], names=["{v}"], variants=["Advertorial Koran Lokal 1/4 Halaman", "Iklan Radio Spot 60 Detik (30 kali)",
                                      "Publikasi Portal Berita Daring"],
    desc=["Publikasi program pemerintah daerah di media lokal Lampung."],
)
T["Video & Dokumentasi"] = dict(
    unit="paket", price=(2_500_000, 7_500_000, 100_000), min_order=(1, 1), capacity=(4, 20), tkdn="none",
    certs=[], names=["{v}"], variants=["Dokumentasi Foto dan Video Acara 1 Hari", "Video Profil Instansi 3 Menit",
                                      "Siaran Langsung Acara (live streaming)"],
    desc=["Tim dokumentasi dengan kamera dan drone; hasil dikirim dalam 7 hari kerja."],
)


# ---- Bahan Bangunan ----
T["Beton Ready-mix"] = dict(
    unit="m³", price=(900_000, 1_250_000, 10_000), min_order=(5, 10), capacity=(2000, 10000), tkdn="mach",
    certs=["SNI"], names=["Beton Ready-mix {v}"], variants=["K-250", "K-300", "K-350 (fc' 29)"],
    desc=["Beton siap pakai dengan truk mixer, termasuk uji slump; pengiriman area Lampung bagian selatan."],
)
T["Batako & Paving"] = dict(
    unit="m²", price=(65_000, 110_000, 1_000), min_order=(50, 100), capacity=(2000, 10000), tkdn="mach",
    certs=["SNI"], names=["{v}"], variants=["Paving Block Segi Enam K-300", "Paving Block Bata Tebal 8 cm",
                                           "Batako Press (setara 1 m²)", "Kanstin Beton 50 cm (setara 1 m²)"],
    desc=["Produk beton cetak press hidrolis, mutu sesuai SNI 03-0691."],
)
T["Aspal & Material Jalan"] = dict(
    unit="ton", price=(1_300_000, 1_800_000, 10_000), min_order=(10, 20), capacity=(1000, 8000), tkdn="mach",
    certs=["SNI"], names=["{v}"], variants=["Aspal Hotmix AC-WC", "Aspal Hotmix AC-BC", "Batu Split 1-2 (per ton)"],
    desc=["Material jalan dari AMP sendiri, termasuk pengangkutan radius 50 km."],
)
T["Kayu Olahan"] = dict(
    unit="m³", price=(4_000_000, 7_500_000, 50_000), min_order=(1, 2), capacity=(20, 200), tkdn="craft",
    certs=[], names=["Kayu Olahan {v}"], variants=["Meranti 5/10", "Kamper 6/12", "Sengon Papan 2/20"],
    desc=["Kayu gergajian kering dengan dokumen SVLK."],
)


# ---- Komputer & Elektronik ----
T["Laptop & PC"] = dict(
    unit="unit", price=(8_000_000, 18_000_000, 50_000), min_order=(1, 1), capacity=(20, 300), tkdn="elec",
    certs=["SNI"], names=["{v}"], variants=[("Laptop 14 inci Core i5 16 GB", 11_000_000, 18_000_000),
                                           ("PC Desktop All-in-One 24 inci", 10_000_000, 16_000_000),
                                           ("Laptop Pelajar 11 inci", 4_500_000, 7_000_000),
                                           ("PC Rakitan Kantor Core i3", 7_000_000, 10_000_000)],
    desc=["Perangkat dengan garansi resmi 2 tahun dan sistem operasi berlisensi."],
)
T["Printer & Scanner"] = dict(
    unit="unit", price=(2_500_000, 9_000_000, 50_000), min_order=(1, 1), capacity=(20, 200), tkdn="elec",
    certs=[], names=["{v}"], variants=["Printer Tinta Isi Ulang A4", "Printer Laser Monokrom", "Scanner Dokumen ADF"],
    desc=["Perangkat cetak dan pindai untuk kantor, garansi resmi."],
)
T["Proyektor & Layar"] = dict(
    unit="unit", price=(4_500_000, 12_000_000, 50_000), min_order=(1, 1), capacity=(10, 100), tkdn="elec",
    certs=[], names=["{v}"], variants=[("Proyektor 3.600 Lumen", 5_500_000, 8_500_000),
                                           ("Layar Proyektor Tripod 70 inci", 850_000, 1_500_000),
                                           ("Proyektor Full HD", 8_500_000, 12_000_000)],
    desc=["Proyektor untuk ruang rapat dan kelas."],
)
T["Pendingin Ruangan (AC)"] = dict(
    unit="unit", price=(4_000_000, 9_500_000, 50_000), min_order=(1, 1), capacity=(20, 300), tkdn="elec",
    certs=["SNI"], names=["AC Split {v}"], variants=["1 PK Inverter", "1,5 PK Standar", "2 PK Inverter"],
    desc=["Pendingin ruangan rakitan dalam negeri, termasuk pemasangan standar."],
)


# ---- Jasa ----
T["Nasi Kotak"] = dict(
    unit="kotak", price=(25_000, 45_000, 500), min_order=(25, 50), capacity=(1000, 6000), tkdn="none",
    certs=["HALAL"], names=["Nasi Kotak {v}"], variants=["Ayam Bakar", "Gulai Ikan Khas Lampung", "Seruit dan Pindang",
                                                        "Rendang Sapi"],
    desc=["Nasi kotak untuk rapat dan acara, diantar tepat waktu di Kota Bandar Lampung."],
)
T["Snack Box"] = dict(
    unit="kotak", price=(10_000, 25_000, 500), min_order=(25, 50), capacity=(1000, 8000), tkdn="none",
    certs=["HALAL"], names=["Snack Box {v}"], variants=["Isi 3 Kue Tradisional", "Isi 4 dan Air Mineral", "Kue Lampung"],
    desc=["Kotak kudapan untuk rapat, berisi kue basah dan kering produksi sendiri."],
)
T["Prasmanan"] = dict(
    unit="orang", price=(45_000, 90_000, 1_000), min_order=(50, 100), capacity=(2000, 10000), tkdn="none",
    certs=["HALAL"], names=["Prasmanan {v}"], variants=["Menu Nusantara", "Menu Khas Lampung"],
    desc=["Hidangan prasmanan lengkap dengan peralatan saji dan pramusaji."],
)
T["Jasa Kebersihan"] = dict(
    unit="orang/bulan", price=(3_500_000, 4_500_000, 50_000), min_order=(1, 2), capacity=(20, 200), tkdn="none",
    certs=[], names=["{v}"], variants=["Jasa Petugas Kebersihan Gedung", "Jasa Kebersihan Taman dan Halaman"],
    desc=["Tenaga kebersihan terlatih dengan BPJS Ketenagakerjaan, alat dan bahan termasuk."],
)
T["Jasa Keamanan"] = dict(
    unit="orang/bulan", price=(4_000_000, 5_500_000, 50_000), min_order=(1, 2), capacity=(20, 200), tkdn="none",
    certs=[], names=["{v}"], variants=["Jasa Satpam Bersertifikat Gada Pratama", "Jasa Pengamanan Acara (per orang)"],
    desc=["Personel keamanan bersertifikat kepolisian, dengan pengawas lapangan."],
)
T["Sewa Tenda & Dekorasi"] = dict(
    unit="hari", price=(500_000, 3_500_000, 50_000), min_order=(1, 1), capacity=(10, 60), tkdn="none",
    certs=[], names=["{v}"], variants=[("Sewa Tenda Sarnafil 5 x 5 m", 500_000, 900_000),
                                      ("Sewa Tenda Dekorasi 10 x 20 m", 2_500_000, 3_500_000),
                                      ("Sewa Kursi Futura dan Sarung (100 buah)", 750_000, 1_200_000)],
    desc=["Termasuk bongkar pasang dan pengantaran dalam Kota Bandar Lampung."],
)
