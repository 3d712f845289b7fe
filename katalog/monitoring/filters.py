"""What a dashboard, a table or an export is about: a period plus optional buyer, regency and category.

Read from query strings (`period`, `buyer_type`, `buyer`, `region`, `category`); a bad value is refused
with a message naming the parameter, never silently ignored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.http import urlencode
from django.utils.translation import gettext as _

from katalog.accounts.models import BuyerType, Organisation
from katalog.catalog.models import Category
from katalog.catalog.selectors import category_descendant_ids
from katalog.core.errors import ValidationFailed
from katalog.regions.models import Region

from .periods import Period, current_year, parse_period


@dataclass(frozen=True)
class Filters:
    period: Period
    buyer_type: str = ""
    buyer: Organisation | None = None
    region: Region | None = None
    category: Category | None = None
    category_ids: tuple[int, ...] = field(default=(), compare=False)

    def params(self, **changes) -> dict[str, str]:
        """The query parameters that give these filters back (with `changes` applied; "" drops one)."""
        values = {
            "period": self.period.code,
            "buyer_type": self.buyer_type,
            "buyer": str(self.buyer.pk) if self.buyer else "",
            "region": self.region.code if self.region else "",
            "category": self.category.slug if self.category else "",
        }
        values.update({key: str(value) for key, value in changes.items()})
        return {key: value for key, value in values.items() if value}

    def querystring(self, **changes) -> str:
        return urlencode(self.params(**changes))

    def labels(self) -> list[tuple[str, str]]:
        """(what, value) pairs for people: shown above tables and written in exports."""
        return [
            (_("Period"), self.period.label),
            (_("Buyer type"), str(BuyerType(self.buyer_type).label) if self.buyer_type else _("All")),
            (_("Buyer"), self.buyer.name if self.buyer else _("All")),
            (_("Vendor's regency"), self.region.name if self.region else _("All")),
            (_("Category"), self.category.name if self.category else _("All")),
        ]


def _refuse(name: str, message: str):
    raise ValidationFailed(message, field_errors={name: [message]})


def parse_filters(params, *, today: dt.date) -> Filters:
    """Filters from a query dict; ValidationFailed naming the parameter when a value is not valid."""
    period = current_year(today)
    if raw := (params.get("period") or "").strip():
        try:
            period = parse_period(raw)
        except ValueError as error:
            _refuse("period", str(error))
    buyer_type = (params.get("buyer_type") or "").strip()
    if buyer_type and buyer_type not in BuyerType.values:
        _refuse("buyer_type", _("Unknown buyer type “%(value)s”; use one of: %(choices)s.")
                % {"value": buyer_type, "choices": ", ".join(BuyerType.values)})
    buyer = None
    if raw := (params.get("buyer") or "").strip():
        buyer = Organisation.objects.filter(pk=int(raw), kind=Organisation.Kind.BUYER).first() if raw.isdecimal() else None
        if buyer is None:
            _refuse("buyer", _("No buyer organisation has the id “%(value)s”.") % {"value": raw})
    region = None
    if raw := (params.get("region") or "").strip():
        from katalog.regions.selectors import region_by_code

        region = region_by_code(raw)
        if region is None:
            _refuse("region", _("No region has the code “%(value)s”.") % {"value": raw})
    category, category_ids = None, ()
    if raw := (params.get("category") or "").strip():
        category = Category.objects.filter(slug=raw).first()
        if category is None:
            _refuse("category", _("No category is called “%(value)s”.") % {"value": raw})
        category_ids = tuple(category_descendant_ids(category))
    return Filters(period=period, buyer_type=buyer_type, buyer=buyer, region=region, category=category,
                   category_ids=category_ids)
