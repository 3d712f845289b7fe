"""The list of red flags as an Excel workbook (the flags, and the filters used) or a CSV file."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from katalog.core.spreadsheets import add_sheet, workbook_bytes

from .models import FlagKind, FlagStatus
from .selectors import ALL_STATUSES, flag_rows

# Flags read per query of their orders.
BATCH = 500


def _header() -> list[str]:
    return [
        _("Severity"), _("Kind"), _("Status"), _("Explanation"), _("Buyer"), _("Vendor"), _("Category"),
        _("Value (Rp)"), _("Orders"), _("Order numbers"), _("Justification texts"), _("Detected at"),
        _("Dismissed by"), _("Reason for dismissal"),
    ]


MONEY_COLUMNS = frozenset({8})


def _local(value: dt.datetime | None) -> dt.datetime | None:
    # Spreadsheets hold no time zone: the time as read in Jakarta.
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def _rows(user, flags) -> Iterator[list]:
    batch = []
    for flag in flags.iterator(chunk_size=BATCH):
        batch.append(flag)
        if len(batch) == BATCH:
            yield from _table_rows(user, batch)
            batch = []
    yield from _table_rows(user, batch)


def _table_rows(user, flags) -> Iterator[list]:
    for row in flag_rows(user, flags):
        yield [
            row["severity_label"], row["kind_label"], row["status_label"], row["explanation"],
            row["buyer"]["name"] if row["buyer"] else "", row["vendor"]["name"] if row["vendor"] else "",
            row["category"]["name"] if row["category"] else "", row["value_idr"], row["order_count"],
            ", ".join(order["number"] for order in row["orders"]), " | ".join(row["texts"]),
            _local(row["detected_at"]), row["dismissed_by"], row["dismissal_reason"],
        ]


def _filters(filters: dict, count: int, *, now: dt.datetime) -> list[list]:
    kind, status = filters["kind"], filters["status"]
    return [
        [_("Kind"), str(FlagKind(kind).label) if kind else _("Every kind")],
        [_("Status"), _("Every status") if status == ALL_STATUSES else str(FlagStatus(status).label)],
        [_("Flags"), count],
        [_("Exported at"), _local(now)],
    ]


def red_flags_xlsx(user, flags, filters: dict, *, now: dt.datetime) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    rows = list(_rows(user, flags))
    sheet = add_sheet(workbook, _("Red flags"), _header(), rows, money=MONEY_COLUMNS, first=True)
    for cell in sheet["L"][1:]:
        cell.number_format = "yyyy-mm-dd hh:mm"
    filter_sheet = add_sheet(workbook, _("Filters"), [_("Filter"), _("Value")], _filters(filters, len(rows), now=now))
    filter_sheet["B5"].number_format = "yyyy-mm-dd hh:mm"
    return workbook_bytes(workbook)


def red_flags_csv(user, flags) -> bytes:
    """UTF-8 with a byte-order mark, so Excel reads the Indonesian text right; money as whole rupiah."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_header())
    for row in _rows(user, flags):
        detected = row[11]
        writer.writerow([*row[:11], detected.isoformat(sep=" ", timespec="minutes") if detected else "", *row[12:]])
    return buffer.getvalue().encode("utf-8-sig")
