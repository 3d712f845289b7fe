"""The domestic price preference and the P3DN tier, computed in exactly one place (pure, no database).

Price preference (Perpres 16/2018 jo. 12/2021 Pasal 67), for goods:

    KP  = TKDN x highest preference (25%), only for goods with TKDN >= 25%; otherwise KP = 0
    HEA = (1 - KP) x HP

HP is the offered price after arithmetic correction, HEA the final evaluated price. The lowest HEA
wins; on equal HEA the higher TKDN wins; the contract is at the offered price, never at HEA. (The old
rule HEA = HP / (1 + KP) with a 15% cap, from Perpres 54/2010, is not used.)

Rounding: HEA is computed exactly with Decimal and rounded half up to whole rupiah in `whole_rupiah`,
the only place where this module rounds. Bids are ranked on that whole-rupiah HEA, the figure people see.

Ranking (`rank_bids`): lowest HEA first; on equal HEA the higher TKDN (no TKDN counts as 0); then the
lower offered price; then the label; bids equal in all of these keep their input order. Ranks are
positions 1..n, never shared.

P3DN tier (Pasal 66 and Kemenperin's guidance): `wajib` when TKDN + BMP >= 40% (domestic products are
mandatory and agencies buy TKDN >= 25%), `dimaksimalkan` when below that with TKDN >= 15%,
`diberdayakan` when 10% <= TKDN < 15%, otherwise `none`. BMP is at most 15% (Permenperin 35/2025);
a larger BMP is refused, never capped. With BMP <= 15%, TKDN + BMP >= 40% implies TKDN >= 25%.

Settings (settings.KATALOG) are read only as defaults of keyword arguments; the arithmetic itself
takes every threshold as an argument.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from babel.numbers import format_decimal
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from katalog.core.errors import ValidationFailed
from katalog.core.money import format_rupiah

HUNDRED = Decimal(100)

TIER_WAJIB = "wajib"
TIER_DIMAKSIMALKAN = "dimaksimalkan"
TIER_DIBERDAYAKAN = "diberdayakan"
TIER_NONE = "none"
# Kemenperin's guidance thresholds for the lower tiers (not in the Perpres, so not settings).
TIER_DIMAKSIMALKAN_TKDN_MIN_PCT = Decimal(15)
TIER_DIBERDAYAKAN_TKDN_MIN_PCT = Decimal(10)


def _setting(name: str, given=None) -> Decimal:
    return Decimal(str(settings.KATALOG[name] if given is None else given))


def _invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(f"{field}: {message}", field_errors={field: [message]}, code="invalid_input")


def as_pct(value, *, field: str = "tkdn", maximum=HUNDRED) -> Decimal | None:
    """A percentage as Decimal (None stays None); refuses non-numbers and values outside 0..maximum."""
    if value is None:
        return None
    try:
        pct = value if isinstance(value, Decimal) else Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise _invalid(field, _("Enter a number.")) from None
    if not pct.is_finite():
        raise _invalid(field, _("Enter a number."))
    if pct < 0 or pct > Decimal(maximum):
        raise _invalid(field, _("Enter a percentage from 0 to %(max)s.") % {"max": Decimal(maximum)})
    return pct


def check_price(price_idr) -> int:
    """An offered price in whole rupiah, zero or more."""
    if isinstance(price_idr, bool) or not isinstance(price_idr, int):
        raise _invalid("price", _("Enter a whole number of rupiah."))
    if price_idr < 0:
        raise _invalid("price", _("The price cannot be negative."))
    return price_idr


def check_bmp(bmp_pct, *, bmp_max_pct=None) -> Decimal | None:
    """BMP as Decimal; more than BMP_MAX_PCT (15%) is refused, not capped."""
    return as_pct(bmp_pct, field="bmp", maximum=_setting("BMP_MAX_PCT", bmp_max_pct))


def whole_rupiah(amount: Decimal) -> int:
    """The one rounding rule of this module: half up to whole rupiah."""
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _hea(price_idr: int, kp: Decimal) -> int:
    with localcontext(prec=60):  # exact for any realistic price and percentage; rounding only below
        return whole_rupiah(Decimal(price_idr) * (HUNDRED - kp) / HUNDRED)


# ---- Price preference (Pasal 67) ----

def preference_eligible(tkdn_pct, *, tkdn_min_pct=None) -> bool:
    """Goods with TKDN >= PREFERENCE_TKDN_MIN_PCT (25%) get a preference."""
    tkdn = as_pct(tkdn_pct)
    return tkdn is not None and tkdn >= _setting("PREFERENCE_TKDN_MIN_PCT", tkdn_min_pct)


def kp_pct(tkdn_pct, *, tkdn_min_pct=None, max_pct=None) -> Decimal:
    """KP in percent: TKDN x PREFERENCE_MAX_PCT (25%) / 100, or 0 below the minimum TKDN or without TKDN."""
    if not preference_eligible(tkdn_pct, tkdn_min_pct=tkdn_min_pct):
        return Decimal(0)
    with localcontext(prec=60):
        return as_pct(tkdn_pct) * _setting("PREFERENCE_MAX_PCT", max_pct) / HUNDRED


def evaluated_price(price_idr: int, tkdn_pct, *, tkdn_min_pct=None, max_pct=None) -> int:
    """HEA = (1 - KP) x HP, in whole rupiah (rounded half up)."""
    price = check_price(price_idr)
    return _hea(price, kp_pct(tkdn_pct, tkdn_min_pct=tkdn_min_pct, max_pct=max_pct))


def preference_applies(
    package_value_idr: int | None, *, for_every_competition: bool | None = None, min_package_idr: int | None = None
) -> bool:
    """Whether a procurement applies the preference: packages (HPS) above PREFERENCE_MIN_PACKAGE_IDR, or
    every competition when PREFERENCE_FOR_EVERY_COMPETITION is set."""
    if for_every_competition is None:
        for_every_competition = bool(settings.KATALOG["PREFERENCE_FOR_EVERY_COMPETITION"])
    if for_every_competition:
        return True
    if min_package_idr is None:
        min_package_idr = int(settings.KATALOG["PREFERENCE_MIN_PACKAGE_IDR"])
    return package_value_idr is not None and package_value_idr > min_package_idr


def _babel_locale() -> str:
    return "en_US" if (translation.get_language() or "id").startswith("en") else "id_ID"


def pct_text(value: Decimal | None, *, locale: str | None = None) -> str:
    """`6,25%` in Indonesian, `6.25%` in English, up to four decimals (KP of a two-decimal TKDN); None is `-`."""
    if value is None:
        return "-"
    return f"{format_decimal(value, locale=locale or _babel_locale(), format='#,##0.####')}%"


@dataclass(frozen=True)
class Bid:
    """A bid that passed administrative and technical evaluation. HP is the corrected offered price.

    `label` names the bid for people and breaks the last ties; `ref` (a primary key, say) is carried along."""

    label: str
    price_idr: int
    tkdn_pct: Decimal | None = None
    bmp_pct: Decimal | None = None
    ref: object = None


@dataclass(frozen=True)
class Evaluation:
    label: str
    price_idr: int  # HP
    tkdn_pct: Decimal | None
    bmp_pct: Decimal | None
    kp_pct: Decimal
    evaluated_price_idr: int  # HEA
    eligible: bool  # TKDN reaches the minimum for a preference
    preference_applied: bool  # the procurement applies the preference at all
    max_pct: Decimal  # highest preference used (25%)
    rank: int = 0  # 0 until ranked
    ref: object = None  # the bid's `ref`

    @property
    def explanation(self) -> str:
        """The arithmetic in words, in the active language."""
        locale = _babel_locale()
        values = {
            "hp": format_rupiah(self.price_idr, locale=locale),
            "hea": format_rupiah(self.evaluated_price_idr, locale=locale),
            "tkdn": pct_text(self.tkdn_pct, locale=locale),
            "kp": pct_text(self.kp_pct, locale=locale),
            "max": pct_text(self.max_pct, locale=locale),
        }
        if not self.preference_applied:
            return _("The preference does not apply to this procurement: HEA = HP = %(hea)s.") % values
        if self.tkdn_pct is None:
            return _("No TKDN, so KP = 0 and HEA = HP = %(hea)s.") % values
        if not self.eligible:
            return _("TKDN %(tkdn)s is below the minimum, so KP = 0 and HEA = HP = %(hea)s.") % values
        return _(
            "KP = TKDN %(tkdn)s × %(max)s = %(kp)s; HEA = (1 − %(kp)s) × %(hp)s = %(hea)s."
        ) % values


def evaluate(bid: Bid, *, apply_preference: bool = True, tkdn_min_pct=None, max_pct=None) -> Evaluation:
    """One bid's KP and HEA (unranked). Without `apply_preference`, KP = 0 and HEA = HP."""
    price = check_price(bid.price_idr)
    tkdn = as_pct(bid.tkdn_pct)
    bmp = check_bmp(bid.bmp_pct)
    eligible = preference_eligible(tkdn, tkdn_min_pct=tkdn_min_pct)
    kp = kp_pct(tkdn, tkdn_min_pct=tkdn_min_pct, max_pct=max_pct) if apply_preference else Decimal(0)
    return Evaluation(
        label=str(bid.label), price_idr=price, tkdn_pct=tkdn, bmp_pct=bmp, kp_pct=kp,
        evaluated_price_idr=_hea(price, kp), eligible=eligible, preference_applied=apply_preference,
        max_pct=_setting("PREFERENCE_MAX_PCT", max_pct), ref=bid.ref,
    )


def _ranking_key(evaluation: Evaluation) -> tuple:
    return (
        evaluation.evaluated_price_idr,
        -(evaluation.tkdn_pct or Decimal(0)),
        evaluation.price_idr,
        evaluation.label,
    )


def rank_bids(bids: list[Bid], *, apply_preference: bool = True, tkdn_min_pct=None, max_pct=None) -> list[Evaluation]:
    """Evaluations best first with ranks 1..n: lowest HEA, then higher TKDN, lower price, label, input order."""
    evaluations = [
        evaluate(bid, apply_preference=apply_preference, tkdn_min_pct=tkdn_min_pct, max_pct=max_pct) for bid in bids
    ]
    ordered = sorted(evaluations, key=_ranking_key)  # stable: input order breaks the last ties
    return [dataclasses.replace(evaluation, rank=position) for position, evaluation in enumerate(ordered, start=1)]


# ---- The duty to buy domestic (Pasal 66) and Kemenperin's tiers ----

def tkdn_plus_bmp(tkdn_pct, bmp_pct, *, bmp_max_pct=None) -> Decimal | None:
    """TKDN + BMP; None without TKDN; a missing BMP counts as 0."""
    tkdn = as_pct(tkdn_pct)
    bmp = check_bmp(bmp_pct, bmp_max_pct=bmp_max_pct)
    if tkdn is None:
        return None
    return tkdn + (bmp or Decimal(0))


def domestic_mandatory(tkdn_pct, bmp_pct, *, threshold_pct=None, bmp_max_pct=None) -> bool:
    """TKDN + BMP >= PDN_THRESHOLD_PCT (40%): such a product makes domestic products mandatory."""
    total = tkdn_plus_bmp(tkdn_pct, bmp_pct, bmp_max_pct=bmp_max_pct)
    return total is not None and total >= _setting("PDN_THRESHOLD_PCT", threshold_pct)


def p3dn_tier(tkdn_pct, bmp_pct, *, threshold_pct=None, bmp_max_pct=None) -> str:
    """`wajib`, `dimaksimalkan`, `diberdayakan` or `none` (see the module's docstring)."""
    if domestic_mandatory(tkdn_pct, bmp_pct, threshold_pct=threshold_pct, bmp_max_pct=bmp_max_pct):
        return TIER_WAJIB
    tkdn = as_pct(tkdn_pct)
    if tkdn is None:
        return TIER_NONE
    if tkdn >= TIER_DIMAKSIMALKAN_TKDN_MIN_PCT:
        return TIER_DIMAKSIMALKAN
    if tkdn >= TIER_DIBERDAYAKAN_TKDN_MIN_PCT:
        return TIER_DIBERDAYAKAN
    return TIER_NONE


def tier_description(tier: str) -> str:
    """What a tier means for the buyer, in the active language."""
    descriptions = {
        TIER_WAJIB: _("Diwajibkan: TKDN + BMP is at least 40%, so agencies must buy domestic products with TKDN of at "
                      "least 25%."),
        TIER_DIMAKSIMALKAN: _("Dimaksimalkan: TKDN + BMP is below 40% and TKDN is at least 15%; use of domestic "
                              "products is maximised."),
        TIER_DIBERDAYAKAN: _("Diberdayakan: TKDN from 10% to below 15%; domestic products are encouraged."),
        TIER_NONE: _("No P3DN tier: TKDN is unknown or below 10%."),
    }
    return descriptions[tier]
