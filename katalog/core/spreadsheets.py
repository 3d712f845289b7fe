"""Writing report workbooks (XLSX) for download: sheets with a bold frozen header, money as whole-rupiah
numbers in a rupiah format (so the sheets can be summed), and the download response."""

from __future__ import annotations

import io
import re

from django.http import HttpResponse

from .tabular import XLSX_CONTENT_TYPE

RUPIAH_FORMAT = '"Rp"#,##0'
PERCENT_FORMAT = "0.0%"
DATE_FORMAT = "yyyy-mm-dd"


# Excel refuses these in sheet names; titles come from translations, so any language may bring one.
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\\/*?:\[\]]")


def sheet_title(title: str) -> str:
    """A name Excel accepts: no \\ / * ? : [ ], at most 31 characters."""
    return _SHEET_TITLE_FORBIDDEN.sub("-", title).strip()[:31] or "Sheet"


def add_sheet(workbook, title: str, header: list[str], rows: list[list], *,
              money: frozenset[int] = frozenset(), percent: frozenset[int] = frozenset(), dates: frozenset[int] = frozenset(), first: bool = False,
              min_width: int = 10, money_padding: int = 4):
    """A sheet with a bold, frozen header, each column as wide as its longest value (within `min_width`
    and 60). `money`, `percent` and `dates` are 1-based column numbers; money columns are `money_padding`
    wider for the "Rp" and thousands separators. `first` fills the workbook's initial sheet."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = sheet_title(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for index in range(1, len(header) + 1):
        letter = get_column_letter(index)
        number_format = (RUPIAH_FORMAT if index in money else PERCENT_FORMAT if index in percent
                         else DATE_FORMAT if index in dates else None)
        if number_format:
            for cell in sheet[letter][1:]:
                cell.number_format = number_format
        values = [header[index - 1], *[row[index - 1] for row in rows if row[index - 1] is not None]]
        width = max(len(str(value)) for value in values) + (money_padding if index in money else 0)
        sheet.column_dimensions[letter].width = min(max(width + 2, min_width), 60)
    sheet.freeze_panes = "A2"
    return sheet


def workbook_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """The workbook as a download named `filename`."""
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
