"""Procurement pages. Each view makes one call into the domain."""

from __future__ import annotations

import re

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

from katalog.core.errors import ValidationFailed

from . import preference

# ---- Price preference calculator (public, no login, no database) ----
# One bid's KP, HEA and P3DN tier, and the ranking of up to six bids, from a GET form that works
# without JavaScript. The arithmetic is katalog.procurement.preference; this section only parses.

BID_LABELS = "ABCDEF"
# The worked example of the domain reference, shown until someone submits their own bids.
WORKED_EXAMPLE = [
    ("1.050.000.000", "60"),
    ("1.150.000.000", "50"),
    ("1.025.000.000", "25"),
    ("1.010.000.000", "20"),
]
_PLAIN_DIGITS = re.compile(r"\d+")
_GROUPED_DIGITS = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")


def _parse_rupiah(raw: str) -> int:
    """Whole rupiah as typed: `1050000000`, `1.050.000.000`, `1,050,000,000` or `Rp1.050.000.000`."""
    text = re.sub(r"\s+", "", raw)
    if text[:2].lower() == "rp":
        text = text[2:]
    if text.startswith("-"):
        raise ValidationFailed(_("The price cannot be negative."))
    if _PLAIN_DIGITS.fullmatch(text) or _GROUPED_DIGITS.fullmatch(text):
        return int(re.sub(r"\D", "", text))
    raise ValidationFailed(_("Enter a whole number of rupiah, such as 1.050.000.000."))


def _parse_pct(raw: str):
    """TKDN in percent as typed: `60`, `6,25`, `6.25` or `60%`."""
    return preference.as_pct(raw.removesuffix("%").strip())


def _parse_bmp(raw: str):
    return preference.check_bmp(raw.removesuffix("%").strip())


def _parse(errors: dict, field: str, parse, raw: str):
    """Parse one value; a refusal becomes a message for that field and None."""
    if not raw:
        return None
    try:
        return parse(raw)
    except ValidationFailed as exc:
        messages = next(iter(exc.field_errors.values()), [exc.message])
        errors[field] = str(messages[0])
        return None


def _single(params) -> dict:
    """The one-bid calculator: the form's values, its errors and, when valid, the result."""
    raw = {name: params.get(name, "").strip() for name in ("price", "tkdn", "bmp")}
    errors: dict[str, str] = {}
    price = _parse(errors, "price", _parse_rupiah, raw["price"])
    tkdn = _parse(errors, "tkdn", _parse_pct, raw["tkdn"])
    bmp = _parse(errors, "bmp", _parse_bmp, raw["bmp"])
    if not raw["price"]:
        errors["price"] = _("Enter the offered price.")
    form = {"values": raw, "errors": errors, "result": None}
    if errors:
        return form
    evaluation = preference.evaluate(preference.Bid(label="", price_idr=price, tkdn_pct=tkdn, bmp_pct=bmp))
    tier = preference.p3dn_tier(tkdn, bmp)
    form["result"] = {
        "price_idr": evaluation.price_idr,
        "evaluated_price_idr": evaluation.evaluated_price_idr,
        "saving_idr": evaluation.price_idr - evaluation.evaluated_price_idr,
        "tkdn": preference.pct_text(tkdn),
        "bmp": preference.pct_text(bmp),
        "kp": preference.pct_text(evaluation.kp_pct),
        "eligible": evaluation.eligible,
        "explanation": evaluation.explanation,
        "tkdn_plus_bmp": preference.pct_text(preference.tkdn_plus_bmp(tkdn, bmp)),
        "tier": tier,
        "tier_description": preference.tier_description(tier),
        "domestic_mandatory": preference.domestic_mandatory(tkdn, bmp),
    }
    return form


def _ranking(params) -> dict:
    """The bids table: rows as typed, their errors and, when every filled row is valid, the ranking."""
    submitted = any(key.startswith("bid") for key in params)
    rows, bids = [], []
    for index, label in enumerate(BID_LABELS):
        if submitted:
            price_raw = params.get(f"bid{index + 1}_price", "").strip()
            tkdn_raw = params.get(f"bid{index + 1}_tkdn", "").strip()
        else:
            price_raw, tkdn_raw = WORKED_EXAMPLE[index] if index < len(WORKED_EXAMPLE) else ("", "")
        errors: dict[str, str] = {}
        price = _parse(errors, "price", _parse_rupiah, price_raw)
        tkdn = _parse(errors, "tkdn", _parse_pct, tkdn_raw)
        if tkdn_raw and not price_raw:
            errors["price"] = _("Enter the offered price.")
        rows.append({"number": index + 1, "label": label, "price": price_raw, "tkdn": tkdn_raw, "errors": errors})
        if price is not None and not errors:
            bids.append(preference.Bid(label=label, price_idr=price, tkdn_pct=tkdn))
    has_errors = any(row["errors"] for row in rows)
    ranked = [] if has_errors else [
        {
            "rank": e.rank, "label": e.label, "price_idr": e.price_idr, "tkdn": preference.pct_text(e.tkdn_pct),
            "kp": preference.pct_text(e.kp_pct), "evaluated_price_idr": e.evaluated_price_idr,
            "eligible": e.eligible, "explanation": e.explanation,
        }
        for e in preference.rank_bids(bids)
    ]
    return {"rows": rows, "ranked": ranked, "has_errors": has_errors, "is_example": not submitted}


def price_preference_calculator(request):
    katalog = settings.KATALOG
    return render(request, "procurement/price_preference.html", {
        "single": _single(request.GET) if "price" in request.GET else None,
        "ranking": _ranking(request.GET),
        "tkdn_min": preference.pct_text(preference.as_pct(katalog["PREFERENCE_TKDN_MIN_PCT"])),
        "max_preference": preference.pct_text(preference.as_pct(katalog["PREFERENCE_MAX_PCT"])),
        "bmp_max": preference.pct_text(preference.as_pct(katalog["BMP_MAX_PCT"])),
        "pdn_threshold": preference.pct_text(preference.as_pct(katalog["PDN_THRESHOLD_PCT"])),
        "for_every_competition": preference.preference_applies(None),
        "min_package_idr": katalog["PREFERENCE_MIN_PACKAGE_IDR"],
    })
