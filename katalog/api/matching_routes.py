"""Needs (kebutuhan), their stored matches, vendors' opportunities and their interest or offers.

A buyer sees its organisation's needs, curators all of them; another organisation's need is a 404. A
vendor sees the open needs its products match (GET /opportunities), and of a need only its own matches
and its own answer: never another vendor's offer. Opening a need reads the stored matches; the engine
runs when a need or the catalogue changes.
"""

from django.urls import reverse
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile

from katalog.core import clock
from katalog.core.errors import ValidationFailed
from katalog.matching import gaps, services
from katalog.matching import selectors as matching
from katalog.matching.models import NeedStatus
from katalog.matching.needs_import import row_errors

from . import selectors
from .auth import AUTH
from .gap_schemas import GapFilters, GapReportOut
from .matching_schemas import (
    BUYER_TYPES,
    CloseIn,
    ImportOut,
    InterestIn,
    InterestOut,
    MatchOut,
    NeedDetailOut,
    NeedFilters,
    NeedIn,
    NeedPage,
    NeedPatch,
    OpportunityOut,
)
from .procurement_schemas import plain
from .schemas import ERRORS, ErrorOut

router = Router(tags=["needs"], auth=AUTH)

PRIVACY = "A vendor never sees another vendor's interest or offer."


def _with_url(data: dict) -> dict:
    data["url"] = reverse("api:need_get", args=[data["id"]])
    return plain(data)


def _need_out(user, need_id: int) -> dict:
    return _with_url(matching.need_detail(user, need_id))


# ---- Needs ----

@router.get(
    "/needs",
    response={200: NeedPage, **ERRORS},
    summary="Needs of your buyer organisation, newest first (curators: every need)",
    description="Vendors: see GET /opportunities.",
)
def need_list(request, filters: Query[NeedFilters]):
    status = selectors.status_filter(filters.status, NeedStatus.values)
    needs = matching.need_list_for(request.auth, status=status, q=filters.q)
    return selectors.paginate(
        needs, page=filters.page, page_size=filters.page_size,
        serialise=lambda need: _with_url(matching.need_facts(need)),
    )


@router.post(
    "/needs",
    response={201: NeedDetailOut, **ERRORS},
    summary="Publish a need of your organisation (PPK or pejabat pengadaan)",
    description="It is matched with the listed products once saved; GET it again for the matches.",
)
def need_create(request, payload: NeedIn):
    need = services.need_create(
        actor=request.auth, title=payload.title, description=payload.description,
        category=selectors.optional_category(payload.category), quantity=payload.quantity, unit=payload.unit,
        budget_idr=payload.budget_idr,
        delivery_region=selectors.region_by_code(payload.regency_code, field="regency_code"),
        needed_by=payload.needed_by, rup_code=payload.rup_code, ref=payload.ref, now=clock.now(),
    )
    return Status(201, _need_out(request.auth, need.pk))


@router.post(
    "/needs/import",
    response={201: ImportOut, **ERRORS},
    summary="Import needs from a CSV or XLSX file, all or nothing (buyers: their own; curators: any buyer)",
    description="Columns: ref, buyer, buyer_type, title, description, category, quantity, unit, budget, "
    f"regency_code, needed_by. A curator's file names each buyer; an unknown buyer is created with its "
    f"buyer_type ({BUYER_TYPES}). A reference already used changes that open need. Any error: nothing is "
    "imported, and the 422 lists every error as {row, column, message} (the header is row 1).",
)
def need_import(request, file: File[UploadedFile]):
    try:
        result = services.needs_import(file.read(), file.name or "upload", actor=request.auth, now=clock.now())
    except ValidationFailed as exc:
        return Status(422, {"code": exc.code, "detail": exc.message, "errors": row_errors(exc)})
    return Status(201, result.as_dict())


@router.get(
    "/needs/gaps",
    response={200: GapReportOut, **ERRORS},
    summary="Gaps in local supply: open needs no local (Lampung) product fills well (curators)",
    description="A need is a gap when no Produk Lokal Lampung fits it, ranks among its first `top_rank` stored "
    "matches and scores at least `share_of_best_pct` of its best match. "
    "Totals by category and by delivery regency, then the gap needs, largest budget first. Filters apply to all.",
)
def need_gaps(request, filters: Query[GapFilters]):
    gaps.require_curator(request.auth)
    category = filters.category.strip()
    if category and category != gaps.NO_CATEGORY:
        category = selectors.category_by_slug(category).slug
    regency = selectors.region_by_code(filters.regency, field="regency").code if filters.regency.strip() else ""
    report = gaps.gap_report(request.auth, category=category, regency=regency)
    selectors.check_paging(page=filters.page, page_size=filters.page_size)
    pages = selectors.check_page_exists(page=filters.page, count=report["gaps"], page_size=filters.page_size)
    start = (filters.page - 1) * filters.page_size
    rows = gaps.gap_rows(report.pop("needs")[start : start + filters.page_size])
    report["needs"] = {"count": report["gaps"], "page": filters.page, "page_size": filters.page_size,
                       "pages": pages, "items": [_with_url(row) for row in rows]}
    return plain(report)


@router.get(
    "/needs/{need_id}",
    response={200: NeedDetailOut, **ERRORS},
    url_name="need_get",
    summary="One need with its stored matches and the interest you may see",
    description=PRIVACY,
)
def need_get(request, need_id: int):
    return _need_out(request.auth, need_id)


@router.patch(
    "/needs/{need_id}",
    response={200: NeedDetailOut, **ERRORS},
    summary="Change an open need (its buyer); it is matched again",
    description="Only the fields sent change. A closed need is a 409.",
)
def need_update(request, need_id: int, payload: NeedPatch):
    sent = payload.model_dump(exclude_unset=True)
    changes = {name: value for name, value in sent.items() if name not in ("category", "regency_code")}
    if "category" in sent:
        changes["category"] = selectors.optional_category(sent["category"] or "")
    if sent.get("regency_code") is not None:
        changes["delivery_region"] = selectors.region_by_code(sent["regency_code"], field="regency_code")
    for name in ("title", "quantity"):
        if name in changes and changes[name] is None:
            changes.pop(name)
    services.need_update(actor=request.auth, need_id=need_id, now=clock.now(), **changes)
    return _need_out(request.auth, need_id)


@router.post(
    "/needs/{need_id}/close",
    response={200: NeedDetailOut, **ERRORS},
    summary="Close an open need, as fulfilled or no longer needed (its buyer)",
    description="It leaves the vendors' opportunities and takes no more answers. Closing twice is a 409.",
)
def need_close(request, need_id: int, payload: CloseIn):
    services.need_close(actor=request.auth, need_id=need_id, fulfilled=payload.fulfilled, reason=payload.reason,
                        now=clock.now())
    return _need_out(request.auth, need_id)


@router.post(
    "/needs/{need_id}/rematch",
    response={200: NeedDetailOut, **ERRORS},
    summary="Match an open need again now (its buyer)",
)
def need_rematch(request, need_id: int):
    services.need_refresh_matches(actor=request.auth, need_id=need_id, now=clock.now())
    return _need_out(request.auth, need_id)


@router.get(
    "/needs/{need_id}/matches",
    response={200: list[MatchOut], **ERRORS},
    summary="The stored ranking of a need, best first, with the reasons",
    description="A vendor sees only its own products among them.",
)
def need_matches(request, need_id: int):
    return plain(matching.need_matches_for(request.auth, need_id))


# ---- Interest and offers ----

@router.post(
    "/needs/{need_id}/interests",
    response={201: InterestOut, **ERRORS},
    summary="Express interest in an open need, or send an offer with a unit price (vendor)",
    description="Possible when one of your products is among the need's matches. A second answer replaces the "
    f"first. Only the buyer sees it: {PRIVACY}",
)
def interest_express(request, need_id: int, payload: InterestIn):
    interest = services.interest_express(
        actor=request.auth, need_id=need_id, product_id=selectors.listed_product_id(payload.sku),
        message=payload.message,
        offered_unit_price_idr=payload.offered_unit_price_idr, now=clock.now(),
    )
    own = [row for row in matching.interests_for(request.auth, need_id) if row["id"] == interest.pk]
    return Status(201, plain(own[0]))


@router.get(
    "/needs/{need_id}/interests",
    response={200: list[InterestOut], **ERRORS},
    summary="Interest and offers in a need: all for its buyer and curators, your own for a vendor",
    description=PRIVACY,
)
def interest_list(request, need_id: int):
    return plain(matching.interests_for(request.auth, need_id))


@router.get(
    "/opportunities",
    response={200: list[OpportunityOut], 403: ErrorOut, 401: ErrorOut},
    summary="Open needs your listed products match, those they can fill first (vendor)",
)
def opportunity_list(request):
    return [_with_url(item) for item in matching.opportunities_for(request.auth)]
