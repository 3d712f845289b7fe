"""Reading spreadsheets (CSV or XLSX) row by row for imports, and reporting row-level errors.

Row numbers are the ones a spreadsheet shows: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from .errors import ValidationFailed


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
    skipped: int = 0
    written: bool = False
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {
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


def _clean_header(values) -> list[str]:
    return [str(v or "").strip().lstrip("\ufeff").lower() for v in values]


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_csv(data: bytes) -> Iterator[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    yield from csv.reader(io.StringIO(text, newline=""), dialect)


def _read_xlsx(data: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield [_cell_text(v) for v in row]
    finally:
        workbook.close()


def read_table(source, *, filename: str | None = None, required: list[str]) -> Table:
    """Read a CSV or XLSX file (a path, bytes or a file object) with a header row.

    Raises ValidationFailed when the file cannot be read or a required column is missing.
    """
    if isinstance(source, str | Path):
        filename = filename or str(source)
        data = Path(source).read_bytes()
    elif isinstance(source, bytes):
        data = source
    else:
        data = source.read()
        filename = filename or getattr(source, "name", "")
    is_xlsx = data[:2] == b"PK" or (filename or "").lower().endswith((".xlsx", ".xlsm"))
    try:
        lines = _read_xlsx(data) if is_xlsx else _read_csv(data)
        header: list[str] | None = None
        rows: list[tuple[int, dict[str, str]]] = []
        for number, values in enumerate(lines, start=1):
            if header is None:
                header = _clean_header(values)
                continue
            values = [_cell_text(v) for v in values]
            if not any(values):
                continue  # blank lines are not rows
            rows.append((number, {name: values[i] if i < len(values) else "" for i, name in enumerate(header) if name}))
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
