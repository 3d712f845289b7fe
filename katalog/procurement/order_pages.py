"""What the order pages show, as plain data: the lists, one order, and what the viewer may do next.

"Which actions may this person take now" is decided here, from the transition table and the access
rules, so templates only ask `"approve" in actions`. The services stay the authority: a page that
offers an action the service then refuses shows the service's message.
"""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Q, Subquery, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from katalog.accounts import access as account_access
from katalog.accounts.models import Membership

from . import selectors, states
from .models import Addendum, BudgetSource, Delivery, NegotiationOffer, OrderStatus
from .order_timeline import side_label, timeline_entries

S = OrderStatus
BUYER, VENDOR = NegotiationOffer.Side.BUYER, NegotiationOffer.Side.VENDOR
PER_PAGE = 20
WAITING_TAB = "waiting"
# Bootstrap colours of the status badges: ended badly, done, everything else in progress.
STATUS_TONES = {S.CANCELLED: "danger", S.REJECTED: "danger", S.DECLINED: "danger", S.EXPIRED: "danger",
                S.RECEIVED: "success", S.PAID: "success", S.COMPLETED: "success", S.DRAFT: "secondary"}


def status_tone(status: str) -> str:
    return STATUS_TONES.get(status, "primary")


# ---- Who the next step waits on ----

WAITING_LABELS = {"buyer": gettext_lazy("the buyer"), "ppk": gettext_lazy("the PPK"), "vendor": gettext_lazy("the vendor")}


def _waiting_text(roles: list[str]) -> str:
    return ", ".join(str(WAITING_LABELS[role]) for role in roles)


# ---- The list: /pesanan/ ----

def _viewer_waiting_q(user) -> Q:
    """Orders whose next step is the viewer's, as a filter (the same rule as _waiting_on)."""
    buyer_orgs = [m.organisation_id for m in account_access.memberships_of(user, Membership.BUYER_ROLES)]
    ppk_orgs = [m.organisation_id for m in account_access.memberships_of(user, {Membership.Role.BUYER_PPK})]
    vendor_orgs = [m.organisation_id for m in account_access.memberships_of(user, Membership.VENDOR_ROLES)]
    as_buyer = Q(buyer_organisation_id__in=buyer_orgs)
    as_vendor = Q(vendor__organisation_id__in=vendor_orgs)
    return (
        (as_buyer & (
            Q(status__in=[S.DRAFT, S.RECEIVED, S.PAID])
            | Q(status=S.NEGOTIATING, latest_offer_side=VENDOR)
            | Q(status=S.IN_DELIVERY, has_unsigned_delivery=True)
            | Q(pending_addendum_side=VENDOR)
        ))
        | (Q(buyer_organisation_id__in=ppk_orgs) & Q(status__in=list(states.WAITING_ON_PPK)))
        | (as_vendor & (
            Q(status__in=[S.AWAITING_VENDOR, S.ACCEPTED])
            | Q(status=S.NEGOTIATING, latest_offer_side=BUYER)
            | Q(status=S.IN_DELIVERY, has_unsigned_delivery=False)
            | Q(pending_addendum_side=BUYER)
        ))
    )


def _annotated(user):
    latest_offer = NegotiationOffer.objects.filter(order=OuterRef("pk")).order_by("-made_at", "-id")
    pending = Addendum.objects.filter(order=OuterRef("pk"), status=Addendum.Status.PROPOSED)
    qs = selectors.orders_for_user(user).annotate(
        latest_offer_side=Subquery(latest_offer.values("side")[:1]),
        has_unsigned_delivery=Exists(Delivery.objects.filter(order=OuterRef("pk"), bast__isnull=True)),
        pending_addendum_side=Subquery(pending.values("proposed_by_side")[:1]),
    )
    return qs.annotate(
        waits_for_viewer=Case(When(_viewer_waiting_q(user), then=Value(True)), default=Value(False),
                              output_field=BooleanField())
    )


def order_list_page(user, *, tab: str = "", page=None) -> dict:
    """One page of the viewer's orders (buyer organisation's, or the vendor's incoming), with tab counts."""
    qs = _annotated(user)
    counts = dict(selectors.orders_for_user(user).order_by().values_list("status").annotate(n=Count("pk")))
    waiting_count = qs.filter(waits_for_viewer=True).count()
    if tab == WAITING_TAB:
        qs = qs.filter(waits_for_viewer=True)
    elif tab in S.values:
        qs = qs.filter(status=tab)
    else:
        tab = ""
    page_obj = Paginator(qs, PER_PAGE).get_page(page)
    rows = [
        {
            "id": o.pk, "number": o.number, "title": o.title, "status": o.status,
            "status_label": str(o.get_status_display()), "status_tone": status_tone(o.status), "buyer_name": o.buyer_organisation.name,
            "vendor_name": o.vendor.name, "total_idr": o.total_idr, "created_at": o.created_at,
            "updated_at": o.updated_at, "waits_for_viewer": o.waits_for_viewer,
            "waiting_on": _waiting_text(states.waiting_on(
                o.status, latest_offer_side=o.latest_offer_side, has_unsigned_delivery=o.has_unsigned_delivery,
                pending_addendum_side=o.pending_addendum_side,
            )),
        }
        for o in page_obj.object_list
    ]
    tabs = [{"key": WAITING_TAB, "label": _("Waiting for me"), "count": waiting_count},
            {"key": "", "label": _("All"), "count": sum(counts.values())}]
    tabs += [{"key": value, "label": label, "count": counts[value]} for value, label in S.choices if value in counts]
    data = {
        "rows": rows, "tab": tab, "tabs": tabs, "page": page_obj,
        "is_vendor": account_access.vendor_membership(user) is not None,
        "is_buyer": account_access.buyer_membership(user) is not None,
    }
    data["is_reader"] = not (data["is_vendor"] or data["is_buyer"])
    return data


# ---- One order: /pesanan/<id>/ ----

def _side(detail: dict) -> str | None:
    viewer = detail["viewer"]
    return BUYER if viewer["is_buyer"] else VENDOR if viewer["is_vendor"] else None


def _pending_addendum(detail: dict) -> dict | None:
    return next((a for a in detail["addenda"] if a["status"] == Addendum.Status.PROPOSED), None)


def order_actions(detail: dict) -> list[str]:
    """The actions the viewer may take on the order now, in the order the page shows them."""
    side = _side(detail)
    if side is None:
        return []  # curators and leaders read only
    status, is_buyer, is_vendor = detail["status"], side == BUYER, side == VENDOR
    is_ppk = detail["viewer"]["is_ppk"]
    actions: list[str] = []
    if is_buyer and status in states.EDITABLE and not detail["competition_id"]:
        actions.append("edit_lines")
    if is_buyer and status == S.DRAFT:
        actions.append("send")
    if status == S.NEGOTIATING:
        latest = detail["offers"][-1] if detail["offers"] else None
        if latest is not None and latest["side"] != side:
            actions.append("offer_accept")
        actions.append("offer")
    if is_ppk and status == S.AWAITING_APPROVAL:
        actions += ["approve", "reject"]
    if is_ppk and status == S.APPROVED:
        actions.append("sp_issue")
    if is_vendor and status == S.AWAITING_VENDOR:
        actions.append("vendor_accept")
    if is_vendor and status in {S.ACCEPTED, S.IN_DELIVERY} and any(line["open_quantity"] for line in detail["lines"]):
        actions.append("deliver")
    if is_buyer and status == S.IN_DELIVERY and any(d["bast"] is None for d in detail["deliveries"]):
        actions.append("bast")
    if is_buyer and status == S.RECEIVED:
        actions.append("pay")
    if is_buyer and states.can_transition(status, S.COMPLETED):
        actions.append("complete")
    if is_buyer and status in {S.PAID, S.COMPLETED} and detail["rating"] is None:
        actions.append("rate")
    if status in states.ADDENDUM_STATUSES:
        pending = _pending_addendum(detail)
        if pending is None:
            actions.append("addendum_propose")
        elif pending["side"] != side:
            actions.append("addendum_decide")
    if is_vendor and states.can_transition(status, S.DECLINED):
        actions.append("decline")
    if is_buyer and states.can_transition(status, S.CANCELLED):
        actions.append("cancel")
    return actions


def _with_quantities(detail: dict) -> None:
    """Per line: shipped (not refused by a non-conforming BAST), received, and still to ship."""
    shipped = {line["id"]: 0 for line in detail["lines"]}
    received = dict(shipped)
    for delivery in detail["deliveries"]:
        bast = delivery["bast"]
        for dl in delivery["lines"]:
            if bast is None or bast["conforming"]:
                shipped[dl["order_line_id"]] += dl["quantity"]
            if bast is not None and bast["conforming"]:
                received[dl["order_line_id"]] += dl["quantity"]
    for line in detail["lines"]:
        line["shipped_quantity"] = shipped[line["id"]]
        line["received_quantity"] = received[line["id"]]
        line["open_quantity"] = max(line["quantity"] - shipped[line["id"]], 0)


def _offer_rows(detail: dict) -> list[dict]:
    return [
        {**offer, "side_label": side_label(offer["side"]),
         "prices": [offer["unit_prices"].get(str(line["id"])) for line in detail["lines"]]}
        for offer in detail["offers"]
    ]


def _addendum_rows(detail: dict) -> list[dict]:
    names = {str(line["id"]): line["name"] for line in detail["lines"]}
    current_quantities = {str(line["id"]): line["quantity"] for line in detail["lines"]}
    rows = []
    for addendum in detail["addenda"]:
        changes, previous = addendum["changes"], addendum["previous"] or {}
        is_open = addendum["status"] == Addendum.Status.PROPOSED
        items = []
        for key, quantity in (changes.get("quantities") or {}).items():
            before = (previous.get("quantities") or {}).get(key, current_quantities.get(key) if is_open else None)
            items.append({"what": names.get(key, key), "before": before, "after": quantity})
        if "delivery_date" in changes:
            before = previous.get("delivery_date") or (detail["delivery_date"].isoformat() if is_open else None)
            items.append({"what": _("Delivery date"), "before": before, "after": changes["delivery_date"]})
        if "terms" in changes:
            before = previous.get("terms", detail["sp_terms"] if is_open else None)
            items.append({"what": _("Extra terms"), "before": before, "after": changes["terms"] or "—"})
        rows.append({
            **addendum, "items": items, "side_label": side_label(addendum["side"]),
            "status_label": str(Addendum.Status(addendum["status"]).label),
        })
    return rows


def _delivery_rows(detail: dict) -> list[dict]:
    lines = {line["id"]: line for line in detail["lines"]}
    return [
        {**d, "items": [
            {"name": lines[dl["order_line_id"]]["name"], "unit": lines[dl["order_line_id"]]["unit"],
             "quantity": dl["quantity"]}
            for dl in d["lines"]
        ]}
        for d in detail["deliveries"]
    ]


def _justification_needs(detail: dict) -> dict:
    """Lines that need a written reason before sending, and listed products that would not (read-only
    preview of order_send's rule, which stays the authority)."""
    lines = detail["lines"]
    category_ids = {line["category_id"] for line in lines}
    ordered = [line["product_id"] for line in lines]
    needs = {}
    for kind, categories, flag in (
        ("local", selectors.categories_with_local_alternative(category_ids), "is_local"),
        ("pdn", selectors.categories_with_pdn_alternative(category_ids), "is_pdn"),
    ):
        affected = [line for line in lines if not line[flag] and line["category_id"] in categories]
        if affected:
            needs[kind] = {
                "lines": [line["name"] for line in affected],
                "alternatives": selectors.alternatives(
                    {line["category_id"] for line in affected}, kind=kind, exclude_product_ids=ordered,
                ),
            }
    return needs


def order_page(user, order_id: int, *, now: dt.datetime) -> dict:
    """Everything the order page shows; raises NotFoundError for whoever may not see the order."""
    detail = selectors.order_detail(user, order_id)
    detail["budget_source_label"] = str(BudgetSource(detail["budget_source"]).label)
    _with_quantities(detail)
    actions = order_actions(detail)
    if detail["status"] == S.NEGOTIATING:
        references: dict[int, dict | None] = {}
        for line in detail["lines"]:
            if line["category_id"] not in references:
                references[line["category_id"]] = selectors.category_reference_price(line["category_id"], now=now)
            line["reference"] = references[line["category_id"]]
    viewer = detail["viewer"]
    latest = detail["offers"][-1] if detail["offers"] else None
    pending = _pending_addendum(detail)
    waiting = states.waiting_on(
        detail["status"], latest_offer_side=latest["side"] if latest else None,
        has_unsigned_delivery=any(d["bast"] is None for d in detail["deliveries"]),
        pending_addendum_side=pending["side"] if pending else None,
    )
    viewer_roles = {role for role, flag in (("buyer", "is_buyer"), ("ppk", "is_ppk"), ("vendor", "is_vendor"))
                    if viewer[flag]}
    return {
        "order": detail,
        "actions": actions,
        "side": _side(detail),
        "waiting_on": _waiting_text(waiting),
        "waits_for_viewer": bool(viewer_roles & set(waiting)),
        "justification": _justification_needs(detail) if "send" in actions else {},
        "timeline": timeline_entries(
            detail["timeline"], for_oversight=not (viewer["is_buyer"] or viewer["is_vendor"])
        ),
        "offers": _offer_rows(detail),
        "addenda": _addendum_rows(detail),
        "deliveries": _delivery_rows(detail),
        "pending_addendum": pending,
        "open_idr": detail["total_idr"] - detail["paid_idr"],
        "negotiating": detail["status"] == S.NEGOTIATING,
        "status_tone": status_tone(detail["status"]),
    }
