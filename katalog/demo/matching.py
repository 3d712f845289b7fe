"""The demo's needs (kebutuhan), matched by the real engine, and the vendors' answers to them.

Buyers with a demo login write their needs themselves (`need_create`); the needs of the other buyer
organisations reach the curator as a spreadsheet and are imported (`needs_import`). The needs written
before the matching event (events.py) are the ones its meetings were arranged from; the others came
after it. Several needs carry hard requirements ("wajib UMKM Lampung", "wajib TKDN+BMP ≥ 40%", "asal
Pesawaran"); two show where local supply falls short: no Lampung sprayer fits the budget, and the
best songket is woven in Palembang.

The engine runs once a need is committed (a background task, inline in the demo); where it did not run
(a test's transaction never commits), the demo runs it itself, so the stored matches are always there.
Every step is skipped when what it would write is already in the database.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from katalog.accounts.models import Organisation
from katalog.catalog.models import Product
from katalog.matching import services as matching
from katalog.matching.models import Need, NeedInterest, NeedStatus
from katalog.matching.specs import NEED_COLUMNS
from katalog.regions.models import Region

from .scenario import BUYER_ORGANISATIONS
from .stage import Stage, StoryError, rup_code

DISPERINDAG = "Dinas Perindustrian dan Perdagangan Provinsi Lampung"
BIRO_PBJ = "Biro Pengadaan Barang dan Jasa Setda Provinsi Lampung"
DISTAN_LAMTENG = "Dinas Pertanian Kabupaten Lampung Tengah"
DISKOP_METRO = "Dinas Koperasi, UKM dan Perindustrian Kota Metro"
KEMENAG = "Kantor Wilayah Kementerian Agama Provinsi Lampung"
PTPN = "PTPN I Regional 7"
LJU = "PT Lampung Jasa Utama"
MITRA = "PT Mitra Usaha Sai Bumi"

# Who writes the needs of each buyer organisation with a demo login; the others are imported by the curator.
AUTHORS = {DISPERINDAG: "pembeli", KEMENAG: "pembeli-kemenag", PTPN: "pembeli-bumn", DISTAN_LAMTENG: "pengadaan-pertanian",
           LJU: "pembeli-bumd"}
CURATOR = "kurator"
# Buyers that plan without SIRUP (no RUP code).
COMPANIES = {"bumn", "bumd", "swasta"}


@dataclass(frozen=True)
class DemoNeed:
    buyer: str  # the buyer organisation's name
    ref: str  # the buyer's own reference
    written: tuple[int, str]  # working days before the load, "hh:mm"
    title: str
    description: str
    quantity: int
    unit: str
    budget_idr: int
    regency: str  # Kemendagri code of the delivery regency
    needed_in_days: int  # needed by: days after the load
    category: str = ""  # a level-3 category name, or none


N = DemoNeed

# Written before the matching event: its meetings were arranged from these.
NEEDS_BEFORE_THE_EVENT = [
    N(DISPERINDAG, "DISPERINDAG-KEB-01", (44, "09:30"), "Kopi bubuk robusta Lampung untuk jamuan tamu dan promosi IKM",
      "Kopi bubuk robusta khas Lampung kemasan 250 g untuk jamuan tamu dinas dan dibagikan di stan promosi IKM. "
      "Wajib UMKM Lampung.", 200, "bungkus", 16_000_000, "18.71", 25, "Kopi Bubuk"),
    N(DISPERINDAG, "DISPERINDAG-KEB-02", (44, "10:10"), "Cendera mata tapis untuk narasumber dan tamu Rakor IKM",
      "Selendang tapis dan hiasan dinding tapis bermotif khas Lampung sebagai cendera mata untuk narasumber dan "
      "tamu kehormatan, dikemas dalam kotak.", 24, "buah", 20_000_000, "18.71", 30),
    N(DISPERINDAG, "DISPERINDAG-KEB-03", (43, "14:00"), "Seminar kit peserta Rakor IKM se-Lampung",
      "Paket seminar kit (tas, agenda, pulpen, name tag) untuk 250 peserta. Wajib UMKM Lampung.", 250, "paket",
      25_000_000, "18.71", 35, "Paket Seminar Kit"),
    N(KEMENAG, "KANWIL-KEB-01", (42, "09:00"), "Kemeja dan blus batik Lampung untuk pegawai baru",
      "Kemeja batik lengan panjang dan blus batik motif khas Lampung untuk 120 pegawai baru di Kantor Kemenag "
      "kabupaten/kota. Wajib UMKM Lampung.", 120, "potong", 48_000_000, "18.71", 45, "Batik & Tapis Dinas"),
    N(KEMENAG, "KANWIL-KEB-02", (42, "09:40"), "Plakat kayu ukir untuk tamu Kanwil",
      "Plakat kayu ukir dengan logo Kementerian Agama untuk tamu dan pejabat yang purnatugas.", 40, "buah",
      16_000_000, "18.71", 40),
    N(PTPN, "R7-KEB-01", (41, "10:00"), "Seragam kerja lapangan untuk pemanen dan mandor kebun",
      "Seragam kerja dua potong bahan drill dan rompi scotchlite untuk pemanen dan mandor kebun plasma. "
      "Wajib TKDN+BMP ≥ 40%.", 220, "stel", 42_000_000, "18.71", 30, "Seragam Kerja & Wearpack"),
    N(PTPN, "R7-KEB-02", (41, "10:30"), "Kultivator untuk penyiapan lahan kebun plasma Way Berulu",
      "Kultivator bermesin untuk penyiapan lahan dan penyiangan di kebun plasma, lengkap dengan alat bajak.", 8,
      "unit", 120_000_000, "18.09", 40, "Kultivator"),
    N(DISTAN_LAMTENG, "DISTAN-LT-KEB-01", (40, "08:45"), "Pompa air irigasi untuk kelompok tani",
      "Pompa air celup atau pompa irigasi untuk sawah tadah hujan di Kecamatan Seputih Mataram. Wajib UMKM "
      "Lampung, diutamakan ber-TKDN.", 10, "unit", 30_000_000, "18.02", 30, "Pompa Air"),
    N(DISTAN_LAMTENG, "DISTAN-LT-KEB-02", (40, "09:15"), "Mesin perontok padi untuk Gapoktan penerima bantuan",
      "Power thresher bermesin diesel kapasitas minimal 1 ton/jam untuk empat Gapoktan. Wajib TKDN+BMP ≥ 40%.", 4,
      "unit", 110_000_000, "18.02", 50, "Mesin Perontok Padi"),
    N(LJU, "LJU-KEB-01", (39, "13:30"), "Kopi bubuk kemasan untuk bingkisan hari raya mitra",
      "Kopi bubuk robusta Lampung kemasan 250 g untuk bingkisan (hampers) hari raya bagi mitra perusahaan. Wajib "
      "UMKM Lampung.", 250, "bungkus", 20_000_000, "18.71", 35),
    N(DISKOP_METRO, "DISKOP-MTR-01", (33, "10:00"), "Kerajinan anyaman purun dan pandan untuk pameran UMKM",
      "Tas, kotak serbaguna dan tempat tisu anyaman produksi UMKM binaan untuk stan pameran. Wajib UMKM Lampung.",
      150, "buah", 14_000_000, "18.72", 40),
    N(BIRO_PBJ, "BPBJ-KEB-01", (33, "10:00"), "Seminar kit peserta bimbingan teknis pengadaan barang/jasa",
      "Paket seminar kit berisi tas, agenda dan pulpen untuk 300 peserta bimtek. Wajib TKDN+BMP ≥ 40%.", 300,
      "paket", 33_000_000, "18.71", 45, "Paket Seminar Kit"),
]

# Written after the event.
NEEDS_AFTER_THE_EVENT = [
    N(DISPERINDAG, "DISPERINDAG-KEB-04", (14, "09:00"), "Gantungan kunci dan magnet kulkas siger untuk pengunjung stan",
      "Suvenir kecil bermotif siger untuk 1.000 pengunjung stan Disperindag di Lampung Fair.", 1000, "buah",
      20_000_000, "18.71", 30),
    N(KEMENAG, "KANWIL-KEB-03", (12, "10:30"), "Tapis lembaran untuk hiasan aula Kanwil",
      "Kain tapis lembaran bermotif khas Lampung, dibingkai, untuk dinding aula dan ruang tamu Kanwil. Wajib UMKM "
      "Lampung.", 6, "lembar", 18_000_000, "18.71", 40, "Tapis Lembaran"),
    N(PTPN, "R7-KEB-03", (11, "14:00"), "Suvenir khas Lampung untuk tamu direksi",
      "Suvenir kecil (gantungan kunci, magnet kulkas, pembatas buku) untuk tamu direksi. Asal Pesawaran, binaan "
      "wilayah kebun Way Berulu.", 200, "buah", 8_000_000, "18.71", 30),
    N(DISTAN_LAMTENG, "DISTAN-LT-KEB-03", (10, "09:00"), "Sprayer punggung untuk brigade proteksi tanaman",
      "Alat semprot punggung (mist blower) untuk brigade proteksi tanaman pangan. Wajib UMKM Lampung.", 40, "unit",
      100_000_000, "18.02", 45, "Alat Semprot (Sprayer)"),
    N(LJU, "LJU-KEB-02", (9, "15:00"), "Keripik pisang dan kemplang untuk bingkisan tamu",
      "Camilan khas Lampung (keripik pisang, kemplang) kemasan 250 g untuk bingkisan tamu perusahaan.", 300,
      "bungkus", 9_000_000, "18.71", 25),
    N(BIRO_PBJ, "BPBJ-KEB-02", (8, "10:00"), "Name tag dan tali lanyard peserta bimtek",
      "Name tag dengan tali lanyard dicetak nama peserta untuk 300 peserta bimtek.", 300, "buah", 9_000_000, "18.71",
      40),
    N(MITRA, "MUSB-KEB-01", (8, "10:00"), "Mesin sangrai kopi kapasitas 5 kg",
      "Mesin roasting kopi kapasitas sekitar 5 kg per proses berbahan bakar gas untuk unit pengolahan kopi.", 1,
      "unit", 70_000_000, "18.01", 60, "Mesin Sangrai Kopi"),
    N(MITRA, "MUSB-KEB-02", (8, "10:00"), "Green bean robusta petik merah",
      "Kopi biji mentah robusta petik merah grade 1, asal Lampung Barat.", 2000, "kg", 220_000_000, "18.01", 45),
    N(DISKOP_METRO, "DISKOP-MTR-02", (8, "10:00"), "Paket seminar kit pelatihan kewirausahaan",
      "Seminar kit (tas, buku, pulpen, name tag) untuk 150 peserta pelatihan kewirausahaan. Wajib UMKM asal Kota "
      "Metro.", 150, "paket", 18_000_000, "18.72", 30),
    N(DISKOP_METRO, "DISKOP-MTR-03", (8, "10:00"), "Kain songket untuk kostum penari penyambutan tamu",
      "Kain songket tenun benang emas untuk kostum sanggar tari penyambutan tamu pada pameran UMKM.", 12, "lembar",
      18_000_000, "18.72", 45, "Tenun & Songket"),
]


@dataclass(frozen=True)
class DemoInterest:
    """A vendor's answer to a need: an offer when it names a unit price, otherwise an expression of interest."""

    buyer: str
    ref: str
    by: str  # the vendor's username
    sku: str
    when: tuple[int, str]
    message: str
    unit_price_idr: int | None = None


INTERESTS = [
    DemoInterest(DISTAN_LAMTENG, "DISTAN-LT-KEB-02", "penyedia-tani", "KL-0021-004", (19, "10:00"),
                 "Power thresher roda karet kami sudah dipakai Gapoktan di Lampung Tengah; siap demo di lapangan."),
    DemoInterest(DISTAN_LAMTENG, "DISTAN-LT-KEB-02", "penyedia-mesin", "KL-0032-005", (18, "11:00"),
                 "Harga sudah termasuk pelatihan operator dan garansi satu tahun; suku cadang tersedia di Gunung Sugih.",
                 25_500_000),
    DemoInterest(KEMENAG, "KANWIL-KEB-01", "penyedia-batik", "KL-0005-008", (16, "09:30"),
                 "Kami sanggup menjahit ukur per pegawai, seperti pesanan Kanwil sebelumnya."),
    DemoInterest(PTPN, "R7-KEB-02", "penyedia-agro", "KL-0030-006", (7, "13:00"),
                 "Unit tersedia di gudang Natar; kami ikut bila dibuka mini-kompetisi."),
    DemoInterest(KEMENAG, "KANWIL-KEB-03", "penyedia", "KL-0001-003", (3, "10:00"),
                 "Enam lembar motif pohon hayat benang emas, dibingkai kayu jati berkaca; selesai tiga minggu.",
                 2_350_000),
    DemoInterest(LJU, "LJU-KEB-01", "penyedia-kopi", "KL-0038-002", (1, "09:30"),
                 "Harga untuk 250 bungkus termasuk kemasan hampers berlogo perusahaan dan ongkos kirim dari Liwa.",
                 76_000),
]

# Needs the buyer closed as fulfilled once the orders agreed at the event were paid (events.py links them).
FULFILLED = [
    (DISPERINDAG, "DISPERINDAG-KEB-01", (5, "11:00"), "Dipenuhi dengan pesanan kopi untuk booth Lampung Fair."),
    (DISPERINDAG, "DISPERINDAG-KEB-02", (4, "09:30"), "Dipenuhi dengan pesanan selendang dan hiasan dinding tapis."),
    (PTPN, "R7-KEB-01", (3, "15:00"), "Seragam pemanen dan rompi mandor sudah diterima dan dibayar."),
]


# ---- Steps ----

def _buyer(name: str) -> Organisation:
    return Organisation.objects.get(name=name, kind=Organisation.Kind.BUYER)


def _find(buyer: str, ref: str) -> Need:
    return Need.objects.get(buyer_organisation__name=buyer, ref=ref)


def _write(s: Stage, need: DemoNeed) -> Need:
    author = s.user(AUTHORS[need.buyer])
    if s.organisation_of(author.username).name != need.buyer:
        raise StoryError(f"{author.username} does not write the needs of {need.buyer}.")
    buyer_type = {o.name: o.buyer_type for o in BUYER_ORGANISATIONS}[need.buyer]
    return matching.need_create(
        actor=author, ref=need.ref, title=need.title, description=need.description,
        category=s.category(need.category) if need.category else None, quantity=need.quantity, unit=need.unit,
        budget_idr=need.budget_idr, delivery_region=Region.objects.get(code=need.regency),
        needed_by=s.today + dt.timedelta(days=need.needed_in_days),
        rup_code=rup_code(need.title) if buyer_type not in COMPANIES else "", now=s.at(*need.written),
    )


def _as_file(s: Stage, needs: list[DemoNeed]) -> bytes:
    """The spreadsheet the buyers sent to the curator, in the import's columns."""
    types = {o.name: o.buyer_type for o in BUYER_ORGANISATIONS}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(NEED_COLUMNS)
    for need in needs:
        writer.writerow([need.ref, need.buyer, types[need.buyer], need.title, need.description, need.category,
                         need.quantity, need.unit, need.budget_idr, need.regency,
                         (s.today + dt.timedelta(days=need.needed_in_days)).isoformat()])
    return buffer.getvalue().encode("utf-8")


def unpublished(needs: list[DemoNeed]) -> list[DemoNeed]:
    return [n for n in needs if not Need.objects.filter(buyer_organisation__name=n.buyer, ref=n.ref).exists()]


def publish_needs(s: Stage, needs: list[DemoNeed]) -> int:
    """The needs not yet in the database, written or imported, then matched; how many were added."""
    missing = unpublished(needs)
    for need in missing:
        if need.buyer in AUTHORS:
            _write(s, need)
    imported: dict[tuple[int, str], list[DemoNeed]] = {}
    for need in missing:
        if need.buyer not in AUTHORS:
            imported.setdefault(need.written, []).append(need)
    for written, batch in sorted(imported.items(), reverse=True):
        matching.needs_import(_as_file(s, batch), "kebutuhan-perangkat-daerah.csv", actor=s.user(CURATOR),
                              now=s.at(*written))
    match_unmatched(s, needs)
    return len(missing)


def match_unmatched(s: Stage, needs: list[DemoNeed]) -> None:
    """Run the engine for the needs whose background matching has not run (yet)."""
    ids = [_find(n.buyer, n.ref).pk for n in needs]
    waiting = list(Need.objects.filter(pk__in=ids, matched_at__isnull=True).values_list("pk", flat=True))
    if waiting:
        matching.needs_rematch(need_ids=waiting, now=s.now)


def answer_needs(s: Stage) -> None:
    """Vendors' interest and offers (each vendor sees these needs among its opportunities)."""
    for interest in sorted(INTERESTS, key=lambda i: s.at(*i.when)):
        need = _find(interest.buyer, interest.ref)
        vendor = s.organisation_of(interest.by)
        if NeedInterest.objects.filter(need=need, vendor__organisation=vendor).exists():
            continue
        product = Product.objects.get(sku=interest.sku)
        matching.interest_express(
            actor=s.user(interest.by), need_id=need.pk, product_id=product.pk, message=interest.message,
            offered_unit_price_idr=interest.unit_price_idr, now=s.at(*interest.when),
        )


def close_fulfilled(s: Stage) -> None:
    for buyer, ref, when, reason in FULFILLED:
        need = _find(buyer, ref)
        if need.status == NeedStatus.OPEN:
            matching.need_close(actor=s.user(AUTHORS[buyer]), need_id=need.pk, fulfilled=True, reason=reason,
                                now=s.at(*when))
