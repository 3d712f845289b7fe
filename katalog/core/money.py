"""Rupiah: whole numbers, formatted with Babel, spelled out (terbilang) with num2words."""

from __future__ import annotations

from babel.numbers import format_compact_decimal, format_decimal
from num2words import num2words


def format_rupiah(amount_idr: int | None, *, locale: str = "id_ID") -> str:
    """`Rp1.250.000` in Indonesian; `Rp1,250,000` in English."""
    if amount_idr is None:
        return "-"
    sign = "-" if amount_idr < 0 else ""
    return f"{sign}Rp{format_decimal(abs(int(amount_idr)), locale=locale, format='#,##0')}"


def terbilang(amount_idr: int) -> str:
    """The amount in Indonesian words, as written on a Surat Pesanan: `satu juta rupiah`."""
    return f"{num2words(int(amount_idr), lang='id')} rupiah"


def percent_display(value, *, locale: str = "id_ID") -> str:
    """`45,5%` for Indonesian; a missing value is a dash."""
    if value is None:
        return "-"
    return f"{format_decimal(value, locale=locale, format='#,##0.##')}%"


def format_rupiah_compact(amount_idr: int | None, *, locale: str = "id_ID") -> str:
    """Large sums for headline figures: `Rp361,5 M` (miliar) in Indonesian, `Rp361.5B` in English."""
    if amount_idr is None:
        return "-"
    sign = "-" if amount_idr < 0 else ""
    return f"{sign}Rp{format_compact_decimal(abs(int(amount_idr)), locale=locale, fraction_digits=1)}"
