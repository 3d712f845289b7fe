"""Reads of mini-competitions, with who may see what, and the sealing of quotes.

Sealing (`quotes_visible_to`), decided here and nowhere else:

- Before the deadline nobody reads another vendor's price: the buyer and the curators learn only how
  many quotes arrived; an invited vendor sees its own quote, price included (it wrote it and may still
  replace it), and nothing about the others.
- From the deadline on, the buyer, the curators and every invited vendor see all quotes with their
  prices and, once evaluated, the ranking with its arithmetic (KP, HEA).
- Anybody else is told the competition does not exist.

Quote rows are read only in this module and in the competition services (`CompetitionQuote.unsealed`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, F, Max, Q
from django.utils.translation import gettext as _

from katalog.accounts import access
from katalog.accounts.models import Membership
from katalog.catalog import badges
from katalog.catalog import selectors as catalog_selectors
from katalog.core.errors import NotFoundError, PermissionDeniedError
from katalog.vendors.models import Vendor, VendorStatus

from .. import preference
from ..models import Competition, CompetitionInvitation, CompetitionQuote, CompetitionStatus

# ---- Access ----


def is_buyer_of(user, competition: Competition) -> bool:
    return access.is_member_of(user, competition.buyer_organisation_id, Membership.BUYER_ROLES)


def invited_vendor_of(user, competition: Competition) -> Vendor | None:
    """The user's vendor when it is invited to the competition, else None."""
    membership = access.vendor_membership(user)
    if membership is None:
        return None
    invitation = (
        CompetitionInvitation.objects.filter(competition=competition, vendor__organisation_id=membership.organisation_id)
        .select_related("vendor")
        .first()
    )
    return invitation.vendor if invitation else None


def can_view(user, competition: Competition) -> bool:
    """The buyer organisation, the curators, and invited vendors once the competition is published."""
    if is_buyer_of(user, competition) or access.is_curator(user):
        return True
    return competition.status != CompetitionStatus.DRAFT and invited_vendor_of(user, competition) is not None


def competition_get_for(user, competition_id: int) -> Competition:
    """The competition if `user` may see it; otherwise "not found" (its existence is not disclosed)."""
    competition = (
        Competition.objects.select_related("buyer_organisation", "category").filter(pk=competition_id).first()
    )
    if competition is None or not can_view(user, competition):
        raise NotFoundError(_("No such mini-competition."))
    return competition


def require_buyer(user, competition: Competition) -> None:
    if not can_view(user, competition):
        raise NotFoundError(_("No such mini-competition."))
    if not is_buyer_of(user, competition):
        raise PermissionDeniedError(_("Only the buyer's PPK or pejabat pengadaan may do this."))


def competition_list_for(user):
    """Competitions `user` may see: its organisation's, those its vendor is invited to (published), or all
    for curators. Newest first."""
    qs = Competition.objects.select_related("buyer_organisation", "category")
    if access.is_curator(user):
        return qs
    buyer_orgs = [m.organisation_id for m in access.memberships_of(user, Membership.BUYER_ROLES)]
    vendor_orgs = [m.organisation_id for m in access.memberships_of(user, Membership.VENDOR_ROLES)]
    return qs.filter(
        Q(buyer_organisation_id__in=buyer_orgs)
        | (Q(invitations__vendor__organisation_id__in=vendor_orgs) & ~Q(status=CompetitionStatus.DRAFT))
    ).distinct()


# ---- Vendors to invite ----


def suggest_vendors(category, *, limit: int = 10) -> list[dict]:
    """Verified vendors with listed products in `category` (or below it): local (Produk Lokal Lampung)
    first, then micro and small businesses, then by how many products they list, then by name."""
    category_ids = catalog_selectors.category_descendant_ids(category)
    rows = (
        catalog_selectors.listed_products()
        .filter(category_id__in=category_ids)
        .order_by()
        .values("vendor_id")
        .annotate(
            products=Count("id"), local_products=Count("id", filter=badges.local_q()), max_tkdn=Max("tkdn_pct")
        )
    )
    counts = {row["vendor_id"]: row for row in rows}
    vendors = Vendor.objects.filter(pk__in=counts, status=VendorStatus.VERIFIED).select_related("region")
    suggestions = [
        {
            "vendor_id": vendor.pk,
            "name": vendor.name,
            "region": vendor.region.name,
            "is_local": counts[vendor.pk]["local_products"] > 0,
            "is_umk": vendor.scale in badges.UMK_SCALE_VALUES,
            "product_count": counts[vendor.pk]["products"],
            "max_tkdn_pct": counts[vendor.pk]["max_tkdn"],  # highest TKDN among its listed products there
        }
        for vendor in vendors
    ]
    suggestions.sort(key=lambda s: (not s["is_local"], not s["is_umk"], -s["product_count"], s["name"], s["vendor_id"]))
    return suggestions[:limit]


def vendors_matching(query: str, *, limit: int = 20) -> list[dict]:
    """Verified vendors whose name or code contains `query`, for a buyer choosing whom to invite."""
    query = (query or "").strip()
    if not query:
        return []
    vendors = (
        Vendor.objects.filter(Q(name__icontains=query) | Q(code__iexact=query), status=VendorStatus.VERIFIED)
        .select_related("region")
        .order_by("name", "pk")[:limit]
    )
    return [
        {"vendor_id": v.pk, "name": v.name, "code": v.code, "region": v.region.name,
         "is_umk": v.scale in badges.UMK_SCALE_VALUES}
        for v in vendors
    ]


def invitations_of(competition: Competition) -> list[dict]:
    """The invited vendors, as plain data (who is invited is not sealed; the quotes are)."""
    rows = CompetitionInvitation.objects.filter(competition=competition).select_related("vendor__region")
    return [
        {"vendor_id": i.vendor_id, "name": i.vendor.name, "code": i.vendor.code, "region": i.vendor.region.name,
         "is_umk": i.vendor.scale in badges.UMK_SCALE_VALUES, "is_verified": i.vendor.status == VendorStatus.VERIFIED,
         "invited_at": i.invited_at}
        for i in rows
    ]


def competitions_quoted_by(user, competition_ids) -> set[int]:
    """Which of these competitions the user's own vendor has quoted for (no price is read)."""
    membership = access.vendor_membership(user)
    if membership is None:
        return set()
    return set(
        CompetitionQuote.unsealed.filter(
            competition_id__in=list(competition_ids), vendor__organisation_id=membership.organisation_id
        ).values_list("competition_id", flat=True)
    )


def listed_products_of_vendor(vendor: Vendor, category=None):
    """The vendor's listed products a quote may name (optionally only those in `category` or below)."""
    qs = catalog_selectors.listed_products().filter(vendor=vendor)
    if category is not None:
        qs = qs.filter(category_id__in=catalog_selectors.category_descendant_ids(category))
    return qs


# ---- Sealed quotes ----


def is_sealed(competition: Competition, *, now: dt.datetime) -> bool:
    return now < competition.deadline_at


def _quote_row(quote: CompetitionQuote, competition: Competition) -> dict:
    hp = quote.unit_price_idr * competition.quantity
    row = {
        "quote_id": quote.pk,
        "vendor_id": quote.vendor_id,
        "vendor_name": quote.vendor.name,
        "product_id": quote.product_id,
        "product_name": quote.product.name if quote.product_id else "",
        "unit_price_idr": quote.unit_price_idr,
        "quantity": competition.quantity,
        "offered_total_idr": hp,
        "tkdn_pct": quote.tkdn_pct,
        "notes": quote.notes,
        "submitted_at": quote.submitted_at,
        "revision": quote.revision,
        "rank": quote.rank,
        "kp_pct": quote.kp_pct,
        "evaluated_price_idr": quote.evaluated_price_idr,
        "explanation": "",
    }
    if quote.rank is not None and competition.preference_applied is not None:
        tkdn = quote.tkdn_pct
        evaluation = preference.Evaluation(
            label=str(quote.pk), price_idr=hp, tkdn_pct=tkdn, bmp_pct=quote.bmp_pct, kp_pct=quote.kp_pct or Decimal(0),
            evaluated_price_idr=quote.evaluated_price_idr, eligible=preference.preference_eligible(tkdn),
            preference_applied=competition.preference_applied,
            max_pct=Decimal(str(settings.KATALOG["PREFERENCE_MAX_PCT"])), rank=quote.rank,
        )
        row["explanation"] = evaluation.explanation
    return row


def quotes_visible_to(user, competition: Competition, *, now: dt.datetime) -> dict:
    """What `user` may know about the quotes at `now` (see the module docstring), as plain data:

    {"sealed": bool, "quote_count": int | None, "own_quote": dict | None, "quotes": [dict, ...],
     "evaluated": bool, "preference_applied": bool | None}

    `quotes` is empty while sealed; afterwards it holds every quote, by rank once evaluated.
    """
    if not can_view(user, competition):
        raise NotFoundError(_("No such mini-competition."))
    overseer = is_buyer_of(user, competition) or access.is_curator(user)
    vendor = None if overseer else invited_vendor_of(user, competition)
    sealed = is_sealed(competition, now=now)
    # The evaluation may have run since the caller loaded `competition`: read its outcome afresh.
    competition.preference_applied, competition.evaluated_at = (
        Competition.objects.filter(pk=competition.pk).values_list("preference_applied", "evaluated_at").get()
    )
    quotes = CompetitionQuote.unsealed.filter(competition=competition)
    result = {
        "sealed": sealed,
        "quote_count": None,
        "own_quote": None,
        "quotes": [],
        "evaluated": competition.evaluated_at is not None,
        "preference_applied": competition.preference_applied,
    }
    if sealed:
        if overseer:
            result["quote_count"] = quotes.count()  # a COUNT: no price leaves the database
        elif vendor is not None:
            own = quotes.filter(vendor=vendor).select_related("vendor", "product").first()
            result["own_quote"] = _quote_row(own, competition) if own else None
        return result
    rows = [
        _quote_row(quote, competition)
        for quote in quotes.select_related("vendor", "product").order_by(F("rank").asc(nulls_last=True), "unit_price_idr", "id")
    ]
    result["quote_count"] = len(rows)
    result["quotes"] = rows
    if vendor is not None:
        result["own_quote"] = next((row for row in rows if row["vendor_id"] == vendor.pk), None)
    return result


# ---- Open data ----


def quotes_for_publication(competition_ids) -> dict[int, list[dict]]:
    """The quotes open data may publish, by competition id, ranked: only of evaluated competitions (the
    evaluation runs after the deadline, so every invited vendor already sees them). Plain data without notes
    or the person who submitted; one query for any number of competitions."""
    rows = (
        CompetitionQuote.unsealed.filter(competition_id__in=list(competition_ids), competition__evaluated_at__isnull=False)
        .order_by("competition_id", F("rank").asc(nulls_last=True), "id")
        .values("id", "competition_id", "vendor_id", "product_id", "unit_price_idr", "tkdn_pct", "bmp_pct", "rank")
    )
    result: dict[int, list[dict]] = {}
    for row in rows:
        result.setdefault(row["competition_id"], []).append(row)
    return result
