"""The P3DN badges of a product, computed in exactly one place.

- Produk Lokal Lampung: made in a home-province regency by a home-province vendor.
- UMK: the vendor is micro or small (PP 7/2021; menengah does not count).
- PDN wajib: TKDN + BMP >= 40% (Perpres 16/2018 jo. 12/2021 Pasal 66).
- Preferensi harga: TKDN >= 25% (Pasal 67).

`badges_for` decides for one product in Python; the `*_q` functions express the same rules as
query filters. Tests check that both agree at the thresholds.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

LOCAL = "lokal"
UMK = "umk"
PDN = "pdn"
PREFERENCE = "preferensi"

UMK_SCALE_VALUES = ("mikro", "kecil")

LABELS = {
    LOCAL: _("Produk Lokal Lampung"),
    UMK: _("UMK"),
    PDN: _("PDN wajib"),
    PREFERENCE: _("Preferensi harga"),
}
HELP = {
    LOCAL: _("Made in a regency of the province by a vendor based in the province."),
    UMK: _("Sold by a micro or small business (PP 7/2021)."),
    PDN: _("Domestic product with TKDN + BMP of at least 40%: buying domestic is mandatory."),
    PREFERENCE: _("TKDN of at least 25%: eligible for the domestic price preference."),
}


def _setting(name: str) -> Decimal:
    return Decimal(str(settings.KATALOG[name]))


def _home() -> str:
    return settings.KATALOG["HOME_PROVINCE_CODE"]


@dataclass(frozen=True)
class Badge:
    code: str
    label: str
    help: str


@dataclass(frozen=True)
class BadgeFacts:
    vendor_region_code: str | None
    origin_region_code: str | None
    vendor_scale: str
    tkdn_pct: Decimal | None
    bmp_pct: Decimal | None


def _in_home(code: str | None) -> bool:
    return bool(code) and code.split(".")[0] == _home()


def is_local(facts: BadgeFacts) -> bool:
    return _in_home(facts.vendor_region_code) and _in_home(facts.origin_region_code)


def is_umk(facts: BadgeFacts) -> bool:
    return facts.vendor_scale in UMK_SCALE_VALUES


def tkdn_plus_bmp(facts: BadgeFacts) -> Decimal | None:
    if facts.tkdn_pct is None:
        return None
    return Decimal(facts.tkdn_pct) + Decimal(facts.bmp_pct or 0)


def is_pdn(facts: BadgeFacts) -> bool:
    total = tkdn_plus_bmp(facts)
    return total is not None and total >= _setting("PDN_THRESHOLD_PCT")


def has_price_preference(facts: BadgeFacts) -> bool:
    return facts.tkdn_pct is not None and Decimal(facts.tkdn_pct) >= _setting("PREFERENCE_TKDN_MIN_PCT")


def badge_codes(facts: BadgeFacts) -> list[str]:
    codes = []
    if is_local(facts):
        codes.append(LOCAL)
    if is_umk(facts):
        codes.append(UMK)
    if is_pdn(facts):
        codes.append(PDN)
    if has_price_preference(facts):
        codes.append(PREFERENCE)
    return codes


def badges_for(facts: BadgeFacts) -> list[Badge]:
    return [Badge(code, str(LABELS[code]), str(HELP[code])) for code in badge_codes(facts)]


def facts_of(product) -> BadgeFacts:
    """Facts of a Product row; select_related('vendor__region', 'origin_region') avoids queries."""
    vendor = product.vendor
    return BadgeFacts(
        vendor_region_code=vendor.region.code if vendor.region_id else None,
        origin_region_code=product.origin_region.code if product.origin_region_id else None,
        vendor_scale=vendor.scale,
        tkdn_pct=product.tkdn_pct,
        bmp_pct=product.bmp_pct,
    )


def product_badges(product) -> list[Badge]:
    return badges_for(facts_of(product))


# ---- The same rules as query filters on Product ----

def _home_region_q(prefix: str) -> Q:
    home = _home()
    return Q(**{f"{prefix}__code": home}) | Q(**{f"{prefix}__code__startswith": f"{home}."})


def local_q() -> Q:
    return _home_region_q("vendor__region") & _home_region_q("origin_region")


def umk_q() -> Q:
    return Q(vendor__scale__in=UMK_SCALE_VALUES)


def pdn_q() -> Q:
    """Needs the queryset annotated with `with_tkdn_plus_bmp`."""
    return Q(tkdn_pct__isnull=False, tkdn_plus_bmp__gte=_setting("PDN_THRESHOLD_PCT"))


def preference_q() -> Q:
    return Q(tkdn_pct__gte=_setting("PREFERENCE_TKDN_MIN_PCT"))


def with_tkdn_plus_bmp(queryset):
    return queryset.annotate(tkdn_plus_bmp=F("tkdn_pct") + Coalesce(F("bmp_pct"), Value(Decimal("0"))))
