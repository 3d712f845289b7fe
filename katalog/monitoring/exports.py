"""Dashboard tables as Excel workbooks (numbers as numbers, rupiah formatted, a sheet with the filters used)
and as CSV files (plain numbers, percentages as numbers with one decimal)."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from katalog.core.spreadsheets import add_sheet, workbook_bytes

from .filters import Filters
from .tables import COUNT, MONEY, PERCENT, Table, as_fraction


def _spreadsheet_row(table: Table, row: list) -> list:
    return [as_fraction(value) if column.kind == PERCENT else value for column, value in zip(table.columns, row, strict=True)]


def tables_xlsx(tables: list[Table], filters: Filters) -> bytes:
    """One sheet per table (with its total row), then the filters used."""
    from openpyxl import Workbook

    workbook = Workbook()
    for index, table in enumerate(tables):
        rows = [_spreadsheet_row(table, row) for row in table.rows]
        if table.total:
            rows.append(_spreadsheet_row(table, table.total))
        sheet = add_sheet(workbook, table.title, [column.label for column in table.columns], rows,
                          money=table.column_numbers(MONEY), percent=table.column_numbers(PERCENT),
                          first=index == 0)
        if table.total:
            from openpyxl.styles import Font

            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    add_sheet(workbook, _("Filters"), [_("Filter"), _("Value")], [list(pair) for pair in filters.labels()],
              first=not tables)
    return workbook_bytes(workbook)


def _csv_value(kind: str, value):
    if value is None:
        return ""
    if kind in (MONEY, COUNT):
        return int(value)
    return value


def table_csv(table: Table) -> bytes:
    """The table with its total row; UTF-8 with a byte-order mark so Excel opens it with the right letters."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.label for column in table.columns])
    for row in [*table.rows, *([table.total] if table.total else [])]:
        writer.writerow([_csv_value(column.kind, value) for column, value in zip(table.columns, row, strict=True)])
    return buffer.getvalue().encode("utf-8-sig")
