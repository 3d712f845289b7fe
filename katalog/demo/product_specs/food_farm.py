"""Demo product templates: Processed food, coffee and estate crops, agricultural machinery, farming inputs, staples. See katalog.demo.product_specs."""

T = {}

# ---- Makanan & Minuman Olahan ----
T["Keripik & Camilan"] = dict(
    unit="bungkus", price=(15_000, 45_000, 1_000), min_order=(10, 50), capacity=(500, 5000), tkdn="food",
    certs=["PIRT", "HALAL"], names=["Keripik {v} 250 g"],
    variants=["Pisang Cokelat", "Pisang Kepok Manis", "Pisang Rasa Keju", "Singkong Balado", "Pisang Original",
              "Pisang Rasa Susu", "Singkong Pedas Manis", "Talas"],
    desc=["Keripik renyah dari hasil kebun {region}, digoreng tanpa pengawet; kemasan standing pouch berklip."],
)
T["Kemplang & Kerupuk"] = dict(
    unit="bungkus", price=(25_000, 60_000, 1_000), min_order=(10, 50), capacity=(300, 3000), tkdn="food",
    certs=["PIRT", "HALAL"], names=["{v}"],
    variants=["Kemplang Panggang Ikan Tenggiri 250 g", "Kerupuk Udang 250 g", "Kemplang Goreng Pedas 250 g",
              "Kerupuk Kulit Ikan 200 g", "Kemplang Sambal 250 g"],
    desc=["Kerupuk ikan laut khas pesisir Lampung, dipanggang/digoreng; kemasan kedap udara."],
)
T["Kue & Roti Tradisional"] = dict(
    unit="loyang", price=(100_000, 350_000, 5_000), min_order=(1, 5), capacity=(50, 300), tkdn="food",
    certs=["PIRT", "HALAL"], names=["{v}"],
    variants=["Lapis Legit Lampung Original", "Engkak Ketan", "Lapis Legit Prunes", "Bolu Pisang Lampung",
              "Kue Maksuba"],
    desc=["Kue tradisional Lampung dipanggang lapis demi lapis, tahan 10 hari di suhu ruang; cocok untuk jamuan."],
)
T["Minuman Kemasan"] = dict(
    unit="karton", price=(35_000, 120_000, 1_000), min_order=(5, 20), capacity=(300, 3000), tkdn="food",
    certs=["BPOM", "HALAL"], names=["{v}"],
    variants=[("Kopi Susu Kemasan Botol 250 ml (isi 12)", 90_000, 120_000),
              ("Air Minum Dalam Kemasan 600 ml (isi 24)", 35_000, 50_000),
              ("Teh Serai Kemasan Botol 330 ml (isi 12)", 60_000, 85_000),
              ("Sari Jeruk Kemasan Gelas 180 ml (isi 24)", 35_000, 55_000)],
    desc=["Minuman siap saji untuk rapat dan acara; diantar dalam karton."],
)
T["Sirup, Jamu & Minuman Herbal"] = dict(
    unit="botol", price=(25_000, 85_000, 1_000), min_order=(6, 24), capacity=(200, 2000), tkdn="food",
    certs=["PIRT", "HALAL"], names=["{v}"],
    variants=["Sirup Jeruk Nipis 500 ml", "Jamu Kunyit Asam 1 L", "Wedang Jahe Merah Bubuk 250 g",
              "Sirup Markisa 600 ml", "Minuman Herbal Temulawak 500 ml"],
    desc=["Minuman herbal dari rempah segar, tanpa pemanis buatan."],
)


# ---- Kopi & Hasil Perkebunan ----
T["Kopi Bubuk"] = dict(
    unit="bungkus 250 g", price=(40_000, 150_000, 1_000), min_order=(10, 20), capacity=(500, 4000), tkdn="food",
    certs=["PIRT", "HALAL"], names=["Kopi Bubuk {v} 250 g"],
    variants=["Robusta Lampung", "Robusta Premium", "Robusta Fine", "Robusta Petik Merah", "Robusta Lanang",
              "Kopi Luwak", "Kopi Tubruk Tradisional"],
    desc=["Kopi robusta Lampung dari kebun rakyat di ketinggian 700–1.300 mdpl, disangrai medium dan digiling halus "
          "di {region}."],
)
T["Kopi Biji Sangrai"] = dict(
    unit="kg", price=(180_000, 450_000, 5_000), min_order=(1, 5), capacity=(100, 1500), tkdn="food",
    certs=["PIRT", "HALAL"], names=["Kopi Biji Sangrai {v}"],
    variants=["Robusta Fine Medium Roast", "Robusta Natural", "Robusta Honey Process", "Robusta Wine",
              "Robusta Espresso Blend"],
    desc=["Biji kopi robusta Lampung disangrai di {region}, tanggal sangrai tercetak di kemasan; cocok untuk kedai "
          "dan kantor."],
)
T["Kopi Biji Mentah (Green Bean)"] = dict(
    unit="kg", price=(45_000, 110_000, 1_000), min_order=(50, 100), capacity=(2000, 20000), tkdn="none",
    certs=[], names=["Green Bean {v}"],
    variants=["Robusta Grade 1", "Robusta Petik Merah", "Robusta Natural Grade 2", "Robusta Semi Washed"],
    desc=["Kopi biji mentah robusta Lampung, kadar air maksimal 12,5%, disortir manual; dikirim dalam karung 60 kg."],
)
T["Lada & Rempah"] = dict(
    unit="bungkus", price=(25_000, 95_000, 1_000), min_order=(10, 50), capacity=(500, 3000), tkdn="food",
    certs=["PIRT", "HALAL"], names=["{v}"],
    variants=["Lada Hitam Lampung Butir 250 g", "Lada Hitam Bubuk 100 g", "Lada Putih Bubuk 100 g",
              "Kayu Manis Batang 100 g", "Pala Bubuk 100 g"],
    desc=["Rempah hasil kebun rakyat {region}, dijemur dan disortir; lada hitam Lampung bercita rasa pedas kuat."],
)
T["Kakao & Cokelat"] = dict(
    unit="bungkus", price=(25_000, 90_000, 1_000), min_order=(10, 50), capacity=(200, 2000), tkdn="food",
    certs=["PIRT", "HALAL"], names=["{v}"],
    variants=["Cokelat Batang Dark 70% 100 g", "Bubuk Kakao Murni 250 g", "Cokelat Batang Susu 100 g",
              "Cokelat Praline Kopi (kotak isi 12)"],
    desc=["Cokelat dari biji kakao fermentasi kebun {region}, diolah oleh usaha kecil setempat."],
)
T["Madu"] = dict(
    unit="botol", price=(85_000, 200_000, 5_000), min_order=(5, 12), capacity=(100, 800), tkdn="food",
    certs=["PIRT", "HALAL"], names=["{v}"],
    variants=["Madu Hutan 500 ml", "Madu Klanceng 250 ml", "Madu Kopi 500 ml", "Madu Randu 1 kg"],
    desc=["Madu murni dipanen dari lebah hutan dan kebun kopi {region}; tanpa campuran gula."],
)


# ---- Alat & Mesin Pertanian ----
T["Traktor Roda Dua"] = dict(
    unit="unit", price=(22_000_000, 38_000_000, 250_000), min_order=(1, 1), capacity=(5, 40), tkdn="mach",
    certs=["SNI"], names=["Traktor Tangan (Hand Tractor) {v}", "Traktor Roda Dua {v}"],
    variants=["8,5 HP Diesel dan Bajak Singkal", "9 HP Rotary", "10 HP Bajak Piringan", "8 HP Diesel dan Gelebek",
              "12 HP Diesel Lahan Kering"],
    desc=["Traktor roda dua bermesin diesel untuk pengolahan lahan sawah dan tegalan; termasuk bajak, gelebek "
          "dan roda besi. Garansi mesin 1 tahun dan layanan purna jual di {region}."],
)
T["Traktor Roda Empat"] = dict(
    unit="unit", price=(180_000_000, 450_000_000, 1_000_000), min_order=(1, 1), capacity=(2, 10), tkdn="mach",
    certs=["SNI"], names=["Traktor Roda Empat {v}"],
    variants=["25 HP dan Implemen Rotary", "35 HP 4WD", "45 HP Bajak Piringan"],
    desc=["Traktor roda empat untuk lahan luas dan perkebunan; pelatihan operator dan servis berkala termasuk."],
)
T["Kultivator"] = dict(
    unit="unit", price=(9_000_000, 25_000_000, 250_000), min_order=(1, 1), capacity=(5, 40), tkdn="mach",
    certs=["SNI"], names=["Kultivator {v}"],
    variants=["Mini 7 HP Bensin", "Lahan Kering 9 HP Diesel", "Rotary Tiller 6,5 HP", "Penyiang Gulma 5 HP"],
    desc=["Kultivator ringkas untuk lahan hortikultura dan tegalan; mudah dipindahkan, konsumsi bahan bakar hemat."],
)
T["Mesin Perontok Padi"] = dict(
    unit="unit", price=(15_000_000, 30_000_000, 250_000), min_order=(1, 1), capacity=(5, 30), tkdn="mach",
    certs=["SNI"], names=["{v}"],
    variants=["Power Thresher Multiguna 7 HP", "Mesin Perontok Padi Power Thresher 9 HP", "Power Thresher Roda Karet",
              "Mesin Perontok Padi dan Jagung", "Pemipil Jagung (Corn Sheller) 2 Ton/Jam"],
    desc=["Mesin perontok bermesin diesel, kapasitas 1–2 ton gabah per jam, gabah hampa terpisah; "
          "rangka besi siku dibuat di bengkel {region}."],
)
T["Mesin Pengering"] = dict(
    unit="unit", price=(8_000_000, 150_000_000, 500_000), min_order=(1, 1), capacity=(2, 12), tkdn="mach",
    certs=[], names=["{v}"],
    variants=[("Mesin Pengering Gabah (Dryer) 1 Ton", 35_000_000, 65_000_000),
              ("Bed Dryer Kopi dan Kakao 3 Ton", 60_000_000, 110_000_000), ("Pengering Rak 20 Tray", 8_000_000, 18_000_000),
              ("Dryer Biomassa Sekam 6 Ton", 95_000_000, 150_000_000),
              ("Pengering Jagung (Flat Bed Dryer)", 45_000_000, 90_000_000)],
    desc=["Pengering dengan tungku sekam/biomassa dan kipas, menurunkan kadar air gabah, jagung atau kopi "
          "ke 12–14% dalam 8–10 jam."],
)
T["Mesin Pencacah"] = dict(
    unit="unit", price=(6_000_000, 35_000_000, 250_000), min_order=(1, 1), capacity=(4, 30), tkdn="mach",
    certs=[], names=["{v}"],
    variants=[("Mesin Pencacah Rumput Pakan Ternak (Chopper)", 6_000_000, 14_000_000),
              ("Chopper Pelepah Sawit", 18_000_000, 35_000_000), ("Mesin Pencacah Sampah Organik", 12_000_000, 25_000_000),
              ("Chopper Jerami 2 Ton/Jam", 15_000_000, 28_000_000), ("Mesin Pencacah Singkong", 7_000_000, 15_000_000)],
    desc=["Mesin pencacah bermesin diesel/bensin dengan pisau baja karbon; untuk pakan ternak dan pupuk organik."],
)
T["Mesin Sangrai Kopi"] = dict(
    unit="unit", price=(20_000_000, 90_000_000, 500_000), min_order=(1, 1), capacity=(1, 8), tkdn="mach",
    certs=[], names=["{v}"],
    variants=[("Mesin Sangrai Kopi (Roaster) 1 kg", 20_000_000, 32_000_000), ("Roaster Kopi 5 kg Gas", 45_000_000, 65_000_000),
              ("Mesin Roasting Kopi 15 kg", 70_000_000, 90_000_000), ("Roaster Kopi 2 kg Digital", 28_000_000, 42_000_000)],
    desc=["Mesin sangrai drum putar berbahan stainless dan besi cor, termometer digital dan pendingin biji; "
          "pelatihan sangrai untuk UMKM kopi termasuk."],
)
T["Pompa Air"] = dict(
    unit="unit", price=(1_500_000, 8_000_000, 50_000), min_order=(1, 2), capacity=(20, 150), tkdn="mach",
    certs=["SNI"], names=["Pompa Air {v}"],
    variants=[("Irigasi 3 inci Mesin Bensin", 2_500_000, 4_500_000), ("Alkon 2 inci", 1_500_000, 2_800_000),
              ("Irigasi 4 inci Diesel", 5_500_000, 8_000_000), ("Tenaga Surya 1 HP", 5_000_000, 8_000_000),
              ("Celup Irigasi 1,5 HP", 2_000_000, 3_500_000)],
    desc=["Pompa air untuk irigasi sawah dan kebun; debit hingga 1.000 liter per menit; selang hisap termasuk."],
)
T["Alat Semprot (Sprayer)"] = dict(
    unit="unit", price=(350_000, 3_500_000, 25_000), min_order=(1, 10), capacity=(50, 500), tkdn="mach",
    certs=["SNI"], names=["{v}"],
    variants=[("Sprayer Elektrik 16 L", 450_000, 850_000), ("Mist Blower Punggung", 2_000_000, 3_500_000),
              ("Sprayer Manual 15 L", 350_000, 500_000), ("Power Sprayer Stationer", 2_500_000, 3_500_000)],
    desc=["Alat semprot pestisida dan pupuk cair untuk tanaman pangan dan hortikultura."],
)


# ---- Pertanian & Peternakan ----
T["Benih & Bibit"] = dict(
    unit="bungkus", price=(4_000, 95_000, 500), min_order=(10, 500), capacity=(1000, 20000), tkdn="none",
    certs=[], names=["{v}"], variants=[("Benih Padi Inpari 32 (5 kg)", 60_000, 90_000),
                                      ("Bibit Kopi Robusta Klon Tugu Sari (polibag)", 4_000, 8_000),
                                      ("Benih Jagung Hibrida (1 kg)", 75_000, 110_000),
                                      ("Bibit Lada Perdu (polibag)", 8_000, 15_000)],
    desc=["Benih dan bibit bersertifikat BPSB, dari penangkar di {region}."],
)
T["Pupuk & Pestisida"] = dict(
    unit="karung", price=(80_000, 180_000, 1_000), min_order=(10, 50), capacity=(500, 8000), tkdn="food",
    certs=["SNI"], names=["{v}"], variants=["Pupuk Organik Granul 40 kg", "Pupuk Kompos Kotoran Sapi 25 kg",
                                           "Pupuk Organik Cair (jeriken 20 L)"],
    desc=["Pupuk organik dari limbah ternak dan pertanian {region}, terdaftar di Kementan."],
)
T["Hewan Ternak"] = dict(
    unit="ekor", price=(3_500_000, 18_000_000, 100_000), min_order=(1, 5), capacity=(10, 100), tkdn="none",
    certs=[], names=["{v}"], variants=[("Sapi Bali Bakalan", 12_000_000, 16_000_000),
                                      ("Kambing Boerka Jantan", 3_500_000, 5_500_000),
                                      ("Sapi PO Betina Produktif", 14_000_000, 18_000_000)],
    desc=["Ternak sehat dengan surat keterangan kesehatan hewan dari dinas setempat."],
)
T["Obat & Peralatan Kesehatan Hewan"] = dict(
    unit="botol", price=(25_000, 150_000, 1_000), min_order=(10, 20), capacity=(200, 2000), tkdn="none",
    certs=[], names=["{v}"], variants=["Vitamin Ternak 100 ml", "Obat Cacing Sapi 250 ml", "Desinfektan Kandang 1 L"],
    desc=["Obat hewan terdaftar, untuk program kesehatan ternak."],
)
T["Alat Ternak"] = dict(
    unit="unit", price=(150_000, 4_500_000, 25_000), min_order=(1, 10), capacity=(20, 300), tkdn="mach",
    certs=[], names=["{v}"], variants=[("Kandang Ayam Baterai 4 Pintu", 150_000, 350_000),
                                      ("Tempat Pakan Sapi Beton", 450_000, 900_000),
                                      ("Timbangan Ternak Digital", 2_500_000, 4_500_000)],
    desc=["Peralatan kandang buatan bengkel las lokal."],
)


# ---- Bahan Pokok ----
T["Beras"] = dict(
    unit="karung", price=(65_000, 380_000, 1_000), min_order=(10, 20), capacity=(1000, 20000), tkdn="none",
    certs=["SNI"], names=["{v}"], variants=[("Beras Premium 5 kg", 70_000, 80_000), ("Beras Medium 25 kg", 300_000, 340_000),
                                           ("Beras Pulen 10 kg", 135_000, 155_000), ("Beras Merah 5 kg", 85_000, 110_000)],
    desc=["Beras giling baru dari sawah irigasi {region}, tanpa pemutih."],
)
T["Gula, Minyak & Bahan Pokok Lain"] = dict(
    unit="bungkus", price=(15_000, 45_000, 500), min_order=(10, 50), capacity=(500, 5000), tkdn="food",
    certs=["PIRT", "HALAL"], names=["{v}"], variants=["Gula Semut Aren 500 g", "Gula Aren Cetak 1 kg", "Gula Kelapa 500 g"],
    desc=["Gula aren dari nira pohon aren di {region}, dimasak tradisional."],
)

