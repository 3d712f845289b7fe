"""The order's audit events as a timeline people read: a label per event type and its key facts."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import NegotiationOffer, OrderStatus

PREFIX = "procurement.order."

EVENT_LABELS = {
    "created": gettext_lazy("Order created"),
    "lines_updated": gettext_lazy("Lines changed"),
    "sent": gettext_lazy("Order sent"),
    "offer_made": gettext_lazy("Price offer"),
    "agreed": gettext_lazy("Prices agreed"),
    "approved": gettext_lazy("Approved by the PPK"),
    "rejected": gettext_lazy("Rejected by the PPK"),
    "sp_issued": gettext_lazy("Surat Pesanan issued and signed"),
    "accepted": gettext_lazy("Accepted by the vendor"),
    "declined": gettext_lazy("Declined by the vendor"),
    "cancelled": gettext_lazy("Cancelled"),
    "expired": gettext_lazy("Expired"),
    "shipped": gettext_lazy("Shipment sent"),
    "bast_signed": gettext_lazy("BAST signed"),
    "received": gettext_lazy("Everything received"),
    "payment_recorded": gettext_lazy("Payment recorded"),
    "paid": gettext_lazy("Paid in full"),
    "completed": gettext_lazy("Completed"),
    "rated": gettext_lazy("Vendor rated"),
    "addendum_proposed": gettext_lazy("Addendum proposed"),
    "addendum_accepted": gettext_lazy("Addendum accepted"),
    "addendum_rejected": gettext_lazy("Addendum rejected"),
    "price_flagged": gettext_lazy("Agreed price flagged: far above the category's reference price"),
}

# Red flags are for the curators' oversight, not for the two parties.
OVERSIGHT_ONLY = {"price_flagged"}


def side_label(side: str) -> str:
    return str(NegotiationOffer.Side(side).label) if side in NegotiationOffer.Side.values else side


def _note(kind: str, changes: dict) -> str:
    """The one fact worth a line under the label."""
    if kind == "offer_made":
        return _("by the buyer") if changes.get("side") == NegotiationOffer.Side.BUYER else _("by the vendor")
    if kind == "sp_issued":
        return changes.get("sp_number", "")
    if kind == "shipped":
        return _("Shipment %(n)s") % {"n": changes.get("delivery", "")}
    if kind == "bast_signed":
        verdict = _("conforming") if changes.get("conforming") else _("non-conforming")
        return f"{changes.get('number', '')} · {_('Shipment %(n)s') % {'n': changes.get('delivery', '')}} · {verdict}"
    if kind == "payment_recorded":
        return _("Reference %(reference)s") % {"reference": changes.get("reference", "")}
    if kind == "rated":
        return _("Delivery time %(d)s, quality %(q)s, fit to specification %(f)s (of 5)") % {
            "d": changes.get("delivery_time"), "q": changes.get("quality"), "f": changes.get("fit_to_spec"),
        }
    if kind.startswith("addendum_"):
        return _("Version %(version)s") % {"version": changes.get("version", "")}
    if kind == "lines_updated":
        return _("%(n)s lines") % {"n": changes.get("lines", "")}
    return ""


def _amount(kind: str, changes: dict) -> int | None:
    if kind in {"offer_made", "agreed", "created"}:
        return changes.get("total_idr")
    if kind == "lines_updated":
        total = changes.get("total_idr")
        return total[1] if isinstance(total, list) else None
    if kind == "payment_recorded":
        return changes.get("amount_idr")
    if kind == "bast_signed":
        return changes.get("value_idr") or None
    return None


def timeline_entries(events: list[dict], *, for_oversight: bool) -> list[dict]:
    entries = []
    for event in events:
        kind = event["event_type"].removeprefix(PREFIX)
        if kind in OVERSIGHT_ONLY and not for_oversight:
            continue
        changes = event["changes"] or {}
        status = changes.get("status")
        new_status = status[1] if isinstance(status, list) and len(status) == 2 else None
        entries.append({
            "occurred_at": event["occurred_at"],
            "kind": kind,
            "label": str(EVENT_LABELS.get(kind, event["event_type"])),
            "actor_name": event["actor_name"],
            "note": _note(kind, changes),
            "amount_idr": _amount(kind, changes),
            "status_label": str(OrderStatus(new_status).label) if new_status in OrderStatus.values else "",
            "message": event["message"],
        })
    return entries
