"""The demo's business-matching events: one held a few weeks before the load, one open for registration.

The past event, step by step through the events services: the curator creates it and opens
registration; buyers and vendors with a demo login register themselves, the curator invites more
from the stored matches; the schedule is run three working days before the event (the needs written
before it, in matching.py, are what pairs buyers with vendors); on the day the buyers record their
commitments (komitmen transaksi) and the curator marks the event held. Afterwards the buyers link the
orders that realise some commitments (orders.py): about half of the committed value is realised, a
part is still on its way and the rest not ordered yet.

Every step is skipped when what it would write is already in the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from katalog.accounts.models import Organisation
from katalog.events import services as events
from katalog.events.models import (
    Commitment,
    CommitmentRealisation,
    EventRegistration,
    EventStatus,
    MatchingEvent,
)
from katalog.procurement.models import Order
from katalog.vendors.models import Vendor

from .matching import BIRO_PBJ, COMPANIES, DISKOP_METRO
from .scenario import MATCHING_EVENT_WORKING_DAYS_AGO
from .stage import Stage, StoryError, rup_code

CURATOR = "kurator"


@dataclass(frozen=True)
class DemoEvent:
    name: str
    venue: str
    description: str
    day: int  # working days after the load (negative: before it)
    created: tuple[int, str]  # working days before the load, "hh:mm"
    opened: tuple[int, str]  # registration opens
    registrations: list[tuple[str, tuple[int, str]]]  # (username, when): they register themselves
    invited: tuple[list[str], tuple[int, str]]  # (buyer organisation names and vendor codes, when)
    start: dt.time = dt.time(9, 0)
    slot_minutes: int = 20
    break_minutes: int = 5
    slots: int = 8
    tables: int = 8


E = MATCHING_EVENT_WORKING_DAYS_AGO

PAST_EVENT = DemoEvent(
    name="Temu Bisnis Belanja Produk Dalam Negeri dan UMKM Lampung",
    venue="Gedung Pusiban, Kompleks Kantor Gubernur Lampung, Jl. Wolter Monginsidi No. 69, Bandar Lampung",
    description="Pertemuan satu lawan satu antara perangkat daerah, instansi vertikal, BUMN dan BUMD dengan UMKM dan "
                "IKM Lampung untuk cendera mata, tapis, seminar kit, alat mesin pertanian dan kopi; setiap pembeli "
                "mencatat komitmen transaksinya di akhir acara.",
    day=-E,
    created=(E + 17, "10:00"),
    opened=(E + 17, "10:30"),
    registrations=[
        ("pembeli", (E + 16, "09:00")), ("penyedia", (E + 16, "10:30")), ("pembeli-bumn", (E + 15, "11:00")),
        ("penyedia-kopi", (E + 15, "14:00")), ("pembeli-kemenag", (E + 14, "09:15")),
        ("penyedia-batik", (E + 14, "13:00")), ("pembeli-pertanian", (E + 13, "10:00")),
        ("penyedia-tani", (E + 13, "15:00")), ("penyedia-mesin", (E + 12, "09:00")),
        ("penyedia-konveksi", (E + 11, "10:00")), ("penyedia-agro", (E + 10, "11:00")),
        ("pembeli-bumd", (E + 9, "09:30")),
    ],
    invited=([DISKOP_METRO, BIRO_PBJ, "KL-0017", "KL-0004", "KL-0025", "KL-0002", "KL-0035", "KL-0015", "KL-0022",
              "KL-0011", "KL-0044", "KL-0024"], (E + 6, "14:00")),
)
SCHEDULED_AT = (E + 3, "16:00")
HELD_AT = (E, "16:30")

UPCOMING_EVENT = DemoEvent(
    name="Temu Bisnis Suvenir, Seminar Kit dan Kerajinan untuk Perangkat Daerah",
    venue="Aula Dinas Perindustrian dan Perdagangan Provinsi Lampung, Jl. Cut Mutia No. 23, Bandar Lampung",
    description="Temu bisnis tematik bagi pengadaan cendera mata, seminar kit dan kerajinan menjelang akhir tahun "
                "anggaran. Pendaftaran dibuka bagi PPK dan pejabat pengadaan serta penyedia yang telah terverifikasi.",
    day=12,
    created=(6, "10:00"),
    opened=(6, "10:20"),
    registrations=[("pembeli-kemenag", (5, "09:00")), ("penyedia-konveksi", (4, "10:00")),
                   ("pembeli-bumn", (3, "13:00")), ("penyedia-batik", (2, "11:00"))],
    invited=([DISKOP_METRO, "KL-0017", "KL-0025", "KL-0047"], (2, "14:00")),
    start=dt.time(13, 0), slots=6, tables=6,
)


@dataclass(frozen=True)
class DemoCommitment:
    by: str  # the buyer's PPK
    vendor: str  # vendor code
    category: str
    description: str
    value_idr: int
    recorded: str  # "hh:mm" on the day of the event
    expected_in_days: int  # expected purchase: days after the event
    realised_by: str = ""  # the title of the demo order that realises it
    linked: tuple[int, str] = (1, "09:00")  # when the buyer linked that order


COMMITMENTS = [
    DemoCommitment("pembeli", "KL-0038", "Kopi Bubuk", "Kopi bubuk robusta Lampung 250 g untuk jamuan tamu dan stan "
                   "promosi IKM (sekitar 200 bungkus).", 15_000_000, "10:40", 10,
                   "Kopi Lampung untuk booth Disperindag di Lampung Fair", (6, "11:00")),
    DemoCommitment("pembeli", "KL-0001", "Selendang & Tapis Motif", "Selendang tapis dan hiasan dinding tapis untuk "
                   "narasumber dan tamu Rakor IKM.", 20_000_000, "11:05", 14,
                   "Selendang dan hiasan dinding tapis untuk narasumber Rakor IKM", (4, "09:15")),
    DemoCommitment("pembeli-bumn", "KL-0003", "Seragam Kerja & Wearpack", "Seragam kerja dua potong dan rompi "
                   "scotchlite untuk pemanen dan mandor kebun plasma.", 40_000_000, "11:30", 14,
                   "Seragam kerja pemanen dan rompi mandor kebun plasma", (3, "14:30")),
    DemoCommitment("pembeli-pertanian", "KL-0021", "Pompa Air", "Pompa air celup irigasi 1,5 HP untuk kelompok tani "
                   "di Kecamatan Seputih Mataram.", 26_000_000, "11:50", 20,
                   "Pompa air celup irigasi untuk delapan kelompok tani", (6, "10:00")),
    DemoCommitment("pembeli-bumd", "KL-0038", "Kopi Bubuk", "Kopi bubuk robusta 250 g untuk bingkisan hari raya "
                   "mitra perusahaan (sekitar 230 bungkus).", 18_000_000, "12:10", 50),
    DemoCommitment("pembeli-kemenag", "KL-0005", "Batik & Tapis Dinas", "Kemeja batik dinas dan blus batik siger "
                   "untuk 120 pegawai baru Kantor Kemenag kabupaten/kota.", 36_000_000, "12:20", 60),
]


# ---- Steps ----

def _event(s: Stage, spec: DemoEvent) -> MatchingEvent:
    """The event, created and opened for registration if it is not there yet."""
    event = MatchingEvent.objects.filter(name=spec.name).first()
    if event is None:
        event = events.event_create(
            actor=s.user(CURATOR), name=spec.name, date=s.working_day(spec.day), venue=spec.venue,
            description=spec.description, start_time=spec.start, slot_minutes=spec.slot_minutes,
            break_minutes=spec.break_minutes, slot_count=spec.slots, table_count=spec.tables, now=s.at(*spec.created),
        )
    if event.status == EventStatus.DRAFT:
        event = events.event_set_status(actor=s.user(CURATOR), event_id=event.pk, status=EventStatus.OPEN,
                                        now=s.at(*spec.opened))
    return event


def _invitees(names_and_codes: list[str]) -> list[int]:
    ids = []
    for item in names_and_codes:
        if item.startswith("KL-"):
            ids.append(Vendor.objects.get(code=item).organisation_id)
        else:
            ids.append(Organisation.objects.get(name=item, kind=Organisation.Kind.BUYER).pk)
    return ids


def _register(s: Stage, event: MatchingEvent, spec: DemoEvent) -> None:
    """While registration is open: those who register themselves, then the curator's invitations."""
    if event.status != EventStatus.OPEN:
        return
    registered = set(EventRegistration.objects.filter(event=event).values_list("organisation_id", flat=True))
    for username, when in spec.registrations:
        if s.organisation_of(username).pk not in registered:
            events.registration_create(actor=s.user(username), event_id=event.pk, now=s.at(*when))
    names_and_codes, when = spec.invited
    missing = [pk for pk in _invitees(names_and_codes) if pk not in registered]
    if missing:
        events.registration_invite(actor=s.user(CURATOR), event_id=event.pk, organisation_ids=missing, now=s.at(*when))


def _order(s: Stage, title: str, buyer: str) -> Order:
    order = Order.objects.filter(title=title, buyer_organisation=s.organisation_of(buyer)).first()
    if order is None:
        raise StoryError(f"The order “{title}” that realises a commitment is not in the demo.")
    return order


def _commit_at_the_event(s: Stage, event: MatchingEvent) -> None:
    """The commitments, recorded during the event (before the curator marks it held)."""
    for spec in COMMITMENTS:
        buyer = s.organisation_of(spec.by)
        if Commitment.objects.filter(event=event, buyer_organisation=buyer, vendor__code=spec.vendor).exists():
            continue
        events.commitment_record(
            actor=s.user(spec.by), vendor_code=spec.vendor, value_idr=spec.value_idr,
            expected_purchase_date=event.date + dt.timedelta(days=spec.expected_in_days),
            description=spec.description, event_id=event.pk, category=s.category(spec.category),
            rup_code=rup_code(spec.description) if buyer.buyer_type not in COMPANIES else "",
            now=s.at(E, spec.recorded),
        )


def hold_past_event(s: Stage) -> MatchingEvent:
    """The past event: registrations, its schedule, the commitments recorded at it; the event is held."""
    event = _event(s, PAST_EVENT)
    _register(s, event, PAST_EVENT)
    if event.status == EventStatus.OPEN:
        events.event_schedule(actor=s.user(CURATOR), event_id=event.pk, now=s.at(*SCHEDULED_AT))
        event.refresh_from_db()
    if event.status == EventStatus.SCHEDULED:
        _commit_at_the_event(s, event)
        event = events.event_set_status(actor=s.user(CURATOR), event_id=event.pk, status=EventStatus.HELD,
                                        now=s.at(*HELD_AT))
    return event


def link_orders(s: Stage) -> None:
    """The buyers link the orders that realise their commitments (all made after the event)."""
    event = MatchingEvent.objects.get(name=PAST_EVENT.name)
    for spec in COMMITMENTS:
        if not spec.realised_by:
            continue
        commitment = Commitment.objects.get(event=event, buyer_organisation=s.organisation_of(spec.by),
                                            vendor__code=spec.vendor)
        order = _order(s, spec.realised_by, spec.by)
        if not CommitmentRealisation.objects.filter(order=order).exists():
            events.commitment_link_order(actor=s.user(spec.by), commitment_id=commitment.pk, order_id=order.pk,
                                         now=s.at(*spec.linked))


def open_upcoming_event(s: Stage) -> MatchingEvent:
    event = _event(s, UPCOMING_EVENT)
    _register(s, event, UPCOMING_EVENT)
    return event
