"""The order lifecycle, as data: which status may follow which, and who acts in each.

draft ─send─▶ negotiating ─price agreed─▶ (awaiting_approval ─PPK approves─▶) approved
draft ─send (no negotiation)─▶ awaiting_approval / approved
approved ─PPK issues and signs the Surat Pesanan─▶ awaiting_vendor ─vendor accepts─▶ accepted
accepted ─first shipment─▶ in_delivery ─BASTs cover every quantity─▶ received ─paid in full─▶ paid ─▶ completed
Cancel (buyer, with a reason) until the vendor has accepted; the PPK rejects; the vendor declines;
an order waiting on the PPK or the vendor too long expires.
"""

from __future__ import annotations

from .models import OrderStatus

S = OrderStatus

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.NEGOTIATING, S.AWAITING_APPROVAL, S.APPROVED, S.CANCELLED}),
    S.NEGOTIATING: frozenset({S.AWAITING_APPROVAL, S.APPROVED, S.CANCELLED, S.DECLINED, S.EXPIRED}),
    S.AWAITING_APPROVAL: frozenset({S.APPROVED, S.REJECTED, S.CANCELLED, S.EXPIRED}),
    S.APPROVED: frozenset({S.AWAITING_VENDOR, S.CANCELLED, S.EXPIRED}),
    S.AWAITING_VENDOR: frozenset({S.ACCEPTED, S.DECLINED, S.CANCELLED, S.EXPIRED}),
    S.ACCEPTED: frozenset({S.IN_DELIVERY}),
    S.IN_DELIVERY: frozenset({S.IN_DELIVERY, S.RECEIVED}),
    S.RECEIVED: frozenset({S.PAID}),
    S.PAID: frozenset({S.COMPLETED}),
    S.COMPLETED: frozenset(),
    S.CANCELLED: frozenset(),
    S.REJECTED: frozenset(),
    S.DECLINED: frozenset(),
    S.EXPIRED: frozenset(),
}

FINAL = frozenset(status for status, targets in ALLOWED_TRANSITIONS.items() if not targets)

# Statuses in which the next step waits on the PPK or the vendor, and so may expire.
WAITING_ON_PPK = frozenset({S.AWAITING_APPROVAL, S.APPROVED})
WAITING_ON_VENDOR = frozenset({S.AWAITING_VENDOR})
EXPIRES = WAITING_ON_PPK | WAITING_ON_VENDOR | {S.NEGOTIATING}

# Statuses in which an issued Surat Pesanan may be changed by an addendum.
ADDENDUM_STATUSES = frozenset({S.AWAITING_VENDOR, S.ACCEPTED, S.IN_DELIVERY})

# Statuses in which the buyer still edits the lines.
EDITABLE = frozenset({S.DRAFT})


def can_transition(current: str, target: str) -> bool:
    return target in ALLOWED_TRANSITIONS.get(current, frozenset())


# ---- Who the next step waits on ----

def waiting_on(status: str, *, latest_offer_side: str | None, has_unsigned_delivery: bool,
               pending_addendum_side: str | None = None) -> list[str]:
    """Roles the order waits on: "buyer", "ppk", "vendor" (none once it has ended).

    `latest_offer_side` and `pending_addendum_side` are the sides ("buyer"/"vendor") of the latest
    negotiation offer and of an addendum awaiting an answer. Pages, the curators' overview and expiry read
    this one rule.
    """
    waiting: list[str] = []
    if status in {S.DRAFT, S.RECEIVED, S.PAID}:
        waiting.append("buyer")
    elif status == S.NEGOTIATING:
        waiting.append("buyer" if latest_offer_side == "vendor" else "vendor")
    elif status in WAITING_ON_PPK:
        waiting.append("ppk")
    elif status in {S.AWAITING_VENDOR, S.ACCEPTED}:
        waiting.append("vendor")
    elif status == S.IN_DELIVERY:
        # A shipment without its BAST waits on the buyer; otherwise the vendor still has to ship.
        waiting.append("buyer" if has_unsigned_delivery else "vendor")
    if pending_addendum_side:
        other = "vendor" if pending_addendum_side == "buyer" else "buyer"
        if other not in waiting:
            waiting.append(other)
    return waiting
