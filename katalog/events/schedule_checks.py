"""Re-checking a schedule, typically one a curator edited by hand, against the rules of the event.

`check_schedule` never stops at the first problem: it returns every violation, in a fixed order
(per booking first, then per slot and participant), each with a stable `code`, the bookings involved
and a message for people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext_lazy

from .schedule_types import Booking, SchedulingProblem


class ViolationCode(StrEnum):
    UNKNOWN_BUYER = "unknown_buyer"
    UNKNOWN_VENDOR = "unknown_vendor"
    UNKNOWN_SLOT = "unknown_slot"
    UNKNOWN_TABLE = "unknown_table"
    NOT_A_CANDIDATE = "not_a_candidate"
    BUYER_UNAVAILABLE = "buyer_unavailable"
    VENDOR_UNAVAILABLE = "vendor_unavailable"
    BUYER_DOUBLE_BOOKED = "buyer_double_booked"
    VENDOR_DOUBLE_BOOKED = "vendor_double_booked"
    TABLE_DOUBLE_BOOKED = "table_double_booked"
    PAIR_REPEATED = "pair_repeated"
    BUYER_OVER_LIMIT = "buyer_over_limit"
    VENDOR_OVER_LIMIT = "vendor_over_limit"
    PINNED_MISSING = "pinned_missing"


# Lazy: translated when shown (`Violation.message`), so checking needs no configured Django.
_MESSAGES = {
    ViolationCode.UNKNOWN_BUYER: gettext_lazy("Buyer %(buyer)s is not registered for this event."),
    ViolationCode.UNKNOWN_VENDOR: gettext_lazy("Vendor %(vendor)s is not registered for this event."),
    ViolationCode.UNKNOWN_SLOT: gettext_lazy("Slot %(slot)s is not a time slot of this event."),
    ViolationCode.UNKNOWN_TABLE: gettext_lazy("Table %(table)s is not a table of this event."),
    ViolationCode.NOT_A_CANDIDATE: gettext_lazy(
        "Buyer %(buyer)s and vendor %(vendor)s are not a proposed match."
    ),
    ViolationCode.BUYER_UNAVAILABLE: gettext_lazy("Buyer %(buyer)s is not available in slot %(slot)s."),
    ViolationCode.VENDOR_UNAVAILABLE: gettext_lazy("Vendor %(vendor)s is not available in slot %(slot)s."),
    ViolationCode.BUYER_DOUBLE_BOOKED: gettext_lazy(
        "Buyer %(buyer)s has %(count)s meetings in slot %(slot)s."
    ),
    ViolationCode.VENDOR_DOUBLE_BOOKED: gettext_lazy(
        "Vendor %(vendor)s has %(count)s meetings in slot %(slot)s."
    ),
    ViolationCode.TABLE_DOUBLE_BOOKED: gettext_lazy(
        "Table %(table)s has %(count)s meetings in slot %(slot)s."
    ),
    ViolationCode.PAIR_REPEATED: gettext_lazy("Buyer %(buyer)s and vendor %(vendor)s meet %(count)s times."),
    ViolationCode.BUYER_OVER_LIMIT: gettext_lazy(
        "Buyer %(buyer)s has %(count)s meetings, more than its limit of %(limit)s."
    ),
    ViolationCode.VENDOR_OVER_LIMIT: gettext_lazy(
        "Vendor %(vendor)s has %(count)s meetings, more than its limit of %(limit)s."
    ),
    ViolationCode.PINNED_MISSING: gettext_lazy(
        "The fixed meeting of buyer %(buyer)s and vendor %(vendor)s in slot %(slot)s at table %(table)s "
        "is missing."
    ),
}


@dataclass(frozen=True)
class Violation:
    code: ViolationCode
    bookings: tuple[Booking, ...]
    params: dict = field(default_factory=dict, hash=False)

    @property
    def message(self) -> str:
        return str(_MESSAGES[self.code]) % {key: str(value) for key, value in self.params.items()}


def check_schedule(problem: SchedulingProblem, bookings: Iterable[Booking]) -> list[Violation]:
    """Every way `bookings` break the event's rules; an empty list means the schedule is valid."""
    bookings = list(bookings)
    buyers = {participant.id: participant for participant in problem.buyers}
    vendors = {participant.id: participant for participant in problem.vendors}
    slots = set(problem.slots)
    tables = set(problem.tables)
    candidate_pairs = {(pair.buyer, pair.vendor) for pair in problem.candidates}

    violations: list[Violation] = []
    known: list[Booking] = []
    for booking in bookings:
        found = _unknown_ids(booking, buyers, vendors, slots, tables)
        violations.extend(found)
        if not found:
            known.append(booking)
    for booking in known:
        violations.extend(_booking_violations(booking, buyers[booking.buyer], vendors[booking.vendor],
                                              candidate_pairs))

    violations.extend(_double_bookings(known))
    violations.extend(_over_limits(known, buyers, vendors))
    present = {_place(booking) for booking in bookings}
    for pinned in problem.pinned:
        if _place(pinned) not in present:
            violations.append(_violation(ViolationCode.PINNED_MISSING, [pinned], buyer=pinned.buyer,
                                         vendor=pinned.vendor, slot=pinned.slot, table=pinned.table))
    return violations


def _place(booking: Booking) -> tuple:
    # Compared as plain values: a Meeting equals the Booking it places.
    return (booking.buyer, booking.vendor, booking.slot, booking.table)


def _violation(code: ViolationCode, bookings: Iterable[Booking], **params) -> Violation:
    plain = tuple(Booking(b.buyer, b.vendor, b.slot, b.table) for b in bookings)
    return Violation(code=code, bookings=plain, params=params)


def _unknown_ids(booking: Booking, buyers: dict, vendors: dict, slots: set, tables: set) -> list[Violation]:
    found = []
    if booking.buyer not in buyers:
        found.append(_violation(ViolationCode.UNKNOWN_BUYER, [booking], buyer=booking.buyer))
    if booking.vendor not in vendors:
        found.append(_violation(ViolationCode.UNKNOWN_VENDOR, [booking], vendor=booking.vendor))
    if booking.slot not in slots:
        found.append(_violation(ViolationCode.UNKNOWN_SLOT, [booking], slot=booking.slot))
    if booking.table not in tables:
        found.append(_violation(ViolationCode.UNKNOWN_TABLE, [booking], table=booking.table))
    return found


def _booking_violations(booking: Booking, buyer, vendor, candidate_pairs: set) -> list[Violation]:
    found = []
    if booking.pair not in candidate_pairs:
        found.append(_violation(ViolationCode.NOT_A_CANDIDATE, [booking], buyer=booking.buyer,
                                vendor=booking.vendor))
    if buyer.available_slots is not None and booking.slot not in buyer.available_slots:
        found.append(_violation(ViolationCode.BUYER_UNAVAILABLE, [booking], buyer=booking.buyer,
                                slot=booking.slot))
    if vendor.available_slots is not None and booking.slot not in vendor.available_slots:
        found.append(_violation(ViolationCode.VENDOR_UNAVAILABLE, [booking], vendor=booking.vendor,
                                slot=booking.slot))
    return found


def _grouped(bookings: list[Booking], key) -> dict[Hashable, list[Booking]]:
    groups: dict[Hashable, list[Booking]] = defaultdict(list)
    for booking in bookings:
        groups[key(booking)].append(booking)
    return groups


def _double_bookings(bookings: list[Booking]) -> list[Violation]:
    found = []
    for (buyer, slot), group in _grouped(bookings, lambda b: (b.buyer, b.slot)).items():
        if len(group) > 1:
            found.append(_violation(ViolationCode.BUYER_DOUBLE_BOOKED, group, buyer=buyer, slot=slot,
                                    count=len(group)))
    for (vendor, slot), group in _grouped(bookings, lambda b: (b.vendor, b.slot)).items():
        if len(group) > 1:
            found.append(_violation(ViolationCode.VENDOR_DOUBLE_BOOKED, group, vendor=vendor, slot=slot,
                                    count=len(group)))
    for (table, slot), group in _grouped(bookings, lambda b: (b.table, b.slot)).items():
        if len(group) > 1:
            found.append(_violation(ViolationCode.TABLE_DOUBLE_BOOKED, group, table=table, slot=slot,
                                    count=len(group)))
    for (buyer, vendor), group in _grouped(bookings, lambda b: b.pair).items():
        if len(group) > 1:
            found.append(_violation(ViolationCode.PAIR_REPEATED, group, buyer=buyer, vendor=vendor,
                                    count=len(group)))
    return found


def _over_limits(bookings: list[Booking], buyers: dict, vendors: dict) -> list[Violation]:
    found = []
    for buyer, group in _grouped(bookings, lambda b: b.buyer).items():
        limit = buyers[buyer].max_meetings
        if limit is not None and len(group) > limit:
            found.append(_violation(ViolationCode.BUYER_OVER_LIMIT, group, buyer=buyer, count=len(group),
                                    limit=limit))
    for vendor, group in _grouped(bookings, lambda b: b.vendor).items():
        limit = vendors[vendor].max_meetings
        if limit is not None and len(group) > limit:
            found.append(_violation(ViolationCode.VENDOR_OVER_LIMIT, group, vendor=vendor, count=len(group),
                                    limit=limit))
    return found
