"""The red-flag rules, pure: plain tuples of facts in, findings out; no database, no clock.

`facts.py` reads the facts (orders actually sent and not dead, listed products' prices, vendor documents);
`services.py` stores the findings as `RedFlag` rows. Dates are calendar dates in Asia/Jakarta.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .models import FlagKind, Severity

# Fewer listed products than this in a category make no meaningful median.
MEDIAN_MIN_PRODUCTS = 3
# At this multiple of the price threshold ratio (2 × 2.0 = 4 times the median) a price flag is high.
PRICE_HIGH_FACTOR = 2
# A justification text is "reused" once it appears on this many orders of the same buyer.
REUSED_TEXT_MIN_ORDERS = 2
# Justification texts quoted in a repeated-justification flag.
QUOTED_TEXTS = 5

VENDOR = "vendor"
CATEGORY = "category"


# ---- Facts ----

@dataclass(frozen=True)
class SentOrder:
    """An order that counts: sent (it has a sent date) and not cancelled, rejected, declined or expired."""

    id: int
    buyer_id: int
    vendor_id: int
    value_idr: int
    sent_on: dt.date
    # (category id, value of the order's lines in that category)
    category_values: tuple[tuple[int, int], ...] = ()
    local_justification: str = ""
    pdn_justification: str = ""


@dataclass(frozen=True)
class PricedLine:
    order_id: int
    buyer_id: int
    vendor_id: int
    line_id: int
    name: str
    category_id: int
    category_name: str
    quantity: int
    unit_price_idr: int


@dataclass(frozen=True)
class CategoryMedian:
    median_idr: int
    product_count: int


@dataclass(frozen=True)
class DocumentFact:
    id: int
    vendor_id: int
    kind: str
    number: str
    valid_until: dt.date | None


@dataclass(frozen=True)
class Finding:
    """One red flag as the rules found it; `key` finds it again at the next refresh."""

    kind: str
    key: str
    severity: int
    order_ids: tuple[int, ...]
    value_idr: int
    params: dict = field(hash=False, compare=True)
    buyer_id: int | None = None
    vendor_id: int | None = None
    category_id: int | None = None


# ---- Windows of time ----

def maximal_windows(dates: Sequence[dt.date], *, days: int) -> list[tuple[int, int]]:
    """Index ranges [start, end) of the sorted `dates` whose first and last are at most `days` apart,
    keeping only the windows no other window contains (each start's window, when it reaches further)."""
    windows: list[tuple[int, int]] = []
    end = 0
    for start in range(len(dates)):
        end = max(end, start + 1)
        while end < len(dates) and (dates[end] - dates[start]).days <= days:
            end += 1
        if not windows or end > windows[-1][1]:
            windows.append((start, end))
    return windows


def _span(orders: Sequence[SentOrder]) -> dict:
    first, last = orders[0].sent_on, orders[-1].sent_on
    return {"first_on": first.isoformat(), "last_on": last.isoformat(), "span_days": (last - first).days}


def _by_sent(orders: Iterable[SentOrder]) -> list[SentOrder]:
    return sorted(orders, key=lambda o: (o.sent_on, o.id))


# ---- Orders split to stay under a limit ----

def find_split_orders(
    orders: Iterable[SentOrder], *, limits_idr: Sequence[int], window_days: int, top_limit_idr: int | None = None
) -> list[Finding]:
    """Groups of one buyer's orders to one vendor (or for one category), sent at most `window_days` apart,
    each order below a limit and together above it: one finding per maximal group.

    For a category the group sums only the lines in that category; "each below" is about whole orders.
    The same set of orders is reported once: under the highest limit it crosses, by vendor before category.
    Groups under `top_limit_idr` (the pejabat pengadaan's limit: above it the PPK must approve) are high.
    """
    subjects: dict[tuple[int, str, int], list[tuple[SentOrder, int]]] = defaultdict(list)
    for order in orders:
        subjects[(order.buyer_id, VENDOR, order.vendor_id)].append((order, order.value_idr))
        for category_id, value in order.category_values:
            subjects[(order.buyer_id, CATEGORY, category_id)].append((order, value))
    top = top_limit_idr if top_limit_idr is not None else max(limits_idr, default=0)
    found: dict[tuple[int, frozenset[int]], Finding] = {}
    for (buyer_id, dimension, subject_id), entries in sorted(subjects.items()):
        entries.sort(key=lambda e: (e[0].sent_on, e[0].id))
        for limit in sorted(set(limits_idr), reverse=True):
            below = [e for e in entries if e[0].value_idr < limit]
            for start, end in maximal_windows([e[0].sent_on for e in below], days=window_days):
                window = below[start:end]
                total = sum(value for _, value in window)
                if len(window) < 2 or total <= limit:
                    continue
                group = [order for order, _ in window]
                finding = Finding(
                    kind=FlagKind.SPLIT_ORDERS,
                    key=f"split_orders:{buyer_id}:{dimension}:{subject_id}:{limit}:{group[0].id}",
                    severity=Severity.HIGH if limit >= top else Severity.MEDIUM,
                    order_ids=tuple(o.id for o in group),
                    value_idr=total,
                    params={
                        "dimension": dimension, "limit_idr": limit, "window_days": window_days,
                        "total_idr": total, "count": len(group), "vendor_count": len({o.vendor_id for o in group}),
                        "largest_idr": max(o.value_idr for o in group), **_span(group),
                    },
                    buyer_id=buyer_id,
                    vendor_id=subject_id if dimension == VENDOR else None,
                    category_id=subject_id if dimension == CATEGORY else None,
                )
                same_orders = (buyer_id, frozenset(finding.order_ids))
                kept = found.get(same_orders)
                if kept is None or _split_rank(finding) > _split_rank(kept):
                    found[same_orders] = finding
    return sorted(found.values(), key=lambda f: f.key)


def _split_rank(finding: Finding) -> tuple[int, bool]:
    return finding.params["limit_idr"], finding.params["dimension"] == VENDOR


# ---- Unit prices far above the catalogue median ----

def catalogue_median(prices: Iterable[int]) -> CategoryMedian | None:
    """The median of listed products' prices (whole rupiah, half up); None below MEDIAN_MIN_PRODUCTS."""
    ordered = sorted(prices)
    count = len(ordered)
    if count < MEDIAN_MIN_PRODUCTS:
        return None
    middle = count // 2
    median = ordered[middle] if count % 2 else (ordered[middle - 1] + ordered[middle] + 1) // 2
    return CategoryMedian(median_idr=median, product_count=count)


def _ratio(price: int, median: int) -> Decimal:
    return (Decimal(price) / Decimal(median)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def find_prices_above_median(
    lines: Iterable[PricedLine], *, medians: Mapping[int, CategoryMedian], ratio: Decimal
) -> list[Finding]:
    """Orders with a line whose agreed unit price is more than `ratio` times its category's catalogue
    median: one finding per order, naming each such line."""
    by_order: dict[int, list[tuple[PricedLine, CategoryMedian]]] = defaultdict(list)
    for line in lines:
        median = medians.get(line.category_id)
        if median is None or median.median_idr <= 0:
            continue
        if Decimal(line.unit_price_idr) > ratio * median.median_idr:
            by_order[line.order_id].append((line, median))
    findings = []
    for order_id, flagged in sorted(by_order.items()):
        rows = [
            {
                "line_id": line.line_id, "name": line.name, "category_id": line.category_id,
                "category": line.category_name, "quantity": line.quantity, "unit_price_idr": line.unit_price_idr,
                "median_idr": median.median_idr, "product_count": median.product_count,
                "ratio": str(_ratio(line.unit_price_idr, median.median_idr)),
            }
            for line, median in flagged
        ]
        rows.sort(key=lambda row: (-Decimal(row["ratio"]), row["line_id"]))
        high = any(Decimal(line.unit_price_idr) >= ratio * PRICE_HIGH_FACTOR * median.median_idr
                   for line, median in flagged)
        first = flagged[0][0]
        findings.append(Finding(
            kind=FlagKind.PRICE_ABOVE_MEDIAN,
            key=f"price_above_median:{order_id}",
            severity=Severity.HIGH if high else Severity.MEDIUM,
            order_ids=(order_id,),
            value_idr=sum(line.quantity * line.unit_price_idr for line, _ in flagged),
            params={"ratio_limit": str(ratio), "lines": rows},
            buyer_id=first.buyer_id,
            vendor_id=first.vendor_id,
            category_id=rows[0]["category_id"],
        ))
    return findings


# ---- Vendors selling with an expired document ----

def find_expired_documents(
    documents: Iterable[DocumentFact], *, today: dt.date, listed_products: Mapping[int, int],
    orders: Iterable[SentOrder],
) -> list[Finding]:
    """A vendor's document that expired before `today` while the vendor still sells: it has listed products,
    or received orders after the expiry. A document renewed by a valid one of the same kind is not flagged;
    of several expired ones of a kind, the latest stands for them all."""
    kinds: dict[tuple[int, str], list[DocumentFact]] = defaultdict(list)
    for document in documents:
        kinds[(document.vendor_id, document.kind)].append(document)
    orders_by_vendor: dict[int, list[SentOrder]] = defaultdict(list)
    for order in orders:
        orders_by_vendor[order.vendor_id].append(order)
    findings = []
    for (vendor_id, kind), documents_of_kind in sorted(kinds.items()):
        if any(d.valid_until is None or d.valid_until >= today for d in documents_of_kind):
            continue
        document = max(documents_of_kind, key=lambda d: (d.valid_until, d.id))
        after = _by_sent(o for o in orders_by_vendor[vendor_id] if o.sent_on > document.valid_until)
        listed = listed_products.get(vendor_id, 0)
        if not listed and not after:
            continue
        value = sum(o.value_idr for o in after)
        findings.append(Finding(
            kind=FlagKind.EXPIRED_DOCUMENT,
            key=f"expired_document:{document.id}",
            severity=Severity.HIGH if after else Severity.MEDIUM,
            order_ids=tuple(o.id for o in after),
            value_idr=value,
            params={
                "document_id": document.id, "document_kind": kind, "number": document.number,
                # Nothing here depends on today, so a daily refresh leaves an unchanged flag untouched.
                "valid_until": document.valid_until.isoformat(),
                "listed_products": listed, "orders_after": len(after), "orders_after_idr": value,
            },
            vendor_id=vendor_id,
        ))
    return findings


# ---- Repeated justifications for not buying local ----

def normalise_justification(text: str) -> str:
    """The same justification whatever its case and spacing."""
    return " ".join((text or "").split()).casefold()


def _texts(order: SentOrder) -> list[str]:
    return [text for text in (order.local_justification, order.pdn_justification) if text.strip()]


def find_repeated_justifications(
    orders: Iterable[SentOrder], *, repeats: int, window_days: int
) -> list[Finding]:
    """A buyer organisation that justified a non-local (or non-PDN) product on at least `repeats` orders
    sent at most `window_days` apart: one finding per maximal window, quoting its distinct texts."""
    by_buyer: dict[int, list[SentOrder]] = defaultdict(list)
    for order in orders:
        if _texts(order):
            by_buyer[order.buyer_id].append(order)
    findings = []
    for buyer_id, justified in sorted(by_buyer.items()):
        justified = _by_sent(justified)
        for start, end in maximal_windows([o.sent_on for o in justified], days=window_days):
            group = justified[start:end]
            if len(group) < repeats:
                continue
            findings.append(Finding(
                kind=FlagKind.REPEATED_JUSTIFICATION,
                key=f"repeated_justification:{buyer_id}:{group[0].id}",
                severity=Severity.MEDIUM,
                order_ids=tuple(o.id for o in group),
                value_idr=sum(o.value_idr for o in group),
                params={
                    "count": len(group), "repeats": repeats, "window_days": window_days,
                    "local_count": sum(1 for o in group if o.local_justification.strip()),
                    "pdn_count": sum(1 for o in group if o.pdn_justification.strip()),
                    "texts": _distinct_texts(text for o in group for text in _texts(o))[:QUOTED_TEXTS],
                    **_span(group),
                },
                buyer_id=buyer_id,
            ))
    return findings


def _distinct_texts(texts: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for text in texts:
        seen.setdefault(normalise_justification(text), " ".join(text.split()))
    return list(seen.values())


def _text_digest(normalised: str) -> str:
    return hashlib.sha256(normalised.encode()).hexdigest()[:20]


def find_reused_justifications(orders: Iterable[SentOrder], *, min_orders: int = REUSED_TEXT_MIN_ORDERS
                               ) -> list[Finding]:
    """The same justification text (ignoring case and spacing) given by one buyer organisation on at least
    `min_orders` orders, in either field: one finding per text."""
    uses: dict[tuple[int, str], dict[int, SentOrder]] = defaultdict(dict)
    fields: dict[tuple[int, str], set[str]] = defaultdict(set)
    originals: dict[tuple[int, str], str] = {}
    for order in _by_sent(orders):
        for field_name, text in (("local", order.local_justification), ("pdn", order.pdn_justification)):
            normalised = normalise_justification(text)
            if not normalised:
                continue
            key = (order.buyer_id, normalised)
            uses[key][order.id] = order
            fields[key].add(field_name)
            originals.setdefault(key, " ".join(text.split()))
    findings = []
    for key, by_id in sorted(uses.items()):
        if len(by_id) < min_orders:
            continue
        buyer_id, normalised = key
        group = _by_sent(by_id.values())
        findings.append(Finding(
            kind=FlagKind.REUSED_JUSTIFICATION,
            key=f"reused_justification:{buyer_id}:{_text_digest(normalised)}",
            severity=Severity.LOW,
            order_ids=tuple(o.id for o in group),
            value_idr=sum(o.value_idr for o in group),
            params={"count": len(group), "text": originals[key], "fields": sorted(fields[key]), **_span(group)},
            buyer_id=buyer_id,
        ))
    return findings


# ---- All rules of a buyer organisation ----

def find_buyer_flags(
    orders: Sequence[SentOrder], lines: Iterable[PricedLine], *, medians: Mapping[int, CategoryMedian],
    settings: Mapping, top_limit_idr: int | None = None,
) -> list[Finding]:
    """Every buyer-side rule over one buyer organisation's orders, with the thresholds of `settings`
    (settings.KATALOG)."""
    return [
        *find_split_orders(
            orders, limits_idr=list(settings["FLAG_SPLIT_LIMITS_IDR"]),
            window_days=int(settings["FLAG_SPLIT_WINDOW_DAYS"]), top_limit_idr=top_limit_idr,
        ),
        *find_prices_above_median(lines, medians=medians, ratio=Decimal(str(settings["FLAG_PRICE_MEDIAN_RATIO"]))),
        *find_repeated_justifications(
            orders, repeats=int(settings["FLAG_JUSTIFICATION_REPEATS"]),
            window_days=int(settings["FLAG_JUSTIFICATION_WINDOW_DAYS"]),
        ),
        *find_reused_justifications(orders),
    ]
