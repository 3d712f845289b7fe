"""The write phase of a product import: categories, products, price history and audit, in bulk.

Called by `products.import_products` inside its transaction, after every row was checked.
"""

from __future__ import annotations

from collections import defaultdict

from katalog.audit.models import AuditEvent
from katalog.audit.services import build_event
from katalog.catalog.models import PriceChange, Product, ProductStatus
from katalog.core import hooks

from .categories import CategoryResolver, category_id
from .common import (
    BATCH_SIZE,
    RegionLookup,
    audit_actor,
    bulk_insert,
    fetch_in_chunks,
    source_label,
    user_or_none,
)

# What the audit event of a new product records.
CREATED_FIELDS = (
    "name", "category_id", "unit", "price_idr", "min_order", "capacity_per_month", "tkdn_pct", "bmp_pct",
    "origin_region_id", "certifications",
)
STATUS_FIELDS = {"status", "status_reason", "submitted_at", "approved_at"}


class _Shown:
    """Values as an audit event shows them: region codes and category paths instead of ids."""

    NAMES = {"category_id": "category", "origin_region_id": "origin_region"}

    def __init__(self, categories: CategoryResolver, regions: RegionLookup):
        self.categories, self.regions = categories, regions
        self.paths: dict[int, str] = {}

    def value(self, field: str, value):
        if field == "origin_region_id":
            return self.regions.code_of(value)
        if field == "category_id" and value is not None:
            if value not in self.paths:
                category = self.categories.by_id.get(value)
                self.paths[value] = self.categories.path_of(category) if category else str(value)
            return self.paths[value]
        return value

    def values(self, values: dict) -> dict:
        return {self.NAMES.get(f, f): self.value(f, v) for f, v in values.items()}


def write_products(plan, categories: CategoryResolver, regions: RegionLookup, *, used_categories, actor,
                   filename: str, now) -> None:
    who = {**audit_actor(actor), "message": source_label(filename), "occurred_at": now}
    shown = _Shown(categories, regions)
    events: list[AuditEvent] = []
    for category in categories.create_planned(used_categories):
        categories.by_id[category.pk] = category
        events.append(build_event(
            event_type="catalog.category.created", target=category,
            changes={"new": {"name": category.name, "path": categories.path_of(category)}}, **who,
        ))
    events += _insert_new(plan, shown, who)
    events += _apply_updates(plan, shown, who, changed_by=user_or_none(actor))
    bulk_insert(AuditEvent, events)  # as AuditEvent.objects.bulk_create, several times faster at 100,000 rows
    hooks.changed("product", [p.pk for p in plan.created] + [p.pk for p, *_ in plan.updated])


def _insert_new(plan, shown: _Shown, who: dict) -> list[AuditEvent]:
    for product in plan.created:
        if product.category_id is None:
            product.category_id = category_id(product._import_category)
    bulk_insert(Product, plan.created)
    ids = dict(fetch_in_chunks(
        lambda chunk: Product.objects.filter(sku__in=chunk).values_list("sku", "id"), [p.sku for p in plan.created]
    ))
    events = []
    for product in plan.created:
        product.pk = ids[product.sku]
        product._state.adding, product._state.db = False, Product.objects.db
        vendor = plan.vendors[product.vendor_id]
        new = {"sku": product.sku, "vendor": vendor.code, "status": product.status}
        new.update(shown.values({f: getattr(product, f) for f in CREATED_FIELDS}))
        events.append(build_event(event_type="catalog.product.imported", target=product, changes={"new": new},
                                  organisation_id=vendor.organisation_id, **who))
        if product.status == ProductStatus.APPROVED:
            events.append(build_event(event_type="catalog.product.approved", target=product,
                                      changes={"new": {"status": ProductStatus.APPROVED.value}},
                                      organisation_id=vendor.organisation_id, **who))
    return events


def _apply_updates(plan, shown: _Shown, who: dict, *, changed_by) -> list[AuditEvent]:
    """Update changed products, grouped by the fields that changed (one UPDATE per group and batch)."""
    groups: dict[frozenset, list[Product]] = defaultdict(list)
    price_changes: list[PriceChange] = []
    events = []
    for product, changes, status_before in plan.updated:
        if "category_id" in changes and changes["category_id"][1] is None:  # a category created just now
            product.category_id = category_id(product._import_category)
            changes["category_id"] = (changes["category_id"][0], product.category_id)
        fields = {f.removesuffix("_id") for f in changes} | {"updated_at"}
        if status_before is not None:
            fields |= STATUS_FIELDS
        groups[frozenset(fields)].append(product)
        org = plan.vendors[product.vendor_id].organisation_id
        if changes:
            events.append(build_event(
                event_type="catalog.product.updated", target=product, organisation_id=org, **who,
                changes={
                    "old": shown.values({f: old for f, (old, _new) in changes.items()}),
                    "new": shown.values({f: new for f, (_old, new) in changes.items()}),
                },
            ))
        if "price_idr" in changes:
            old_price, new_price = changes["price_idr"]
            price_changes.append(PriceChange(
                product=product, old_price_idr=old_price, new_price_idr=new_price, changed_at=who["occurred_at"],
                changed_by=changed_by, source="import",
            ))
            events.append(build_event(
                event_type="catalog.product.price_changed", target=product, organisation_id=org, **who,
                changes={"old": {"price_idr": old_price}, "new": {"price_idr": new_price}},
            ))
        if status_before is not None:
            approved = product.status == ProductStatus.APPROVED
            events.append(build_event(
                event_type="catalog.product.approved" if approved else "catalog.product.returned_to_curation",
                target=product, organisation_id=org, **{**who, "message": product.status_reason or who["message"]},
                changes={"old": {"status": status_before}, "new": {"status": product.status}},
            ))
    for fields, products in groups.items():
        Product.objects.bulk_update(products, sorted(fields), batch_size=BATCH_SIZE)
    PriceChange.objects.bulk_create(price_changes, batch_size=BATCH_SIZE)
    return events
