"""Checking and normalising the identifiers a vendor proves itself with (pure, no database)."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.id import npwp as stdnum_npwp

from .models import BusinessScale


class IdentifierError(ValueError):
    """The value is not a valid identifier; the message says why, for people."""


def normalise_nib(raw: str) -> str:
    """NIB: exactly 13 digits (OSS). Spaces and dots are ignored."""
    nib = re.sub(r"[\s.\-]", "", raw or "")
    if not nib:
        raise IdentifierError(_("NIB is required."))
    if not nib.isdigit() or len(nib) != 13:
        raise IdentifierError(_("NIB must be exactly 13 digits (found %(value)r).") % {"value": raw})
    return nib


def normalise_npwp(raw: str) -> str:
    """NPWP: 16 digits, or the legacy 15 digits (stored with a leading 0). Checked with python-stdnum."""
    raw = (raw or "").strip()
    if not raw:
        raise IdentifierError(_("NPWP is required."))
    compact = stdnum_npwp.compact(raw)
    if not compact.isdigit() or len(compact) not in (15, 16):
        raise IdentifierError(_("NPWP must have 15 or 16 digits (found %(value)r).") % {"value": raw})
    try:
        stdnum_npwp.validate(compact)
    except StdnumError:
        raise IdentifierError(_("NPWP %(value)s is not valid: its check digit does not match.") % {"value": raw}) from None
    return compact if len(compact) == 16 else "0" + compact


def format_npwp(npwp16: str) -> str:
    """Show the 16-digit form grouped as on a tax card: 0013.1216.6009.1000."""
    if len(npwp16) != 16:
        return npwp16
    return ".".join(npwp16[i : i + 4] for i in range(0, 16, 4))


def parse_kbli(raw) -> list[str]:
    """KBLI 2020 codes, 5 digits each, separated by `;`, `,` or spaces. Order kept, duplicates dropped."""
    if isinstance(raw, list | tuple):
        parts = [str(p) for p in raw]
    else:
        parts = re.split(r"[;,\s/|]+", str(raw or ""))
    codes: list[str] = []
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if not re.fullmatch(r"\d{5}", part):
            raise IdentifierError(_("KBLI code %(value)r must be 5 digits (KBLI 2020).") % {"value": part})
        if part not in codes:
            codes.append(part)
    return codes


_SCALE_ALIASES = {
    "mikro": BusinessScale.MIKRO, "micro": BusinessScale.MIKRO, "usaha mikro": BusinessScale.MIKRO,
    "kecil": BusinessScale.KECIL, "small": BusinessScale.KECIL, "usaha kecil": BusinessScale.KECIL,
    "menengah": BusinessScale.MENENGAH, "medium": BusinessScale.MENENGAH, "usaha menengah": BusinessScale.MENENGAH,
    "besar": BusinessScale.BESAR, "large": BusinessScale.BESAR, "usaha besar": BusinessScale.BESAR,
    "non-umk": BusinessScale.BESAR,
}


def parse_scale(raw: str) -> str:
    value = _SCALE_ALIASES.get((raw or "").strip().lower())
    if value is None:
        raise IdentifierError(
            _("Business scale %(value)r is not one of mikro, kecil, menengah, besar.") % {"value": raw}
        )
    return value.value


def kbli_fits(vendor_codes: list[str], category_codes: list[str]) -> bool:
    """A category with no KBLI codes accepts anyone; otherwise one vendor code must start with one of them."""
    if not category_codes:
        return True
    return any(code.startswith(prefix) for code in vendor_codes for prefix in category_codes)


# PP 7/2021 Pasal 35, shown as help next to the scale field.
SCALE_CRITERIA = [
    (BusinessScale.MIKRO, gettext_lazy("≤ Rp1 billion"), gettext_lazy("≤ Rp2 billion")),
    (BusinessScale.KECIL, gettext_lazy("> Rp1 billion – ≤ Rp5 billion"), gettext_lazy("> Rp2 billion – ≤ Rp15 billion")),
    (BusinessScale.MENENGAH, gettext_lazy("> Rp5 billion – ≤ Rp10 billion"), gettext_lazy("> Rp15 billion – ≤ Rp50 billion")),
    (BusinessScale.BESAR, gettext_lazy("> Rp10 billion"), gettext_lazy("> Rp50 billion")),
]
