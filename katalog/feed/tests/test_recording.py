"""Every way a fed object changes leaves a change row: saves, bulk writes through the change hooks, the
synthetic catalogue, renames of what other objects show, and objects older than the feed."""

from __future__ import annotations

import datetime as dt
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from katalog.accounts.tests.factories import BuyerOrganisationFactory
from katalog.catalog.models import Category, Product
from katalog.catalog.tests.factories import ProductFactory
from katalog.core import hooks
from katalog.demo.generator import generate_catalog
from katalog.events import services as events
from katalog.feed import services
from katalog.feed.models import Change
from katalog.imports.products import import_products
from katalog.imports.tests.sheets import product_row, products_csv, vendor_row, vendors_csv
from katalog.imports.vendors import import_vendors
from katalog.procurement.competitions import services as competitions
from katalog.procurement.models import OrderStatus
from katalog.procurement.tests.factories import NOW, order_in

from .helpers import cursor_now, ids, read

pytestmark = pytest.mark.django_db


def _changed_since(start_id: int) -> set[tuple[str, int]]:
    return set(Change.objects.filter(pk__gt=start_id).values_list("kind", "object_id"))


def _last_id() -> int:
    return Change.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_refuses_an_unknown_kind():
    with pytest.raises(ValueError):
        services.record_changes("vendors", [1])


def test_records_nothing_for_no_ids():
    start = _last_id()

    services.record_changes("orders", [])

    assert _changed_since(start) == set()


def test_records_each_object_once_with_the_time_and_its_transaction(frozen_clock):
    start = _last_id()

    services.record_changes("products", [5, 3, 5])

    rows = list(Change.objects.filter(pk__gt=start).order_by("pk").values_list("kind", "object_id", "changed_at"))
    assert rows == [("products", 3, frozen_clock.value), ("products", 5, frozen_clock.value)]
    txids = set(Change.objects.filter(pk__gt=start).values_list("txid", flat=True))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_current_xact_id()::text::bigint")
            assert txids == {cursor.fetchone()[0]}
    else:
        assert txids == {0}


def test_a_vendor_rename_records_everything_that_shows_its_name(buyer, vendor, vendor_owner, approved_product):
    order = order_in(OrderStatus.APPROVED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
    commitment = events.commitment_record(
        actor=buyer, vendor_code=vendor.code, value_idr=1_000_000, expected_purchase_date=dt.date(2025, 9, 1),
        description="Kain tapis", now=NOW,
    )
    competition = competitions.competition_create(
        actor=buyer, title="Tapis", specification="Kain tapis.", category=approved_product.category, quantity=1,
        unit="lembar", deadline_at=NOW + dt.timedelta(days=3), delivery_address="Kantor", delivery_date=dt.date(2025, 7, 1),
        budget_source="apbd", budget_year=2025, vendor_ids=[vendor.pk], now=NOW,
    )
    start = _last_id()

    vendor.name = "UMKM Tapis Berganti Nama"
    vendor.save(update_fields=["name"])

    assert _changed_since(start) >= {
        ("products", approved_product.pk), ("orders", order.pk), ("commitments", commitment.pk),
        ("competitions", competition.pk),
    }


def test_a_vendor_save_of_fields_nobody_sees_records_nothing(vendor, approved_product):
    start = _last_id()

    vendor.contact_phone = "081200000000"
    vendor.save(update_fields=["contact_phone"])

    assert _changed_since(start) == set()


def test_a_buyer_organisation_rename_records_its_orders_and_commitments(buyer, buyer_org, vendor, vendor_owner):
    order = order_in(OrderStatus.APPROVED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
    commitment = events.commitment_record(
        actor=buyer, vendor_code=vendor.code, value_idr=1_000_000, expected_purchase_date=dt.date(2025, 9, 1),
        description="Kain tapis", now=NOW,
    )
    other = BuyerOrganisationFactory()
    start = _last_id()

    buyer_org.name = "Dinas Berganti Nama"
    buyer_org.save()
    other.save()

    assert _changed_since(start) == {("orders", order.pk), ("commitments", commitment.pk)}


def test_a_category_rename_records_the_products_below_it(vendor):
    tapis = Category.objects.get(name="Tapis Lembaran")
    inside, outside = ProductFactory(vendor=vendor, category=tapis), ProductFactory(
        vendor=vendor, category=Category.objects.get(name="Traktor Roda Dua"))
    start = _last_id()

    parent = tapis.parent
    parent.name = "Kain Tapis Lampung"
    parent.save()

    changed = _changed_since(start)
    assert ("products", inside.pk) in changed and ("products", outside.pk) not in changed


def test_a_change_announced_through_the_hooks_is_recorded(vendor):
    product = ProductFactory(vendor=vendor)
    start = _last_id()

    hooks.changed("product", [product.pk])

    assert _changed_since(start) == {("products", product.pk)}


def test_imported_products_and_vendors_are_in_the_feed(client):
    import_vendors(vendors_csv(vendor_row(1)), verified=True)
    cursor = cursor_now(client, "products")

    import_products(products_csv(product_row("TPS-1"), product_row("TPS-2")), approve=True, now=NOW)

    created = read(client, "products", cursor)
    listed = {item["object"]["sku"] for item in created["items"] if item["public"]}
    assert listed == {"TPS-1", "TPS-2"}

    import_products(products_csv(product_row("TPS-1", price="1.750.000")), approve=True, now=NOW)
    [updated] = read(client, "products", created["next_cursor"])["items"]
    assert (updated["object"]["sku"], updated["object"]["price"]) == ("TPS-1", 1_750_000)

    import_vendors(vendors_csv(vendor_row(1, name="UMKM Impor Berganti Nama")), verified=True)
    renamed = read(client, "products", created["next_cursor"])["items"]
    assert {item["object"]["vendor"]["name"] for item in renamed} == {"UMKM Impor Berganti Nama"}


def test_the_synthetic_catalogue_is_in_the_feed(client):
    cursor = cursor_now(client, "products")

    report = generate_catalog(products=12, vendors=3, seed=5, approve=True)

    generated = set(Product.objects.filter(sku__startswith="GEN-").values_list("pk", flat=True))
    assert report.products_created == 12
    assert set(ids(read(client, "products", cursor, limit=50)["items"])) == generated


def test_objects_older_than_the_feed_get_a_change_each(buyer, vendor, vendor_owner):
    order = order_in(OrderStatus.PAID, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
    commitment = events.commitment_record(
        actor=buyer, vendor_code=vendor.code, value_idr=1_000_000, expected_purchase_date=dt.date(2025, 9, 1),
        description="Kain tapis", now=NOW,
    )
    Change.objects.all().delete()
    migration = importlib.import_module("katalog.feed.migrations.0002_record_existing_objects")

    migration.record_existing(apps, SimpleNamespace(connection=connection))  # all it needs of a schema editor

    rows = set(Change.objects.values_list("kind", "object_id", "changed_at"))
    order.refresh_from_db()
    assert ("orders", order.pk, order.updated_at) in rows
    assert ("commitments", commitment.pk, commitment.recorded_at) in rows
    assert {i for k, i, _at in rows if k == "products"} == set(Product.objects.values_list("pk", flat=True))
