"""Reading spreadsheets (CSV or XLSX) row by row for imports, and reporting row-level errors.

Row numbers are the ones a spreadsheet shows: the header is row 1, the first data row is row 2.
Column names are matched case-insensitively; spaces and hyphens in a header count as underscores
("Vendor Code" is `vendor_code`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext as _

from .errors import ValidationFailed

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        column = f", {_('column')} {self.column}" if self.column else ""
        return f"{_('row')} {self.row}{column}: {self.message}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # rows with at least one error (not written)
    written: bool = False  # the valid rows were applied to the database
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0  # data rows read from the file

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "written": self.written,
            "errors": [{"row": e.row, "column": e.column, "message": e.message} for e in self.errors],
        }


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (spreadsheet row number, values by column name)


def clean_column_name(value) -> str:
    name = str(value or "").strip().lstrip("\ufeff").strip().lower()
    return re.sub(r"[\s\-]+", "_", name)


def _clean_header(values) -> list[str]:
    return [clean_column_name(v) for v in values]


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)).normalize(), "f")
    return str(value).strip()


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(first_line: str) -> str:
    """The separator that splits the header row into the most columns (Excel in Indonesia writes `;`)."""
    counts = {d: first_line.count(d) for d in CSV_DELIMITERS}
    best = max(CSV_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(data: bytes) -> Iterator[list[str]]:
    text = _decode(data)
    if "\x00" in text[:4096]:
        raise ValueError(_("it contains binary data"))
    first_line = text.split("\n", 1)[0]
    yield from csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))


def _xlsx_value(cell) -> str:
    value = cell.value
    number_format = getattr(cell, "number_format", "") or ""
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in number_format:
        # A cell typed as "45%" holds 0.45; the sheet shows 45.
        return format((Decimal(repr(value)) * 100).normalize(), "f")
    return _cell_text(value)


def _read_xlsx(data: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        expected = 1
        for row in sheet.iter_rows():
            number = getattr(row[0], "row", None) if row else None
            while number is not None and expected < number:  # rows the file leaves out are blank
                yield []
                expected += 1
            yield [_xlsx_value(cell) for cell in row]
            expected += 1
    finally:
        workbook.close()


def _read_source(source, filename: str | None) -> tuple[bytes, str]:
    if isinstance(source, str | Path):
        path = Path(source)
        try:
            return path.read_bytes(), filename or path.name
        except OSError as exc:
            raise ValidationFailed(
                _("The file %(name)s could not be opened: %(error)s") % {"name": source, "error": exc.strerror or exc}
            ) from exc
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), filename or ""
    data = source.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    return data, filename or getattr(source, "name", "") or ""


def read_table(source, *, filename: str | None = None, required: list[str]) -> Table:
    """Read a CSV or XLSX file (a path, bytes or a file object) with a header row.

    Raises ValidationFailed when the file cannot be read or a required column is missing.
    """
    data, filename = _read_source(source, filename)
    is_xlsx = data[:2] == b"PK" or str(filename).lower().endswith((".xlsx", ".xlsm"))
    try:
        lines = _read_xlsx(data) if is_xlsx else _read_csv(data)
        header: list[str] | None = None
        rows: list[tuple[int, dict[str, str]]] = []
        for number, values in enumerate(lines, start=1):
            if header is None:
                if not any(str(v or "").strip() for v in values):
                    continue  # blank lines above the header
                header = _clean_header(values)
                columns = [(i, name) for i, name in enumerate(header) if name]
                continue
            values = [_cell_text(v) for v in values]
            if not any(values):
                continue  # blank lines are not rows
            width = len(values)
            rows.append((number, {name: values[i] if i < width else "" for i, name in columns}))
    except ValidationFailed:
        raise
    except Exception as exc:  # a corrupt or foreign file: say so, in words
        raise ValidationFailed(_("The file could not be read as CSV or XLSX: %(error)s") % {"error": exc}) from exc
    if header is None:
        raise ValidationFailed(_("The file is empty: it needs a header row."))
    missing = [c for c in required if c not in header]
    if missing:
        raise ValidationFailed(
            _("The header row lacks the column(s): %(columns)s. Expected: %(expected)s.")
            % {"columns": ", ".join(missing), "expected": ",".join(required)}
        )
    return Table(header=header, rows=rows)


def template_csv(columns: list[str], example_rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows(example_rows)
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx(columns: list[str], example_rows: list[list[str]], *, sheet_title: str = "data") -> bytes:
    """An XLSX file with a bold header row; every cell is text, so codes keep their leading zeros."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in example_rows:
        sheet.append([str(v) for v in row])
    for index, name in enumerate(columns, start=1):
        letter = get_column_letter(index)
        width = max([len(name)] + [len(str(r[index - 1])) for r in example_rows if index - 1 < len(r)])
        sheet.column_dimensions[letter].width = min(max(width + 2, 10), 60)
        for cell in sheet[letter]:
            cell.number_format = "@"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
