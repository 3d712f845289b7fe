"""Reading the value of one spreadsheet cell (pure, no database).

Each parser returns the clean value or raises CellError with a reason in plain words.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from katalog.catalog.models import Certification

# Largest values the database columns hold (PositiveIntegerField, a sane ceiling for prices).
MAX_INTEGER = 2_147_483_647
MAX_PRICE_IDR = 999_999_999_999_999

# Names of values inside messages; lazy, so reading a valid cell translates nothing.
PRICE = gettext_lazy("price")
MIN_ORDER = gettext_lazy("minimum order")
CAPACITY = gettext_lazy("capacity per month")


class CellError(ValueError):
    """The cell's value is not acceptable; the message says why, for people."""


def text(raw: str, *, required: bool, max_length: int) -> str:
    value = (raw or "").strip()
    if required and not value:
        raise CellError(_("This column is required."))
    if len(value) > max_length:
        raise CellError(
            _("At most %(max)d characters are allowed (found %(count)d).") % {"max": max_length, "count": len(value)}
        )
    return value


_CURRENCY = re.compile(r"^(rp\.?|idr)\s*", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_PLAIN = re.compile(r"\d+")
_DOT_GROUPS = re.compile(r"\d{1,3}(\.\d{3})+(,\d+)?")  # 1.500.000 or 1.500.000,00
_COMMA_GROUPS = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")  # 1,500,000 or 1,500,000.00
_DECIMAL = re.compile(r"\d+([.,]\d+)")  # 1500000.00 or 1500000,00


def whole_number(raw: str, *, what: str) -> int:
    """A whole number written as `1500000`, `1.500.000`, `1,500,000` or `1500000.00`.

    `what` names the value in messages ("price", "minimum order"). Negative numbers, fractions
    and text are refused.
    """
    value = _SPACES.sub("", _CURRENCY.sub("", (raw or "").strip()))
    if value.startswith("-"):
        raise CellError(_("The %(what)s cannot be negative (found %(value)r).") % {"what": what, "value": raw})
    value = value.lstrip("+")
    if _PLAIN.fullmatch(value):
        return int(value)
    fraction = None
    if _DOT_GROUPS.fullmatch(value):
        whole, _sep, fraction = value.partition(",")
        digits = whole.replace(".", "")
    elif _COMMA_GROUPS.fullmatch(value):
        whole, _sep, fraction = value.partition(".")
        digits = whole.replace(",", "")
    elif _DECIMAL.fullmatch(value):
        whole, fraction = re.split(r"[.,]", value)
        digits = whole
    else:
        raise CellError(_("The %(what)s %(value)r is not a number.") % {"what": what, "value": raw})
    if fraction and fraction.strip("0"):
        raise CellError(
            _("The %(what)s must be a whole number (found %(value)r).") % {"what": what, "value": raw}
        )
    return int(digits)


def price_idr(raw: str) -> int:
    """A unit price in whole rupiah: `1500000`, `1.500.000`, `1,500,000`, `Rp 1.500.000`, `1500000.00`."""
    if not (raw or "").strip():
        raise CellError(_("The price is required."))
    value = whole_number(raw, what=PRICE)
    if value > MAX_PRICE_IDR:
        raise CellError(_("The price %(value)r is too large.") % {"value": raw})
    return value


def min_order(raw: str) -> int:
    """Blank means 1; otherwise a whole number of at least 1."""
    if not (raw or "").strip():
        return 1
    value = whole_number(raw, what=MIN_ORDER)
    if value < 1:
        raise CellError(_("The minimum order must be at least 1."))
    if value > MAX_INTEGER:
        raise CellError(_("The minimum order %(value)r is too large.") % {"value": raw})
    return value


def capacity(raw: str) -> int | None:
    """Blank means unknown; otherwise a whole number, 0 or more."""
    if not (raw or "").strip():
        return None
    value = whole_number(raw, what=CAPACITY)
    if value > MAX_INTEGER:
        raise CellError(_("The capacity per month %(value)r is too large.") % {"value": raw})
    return value


_PERCENT = re.compile(r"\d+(\.\d+)?")


def percent(raw: str, *, what: str, maximum: Decimal = Decimal("100")) -> Decimal | None:
    """Blank means no certified value; otherwise 0 to `maximum`: `45`, `45.5`, `45,5`, `45%`."""
    value = _SPACES.sub("", (raw or "").strip())
    if not value:
        return None
    value = value.removesuffix("%")
    if value.startswith("-"):
        raise CellError(_("%(what)s cannot be negative (found %(value)r).") % {"what": what, "value": raw})
    if "," in value and "." not in value:
        value = value.replace(",", ".")
    if not _PERCENT.fullmatch(value):
        raise CellError(_("%(what)s %(value)r is not a percentage.") % {"what": what, "value": raw})
    try:
        number = Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only numbers
        raise CellError(_("%(what)s %(value)r is not a percentage.") % {"what": what, "value": raw}) from None
    if number > maximum:
        raise CellError(
            _("%(what)s must be between 0 and %(max)s%% (found %(value)s).")
            % {"what": what, "max": _plain(maximum), "value": raw}
        )
    if number != number.quantize(Decimal("0.01")):
        raise CellError(_("%(what)s may have at most two decimals (found %(value)s).") % {"what": what, "value": raw})
    return number.quantize(Decimal("0.01"))


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


CERTIFICATIONS = tuple(Certification.values)  # SNI, HALAL, TKDN, PIRT, BPOM, HKI, in this order


def certifications(raw: str) -> list[str]:
    """A `;`- (or `,`-) separated list of SNI, HALAL, TKDN, PIRT, BPOM, HKI, any case; canonical order."""
    found: set[str] = set()
    unknown: list[str] = []
    for part in re.split(r"[;,]", raw or ""):
        code = part.strip().upper()
        if not code:
            continue
        if code in CERTIFICATIONS:
            found.add(code)
        else:
            unknown.append(part.strip())
    if unknown:
        raise CellError(
            _("Unknown certification(s): %(unknown)s. Use %(allowed)s, separated by ';'.")
            % {"unknown": ", ".join(unknown), "allowed": ", ".join(CERTIFICATIONS)}
        )
    return [code for code in CERTIFICATIONS if code in found]
