"""The page of results and every facet count, from one statement over the matching rows.

The matching rows are gathered once (a materialized common table expression) and read twice from
memory: grouped for the facet counts, and ordered for the page. A broad query over a large catalogue
then reads its rows from the table once, not once per question. The SQL is the same on SQLite and
PostgreSQL.
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models.expressions import RawSQL

from katalog.catalog.models import Category, Certification
from katalog.regions.models import Region

from .backends import backend
from .query import ParsedQuery

NAME_WEIGHT = 3
BODY_WEIGHT = 1
CATEGORY_WEIGHT = 2  # added once when a query word names the product's own category
TKDN_BUCKETS = (("unknown", None, None), ("below_25", 0, 25), ("25_to_40", 25, 40), ("40_plus", 40, None))

# The columns of a matching row that the page and the facets need.
ROW_COLUMNS = (
    "product_id", "tier", "tkdn_pct", "approved_at", "price_idr", "category_id", "vendor_region_id",
    "vendor_scale", "is_local", "certifications",
)

_RELEVANCE = "score DESC, tier ASC"
_NEWEST = "approved_at DESC NULLS LAST"
ORDER_BY = {
    "relevance": f"{_RELEVANCE}, tkdn_pct DESC NULLS LAST, {_NEWEST}, product_id",
    "price_asc": f"price_idr ASC, {_RELEVANCE}, {_NEWEST}, product_id",
    "price_desc": f"price_idr DESC, {_RELEVANCE}, {_NEWEST}, product_id",
    "tkdn": f"tkdn_pct DESC NULLS LAST, {_RELEVANCE}, {_NEWEST}, product_id",
    "newest": f"{_NEWEST}, {_RELEVANCE}, product_id",
}
SORTS = tuple(ORDER_BY)


def has_any(field: str, terms: list[str]) -> tuple[str, list]:
    """SQL true when the row has any of `terms` in `field` (name, category or body)."""
    checks = [backend().contains(field, term) for term in terms]
    return "(" + " OR ".join(sql for sql, _ in checks) + ")", [p for _, params in checks for p in params]


def score_sql(query: ParsedQuery, *, every: bool) -> tuple[str, list]:
    """Each clause scores NAME_WEIGHT when found in the name, BODY_WEIGHT when only in the rest; a product
    whose own category is named by the query scores CATEGORY_WEIGHT once more.

    `every`: the rows have every clause somewhere, so a clause not in the name is in the rest.
    """
    parts, params = [], []
    for clause in query.clauses:
        in_name, name_params = has_any("name", clause)
        if every:
            parts.append(f"CASE WHEN {in_name} THEN {NAME_WEIGHT} ELSE {BODY_WEIGHT} END")
            params.extend(name_params)
            continue
        in_body, body_params = has_any("body", clause)
        parts.append(f"CASE WHEN {in_name} THEN {NAME_WEIGHT} WHEN {in_body} THEN {BODY_WEIGHT} ELSE 0 END")
        params.extend(name_params + body_params)
    if not parts:
        return "0", []
    in_category, category_params = has_any("category", [term for clause in query.clauses for term in clause])
    parts.append(f"CASE WHEN {in_category} THEN {CATEGORY_WEIGHT} ELSE 0 END")
    return " + ".join(parts), params + category_params


def _facet_columns() -> tuple[list[str], list[str], list]:
    """Names, SQL and parameters of the per-group counts (summed over groups afterwards)."""
    names, sql, params = ["total", "local"], ["COUNT(*)", "SUM(CASE WHEN is_local THEN 1 ELSE 0 END)"], []
    for code in Certification.values:
        names.append(f"cert_{code}")
        sql.append("SUM(CASE WHEN certifications LIKE %s THEN 1 ELSE 0 END)")
        params.append(f"% {code} %")
    for name, low, high in TKDN_BUCKETS:
        names.append(f"tkdn_{name}")
        if low is None:
            condition = "tkdn_pct IS NULL"
        else:
            condition = f"tkdn_pct >= {low}" + (f" AND tkdn_pct < {high}" if high is not None else "")
        sql.append(f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)")
    return names, sql, params


def page_and_facets(qs, query: ParsedQuery, *, every: bool, sort: str, offset: int, limit: int) -> tuple[list[tuple], dict]:
    """(product_id, score, tier) of the page's rows in order, and the facet counts of all matching rows."""
    score, score_params = score_sql(query, every=every)
    rows = qs.order_by().annotate(score=RawSQL(score, score_params)).values(*ROW_COLUMNS, "score")
    try:
        inner_sql, inner_params = rows.query.sql_with_params()
    except EmptyResultSet:
        # Django proves some filters match nothing without asking the database (a price past what the
        # column can hold): no rows, and facets of nothing.
        return [], _facets([], _facet_columns()[0])
    names, count_sql, count_params = _facet_columns()
    blanks = ", ".join(["NULL"] * len(names))
    columns = ", ".join([*ROW_COLUMNS, "score"])
    order = ORDER_BY[sort]
    # kind 0: one row per (category, regency, scale) group; kind 1: the page, numbered in order.
    sql = (
        f"WITH matching({columns}) AS MATERIALIZED ({inner_sql}) "
        f"SELECT 0, category_id, vendor_region_id, vendor_scale, {', '.join(count_sql)}, "
        f"MIN(price_idr), MAX(price_idr) FROM matching GROUP BY category_id, vendor_region_id, vendor_scale "
        f"UNION ALL "
        f"SELECT 1, product_id, score, NULL, ROW_NUMBER() OVER (ORDER BY {order}), tier, {blanks} FROM "
        f"(SELECT * FROM matching ORDER BY {order} LIMIT %s OFFSET %s) AS page"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*inner_params, *count_params, limit, offset])
        fetched = cursor.fetchall()
    groups = [row for row in fetched if row[0] == 0]
    page = sorted((row for row in fetched if row[0] == 1), key=lambda row: row[4])
    return [(row[1], row[2], row[5]) for row in page], _facets(groups, names)


def _facets(groups: list[tuple], names: list[str]) -> dict:
    by_category: dict[int, int] = {}
    by_region: dict[int, int] = {}
    by_scale: dict[str, int] = {}
    totals = dict.fromkeys(names, 0)
    prices: list[int] = []
    for _kind, category_id, region_id, scale, *values in groups:
        counts = dict(zip(names, (int(v or 0) for v in values[: len(names)]), strict=True))
        n = counts["total"]
        by_category[category_id] = by_category.get(category_id, 0) + n
        by_region[region_id] = by_region.get(region_id, 0) + n
        by_scale[scale] = by_scale.get(scale, 0) + n
        for name in names:
            totals[name] += counts[name]
        prices.extend(p for p in values[len(names) :] if p is not None)
    return {
        "total": totals["total"],
        "categories": _category_facet(by_category),
        "regencies": _region_facet(by_region),
        "scales": [{"value": s, "count": n} for s, n in sorted(by_scale.items(), key=lambda i: (-i[1], i[0]))],
        "local": totals["local"],
        "certifications": [
            {"value": code, "count": totals[f"cert_{code}"]} for code in Certification.values if totals[f"cert_{code}"]
        ],
        "tkdn": [{"value": name, "count": totals[f"tkdn_{name}"]} for name, _, _ in TKDN_BUCKETS],
        "price": {"min": min(prices) if prices else None, "max": max(prices) if prices else None},
    }


def _category_facet(counts: dict[int, int]) -> list[dict]:
    """Counts rolled up the tree: a top category counts the products of its subcategories."""
    if not counts:
        return []
    categories = {c.pk: c for c in Category.objects.all()}
    totals: dict[int, int] = {}
    for category_id, n in counts.items():
        node = categories.get(category_id)
        while node is not None:
            totals[node.pk] = totals.get(node.pk, 0) + n
            node = categories.get(node.parent_id) if node.parent_id else None
    rows = [
        {"slug": categories[pk].slug, "name": categories[pk].name, "level": categories[pk].level,
         "parent": categories[categories[pk].parent_id].slug if categories[pk].parent_id else None, "count": n}
        for pk, n in totals.items()
    ]
    rows.sort(key=lambda r: (-r["count"], r["name"]))
    return rows


def _region_facet(counts: dict[int, int]) -> list[dict]:
    regions = Region.objects.in_bulk(list(counts))
    rows = [{"code": regions[pk].code, "name": regions[pk].name, "count": n} for pk, n in counts.items() if pk in regions]
    rows.sort(key=lambda r: (-r["count"], r["code"]))
    return rows


def page_only(qs, query: ParsedQuery, *, every: bool, sort: str, offset: int, limit: int) -> tuple[list[tuple], int]:
    """The page's (product_id, score, tier) rows and the number of matching rows, without facets."""
    score, score_params = score_sql(query, every=every)
    rows = qs.order_by().annotate(score=RawSQL(score, score_params)).values(*ROW_COLUMNS, "score")
    try:
        inner_sql, inner_params = rows.query.sql_with_params()
    except EmptyResultSet:  # as in page_and_facets: Django proved the filters match nothing
        return [], 0
    columns = ", ".join([*ROW_COLUMNS, "score"])
    sql = (
        f"WITH matching({columns}) AS ({inner_sql}) "
        f"SELECT product_id, score, tier FROM matching ORDER BY {ORDER_BY[sort]} LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*inner_params, limit, offset])
        page = [tuple(row) for row in cursor.fetchall()]
    return page, qs.count()
