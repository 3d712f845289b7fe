"""Gaps: open needs that no local (Lampung) product fills well, which tell the province whom to recruit.

A need is *covered* when one of its stored matches is a listed Produk Lokal Lampung (`badges.local_q`) that
scores well: it fits the need (`fits`: within the budget tolerance, enough capacity in time, the hard
requirements met, enough of the need's words), ranks among the first `top_rank()` products, and scores at least
`share_of_best()` of the need's best match. The engine already puts a local product above a non-local one of
equal fit (its local bonus is worth about 4% of the score), so a local product further down, or further behind
the best, fits the need clearly worse. Every other open, matched need is a gap, of one of three kinds:

- no local product among its matches at all: local businesses to recruit and help get listed;
- local products that cannot fill it (capacity, price, TKDN or another hard requirement): local businesses to
  help grow or get certified;
- local products that fit, but clearly less well than the best: a weaker offer, worth a curator's look.

Needs not matched yet are counted apart: nothing is known about them. Curators (and administrators) only.
Every figure comes from a fixed number of queries, however many needs there are.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import BigIntegerField, Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from katalog.accounts import access
from katalog.catalog import badges
from katalog.catalog.models import Product
from katalog.core.errors import PermissionDeniedError
from katalog.regions.selectors import normalise_region_code

from . import selectors
from .models import Need, NeedMatch, NeedStatus

# A local product "scores well" for a need when it fits, ranks within this many products (the first five are what
# a buyer reads, and what the evaluation's precision@5 measures) and scores at least this share of the need's best
# match (scores are comparable within one need; a local product below 90% of the best trails it by far more than
# its local bonus). Override with settings.KATALOG["NEED_GAP_TOP_RANK"] and ["NEED_GAP_SHARE_OF_BEST"].
WELL_SCORED_TOP_RANK = 5
WELL_SCORED_SHARE_OF_BEST = 0.9

# The filter value for needs published without a category.
NO_CATEGORY = "-"

NO_LOCAL, LOCAL_CANNOT_FILL, LOCAL_WEAKER = "no_local", "local_cannot_fill", "local_weaker"
KIND_LABELS = {
    NO_LOCAL: gettext_lazy("No local product matches"),
    LOCAL_CANNOT_FILL: gettext_lazy("Local products cannot fill it"),
    LOCAL_WEAKER: gettext_lazy("Local products fit clearly less well"),
}
KINDS = tuple(KIND_LABELS)

_MATCH_RELATED = ("product__vendor__region", "product__origin_region")


def top_rank() -> int:
    return int(settings.KATALOG.get("NEED_GAP_TOP_RANK", WELL_SCORED_TOP_RANK))


def share_of_best() -> float:
    return float(settings.KATALOG.get("NEED_GAP_SHARE_OF_BEST", WELL_SCORED_SHARE_OF_BEST))


def require_curator(user) -> None:
    if not access.is_curator(user):
        raise PermissionDeniedError(_("Only curators see the gaps in local supply."))


# ---- Which needs are gaps ----


def _local_matches() -> QuerySet[NeedMatch]:
    """Stored matches of listed local products (locality as the badges define it)."""
    local_products = Product.objects.filter(badges.local_q()).values("pk")
    return selectors._listed_matches().filter(product_id__in=local_products)


def _open_needs(*, category: str = "", regency: str = "") -> QuerySet[Need]:
    needs = Need.objects.filter(status=NeedStatus.OPEN)
    if category == NO_CATEGORY:
        needs = needs.filter(category__isnull=True)
    elif category:
        needs = needs.filter(category__slug=category)
    if regency:
        needs = needs.filter(delivery_region__code=normalise_region_code(regency))
    return needs


def _with_local_facts(needs: QuerySet[Need]) -> QuerySet[Need]:
    local = _local_matches().filter(need=OuterRef("pk"))
    best_score = selectors._listed_matches().filter(need=OuterRef("need")).order_by("-score").values("score")[:1]
    well_scored = local.filter(
        fits=True, rank__lte=top_rank(), score__gte=Subquery(best_score) * Value(share_of_best()),
    )
    return needs.annotate(
        has_local=Exists(local),
        has_fitting_local=Exists(local.filter(fits=True)),
        covered=Exists(well_scored),
    )


def gap_needs(*, category: str = "", regency: str = "") -> QuerySet[Need]:
    """Open, matched needs without a well-scoring local product; the largest budgets first."""
    needs = _with_local_facts(_open_needs(category=category, regency=regency).filter(matched_at__isnull=False))
    return (
        needs.filter(covered=False)
        .select_related(*selectors.NEED_RELATED)
        .order_by(F("budget_idr").desc(nulls_last=True), "-created_at", "-id")
    )


def _kind(need: Need) -> str:
    if not need.has_local:
        return NO_LOCAL
    return LOCAL_WEAKER if need.has_fitting_local else LOCAL_CANNOT_FILL


# ---- Totals ----


def _totals() -> dict:
    """Aggregates of a gap queryset, by kind too."""
    return {
        "needs": Count("pk"),
        "total_budget_idr": Coalesce(Sum("budget_idr"), Value(0), output_field=BigIntegerField()),
        "without_budget": Count("pk", filter=Q(budget_idr__isnull=True)),
        NO_LOCAL: Count("pk", filter=Q(has_local=False)),
        LOCAL_CANNOT_FILL: Count("pk", filter=Q(has_local=True, has_fitting_local=False)),
        LOCAL_WEAKER: Count("pk", filter=Q(has_fitting_local=True)),
    }


def _groups(gaps: QuerySet[Need], *, code: str, label: str) -> list[dict]:
    rows = gaps.order_by().values(code, label).annotate(**_totals()).order_by("-total_budget_idr", "-needs", label)
    return [{
        "code": row[code] or NO_CATEGORY, "label": row[label] or str(_("No category")),
        "needs": row["needs"], "budget_idr": int(row["total_budget_idr"]), "without_budget": row["without_budget"],
        "kinds": {kind: row[kind] for kind in KINDS},
    } for row in rows]


def gap_report(user, *, category: str = "", regency: str = "") -> dict:
    """What the gaps page shows above the list: the rule, the totals and the groups by category and by
    delivery regency; `needs` is the queryset of gap needs (turn a page of it into rows with `gap_rows`)."""
    require_curator(user)
    opened = _open_needs(category=category, regency=regency).aggregate(
        matched=Count("pk", filter=Q(matched_at__isnull=False)),
        waiting=Count("pk", filter=Q(matched_at__isnull=True)),
    )
    gaps = gap_needs(category=category, regency=regency)
    totals = gaps.order_by().aggregate(**_totals())
    return {
        "top_rank": top_rank(),
        "share_of_best_pct": round(share_of_best() * 100),
        "filters": {"category": category, "regency": normalise_region_code(regency)},
        "open_matched": opened["matched"],
        "waiting": opened["waiting"],
        "gaps": totals["needs"],
        "budget_idr": int(totals["total_budget_idr"]),
        "without_budget": totals["without_budget"],
        "kinds": [{"code": kind, "label": str(KIND_LABELS[kind]), "needs": totals[kind]} for kind in KINDS],
        "by_category": _groups(gaps, code="category__slug", label="category__name"),
        "by_regency": _groups(gaps, code="delivery_region__code", label="delivery_region__name"),
        "needs": gaps,
    }


# ---- Rows of gap needs ----


def _match_facts(match: NeedMatch | None) -> dict | None:
    if match is None:
        return None
    product, vendor = match.product, match.product.vendor
    return {
        "rank": match.rank, "score": match.score, "fits": match.fits, "reasons": list(match.reasons or []),
        "product": {"id": product.pk, "sku": product.sku, "name": product.name},
        "vendor": {"id": vendor.pk, "code": vendor.code, "name": vendor.name,
                   "region": vendor.region.name if vendor.region_id else None},
        "is_local": badges.is_local(badges.facts_of(product)),
    }


def _best_of(matches: QuerySet[NeedMatch]) -> dict[int, NeedMatch]:
    """The best-ranked of `matches` for each need (one query)."""
    best_rank = matches.filter(need=OuterRef("need")).order_by("rank").values("rank")[:1]
    rows = matches.filter(rank=Subquery(best_rank)).select_related(*_MATCH_RELATED)
    return {match.need_id: match for match in rows}


def gap_rows(needs) -> list[dict]:
    """Gap needs (from `gap_needs`) as plain data, each with its best match and its best local match,
    which says why the local product does not do (its first reason is the one that stops it)."""
    needs = list(needs)
    ids = [need.pk for need in needs]
    listed = selectors._listed_matches().filter(need_id__in=ids)
    best, best_local = _best_of(listed), _best_of(_local_matches().filter(need_id__in=ids))
    counts = {row["need_id"]: row for row in listed.order_by().values("need_id").annotate(
        matches=Count("pk"), fitting=Count("pk", filter=Q(fits=True)))}
    rows = []
    for need in needs:
        kind = _kind(need)
        facts = selectors.need_facts(need)
        count = counts.get(need.pk, {})
        facts.update({
            "kind": kind, "kind_label": str(KIND_LABELS[kind]),
            "matches": count.get("matches", 0), "fitting": count.get("fitting", 0),
            "best_match": _match_facts(best.get(need.pk)), "best_local_match": _match_facts(best_local.get(need.pk)),
        })
        rows.append(facts)
    return rows


def gap_export(user, *, category: str = "", regency: str = "") -> dict:
    """The whole report with every gap need as rows, for the spreadsheet."""
    report = gap_report(user, category=category, regency=regency)
    report["rows"] = gap_rows(report["needs"])
    return report
