"""The demo story told on top of the catalogue files: who logs in, who buys, what waits for a curator.

Catalogue content (names, reasons) is data in Indonesian, as a real catalogue would hold it.
"""

from __future__ import annotations

from dataclasses import dataclass

PASSWORD = "demo-katalog"


@dataclass(frozen=True)
class BuyerOrg:
    name: str
    buyer_type: str
    region_code: str
    address: str


BUYER_ORGANISATIONS = [
    BuyerOrg("Dinas Perindustrian dan Perdagangan Provinsi Lampung", "opd_provinsi", "18.71",
             "Jl. Cut Mutia No. 23, Teluk Betung Utara, Bandar Lampung"),
    BuyerOrg("Biro Pengadaan Barang dan Jasa Setda Provinsi Lampung", "opd_provinsi", "18.71",
             "Jl. Wolter Monginsidi No. 69, Teluk Betung, Bandar Lampung"),
    BuyerOrg("Dinas Pertanian Kabupaten Lampung Tengah", "opd_kabkota", "18.02",
             "Jl. Negara No. 1, Gunung Sugih, Lampung Tengah"),
    BuyerOrg("Dinas Koperasi, UKM dan Perindustrian Kota Metro", "opd_kabkota", "18.72",
             "Jl. AH Nasution, Metro Pusat, Kota Metro"),
    BuyerOrg("Kantor Wilayah Kementerian Agama Provinsi Lampung", "instansi_vertikal", "18.71",
             "Jl. Cut Mutia No. 27, Teluk Betung Utara, Bandar Lampung"),
    BuyerOrg("PTPN I Regional 7", "bumn", "18.71", "Jl. Teuku Umar No. 300, Kedaton, Bandar Lampung"),
    BuyerOrg("PT Lampung Jasa Utama", "bumd", "18.71", "Jl. Pangeran Antasari, Bandar Lampung"),
    BuyerOrg("PT Mitra Usaha Sai Bumi", "swasta", "18.01", "Jl. Lintas Sumatera Km 20, Natar, Lampung Selatan"),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    name: str
    role_label: str  # what the printed table shows
    platform_role: str = ""
    is_staff: bool = False
    is_superuser: bool = False
    organisation: str = ""  # a buyer organisation name, or a vendor code
    membership_role: str = ""


PENYEDIA_VENDOR_CODE = "KL-0001"  # Tapis Jejama Sai: micro, Kota Bandar Lampung

DEMO_USERS = [
    DemoUser("kurator", "Dewi Anggraini", "Curator", platform_role="curator", is_staff=True),
    DemoUser("pembeli", "Rudi Hartono", "Buyer (PPK)", organisation="Dinas Perindustrian dan Perdagangan Provinsi Lampung",
             membership_role="buyer_ppk"),
    DemoUser("pembeli-bumn", "Maya Sari", "Buyer (PPK)", organisation="PTPN I Regional 7",
             membership_role="buyer_ppk"),
    # The buyers and vendors of the demo's orders and mini-competitions (orders.py, competitions.py).
    DemoUser("pembeli-pertanian", "Bambang Sutrisno", "Buyer (PPK)",
             organisation="Dinas Pertanian Kabupaten Lampung Tengah", membership_role="buyer_ppk"),
    DemoUser("pengadaan-pertanian", "Yuliana Putri", "Buyer (pejabat pengadaan)",
             organisation="Dinas Pertanian Kabupaten Lampung Tengah", membership_role="buyer_pp"),
    DemoUser("pembeli-kemenag", "Ahmad Fauzi", "Buyer (PPK)",
             organisation="Kantor Wilayah Kementerian Agama Provinsi Lampung", membership_role="buyer_ppk"),
    DemoUser("pembeli-bumd", "Irwan Saputra", "Buyer (PPK)", organisation="PT Lampung Jasa Utama",
             membership_role="buyer_ppk"),
    DemoUser("penyedia", "Sri Wahyuni", "Vendor owner", organisation=PENYEDIA_VENDOR_CODE,
             membership_role="vendor_owner"),
    DemoUser("penyedia-tani", "Joko Susilo", "Vendor owner", organisation="KL-0021", membership_role="vendor_owner"),
    DemoUser("penyedia-mesin", "Made Wirawan", "Vendor owner", organisation="KL-0032", membership_role="vendor_owner"),
    DemoUser("penyedia-agro", "Hendra Gunawan", "Vendor owner", organisation="KL-0030", membership_role="vendor_owner"),
    DemoUser("penyedia-kopi", "Ratna Dewi", "Vendor owner", organisation="KL-0038", membership_role="vendor_owner"),
    DemoUser("penyedia-batik", "Siti Aminah", "Vendor owner", organisation="KL-0005", membership_role="vendor_owner"),
    DemoUser("penyedia-konveksi", "Dedi Kurniawan", "Vendor owner", organisation="KL-0003",
             membership_role="vendor_owner"),
    DemoUser("pimpinan", "Herman Syahputra", "Leader", platform_role="leader"),
    DemoUser("admin", "Administrator Katalog", "Administrator", platform_role="administrator", is_staff=True,
             is_superuser=True),
]

# ---- What waits for a curator ----

# Vendors imported as "submitted", days ago.
VENDORS_WAITING = {"KL-0045": 9, "KL-0013": 4, "KL-0020": 1}
# vendor code: (days since submitted, days since returned, reason)
VENDORS_RETURNED = {
    "KL-0018": (12, 6, "Dokumen NIB yang diunggah tidak terbaca dan KBLI 81210 pada profil belum tercantum di NIB. "
                       "Unggah ulang hasil pindai NIB yang jelas, lalu ajukan kembali."),
}

# Products imported as "submitted": SKU -> hours since submitted.
PRODUCTS_WAITING = {
    "KL-0038-005": 8 * 24 + 3,
    "KL-0012-008": 7 * 24 + 5,
    "KL-0056-006": 6 * 24 + 2,
    "KL-0032-007": 5 * 24 + 6,
    "KL-0035-009": 4 * 24 + 1,
    "KL-0004-014": 3 * 24 + 4,
    "KL-0001-013": 2 * 24 + 7,
    "KL-0017-009": 2 * 24 + 1,
    "KL-0021-009": 26,
    "KL-0016-006": 3,
}
# SKU -> (hours since submitted, hours since returned, reason)
PRODUCTS_RETURNED = {
    "KL-0001-012": (10 * 24, 9 * 24, "Foto produk belum diunggah dan ukuran sampul (A5 atau B5) belum disebutkan di "
                                     "deskripsi. Lengkapi lalu ajukan kembali."),
    "KL-0050-004": (9 * 24, 8 * 24, "Nilai TKDN 41% belum didukung sertifikat TKDN yang berlaku di profil usaha. "
                                    "Unggah sertifikatnya atau kosongkan nilai TKDN."),
}
# Vendors whose TKDN claims have no certificate in the demo (see the return reason above).
VENDORS_WITHOUT_TKDN_CERTIFICATE = {"KL-0050"}

# Listed products are imported in batches over the past months: days ago, oldest first.
LISTING_BATCHES_DAYS_AGO = [150, 120, 90, 60, 30, 10]
VENDORS_IMPORTED_DAYS_AGO = 180

# The business-matching event (events.py) was held this many working days before the load; the orders
# that realise its commitments (orders.py) come after it.
MATCHING_EVENT_WORKING_DAYS_AGO = 21

# A draft the penyedia is still writing (created through the product service).
PENYEDIA_DRAFT = {
    "sku": "KL-0001-D01",
    "name": "Kain Tapis Motif Siger Ukuran Besar",
    "description": "Tapis lembaran 80 x 150 cm untuk hiasan ruang pertemuan; contoh warna menyusul.",
    "category": "Tapis Lembaran",
    "unit": "lembar",
    "price_idr": 4_750_000,
    "min_order": 1,
    "capacity_per_month": 3,
    "origin_region": "18.71",
}
