"""Demo product templates: Tapis, cloth, souvenirs, seminar kits and uniforms. See katalog.demo.product_specs."""

T = {}

# ---- Kain & Tapis ----
T["Tapis Lembaran"] = dict(
    unit="lembar", price=(750_000, 5_000_000, 50_000), min_order=(1, 1), capacity=(4, 30), tkdn="tex",
    certs=["HKI"],
    names=["Kain Tapis Motif {v}", "Tapis Lembaran Benang Emas Motif {v}", "Tapis Sulam Cucuk Motif {v}"],
    variants=["Pucuk Rebung", "Jung Sarat (Kapal)", "Raja Medal", "Laut Linau", "Bintang Perak", "Siger",
              "Sasab", "Belah Ketupat", "Gajah Mada", "Pohon Hayat", "Dewosano", "Cucuk Andak", "Limar Sekebar"],
    desc=["Kain tapis tenun tangan dengan sulaman benang emas, dikerjakan perajin {region} selama 1–3 bulan. "
          "Ukuran sekitar 60 x 120 cm, cocok untuk busana adat dan cendera mata resmi.",
          "Tapis lembaran motif tradisional Lampung, benang emas sintetis pada kain tenun katun. "
          "Tersedia dalam warna dasar merah marun, hitam dan hijau botol."],
)
T["Selendang & Tapis Motif"] = dict(
    unit="lembar", price=(250_000, 1_500_000, 25_000), min_order=(1, 5), capacity=(10, 60), tkdn="tex",
    certs=[], names=["Selendang Tapis Motif {v}", "Tapis Motif {v} Ukuran 50 x 200 cm"],
    variants=["Siger", "Kapal", "Pucuk Rebung", "Bunga Cengkih", "Sasab Emas", "Tajuk"],
    desc=["Selendang tapis ringan untuk acara resmi dan tamu kehormatan; motif sulam benang emas di kedua ujung.",
          "Tapis motif untuk selempang dan dekorasi meja, dikerjakan tangan oleh kelompok perajin {region}."],
)
T["Tapis Tumpal & Hiasan Dinding"] = dict(
    unit="buah", price=(350_000, 2_500_000, 50_000), min_order=(1, 2), capacity=(5, 25), tkdn="tex",
    certs=[], names=["Hiasan Dinding Tapis {v} Bingkai Kayu", "Tapis Tumpal {v} Berbingkai"],
    variants=["60 x 90 cm", "40 x 60 cm", "Motif Kapal 80 x 120 cm", "Motif Siger 50 x 70 cm"],
    desc=["Tapis berbingkai kayu jati dengan kaca, siap digantung di ruang tamu kantor atau sebagai cendera mata tamu negara."],
)
T["Kain Sulam Usus"] = dict(
    unit="lembar", price=(350_000, 2_000_000, 25_000), min_order=(1, 3), capacity=(8, 40), tkdn="tex",
    certs=["HKI"], names=["Kain Sulam Usus {v}", "Kebaya Sulam Usus {v}", "Selendang Sulam Usus {v}"],
    variants=["Warna Emas", "Warna Perak", "Merah Marun", "Hijau Botol", "Putih Gading"],
    desc=["Sulam usus khas Lampung: kain satin dilipat menyerupai usus lalu dijahit tangan membentuk motif. "
          "Dikerjakan perajin {region}."],
)
T["Batik Lampung"] = dict(
    unit="lembar", price=(150_000, 750_000, 25_000), min_order=(2, 10), capacity=(30, 200), tkdn="tex",
    certs=[], names=["Batik Lampung Motif {v} (Cap)", "Batik Tulis Lampung Motif {v}"],
    variants=["Siger", "Gajah Way Kambas", "Sembagi", "Kapal", "Jung Agung", "Kopi Robusta"],
    desc=["Kain batik katun primisima 2 x 1,15 m dengan motif khas Lampung, pewarna sintetis tahan luntur."],
)
T["Tenun & Songket"] = dict(
    unit="lembar", price=(400_000, 3_500_000, 50_000), min_order=(1, 2), capacity=(4, 30), tkdn="tex",
    certs=[], names=["Kain Tenun {v}", "Songket {v}"],
    variants=["Ikat Motif Kapal", "Lepus Benang Emas", "Tumpal Bunga", "Nampan Perak", "Bunga Tabur"],
    desc=["Kain tenun gedogan dengan benang emas dan katun, lebar 60 cm panjang 2 m."],
)


# ---- Souvenir & Kerajinan ----
T["Souvenir Tapis"] = dict(
    unit="buah", price=(25_000, 350_000, 5_000), min_order=(10, 50), capacity=(100, 1000), tkdn="craft",
    certs=[], names=["{v} Tapis"],
    variants=[("Map Sertifikat", 65_000, 175_000), ("Dompet", 45_000, 120_000), ("Tas Jinjing", 150_000, 350_000),
              ("Tempat Tisu", 60_000, 135_000), ("Kotak Perhiasan", 85_000, 200_000), ("Peci", 75_000, 175_000),
              ("Sarung Bantal", 85_000, 185_000), ("Gantungan Kunci", 15_000, 35_000), ("Tas Laptop", 175_000, 350_000),
              ("Sampul Buku Agenda", 65_000, 150_000), ("Bros", 25_000, 60_000), ("Kipas", 25_000, 65_000)],
    desc=["Cendera mata berbahan kain tapis asli Lampung, dikerjakan perajin {region}; "
          "bisa dibordir logo instansi (pesanan minimal 50)."],
)
T["Plakat & Cinderamata"] = dict(
    unit="buah", price=(75_000, 750_000, 5_000), min_order=(5, 20), capacity=(50, 400), tkdn="craft",
    certs=[], names=["{v}"],
    variants=[("Plakat Siger Kuningan", 250_000, 750_000), ("Miniatur Siger Lampung", 150_000, 450_000),
              ("Miniatur Menara Siger", 125_000, 350_000), ("Plakat Kayu Ukir Logo Instansi", 175_000, 500_000),
              ("Plakat Akrilik Tapis", 75_000, 225_000), ("Miniatur Rumah Adat Nuwo Sesat", 250_000, 750_000),
              ("Miniatur Gajah Way Kambas", 100_000, 300_000)],
    desc=["Cendera mata resmi khas Lampung untuk tamu dan kunjungan kerja, dikemas dalam kotak beludru."],
)
T["Gantungan Kunci & Pernak-pernik"] = dict(
    unit="buah", price=(5_000, 35_000, 500), min_order=(50, 200), capacity=(1000, 5000), tkdn="craft",
    certs=[], names=["{v}"],
    variants=["Gantungan Kunci Siger", "Gantungan Kunci Gajah Way Kambas", "Magnet Kulkas Menara Siger",
              "Pin Siger Logo Instansi", "Gantungan Kunci Kopi Lampung", "Pembatas Buku Tapis"],
    desc=["Pernak-pernik untuk peserta acara dan tamu; bisa dicetak nama acara atau logo."],
)
T["Kerajinan Anyaman"] = dict(
    unit="buah", price=(35_000, 450_000, 5_000), min_order=(5, 20), capacity=(50, 300), tkdn="craft",
    certs=[], names=["{v} Anyaman Pandan", "{v} Anyaman Purun"],
    variants=[("Tas", 75_000, 250_000), ("Tikar", 175_000, 450_000), ("Kotak Serbaguna", 45_000, 125_000),
              ("Bakul", 35_000, 95_000), ("Tempat Tisu", 35_000, 85_000), ("Topi", 40_000, 110_000)],
    desc=["Anyaman tangan dari daun pandan/purun yang dikeringkan dan diwarnai alami oleh kelompok perajin {region}."],
)
T["Kerajinan Kayu"] = dict(
    unit="buah", price=(100_000, 2_500_000, 25_000), min_order=(1, 5), capacity=(10, 80), tkdn="craft",
    certs=[], names=["{v}"],
    variants=[("Ukiran Kayu Siger", 750_000, 2_500_000), ("Kotak Tisu Kayu Ukir", 100_000, 225_000),
              ("Miniatur Perahu Kayu", 350_000, 1_200_000), ("Nampan Kayu Motif Tapis", 125_000, 300_000),
              ("Papan Nama Meja Kayu Jati", 100_000, 250_000), ("Tempat Pulpen Kayu Ukir", 100_000, 200_000)],
    desc=["Kerajinan kayu jati dan mahoni dengan ukiran motif Lampung, finishing politur."],
)
T["Kerajinan Bambu & Rotan"] = dict(
    unit="buah", price=(50_000, 1_500_000, 10_000), min_order=(2, 10), capacity=(20, 200), tkdn="craft",
    certs=[], names=["{v}"],
    variants=[("Kursi Rotan Teras", 650_000, 1_500_000), ("Lampu Hias Bambu", 120_000, 350_000),
              ("Keranjang Parsel Rotan", 60_000, 175_000), ("Tempat Pensil Bambu", 50_000, 95_000),
              ("Rak Buku Bambu", 450_000, 1_100_000), ("Meja Rotan Sudut", 550_000, 1_250_000),
              ("Kap Lampu Rotan", 150_000, 400_000)],
    desc=["Kerajinan bambu dan rotan buatan tangan dari {region}; bambu diawetkan dan dipernis."],
)


# ---- Seminar Kit & Perlengkapan Acara ----
T["Tas Seminar"] = dict(
    unit="buah", price=(35_000, 180_000, 2_500), min_order=(50, 100), capacity=(500, 3000), tkdn="kit",
    certs=[], names=["Tas Seminar {v}"],
    variants=["Kain Blacu Sablon Logo", "Dinier 600D Resleting", "Ransel Laptop", "Kombinasi Tapis", "Spunbond 75 gsm",
              "Kanvas Tali Kulit", "Selempang Kulit Sintetis", "Map Jinjing Dinier"],
    desc=["Tas untuk peserta seminar, rapat koordinasi dan bimtek; sablon atau bordir logo instansi termasuk harga. "
          "Waktu produksi 7–14 hari kerja."],
)
T["Paket Seminar Kit"] = dict(
    unit="paket", price=(45_000, 250_000, 2_500), min_order=(50, 100), capacity=(500, 3000), tkdn="kit",
    certs=[], names=["Paket Seminar Kit {v}"],
    variants=["Ekonomis (tas, block note, pulpen)", "Standar (tas, map, block note, pulpen, ID card)",
              "Eksklusif Tapis (tas tapis, agenda, pulpen, flashdisk)", "Bimtek (ransel, agenda, tumbler, pulpen)",
              "Rapat Kerja (map jinjing, agenda, pulpen)", "Pelatihan (tas blacu, buku, pulpen, name tag)"],
    desc=["Satu paket perlengkapan peserta dengan logo dan nama acara; isi dapat disesuaikan. "
          "Dikemas per peserta, siap dibagikan."],
)
T["Name Tag & ID Card"] = dict(
    unit="buah", price=(5_000, 35_000, 500), min_order=(100, 200), capacity=(2000, 10000), tkdn="kit",
    certs=[], names=["{v}"],
    variants=["ID Card PVC Cetak 2 Sisi dan Tali Lanyard", "Name Tag Akrilik Peniti", "Tali Lanyard Sablon 2 cm",
              "Name Tag Kertas Art Carton dan Holder", "ID Card Panitia Laminasi"],
    desc=["Tanda pengenal peserta dan panitia, cetak nama satu per satu dari daftar Excel."],
)
T["Backdrop & Dekorasi Acara"] = dict(
    unit="paket", price=(1_500_000, 15_000_000, 250_000), min_order=(1, 1), capacity=(4, 20), tkdn="kit",
    certs=[], names=["{v}"],
    variants=["Backdrop Panggung Rangka Besi 6 x 3 m", "Backdrop Flexi Cetak 4 x 3 m dan Pemasangan",
              "Dekorasi Panggung Adat Lampung", "Gapura Acara dan Umbul-umbul (paket)"],
    desc=["Termasuk desain, cetak, pengantaran dan pemasangan di lokasi acara dalam Provinsi Lampung."],
)
T["Piala & Medali"] = dict(
    unit="buah", price=(50_000, 1_500_000, 10_000), min_order=(1, 20), capacity=(50, 500), tkdn="kit",
    certs=[], names=["{v}"],
    variants=[("Piala Kejuaraan Tinggi 60 cm", 250_000, 650_000), ("Medali Kuningan Gantung", 50_000, 120_000),
              ("Piala Bergilir Motif Siger", 750_000, 1_500_000), ("Piala Akrilik Penghargaan", 150_000, 400_000),
              ("Medali Finisher Lari", 50_000, 95_000)],
    desc=["Piala dan medali untuk lomba dan penghargaan, termasuk grafir nama acara."],
)


# ---- Pakaian Dinas & Seragam ----
T["Pakaian Dinas Harian (PDH)"] = dict(
    unit="stel", price=(250_000, 450_000, 5_000), min_order=(10, 20), capacity=(200, 1500), tkdn="tex",
    certs=[], names=["PDH {v}"],
    variants=["Khaki ASN Kain American Drill", "Pemda Lengan Panjang", "Khaki Lengan Pendek", "Wanita Berjilbab"],
    desc=["Pakaian dinas harian sesuai Permendagri, jahit ukur per pegawai, atribut dan bordir nama termasuk."],
)
T["Pakaian Dinas Lapangan (PDL)"] = dict(
    unit="stel", price=(300_000, 550_000, 5_000), min_order=(10, 20), capacity=(200, 1000), tkdn="tex",
    certs=[], names=["PDL {v}"],
    variants=["Satpol PP", "Dinas Perhubungan", "Penyuluh Pertanian", "Pemadam Kebakaran"],
    desc=["Pakaian dinas lapangan bahan ripstop, saku lengkap, bordir lambang instansi."],
)
T["Batik & Tapis Dinas"] = dict(
    unit="potong", price=(175_000, 400_000, 5_000), min_order=(10, 20), capacity=(200, 1200), tkdn="tex",
    certs=[], names=["{v}"],
    variants=["Kemeja Batik Lampung Dinas Lengan Panjang", "Blus Batik Siger Dinas", "Rompi Tapis Pegawai",
              "Kemeja Kombinasi Tapis"],
    desc=["Busana dinas hari Kamis/Jumat bermotif khas Lampung sesuai Pergub; ukuran S–XXXL."],
)
T["Seragam Sekolah"] = dict(
    unit="stel", price=(85_000, 180_000, 2_500), min_order=(20, 50), capacity=(500, 3000), tkdn="tex",
    certs=[], names=["Seragam Sekolah {v}"],
    variants=["SD Putih Merah", "SMP Putih Biru", "SMA Putih Abu-abu", "Pramuka Penggalang", "Batik Sekolah"],
    desc=["Seragam sekolah bahan katun dan tetoron, jahitan rapi, tersedia ukuran anak hingga dewasa."],
)
T["Seragam Kerja & Wearpack"] = dict(
    unit="stel", price=(175_000, 350_000, 5_000), min_order=(10, 20), capacity=(200, 1500), tkdn="tex",
    certs=[], names=["{v}"],
    variants=["Wearpack Terusan Drill", "Seragam Kerja Lapangan Dua Potong", "Rompi Proyek Scotchlite",
              "Kemeja Kerja Oxford"],
    desc=["Pakaian kerja untuk teknisi dan petugas lapangan, kain drill tebal, scotchlite opsional."],
)

