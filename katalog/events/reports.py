"""The event report: what was committed at an event, how much of it became paid orders, by buyer type and
by the vendor's regency; and the same as an Excel workbook.

Committed value counts the event's recorded commitments (cancelled ones are left out). Realised value
counts the linked orders that reached `realisation.REALISED_ORDER_STATUSES`; an order realises at
most one commitment, so nothing is counted twice.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from katalog.accounts.models import BuyerType
from katalog.core.spreadsheets import DATE_FORMAT, PERCENT_FORMAT, RUPIAH_FORMAT, add_sheet, workbook_bytes
from katalog.procurement.models import OrderStatus

from .commitment_selectors import commitment_rows
from .models import Commitment, CommitmentStatus, EventRegistration, MatchingEvent, RegistrationKind
from .realisation import REALISED_ORDER_STATUSES, realisation_rate_pct
from .selectors import event_facts


def _group(rows: list[dict], key, label) -> list[dict]:
    groups: dict[str, dict] = {}
    for row in rows:
        group = groups.setdefault(key(row), {"key": key(row), "label": label(row), "commitments": 0,
                                             "committed_idr": 0, "realised_idr": 0, "in_progress_idr": 0})
        group["commitments"] += 1
        group["committed_idr"] += row["value_idr"]
        group["realised_idr"] += row["realised_idr"]
        group["in_progress_idr"] += row["in_progress_idr"]
    result = list(groups.values())
    for group in result:
        group["realisation_rate_pct"] = realisation_rate_pct(group["realised_idr"], group["committed_idr"])
    result.sort(key=lambda g: (-g["committed_idr"], str(g["label"])))
    return result


def _buyer_type_label(code: str) -> str:
    return str(BuyerType(code).label) if code in BuyerType.values else (code or _("Unknown"))


def event_report(event: MatchingEvent) -> dict:
    """Plain data of the event's commitments and their realisation."""
    commitments = (
        Commitment.objects.filter(event=event, status=CommitmentStatus.RECORDED)
        .select_related("buyer_organisation", "vendor__region", "event", "category", "recorded_by")
        .order_by("buyer_organisation__name", "id")
    )
    rows = commitment_rows(commitments)
    committed = sum(row["value_idr"] for row in rows)
    realised = sum(row["realised_idr"] for row in rows)
    kinds = list(EventRegistration.objects.filter(event=event).values_list("kind", flat=True))
    return {
        "event": event_facts(event),
        "buyers": kinds.count(RegistrationKind.BUYER),
        "vendors": kinds.count(RegistrationKind.VENDOR),
        "meetings": event.meetings.count(),
        "commitment_count": len(rows),
        "cancelled_count": Commitment.objects.filter(event=event, status=CommitmentStatus.CANCELLED).count(),
        "committed_idr": committed,
        "realised_idr": realised,
        "in_progress_idr": sum(row["in_progress_idr"] for row in rows),
        "realisation_rate_pct": realisation_rate_pct(realised, committed),
        "realised_statuses": [str(OrderStatus(s).label) for s in OrderStatus.values if s in REALISED_ORDER_STATUSES],
        "by_buyer_type": _group(rows, key=lambda r: r["buyer_organisation"]["buyer_type"],
                                label=lambda r: _buyer_type_label(r["buyer_organisation"]["buyer_type"])),
        "by_vendor_regency": _group(rows, key=lambda r: r["vendor"]["region_code"] or "",
                                    label=lambda r: r["vendor"]["region"] or _("Unknown")),
        "commitments": rows,
    }


# ---- Excel ----


def _fraction(rate: Decimal | None) -> float | None:
    return None if rate is None else float(rate / 100)


def _sheet(workbook, title: str, header: list[str], rows: list[list], **formats):
    # Columns at least 12 characters wide; money columns get no extra room.
    return add_sheet(workbook, title, header, rows, min_width=12, money_padding=0, **formats)


def _group_rows(groups: list[dict]) -> list[list]:
    return [[str(g["label"]), g["commitments"], g["committed_idr"], g["realised_idr"], g["in_progress_idr"],
             _fraction(g["realisation_rate_pct"])] for g in groups]


def event_report_xlsx(report: dict) -> bytes:
    """The report as a workbook: money as whole-rupiah numbers in a rupiah format, rates as percentages."""
    from openpyxl import Workbook

    workbook = Workbook()
    event = report["event"]
    summary = [
        [_("Event"), event["name"]],
        [_("Date"), event["date"]],
        [_("Venue"), event["venue"]],
        [_("Buyers registered"), report["buyers"]],
        [_("Vendors registered"), report["vendors"]],
        [_("Meetings"), report["meetings"]],
        [_("Commitments"), report["commitment_count"]],
        [_("Committed value"), report["committed_idr"]],
        [_("Realised value"), report["realised_idr"]],
        [_("Ordered, not yet paid"), report["in_progress_idr"]],
        [_("Realisation rate"), _fraction(report["realisation_rate_pct"])],
        [_("Orders count as realised when"), ", ".join(report["realised_statuses"])],
    ]
    sheet = _sheet(workbook, _("Summary"), [_("Figure"), _("Value")], summary, first=True)
    sheet["B2"].number_format = DATE_FORMAT
    for row in (9, 10, 11):
        sheet[f"B{row}"].number_format = RUPIAH_FORMAT
    sheet["B12"].number_format = PERCENT_FORMAT
    group_header = [_("Commitments"), _("Committed value"), _("Realised value"), _("Ordered, not yet paid"),
                    _("Realisation rate")]
    _sheet(workbook, _("By buyer type"), [_("Buyer type"), *group_header], _group_rows(report["by_buyer_type"]),
           money={3, 4, 5}, percent={6})
    _sheet(workbook, _("By vendor regency"), [_("Vendor regency"), *group_header],
           _group_rows(report["by_vendor_regency"]), money={3, 4, 5}, percent={6})
    commitment_rows_ = [
        [c["buyer_organisation"]["name"], _buyer_type_label(c["buyer_organisation"]["buyer_type"]), c["vendor"]["name"],
         c["vendor"]["code"], c["vendor"]["region"] or "", c["description"], c["value_idr"], c["realised_idr"],
         c["in_progress_idr"], _fraction(c["realisation_rate_pct"]), c["expected_purchase_date"],
         ", ".join(o["number"] for o in c["orders"])]
        for c in report["commitments"]
    ]
    _sheet(workbook, _("Commitments"), [
        _("Buyer"), _("Buyer type"), _("Vendor"), _("Vendor code"), _("Vendor regency"), _("Items or description"),
        _("Committed value"), _("Realised value"), _("Ordered, not yet paid"), _("Realisation rate"),
        _("Expected purchase date"), _("Orders"),
    ], commitment_rows_, money={7, 8, 9}, percent={10}, dates={11})
    return workbook_bytes(workbook)
