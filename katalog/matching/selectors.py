"""Reads of needs, their stored matches, vendors' opportunities and interest, with who may see what.

- A buyer (PPK or pejabat pengadaan) sees its organisation's needs, every stored match and every
  interest in them. Curators see every need the same way, without changing any.
- A vendor sees a need only when one of its products is among the need's stored matches (or it has
  already answered the need); of such a need it sees its own matches and its own interest, never
  another vendor's offer. Its opportunities are the open ones among them.
- Anybody else is told the need does not exist.

Opening a need reads the stored `NeedMatch` rows only; the engine runs in `services.need_rematch`.
"""

from __future__ import annotations

from django.db.models import Exists, Min, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from katalog.accounts import access
from katalog.accounts.models import Membership
from katalog.catalog import badges
from katalog.catalog.models import ProductStatus
from katalog.core.errors import NotFoundError, PermissionDeniedError
from katalog.vendors.models import Vendor, VendorStatus

from .models import Need, NeedInterest, NeedMatch, NeedStatus

NEED_RELATED = ("buyer_organisation", "category", "delivery_region")


def _not_found() -> NotFoundError:
    return NotFoundError(_("No such need."))


# ---- Who is asking ----


def buyer_organisation_ids(user) -> list[int]:
    return [m.organisation_id for m in access.memberships_of(user, Membership.BUYER_ROLES)]


def vendor_of(user) -> Vendor | None:
    """The vendor business the user acts for, if any."""
    membership = access.vendor_membership(user)
    if membership is None:
        return None
    return Vendor.objects.filter(organisation_id=membership.organisation_id).select_related("region").first()


def is_buyer_of(user, need: Need) -> bool:
    return access.is_member_of(user, need.buyer_organisation_id, Membership.BUYER_ROLES)


def _vendor_may_see(vendor: Vendor | None, need: Need) -> bool:
    if vendor is None:
        return False
    if NeedInterest.objects.filter(need=need, vendor=vendor).exists():
        return True
    return _listed_matches().filter(need=need, product__vendor=vendor).exists()


def can_view(user, need: Need) -> bool:
    if is_buyer_of(user, need) or access.is_curator(user):
        return True
    return _vendor_may_see(vendor_of(user), need)


# ---- Needs ----


def need_list_for(user, *, status: str = "", q: str = "") -> QuerySet[Need]:
    """The needs a buyer's organisation published (every need for curators), newest first."""
    needs = Need.objects.select_related(*NEED_RELATED)
    if not access.is_curator(user):
        organisations = buyer_organisation_ids(user)
        if not organisations:
            raise PermissionDeniedError(_("Only buyers and curators see needs; vendors see their opportunities."))
        needs = needs.filter(buyer_organisation_id__in=organisations)
    if status:
        needs = needs.filter(status=status)
    if q.strip():
        text = q.strip()
        needs = needs.filter(Q(title__icontains=text) | Q(ref__icontains=text) | Q(buyer_organisation__name__icontains=text))
    return needs.order_by("-created_at", "-id")


def needs_for_buyer(user) -> QuerySet[Need]:
    return need_list_for(user)


def need_get_for(user, need_id: int) -> Need:
    """The need if `user` may see it; otherwise "not found" (its existence is not disclosed)."""
    need = Need.objects.select_related(*NEED_RELATED).filter(pk=need_id).first()
    if need is None or not can_view(user, need):
        raise _not_found()
    return need


def need_for_buyer(user, need_id: int, *, lock: bool = False) -> Need:
    """The need for its buyer's PPK or pejabat pengadaan; 404 for outsiders, 403 for curators and vendors
    who may see it but not change it."""
    need = Need.objects.filter(pk=need_id)
    if lock:
        need = need.select_for_update()
    need = need.first()
    if need is None or not can_view(user, need):
        raise _not_found()
    if not is_buyer_of(user, need):
        raise PermissionDeniedError(_("Only the buyer's PPK or pejabat pengadaan may change this need."))
    return need


def need_facts(need: Need) -> dict:
    """Plain data of a need, for pages and the API."""
    return {
        "id": need.pk,
        "ref": need.ref,
        "title": need.title,
        "description": need.description,
        "status": need.status,
        "status_label": str(need.get_status_display()),
        "buyer_organisation": {
            "id": need.buyer_organisation_id, "name": need.buyer_organisation.name,
            "buyer_type": need.buyer_organisation.buyer_type,
        },
        "category": {"slug": need.category.slug, "name": need.category.name} if need.category_id else None,
        "quantity": need.quantity,
        "unit": need.unit,
        "budget_idr": need.budget_idr,
        "delivery_region": {"code": need.delivery_region.code, "name": need.delivery_region.name},
        "needed_by": need.needed_by,
        "rup_code": need.rup_code,
        "created_at": need.created_at,
        "updated_at": need.updated_at,
        "closed_at": need.closed_at,
        "matched_at": need.matched_at,
    }


# ---- Stored matches ----


def _listed_matches() -> QuerySet[NeedMatch]:
    """Stored matches whose product is still listed (a delisted product waits for the next re-match)."""
    return NeedMatch.objects.filter(
        product__status=ProductStatus.APPROVED, product__vendor__status=VendorStatus.VERIFIED
    )


def _match_row(match: NeedMatch, quantity: int) -> dict:
    product = match.product
    vendor = product.vendor
    facts = badges.facts_of(product)
    return {
        "rank": match.rank,
        "score": match.score,
        "fits": match.fits,
        "reasons": list(match.reasons or []),
        "computed_at": match.computed_at,
        "product": {
            "id": product.pk, "sku": product.sku, "name": product.name, "unit": product.unit,
            "price_idr": product.price_idr, "total_idr": product.price_idr * quantity,
            "capacity_per_month": product.capacity_per_month, "tkdn_pct": product.tkdn_pct,
            "category": product.category.name,
            "origin_region": product.origin_region.name if product.origin_region_id else None,
        },
        "vendor": {
            "id": vendor.pk, "code": vendor.code, "name": vendor.name, "scale": vendor.scale,
            "region": vendor.region.name if vendor.region_id else None,
            "is_umk": badges.is_umk(facts),
        },
        "is_local": badges.is_local(facts),
        "badges": [{"code": b.code, "label": b.label} for b in badges.badges_for(facts)],
    }


def need_matches(need: Need, *, vendor: Vendor | None = None) -> list[dict]:
    """The stored ranking of a need (only `vendor`'s products when given), best first."""
    matches = _listed_matches().filter(need=need)
    if vendor is not None:
        matches = matches.filter(product__vendor=vendor)
    matches = matches.select_related(
        "product__vendor__region", "product__origin_region", "product__category"
    ).order_by("rank", "id")
    return [_match_row(m, need.quantity) for m in matches]


def need_matches_for(user, need_id: int) -> list[dict]:
    need = need_get_for(user, need_id)
    return need_matches(need, vendor=_vendor_scope(user, need))


def _vendor_scope(user, need: Need) -> Vendor | None:
    """None for those who see everything about the need (its buyer, curators); else the viewer's vendor."""
    if is_buyer_of(user, need) or access.is_curator(user):
        return None
    return vendor_of(user)


# ---- Interest and offers ----


def _interest_row(interest: NeedInterest) -> dict:
    vendor = interest.vendor
    product = interest.product
    return {
        "id": interest.pk,
        "kind": interest.kind,
        "kind_label": str(interest.get_kind_display()),
        "vendor": {
            "id": vendor.pk, "code": vendor.code, "name": vendor.name, "scale": vendor.scale,
            "region": vendor.region.name if vendor.region_id else None,
            "contact_name": vendor.contact_name, "contact_phone": vendor.contact_phone,
            "contact_email": vendor.contact_email,
        },
        "product": {"id": product.pk, "sku": product.sku, "name": product.name} if product else None,
        "message": interest.message,
        "offered_unit_price_idr": interest.offered_unit_price_idr,
        "created_at": interest.created_at,
        "updated_at": interest.updated_at,
    }


def interests_visible_to(user, need: Need) -> list[dict]:
    """Every interest for the buyer and curators; to a vendor only its own (never another's offer)."""
    interests = NeedInterest.objects.filter(need=need).select_related("vendor__region", "product")
    if not (is_buyer_of(user, need) or access.is_curator(user)):
        vendor = vendor_of(user)
        if vendor is None:
            return []
        interests = interests.filter(vendor=vendor)
    return [_interest_row(i) for i in interests.order_by("created_at", "id")]


def interests_for(user, need_id: int) -> list[dict]:
    return interests_visible_to(user, need_get_for(user, need_id))


def interest_counts(need_ids: list[int]) -> dict[int, int]:
    """How many vendors answered each need (for the buyer's list)."""
    counts: dict[int, int] = {}
    for need_id in NeedInterest.objects.filter(need_id__in=need_ids).values_list("need_id", flat=True):
        counts[need_id] = counts.get(need_id, 0) + 1
    return counts


def match_counts(need_ids: list[int]) -> dict[int, dict]:
    """How many stored matches each need has, and how many of them fit (for the lists)."""
    counts: dict[int, dict] = {}
    rows = _listed_matches().filter(need_id__in=need_ids).values_list("need_id", "fits")
    for need_id, fits in rows:
        entry = counts.setdefault(need_id, {"matches": 0, "fitting": 0})
        entry["matches"] += 1
        entry["fitting"] += int(fits)
    return counts


# ---- One page of a need ----


def need_detail(user, need_id: int) -> dict:
    """A need with its stored matches and the interest the viewer may see. Never runs the engine."""
    need = need_get_for(user, need_id)
    scope = _vendor_scope(user, need)
    is_buyer = is_buyer_of(user, need)
    data = need_facts(need)
    data.update({
        "matches": need_matches(need, vendor=scope),
        "interests": interests_visible_to(user, need),
        "viewer": {
            "is_buyer": is_buyer,
            "is_curator": access.is_curator(user),
            "vendor_id": scope.pk if scope is not None else None,
            "may_change": is_buyer and need.is_open,
            "may_answer": scope is not None and need.is_open and scope.status == VendorStatus.VERIFIED,
        },
    })
    return data


# ---- Vendors' opportunities ----


def opportunities_for_vendor(vendor: Vendor) -> list[dict]:
    """Open needs where the vendor's products are among the stored matches: needs where one of them
    fits first, then by their best rank, newest first; each with the vendor's matches and own interest."""
    mine = _listed_matches().filter(product__vendor=vendor)
    needs = (
        Need.objects.filter(status=NeedStatus.OPEN)
        .filter(Exists(mine.filter(need=OuterRef("pk"))))
        .annotate(
            fits=Exists(mine.filter(need=OuterRef("pk"), fits=True)),
            best_rank=Min("matches__rank", filter=Q(matches__product__vendor=vendor)),
        )
        .select_related(*NEED_RELATED)
        .order_by("-fits", "best_rank", "-created_at", "-id")
    )
    needs = list(needs)
    ids = [n.pk for n in needs]
    rows = (
        mine.filter(need_id__in=ids)
        .select_related("product__vendor__region", "product__origin_region", "product__category")
        .order_by("need_id", "rank")
    )
    by_need: dict[int, list[NeedMatch]] = {}
    for match in rows:
        by_need.setdefault(match.need_id, []).append(match)
    interests = {
        i.need_id: i for i in NeedInterest.objects.filter(need_id__in=ids, vendor=vendor).select_related(
            "vendor__region", "product"
        )
    }
    result = []
    for need in needs:
        item = need_facts(need)
        item["fits"] = need.fits
        item["matches"] = [_match_row(m, need.quantity) for m in by_need.get(need.pk, [])]
        item["interest"] = _interest_row(interests[need.pk]) if need.pk in interests else None
        result.append(item)
    return result


def opportunities_for(user) -> list[dict]:
    vendor = vendor_of(user)
    if vendor is None:
        raise PermissionDeniedError(_("Opportunities are for vendor businesses."))
    return opportunities_for_vendor(vendor)


def open_needs_for_rematch():
    """Open needs with what `Need.as_spec` reads, oldest first (bulk re-matching)."""
    return Need.objects.filter(status=NeedStatus.OPEN).select_related(*NEED_RELATED).order_by("id")
