"""Formatting a dashboard table's cell by its column's kind."""

import functools
from decimal import ROUND_HALF_UP, Decimal

from django import template

from katalog.core.templatetags.katalog import _babel_locale
from katalog.monitoring.tables import COUNT, MONEY, PERCENT

register = template.Library()
TENTHS = Decimal("0.1")


# The same text as the `rupiah` and `percent` filters, without Babel's 40 µs a number: a breakdown by
# buyer holds thousands of numbers (whole rupiah and shares only need the locale's two separators).
@functools.cache
def _separators(locale: str) -> dict:
    from babel.numbers import get_decimal_symbol, get_group_symbol

    return str.maketrans({",": get_group_symbol(locale), ".": get_decimal_symbol(locale)})


def _rupiah(value) -> str:
    amount = int(value)
    return f"{'-' if amount < 0 else ''}Rp{abs(amount):,}".translate(_separators(_babel_locale()))


def _percent(value) -> str:
    """Always one decimal, so a column of shares lines up ("83,0%" under "64,5%"); the figures are
    already rounded half-up to one decimal."""
    return f"{Decimal(value).quantize(TENTHS, rounding=ROUND_HALF_UP):,.1f}%".translate(_separators(_babel_locale()))


def _count(value) -> str:
    return f"{value:,}".translate(_separators(_babel_locale()))


@register.filter
def cell(value, kind: str):
    if kind == MONEY:
        return _rupiah(value) if value is not None else ""
    if kind == PERCENT:
        return _percent(value) if value is not None else "–"
    if kind == COUNT:
        return "" if value is None else _count(value)
    return value


@register.filter
def is_number(kind: str) -> bool:
    return kind in (MONEY, PERCENT, COUNT)


@register.filter
def at(sequence, index):
    """sequence[index] in a template ("" past the end)."""
    try:
        return sequence[index]
    except (IndexError, KeyError, TypeError):
        return ""


@register.filter
def bar_width(part, whole) -> int:
    """A progress bar's width in percent, 0–100."""
    if not whole or part is None:
        return 0
    return max(0, min(100, round(float(part) * 100 / float(whole))))
