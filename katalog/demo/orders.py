"""The demo's orders: one story per order, together covering every status of the lifecycle.

Who buys (see scenario.DEMO_USERS): Disperindag Provinsi Lampung (`pembeli`, PPK), Dinas Pertanian
Lampung Tengah (`pengadaan-pertanian` buys, `pembeli-pertanian` is the PPK), Kanwil Kemenag Lampung
(`pembeli-kemenag`), PTPN I Regional 7 (`pembeli-bumn`) and the BUMD PT Lampung Jasa Utama
(`pembeli-bumd`). Times are working days before the load (`s.at(days, "hh:mm")`).

Two orders realise commitments made at the business-matching event (events.py) 21 working days
before the load: tapis gifts for Disperindag and harvest uniforms for PTPN.

The coffee orders give Kopi Bubuk a reference price (three paid lines, median Rp78.000) before the
BUMD agrees to Rp125.000 for its premium coffee, which the curators then see flagged.
"""

from __future__ import annotations

from katalog.procurement import services
from katalog.procurement.models import OrderStatus

from .stage import (
    Stage,
    Story,
    accept,
    call,
    complete,
    create_order,
    issue_sp,
    offer,
    pay,
    rate,
    send,
    ship,
    sign_bast,
)

S = OrderStatus
PP_PERTANIAN, PPK_PERTANIAN = "pengadaan-pertanian", "pembeli-pertanian"


def _quantities(order, by_sku: dict[str, int]) -> dict[int, int]:
    return {line.pk: by_sku[line.sku] for line in order.lines.all() if line.sku in by_sku}


def propose_quantities(s: Stage, when, order, *, by: str, quantities: dict[str, int], reason: str):
    return when, lambda now: services.addendum_propose(
        actor=s.user(by), order_id=order.pk, changes={"quantities": _quantities(order, quantities)}, reason=reason,
        now=now,
    )


# ---- Disperindag Provinsi Lampung and Tapis Jejama Sai (`penyedia`) ----

def tapis_for_festival_guests(s: Stage, title: str):
    """Completed and rated: three tapis for the guests of the Festival Krakatau."""
    order = yield create_order(
        s, s.at(36, "09:10"), buyer="pembeli", vendor="KL-0001", title=title,
        lines=[("KL-0001-001", 2), ("KL-0001-003", 4), ("KL-0001-004", 2)], delivery_days=14,
        notes="Untuk tamu kehormatan malam pembukaan festival.",
    )
    yield send(s, s.at(36, "09:40"), order, by="pembeli")
    yield issue_sp(s, s.at(35, "10:00"), order, by="pembeli", terms="Tapis dikemas dalam kotak kayu berlapis beludru.")
    yield accept(s, s.at(34, "08:45"), order, by="penyedia")
    delivery = yield ship(s, s.at(28, "13:00"), order, by="penyedia", carrier="Diantar langsung oleh penyedia")
    yield sign_bast(s, s.at(28, "15:30"), delivery, by="pembeli", number="027/BAST/DISPERINDAG")
    yield pay(s, s.at(22, "10:00"), order, by="pembeli", reference="SP2D 01873/LS/2.07.0.00/Disperindag")
    yield rate(s, s.at(21, "09:00"), order, by="pembeli", delivery_time=5, quality=5, fit_to_spec=4,
               comment="Sulaman rapi dan dikemas dengan baik; satu motif sedikit berbeda warna dari contoh.")
    yield complete(s, s.at(21, "09:05"), order, by="pembeli")


def tapis_for_dekranasda_showroom(s: Stage, title: str):
    """In negotiation: the buyer offered less, the vendor countered; the buyer must answer."""
    order = yield create_order(
        s, s.at(3, "10:00"), buyer="pembeli", vendor="KL-0001", title=title,
        lines=[("KL-0001-001", 3), ("KL-0001-009", 2)], delivery_days=21,
    )
    yield send(s, s.at(3, "10:20"), order, by="pembeli", negotiate=True,
               prices={"KL-0001-001": 3_750_000, "KL-0001-009": 1_900_000})
    yield offer(s, s.at(1, "11:20"), order, by="penyedia", prices={"KL-0001-001": 3_950_000, "KL-0001-009": 2_000_000},
                message="Harga benang emas naik sejak bulan lalu. Rp3.950.000 per lembar untuk motif Dewosano "
                        "sudah termasuk bingkai kaca.")


def scarves_for_the_fair_dancers(s: Stage, title: str):
    """A draft the PPK is still putting together."""
    yield create_order(
        s, s.at(1, "16:10"), buyer="pembeli", vendor="KL-0001", title=title,
        lines=[("KL-0001-006", 12)], delivery_days=20,
        notes="Warna dasar merah marun; jumlah penari menunggu konfirmasi sanggar.",
    )


def lunch_boxes_for_postponed_meeting(s: Stage, title: str):
    """Cancelled by the buyer before the Surat Pesanan: the meeting was postponed."""
    order = yield create_order(
        s, s.at(10, "09:00"), buyer="pembeli", vendor="KL-0012", title=title,
        lines=[("KL-0012-001", 150)], delivery_days=7,
    )
    yield send(s, s.at(10, "09:20"), order, by="pembeli")
    yield call(s.at(9, "15:00"), services.order_cancel, actor=s.user("pembeli"), order_id=order.pk,
               reason="Rapat koordinasi diundur ke bulan depan karena bertepatan dengan kunjungan kerja Gubernur; "
                      "anggaran konsumsi diajukan ulang.")


# ---- Coffee from Kopi Liwa Sekala Brak (`penyedia-kopi`): the reference price and the red flag ----

def coffee_for_regional_work_meeting(s: Stage, title: str):
    """Completed and rated (Kanwil Kemenag)."""
    order = yield create_order(
        s, s.at(50, "09:00"), buyer="pembeli-kemenag", vendor="KL-0038", title=title,
        lines=[("KL-0038-002", 100)], delivery_days=10,
    )
    yield send(s, s.at(50, "09:20"), order, by="pembeli-kemenag")
    yield issue_sp(s, s.at(49, "10:00"), order, by="pembeli-kemenag")
    yield accept(s, s.at(48, "08:30"), order, by="penyedia-kopi")
    delivery = yield ship(s, s.at(46, "11:00"), order, by="penyedia-kopi", carrier="JNE Trucking 8801 2264 0917")
    yield sign_bast(s, s.at(45, "10:00"), delivery, by="pembeli-kemenag", number="B-112/Kw.08.1/KU.01/BAST")
    yield pay(s, s.at(40, "13:00"), order, by="pembeli-kemenag", reference="SP2D KPPN Bandar Lampung 260815301002341")
    yield rate(s, s.at(39, "09:30"), order, by="pembeli-kemenag", delivery_time=5, quality=5, fit_to_spec=4,
               comment="Tiba tepat waktu dan disukai peserta Rakerwil; kemasan 250 g lebih praktis bila 500 g.")
    yield complete(s, s.at(39, "09:35"), order, by="pembeli-kemenag")


def coffee_for_office_guests(s: Stage, title: str):
    """Completed and rated (the BUMD)."""
    order = yield create_order(
        s, s.at(33, "09:00"), buyer="pembeli-bumd", vendor="KL-0038", title=title,
        lines=[("KL-0038-002", 150)], delivery_days=10,
    )
    yield send(s, s.at(33, "09:20"), order, by="pembeli-bumd")
    yield issue_sp(s, s.at(32, "10:00"), order, by="pembeli-bumd")
    yield accept(s, s.at(31, "08:30"), order, by="penyedia-kopi")
    delivery = yield ship(s, s.at(29, "11:00"), order, by="penyedia-kopi", carrier="JNE Trucking 8801 2290 4415")
    yield sign_bast(s, s.at(28, "10:00"), delivery, by="pembeli-bumd", number="BAST/LJU/UMUM/0917")
    yield pay(s, s.at(24, "14:00"), order, by="pembeli-bumd", reference="Transfer Bank Lampung 0917/LJU/KEU")
    yield rate(s, s.at(23, "10:00"), order, by="pembeli-bumd", delivery_time=5, quality=4, fit_to_spec=5,
               comment="Aroma kuat dan segar; satu karton sedikit penyok saat pengiriman.")
    yield complete(s, s.at(23, "10:05"), order, by="pembeli-bumd")


def coffee_for_the_fair_booth(s: Stage, title: str):
    """Paid in full, after the vendor accepted the buyer's lower price; not yet rated."""
    order = yield create_order(
        s, s.at(20, "09:00"), buyer="pembeli", vendor="KL-0038", title=title,
        lines=[("KL-0038-002", 200)], delivery_days=10,
    )
    yield send(s, s.at(20, "09:30"), order, by="pembeli", negotiate=True, prices={"KL-0038-002": 72_000})
    yield call(s.at(19, "13:00"), services.offer_accept, actor=s.user("penyedia-kopi"), order_id=order.pk)
    yield issue_sp(s, s.at(18, "09:00"), order, by="pembeli")
    yield accept(s, s.at(17, "10:00"), order, by="penyedia-kopi")
    delivery = yield ship(s, s.at(15, "08:00"), order, by="penyedia-kopi", carrier="JNE Trucking 8801 2311 0062")
    yield sign_bast(s, s.at(14, "11:00"), delivery, by="pembeli", number="031/BAST/DISPERINDAG")
    yield pay(s, s.at(6, "10:30"), order, by="pembeli", reference="SP2D 02214/LS/2.07.0.00/Disperindag")


def premium_coffee_for_shareholders(s: Stage, title: str):
    """Agreed far above the Kopi Bubuk reference price (flagged), with a P3DN justification; approved,
    waiting for the PPK's Surat Pesanan."""
    order = yield create_order(
        s, s.at(4, "09:00"), buyer="pembeli-bumd", vendor="KL-0038",
        title=title, lines=[("KL-0038-001", 60)], delivery_days=12,
    )
    yield send(s, s.at(4, "09:30"), order, by="pembeli-bumd", negotiate=True, prices={"KL-0038-001": 110_000},
               pdn_justification="Direksi meminta kopi robusta petik merah kelas premium untuk jamuan tamu RUPS; "
                                 "kopi ber-TKDN yang tayang adalah kelas reguler.")
    yield offer(s, s.at(3, "10:00"), order, by="penyedia-kopi", prices={"KL-0038-001": 125_000},
                message="Harga termasuk kaleng kemasan berlogo perusahaan dan ongkos kirim dari Liwa.")
    yield call(s.at(1, "10:00"), services.offer_accept, actor=s.user("pembeli-bumd"), order_id=order.pk)


# ---- Dinas Pertanian Kabupaten Lampung Tengah ----

def dryers_above_the_pp_limit(s: Stage, title: str):
    """Above Rp200 juta, sent by the pejabat pengadaan: waiting for the PPK's approval."""
    order = yield create_order(
        s, s.at(2, "09:00"), buyer=PP_PERTANIAN, vendor="KL-0024",
        title=title, lines=[("KL-0024-003", 3)],
        delivery_days=45, delivery_address="Gudang UPTD Alsintan, Jl. Negara No. 1, Gunung Sugih, Lampung Tengah",
    )
    yield send(s, s.at(1, "10:30"), order, by=PP_PERTANIAN)


def four_wheel_tractor_over_budget(s: Stage, title: str):
    """Rejected by the PPK: the package is above the budget line."""
    order = yield create_order(
        s, s.at(13, "09:00"), buyer=PP_PERTANIAN, vendor="KL-0056",
        title=title, lines=[("KL-0056-004", 1)], delivery_days=60,
    )
    yield send(s, s.at(13, "09:30"), order, by=PP_PERTANIAN)
    yield call(s.at(12, "14:00"), services.order_reject, actor=s.user(PPK_PERTANIAN), order_id=order.pk,
               reason="Pagu sub kegiatan optimasi lahan hanya Rp250.000.000 sesuai DPA. Ajukan kembali traktor "
                      "roda empat 35 HP atau bagi menjadi dua tahap.")


def pumps_from_outside_lampung(s: Stage, title: str):
    """Sent with a local-product justification; the vendor never answered the Surat Pesanan: expired."""
    order = yield create_order(
        s, s.at(15, "09:00"), buyer=PP_PERTANIAN, vendor="KL-0057",
        title=title, lines=[("KL-0057-002", 8)], delivery_days=14,
    )
    yield send(s, s.at(15, "09:20"), order, by=PP_PERTANIAN,
               local_justification="Pompa alkon 2 inci produksi lokal yang tayang hanya sanggup dikirim 4 unit bulan "
                                   "ini, sedangkan delapan kelompok tani membutuhkannya sebelum musim tanam gadu.")
    yield issue_sp(s, s.at(14, "13:00"), order, by=PPK_PERTANIAN)
    # The daily expiry run, once the vendor's three working days have passed.
    yield call(s.at(10, "07:00"), services.orders_expire)


def local_pumps_reordered(s: Stage, title: str):
    """Accepted by the vendor; the buyer proposed an addendum (two more pumps) still waiting for an answer."""
    order = yield create_order(
        s, s.at(8, "09:30"), buyer=PP_PERTANIAN, vendor="KL-0021",
        title=title, lines=[("KL-0021-007", 8)], delivery_days=21,
    )
    yield send(s, s.at(8, "10:00"), order, by=PP_PERTANIAN)
    yield issue_sp(s, s.at(7, "11:00"), order, by=PPK_PERTANIAN)
    yield accept(s, s.at(6, "09:15"), order, by="penyedia-tani")
    yield propose_quantities(
        s, s.at(2, "14:00"), order, by=PP_PERTANIAN, quantities={"KL-0021-007": 10},
        reason="Dua kelompok tani di Kecamatan Seputih Mataram masuk daftar penerima setelah verifikasi lapangan.",
    )


def hand_tractors_with_a_leaking_gearbox(s: Stage, title: str):
    """Received: three BASTs, one recording a non-conformity (the unit was replaced); payment pending."""
    order = yield create_order(
        s, s.at(27, "09:00"), buyer=PP_PERTANIAN, vendor="KL-0032",
        title=title, lines=[("KL-0032-001", 4)], delivery_days=30,
    )
    yield send(s, s.at(27, "09:30"), order, by=PP_PERTANIAN)
    yield issue_sp(s, s.at(26, "10:00"), order, by=PPK_PERTANIAN)
    yield accept(s, s.at(25, "08:00"), order, by="penyedia-mesin")
    first = yield ship(s, s.at(20, "09:00"), order, by="penyedia-mesin", quantities={"KL-0032-001": 3},
                       carrier="Truk penyedia BE 8142 GC")
    yield sign_bast(s, s.at(20, "14:00"), first, by=PPK_PERTANIAN, number="520/081/BAST/D.II.05")
    second = yield ship(s, s.at(18, "09:00"), order, by="penyedia-mesin", quantities={"KL-0032-001": 1},
                        carrier="Truk penyedia BE 8142 GC")
    yield sign_bast(s, s.at(18, "13:00"), second, by=PPK_PERTANIAN, number="520/084/BAST/D.II.05", function_ok=False,
                    non_conformity="Uji putar: transmisi bocor oli dan kopling selip pada unit nomor rangka "
                                   "BJ-TT10-0417. Unit dikembalikan kepada penyedia untuk diganti.")
    replacement = yield ship(s, s.at(13, "10:00"), order, by="penyedia-mesin", quantities={"KL-0032-001": 1},
                             carrier="Unit pengganti, truk penyedia BE 8142 GC")
    yield sign_bast(s, s.at(13, "15:00"), replacement, by=PPK_PERTANIAN, number="520/091/BAST/D.II.05")


# ---- Kanwil Kemenag Provinsi Lampung and Batik Siger Rajabasa (`penyedia-batik`) ----

def batik_uniforms_for_kemenag(s: Stage, title: str):
    """In delivery: an accepted addendum added 15 shirts; the first shipment is received with its BAST."""
    order = yield create_order(
        s, s.at(22, "09:00"), buyer="pembeli-kemenag", vendor="KL-0005",
        title=title,
        lines=[("KL-0005-007", 150), ("KL-0005-008", 100)], delivery_days=40,
    )
    yield send(s, s.at(22, "09:30"), order, by="pembeli-kemenag")
    yield issue_sp(s, s.at(21, "10:00"), order, by="pembeli-kemenag",
                   terms="Ukuran sesuai daftar ukuran per satuan kerja yang dilampirkan.")
    yield accept(s, s.at(20, "11:00"), order, by="penyedia-batik")
    addendum = yield propose_quantities(
        s, s.at(16, "10:00"), order, by="pembeli-kemenag", quantities={"KL-0005-007": 165},
        reason="Tambahan 15 pegawai hasil mutasi dari Kantor Kemenag kabupaten/kota.",
    )
    yield call(s.at(15, "09:00"), services.addendum_decide, actor=s.user("penyedia-batik"), addendum_id=addendum.pk,
               accept=True, reason="Sanggup; kain dari lot yang sama masih tersedia.")
    delivery = yield ship(s, s.at(6, "10:00"), order, by="penyedia-batik",
                          quantities={"KL-0005-007": 100, "KL-0005-008": 100}, carrier="Diantar langsung oleh penyedia")
    yield sign_bast(s, s.at(5, "14:00"), delivery, by="pembeli-kemenag", number="B-287/Kw.08.1/KU.01/BAST")


# ---- Orders agreed at the business-matching event (events.py links them to their commitments) ----

def tapis_promised_at_the_matching_event(s: Stage, title: str):
    """Completed and rated: the tapis gifts Disperindag committed to at the event, ordered two days later."""
    order = yield create_order(
        s, s.at(19, "09:30"), buyer="pembeli", vendor="KL-0001", title=title,
        lines=[("KL-0001-007", 20), ("KL-0001-008", 6)], delivery_days=14,
        notes="Sesuai komitmen pada temu bisnis; setiap cendera mata dikemas dalam kotak.",
    )
    yield send(s, s.at(19, "09:50"), order, by="pembeli")
    yield issue_sp(s, s.at(18, "10:30"), order, by="pembeli")
    yield accept(s, s.at(17, "09:00"), order, by="penyedia")
    delivery = yield ship(s, s.at(11, "10:00"), order, by="penyedia", carrier="Diantar langsung oleh penyedia")
    yield sign_bast(s, s.at(11, "14:00"), delivery, by="pembeli", number="036/BAST/DISPERINDAG")
    yield pay(s, s.at(7, "10:00"), order, by="pembeli", reference="SP2D 02190/LS/2.07.0.00/Disperindag")
    yield rate(s, s.at(5, "08:50"), order, by="pembeli", delivery_time=5, quality=5, fit_to_spec=5,
               comment="Sesuai contoh yang dibawa ke temu bisnis; narasumber senang dengan kemasannya.")
    yield complete(s, s.at(5, "08:55"), order, by="pembeli")


def harvest_uniforms_promised_at_the_matching_event(s: Stage, title: str):
    """Paid in full: the uniforms PTPN committed to at the event."""
    order = yield create_order(
        s, s.at(18, "09:00"), buyer="pembeli-bumn", vendor="KL-0003", title=title,
        lines=[("KL-0003-005", 200), ("KL-0003-006", 20)], delivery_days=21,
    )
    yield send(s, s.at(18, "09:20"), order, by="pembeli-bumn")
    yield issue_sp(s, s.at(17, "10:00"), order, by="pembeli-bumn")
    yield accept(s, s.at(16, "09:30"), order, by="penyedia-konveksi")
    delivery = yield ship(s, s.at(9, "09:00"), order, by="penyedia-konveksi",
                          carrier="Diantar ke Kantor Regional 7 dengan truk penyedia")
    yield sign_bast(s, s.at(8, "11:00"), delivery, by="pembeli-bumn", number="R7/BAST/UMUM/0433")
    yield pay(s, s.at(4, "14:00"), order, by="pembeli-bumn", reference="TRF/R7/KEU/11-0433")


# ---- PTPN I Regional 7 (`pembeli-bumn`) ----

def wall_hangings_for_the_anniversary(s: Stage, title: str):
    """Surat Pesanan issued: waiting for the vendor (`penyedia`) to accept."""
    order = yield create_order(
        s, s.at(3, "14:00"), buyer="pembeli-bumn", vendor="KL-0001", title=title,
        lines=[("KL-0001-008", 4), ("KL-0001-009", 3)], delivery_days=18,
    )
    yield send(s, s.at(3, "14:15"), order, by="pembeli-bumn")
    yield issue_sp(s, s.at(1, "09:00"), order, by="pembeli-bumn",
                   terms="Setiap hiasan dinding diberi plakat kecil berlogo perusahaan.")


def work_uniforms_declined(s: Stage, title: str):
    """Declined by the vendor: no sewing capacity in time."""
    order = yield create_order(
        s, s.at(34, "09:00"), buyer="pembeli-bumn", vendor="KL-0003", title=title,
        lines=[("KL-0003-005", 600)], delivery_days=10,
    )
    yield send(s, s.at(34, "09:20"), order, by="pembeli-bumn")
    yield issue_sp(s, s.at(33, "10:00"), order, by="pembeli-bumn")
    yield call(s.at(32, "16:00"), services.order_decline, actor=s.user("penyedia-konveksi"), order_id=order.pk,
               reason="Kapasitas jahit kami penuh sampai akhir bulan untuk pesanan PDH Pemda. Kami sanggup 300 stel "
                      "dengan waktu kirim 30 hari bila dipesan ulang.")


def work_uniforms_reordered(s: Stage, title: str):
    """Received; the first instalment (half) is paid, the rest is still owed."""
    order = yield create_order(
        s, s.at(30, "09:00"), buyer="pembeli-bumn", vendor="KL-0003", title=title,
        lines=[("KL-0003-005", 300), ("KL-0003-006", 100)], delivery_days=30,
    )
    yield send(s, s.at(30, "09:20"), order, by="pembeli-bumn")
    yield issue_sp(s, s.at(29, "10:00"), order, by="pembeli-bumn")
    yield accept(s, s.at(28, "09:00"), order, by="penyedia-konveksi")
    delivery = yield ship(s, s.at(16, "09:00"), order, by="penyedia-konveksi",
                          carrier="Diantar ke Kantor Regional 7 dengan truk penyedia")
    yield sign_bast(s, s.at(15, "11:00"), delivery, by="pembeli-bumn", number="R7/BAST/UMUM/0412")
    yield pay(s, s.at(9, "14:00"), order, by="pembeli-bumn", amount_idr=37_500_000,
              reference="Termin I (50%) TRF/R7/KEU/11-0412")


ORDER_STORIES = [
    Story("Cendera mata tapis untuk tamu Festival Krakatau", "pembeli", "order", S.COMPLETED, tapis_for_festival_guests),
    Story("Tapis lembaran untuk ruang pamer Dekranasda", "pembeli", "order", S.NEGOTIATING,
          tapis_for_dekranasda_showroom),
    Story("Selendang tapis untuk penari pembukaan Lampung Fair", "pembeli", "order", S.DRAFT,
          scarves_for_the_fair_dancers),
    Story("Nasi kotak untuk Rapat Koordinasi IKM se-Lampung", "pembeli", "order", S.CANCELLED,
          lunch_boxes_for_postponed_meeting),
    Story("Kopi untuk Rapat Kerja Wilayah", "pembeli-kemenag", "order", S.COMPLETED, coffee_for_regional_work_meeting),
    Story("Kopi untuk rapat dan tamu kantor", "pembeli-bumd", "order", S.COMPLETED, coffee_for_office_guests),
    Story("Kopi Lampung untuk booth Disperindag di Lampung Fair", "pembeli", "order", S.PAID, coffee_for_the_fair_booth),
    Story("Kopi premium untuk jamuan Rapat Umum Pemegang Saham", "pembeli-bumd", "order", S.APPROVED,
          premium_coffee_for_shareholders),
    Story("Pengering jagung (flat bed dryer) untuk sentra jagung Anak Tuha", PP_PERTANIAN, "order",
          S.AWAITING_APPROVAL, dryers_above_the_pp_limit),
    Story("Traktor roda empat untuk optimasi lahan rawa", PP_PERTANIAN, "order", S.REJECTED,
          four_wheel_tractor_over_budget),
    Story("Pompa air alkon untuk irigasi sawah tadah hujan", PP_PERTANIAN, "order", S.EXPIRED,
          pumps_from_outside_lampung),
    Story("Pompa air celup irigasi untuk delapan kelompok tani", PP_PERTANIAN, "order", S.ACCEPTED,
          local_pumps_reordered),
    Story("Traktor tangan untuk Gapoktan Sinar Tani Terbanggi Besar", PP_PERTANIAN, "order", S.RECEIVED,
          hand_tractors_with_a_leaking_gearbox),
    Story("Seragam batik Lampung untuk ASN Kanwil Kemenag Provinsi Lampung", "pembeli-kemenag", "order",
          S.IN_DELIVERY, batik_uniforms_for_kemenag),
    Story("Hiasan dinding tapis untuk tamu HUT perusahaan", "pembeli-bumn", "order", S.AWAITING_VENDOR,
          wall_hangings_for_the_anniversary),
    Story("Seragam kerja lapangan untuk musim panen raya", "pembeli-bumn", "order", S.DECLINED, work_uniforms_declined),
    Story("Seragam kerja mandor dan krani kebun", "pembeli-bumn", "order", S.RECEIVED, work_uniforms_reordered),
    Story("Selendang dan hiasan dinding tapis untuk narasumber Rakor IKM", "pembeli", "order", S.COMPLETED,
          tapis_promised_at_the_matching_event),
    Story("Seragam kerja pemanen dan rompi mandor kebun plasma", "pembeli-bumn", "order", S.PAID,
          harvest_uniforms_promised_at_the_matching_event),
]
