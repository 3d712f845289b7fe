"""A buyer's need as the matching engine reads it, and reading needs from a CSV or XLSX file.

The file has the columns of NEED_COLUMNS. Reading is all or nothing: every cell of every row is
checked, and one bad cell refuses the whole file with every error listed by its spreadsheet row
(the header is row 1), column and reason, as the catalogue import does.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from katalog.accounts.models import BuyerType
from katalog.catalog.models import Category
from katalog.core.errors import ValidationFailed
from katalog.core.tabular import RowError, read_table
from katalog.regions.models import Region
from katalog.regions.selectors import normalise_region_code


@dataclass(frozen=True)
class NeedSpec:
    ref: str  # the buyer's own reference ("NEED-001")
    title: str
    description: str = ""
    category: str = ""  # category slug or name as written in the file; "" when none
    quantity: int = 1
    unit: str = ""
    budget_idr: int | None = None  # total budget for the whole quantity, whole rupiah
    regency_code: str = ""  # Kemendagri code of the delivery regency, "18.71" ("1871" accepted)
    needed_by: dt.date | None = None
    buyer: str = ""  # buyer organisation name as written
    buyer_type: str = ""  # opd_provinsi, opd_kabkota, instansi_vertikal, bumn, bumd, swasta


NEED_COLUMNS = ["ref", "buyer", "buyer_type", "title", "description", "category", "quantity", "unit", "budget",
                "regency_code", "needed_by"]

REF_MAX_LENGTH = 64
TITLE_MAX_LENGTH = 255
BUYER_MAX_LENGTH = 255
UNIT_MAX_LENGTH = 30
MAX_QUANTITY = 2_147_483_647
MAX_BUDGET_IDR = 999_999_999_999_999


class NeedRowsInvalid(ValidationFailed):
    """A file of needs with bad rows: `rows` lists every error (row, column, message) in file order;
    the field errors hold the same messages by column."""

    def __init__(self, errors: list[RowError]):
        self.rows = sorted(errors, key=lambda e: e.row)
        by_column: dict[str, list[str]] = {}
        for error in self.rows:
            by_column.setdefault(error.column, []).append(str(error))
        super().__init__(
            _("Nothing was read: %(count)d row(s) of the file have errors.")
            % {"count": len({e.row for e in self.rows})},
            field_errors=by_column,
        )


class _CellError(ValueError):
    """A cell's value is not acceptable; the message says why."""


# ---- cells ----

def _text(raw: str, *, required: bool, max_length: int) -> str:
    value = (raw or "").strip()
    if required and not value:
        raise _CellError(_("This column is required."))
    if len(value) > max_length:
        raise _CellError(
            _("At most %(max)d characters are allowed (found %(count)d).") % {"max": max_length, "count": len(value)}
        )
    return value


_CURRENCY = re.compile(r"^(rp\.?|idr)\s*", re.IGNORECASE)
_DOT_GROUPS = re.compile(r"\d{1,3}(\.\d{3})+(,\d+)?")  # 1.500.000 or 1.500.000,00
_COMMA_GROUPS = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")  # 1,500,000 or 1,500,000.00
_DECIMAL = re.compile(r"\d+[.,]\d+")  # 1500000.00 or 1500000,00


def _whole_number(raw: str, *, what: str) -> int:
    """`1500000`, `1.500.000`, `1,500,000`, `Rp 1.500.000` or `1500000.00` (as the catalogue import reads
    prices); fractions, negative numbers and text are refused."""
    value = re.sub(r"[\s\u00a0\u202f]+", "", _CURRENCY.sub("", (raw or "").strip())).lstrip("+")
    if value.startswith("-"):
        raise _CellError(_("The %(what)s cannot be negative (found %(value)r).") % {"what": what, "value": raw})
    if value.isdigit():
        return int(value)
    if _DOT_GROUPS.fullmatch(value):
        whole, _sep, fraction = value.partition(",")
        whole = whole.replace(".", "")
    elif _COMMA_GROUPS.fullmatch(value):
        whole, _sep, fraction = value.partition(".")
        whole = whole.replace(",", "")
    elif _DECIMAL.fullmatch(value):
        whole, fraction = re.split(r"[.,]", value)
    else:
        raise _CellError(_("The %(what)s %(value)r is not a number.") % {"what": what, "value": raw})
    if fraction.strip("0"):
        raise _CellError(_("The %(what)s must be a whole number (found %(value)r).") % {"what": what, "value": raw})
    return int(whole)


def _quantity(raw: str) -> int:
    if not (raw or "").strip():
        return 1
    value = _whole_number(raw, what=_("quantity"))
    if value < 1:
        raise _CellError(_("The quantity must be at least 1."))
    if value > MAX_QUANTITY:
        raise _CellError(_("The quantity %(value)r is too large.") % {"value": raw})
    return value


def _budget(raw: str) -> int | None:
    if not (raw or "").strip():
        return None
    value = _whole_number(raw, what=_("budget"))
    if value > MAX_BUDGET_IDR:
        raise _CellError(_("The budget %(value)r is too large.") % {"value": raw})
    return value


_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "pebruari": 2, "maret": 3, "mar": 3, "april": 4, "apr": 4,
    "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agu": 8, "agt": 8, "ags": 8,
    "september": 9, "sep": 9, "okt": 10, "oktober": 10, "november": 11, "nov": 11, "nop": 11, "nopember": 11,
    "desember": 12, "des": 12,
}


def _date(raw: str) -> dt.date | None:
    """`2025-07-31` (also as an XLSX date), `31/07/2025`, `31-07-2025` or `31 Juli 2025`; blank is none."""
    value = (raw or "").strip()
    if not value:
        return None
    value = re.sub(r"[ T]00:00(:00)?$", "", value)
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", value):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        if (m := re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})", value)) and m[2].lower() in _MONTHS:
            return dt.date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    except ValueError:
        pass
    raise _CellError(
        _("The date %(value)r is not valid: write it as 2025-07-31 or 31/07/2025.") % {"value": raw}
    )


class _Lookups:
    """Regions and categories, loaded once per file."""

    def __init__(self) -> None:
        self.regencies = dict(Region.objects.filter(level=Region.Level.REGENCY).values_list("code", "name"))
        self.provinces = set(Region.objects.filter(level=Region.Level.PROVINCE).values_list("code", flat=True))
        self.categories: set[str] = set()
        for slug, name, aliases in Category.objects.filter(is_active=True).values_list("slug", "name", "aliases"):
            self.categories.update(v.strip().casefold() for v in [slug, name, *(aliases or [])] if v)

    def regency(self, raw: str) -> str:
        value = (raw or "").strip()
        if not value:
            return ""
        code = normalise_region_code(value)
        if re.fullmatch(r"\d{2}\.\d", code):
            code += "0"  # a spreadsheet that took 18.10 for a number shows 18.1
        if code in self.regencies:
            return code
        if code in self.provinces:
            raise _CellError(_("%(value)r is a province: give the regency or city of delivery, such as 18.71.")
                             % {"value": raw})
        raise _CellError(_("Regency code %(value)r is not known. Use a Kemendagri code such as 18.71 (or 1871).")
                         % {"value": raw})

    def category(self, raw: str) -> str:
        value = (raw or "").strip()
        if value and value.casefold() not in self.categories:
            raise _CellError(_("Unknown category %(value)r: use a category's slug or name.") % {"value": value})
        return value


def _buyer_type(raw: str) -> str:
    value = (raw or "").strip().lower()
    if value and value not in BuyerType.values:
        raise _CellError(_("Unknown buyer type %(value)r: use one of %(types)s.")
                         % {"value": raw, "types": ", ".join(BuyerType.values)})
    return value


def read_needs(data: bytes, filename: str) -> list[NeedSpec]:
    """The needs of a CSV or XLSX file with the NEED_COLUMNS header, in file order.

    Raises ValidationFailed when the file cannot be read or lacks a column, and NeedRowsInvalid (a
    ValidationFailed) listing every bad cell when any row has one; then nothing is returned.
    """
    table = read_table(data, filename=filename, required=NEED_COLUMNS)
    lookups = _Lookups()
    errors: list[RowError] = []
    needs: list[NeedSpec] = []
    first_row_of_ref: dict[tuple[str, str], int] = {}

    for number, cells in table.rows:
        def cell(column, parse, *args, _number=number, _cells=cells, **kwargs):
            try:
                return parse(_cells.get(column, ""), *args, **kwargs)
            except _CellError as exc:
                errors.append(RowError(_number, column, str(exc)))
                return None

        ref = cell("ref", _text, required=True, max_length=REF_MAX_LENGTH)
        buyer = cell("buyer", _text, required=False, max_length=BUYER_MAX_LENGTH)
        values = {
            "buyer_type": cell("buyer_type", _buyer_type),
            "title": cell("title", _text, required=True, max_length=TITLE_MAX_LENGTH),
            "category": cell("category", lookups.category),
            "quantity": cell("quantity", _quantity),
            "unit": cell("unit", _text, required=False, max_length=UNIT_MAX_LENGTH),
            "budget_idr": cell("budget", _budget),
            "regency_code": cell("regency_code", lookups.regency),
            "needed_by": cell("needed_by", _date),
        }
        if ref:
            key = ((buyer or "").casefold(), ref.casefold())
            if key in first_row_of_ref:
                errors.append(RowError(number, "ref", _("The reference %(ref)s is already used in row %(row)d.")
                                       % {"ref": ref, "row": first_row_of_ref[key]}))
            else:
                first_row_of_ref[key] = number
        if not any(e.row == number for e in errors):
            needs.append(NeedSpec(ref=ref, buyer=buyer, description=(cells.get("description") or "").strip(),
                                  **values))
    if errors:
        raise NeedRowsInvalid(errors)
    return needs
