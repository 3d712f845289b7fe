"""Each red flag in one sentence with its numbers, written when shown, in the reader's language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from katalog.core.templatetags.katalog import rupiah
from katalog.vendors.models import DocumentKind

from .models import FlagKind


def _date(iso: str) -> str:
    return date_format(dt.date.fromisoformat(iso), "j M Y")


def _when(params: dict) -> str:
    """"within 9 days (1 Jun 2025 – 10 Jun 2025)" or "on 1 Jun 2025"."""
    days = params["span_days"]
    if not days:
        return _("on %(date)s") % {"date": _date(params["first_on"])}
    return ngettext(
        "within %(days)d day (%(first)s – %(last)s)", "within %(days)d days (%(first)s – %(last)s)", days
    ) % {"days": days, "first": _date(params["first_on"]), "last": _date(params["last_on"])}


def _ratio(value: str) -> str:
    """"2.5" as the reader writes it ("2,5" in Indonesian)."""
    return number_format(Decimal(value), 1)


def _orders(count: int) -> str:
    return ngettext("%(n)d order", "%(n)d orders", count) % {"n": count}


def _split(params: dict, names: dict) -> str:
    numbers = {
        "orders": _orders(params["count"]), "buyer": names["buyer"], "when": _when(params),
        "limit": rupiah(params["limit_idr"]), "total": rupiah(params["total_idr"]),
    }
    if params["dimension"] == "vendor":
        text = _("%(orders)s from %(buyer)s to %(vendor)s %(when)s, each below %(limit)s, together %(total)s.") % {
            **numbers, "vendor": names["vendor"],
        }
    else:
        text = _("%(orders)s from %(buyer)s with %(category)s from %(vendors)s %(when)s, each order below "
                 "%(limit)s, together %(total)s in this category.") % {
            **numbers, "category": names["category"],
            "vendors": ngettext("%(n)d vendor", "%(n)d vendors", params["vendor_count"]) % {"n": params["vendor_count"]},
        }
    if params["limit_idr"] == settings.KATALOG.get("PP_ORDER_LIMIT_IDR"):
        text += " " + _("Above %(limit)s the PPK must approve the order: was one purchase split to stay under it?") % {
            "limit": rupiah(params["limit_idr"])
        }
    else:
        text += " " + _("Was one purchase split to stay under this limit?")
    return text


def _price(params: dict, names: dict) -> str:
    lines = "; ".join(
        _("%(product)s at %(price)s a unit, %(ratio)s times the median of %(median)s over %(count)d listed "
          "products in %(category)s") % {
            "product": line["name"], "price": rupiah(line["unit_price_idr"]), "ratio": _ratio(line["ratio"]),
            "median": rupiah(line["median_idr"]), "count": line["product_count"], "category": line["category"],
        }
        for line in params["lines"]
    )
    return _("Order from %(buyer)s to %(vendor)s: %(lines)s (flagged above %(limit)s times the catalogue "
             "median).") % {"buyer": names["buyer"], "vendor": names["vendor"], "lines": lines,
                            "limit": _ratio(params["ratio_limit"])}


def _document(params: dict, names: dict) -> str:
    kind = params["document_kind"]
    numbers = {
        "vendor": names["vendor"], "document": DocumentKind(kind).label if kind in DocumentKind.values else kind,
        "number": params["number"], "date": _date(params["valid_until"]),
        "products": ngettext("%(n)d listed product", "%(n)d listed products", params["listed_products"])
        % {"n": params["listed_products"]},
        "orders": _orders(params["orders_after"]), "value": rupiah(params["orders_after_idr"]),
    }
    if params["orders_after"] and params["listed_products"]:
        text = _("The %(document)s %(number)s of %(vendor)s expired on %(date)s; since then the vendor received "
                 "%(orders)s worth %(value)s and still has %(products)s.")
    elif params["orders_after"]:
        text = _("The %(document)s %(number)s of %(vendor)s expired on %(date)s; since then the vendor received "
                 "%(orders)s worth %(value)s.")
    else:
        text = _("The %(document)s %(number)s of %(vendor)s expired on %(date)s, and the vendor still has "
                 "%(products)s.")
    return text % numbers


def _repeated(params: dict, names: dict) -> str:
    return _("%(buyer)s justified not choosing a local or a TKDN + BMP ≥ %(pdn_pct)s%% product on %(orders)s "
             "%(when)s: %(local)d for a non-local product, %(pdn)d for TKDN + BMP below %(pdn_pct)s%%. Flagged "
             "from %(repeats)d such orders within %(window)d days.") % {
        "buyer": names["buyer"], "orders": _orders(params["count"]), "when": _when(params),
        "pdn_pct": settings.KATALOG.get("PDN_THRESHOLD_PCT", 40),
        "local": params["local_count"], "pdn": params["pdn_count"], "repeats": params["repeats"],
        "window": params["window_days"],
    }


def _reused(params: dict, names: dict) -> str:
    return _("%(buyer)s gave the same justification on %(orders)s %(when)s: “%(text)s”.") % {
        "buyer": names["buyer"], "orders": _orders(params["count"]), "when": _when(params), "text": params["text"],
    }


_WRITERS = {
    FlagKind.SPLIT_ORDERS: _split,
    FlagKind.PRICE_ABOVE_MEDIAN: _price,
    FlagKind.EXPIRED_DOCUMENT: _document,
    FlagKind.REPEATED_JUSTIFICATION: _repeated,
    FlagKind.REUSED_JUSTIFICATION: _reused,
}


def explain(kind: str, params: dict, *, buyer: str = "", vendor: str = "", category: str = "") -> str:
    """The flag's sentence; `buyer`, `vendor` and `category` are the names of the flag's parties."""
    names = {"buyer": buyer or _("(unknown buyer)"), "vendor": vendor or _("(unknown vendor)"),
             "category": category or _("(unknown category)")}
    return _WRITERS[kind](params, names)
