"""The monitoring benchmark's data: a million paid orders in a PostgreSQL database of its own.

    python bench/monitoring_data.py --orders 1000000 postgres://postgres@127.0.0.1:5432/katalog_bench_monitoring

Drops and creates the database (its name must start with katalog_bench), migrates it, then writes:

- vendors and their listed products: `katalog generate-catalog`'s synthetic catalogue (one vendor per 330
  orders, at most 3,000; five products per vendor), mostly in the 15 Lampung regencies, 12% outside, every
  scale; registration dates spread over three years;
- about one buyer organisation per 1,000 orders (at most 1,000) of the six types, kabupaten offices in
  every regency; some buy much more than others;
- the orders, paid or completed, spread over 36 months ending this month (more at the year's end for
  government), each to a vendor the buyer buys from again and again three times out of four, with one to
  three lines of that vendor's products (snapshot flags from the catalogue's badges, as order_create takes
  them), from Rp1 juta to Rp300 juta; some with local or PDN justifications; one commitment per 50 orders;
- a leader login (`bench-pimpinan`) for the pages.

The choices follow the demo history's habits (katalog.demo.history_data): which categories each buyer type
buys, how far it looks beyond Lampung and beyond small businesses, its typical order and its seasons.
Orders, lines and commitments are streamed with COPY. Deterministic for a seed. No payment rows, deliveries
or audit events: the dashboards do not read them.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import math
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.catalogue import katalog, setup_django  # noqa: E402

NUMBER_PREFIX = "BM-"
MONTHS = 36
LEADER = "bench-pimpinan"
BUYER_TYPE_SHARES = [("opd_kabkota", 0.42), ("opd_provinsi", 0.10), ("instansi_vertikal", 0.22), ("bumn", 0.05),
                     ("bumd", 0.06), ("swasta", 0.15)]
OWN_ORG_SHARE = 0.75  # orders to one of the buyer's usual vendors
CHUNK = 50_000  # orders per COPY batch


def reset_database(url: str) -> None:
    """DROP and CREATE the benchmark's database (only a katalog_bench* one)."""
    import psycopg

    base, name = url.rsplit("/", 1)
    if not name.startswith("katalog_bench"):
        raise SystemExit(f"refusing to drop {name}: not a benchmark database")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


# ---- COPY ----

def _text(value) -> str:
    """A value in COPY's text format."""
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dict | list):
        value = json.dumps(value)
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def row_format(model, varying: list[str]) -> tuple[list[str], str]:
    """The columns to COPY and a str.format template of one row: `varying` fields as placeholders, the
    other columns their model default (the id left to the database unless it is varying)."""
    columns, parts = [], []
    for field in model._meta.concrete_fields:
        if field.attname in varying:
            columns.append(field.column)
            parts.append("{" + field.attname + "}")
        elif not field.primary_key:
            columns.append(field.column)
            parts.append(_text(None if field.null else field.get_default()).replace("{", "{{").replace("}", "}}"))
    missing = set(varying) - {f.attname for f in model._meta.concrete_fields}
    if missing:
        raise ValueError(f"{model.__name__} has no field {missing}")
    return columns, "\t".join(parts) + "\n"


def copy_rows(model, columns: list[str], rows: list[str]) -> None:
    from django.db import connection

    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        copy.write("".join(rows))


def _stamp(day: dt.date, hour_utc: int, minute: int) -> str:
    return f"{day.isoformat()} {hour_utc:02d}:{minute:02d}:00+00"


# ---- Who and what ----

def _months(today: dt.date) -> list[tuple[dt.date, int]]:
    """(first day, days that count) of the last MONTHS months; this month only up to yesterday."""
    month, found = today.replace(day=1), []
    for _ in range(MONTHS):
        days = calendar.monthrange(month.year, month.month)[1]
        found.insert(0, (month, min(days, (today - month).days) if month == today.replace(day=1) else days))
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return found


def _buyers(count: int, rng: random.Random, now) -> list:
    from katalog.accounts.models import Organisation
    from katalog.regions.models import Region
    from katalog.regions.reference import LAMPUNG_REGENCIES

    regions = dict(Region.objects.values_list("code", "pk"))
    lampung = [code for code, _name, _bps in LAMPUNG_REGENCIES]
    words = {"opd_kabkota": "Dinas", "opd_provinsi": "Dinas Provinsi", "instansi_vertikal": "Kantor Wilayah",
             "bumn": "PT (Persero)", "bumd": "Perumda", "swasta": "PT"}
    rows = []
    for i in range(count):
        buyer_type = rng.choices([t for t, _s in BUYER_TYPE_SHARES], weights=[s for _t, s in BUYER_TYPE_SHARES])[0]
        region = "18.71" if buyer_type == "opd_provinsi" else rng.choice(lampung)
        rows.append(Organisation(kind=Organisation.Kind.BUYER, buyer_type=buyer_type, region_id=regions[region],
                                 name=f"{words[buyer_type]} Benchmark {i + 1:04d}", address=f"Jl. Uji No. {i + 1}"))
    return Organisation.objects.bulk_create(rows, batch_size=1000)


def _sellers():
    """(vendor id, region code, lampung?, umk?, [(product id, price, min order, category id, root name,
    sku, name, unit, tkdn, bmp, local, umk, pdn)]) for every vendor with listed products."""
    from katalog.catalog import badges
    from katalog.catalog.models import Category, Product
    from katalog.monitoring.aggregates import category_roots

    roots = category_roots()
    names = dict(Category.objects.values_list("pk", "name"))
    by_vendor: dict[int, list] = {}
    vendors = {}
    for p in Product.objects.filter(status="approved").select_related("vendor__region", "origin_region").order_by("pk"):
        facts = badges.facts_of(p)
        vendors[p.vendor_id] = p.vendor
        by_vendor.setdefault(p.vendor_id, []).append((
            p.pk, p.price_idr, p.min_order, p.category_id, names[roots[p.category_id]], p.sku, _text(p.name),
            _text(p.unit), _text(p.tkdn_pct), _text(p.bmp_pct), badges.is_local(facts), badges.is_umk(facts),
            badges.is_pdn(facts),
        ))
    sellers = []
    for vendor_id in sorted(by_vendor):
        vendor = vendors[vendor_id]
        code = vendor.region.code if vendor.region_id else ""
        sellers.append((vendor_id, code, code.startswith("18."), vendor.scale in ("mikro", "kecil"),
                        by_vendor[vendor_id]))
    return sellers


def _cumulative(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def build(orders: int, *, seed: int = 1, progress=None) -> dict:
    """Everything but the database itself (created and migrated already); seconds per step."""
    from django.db import connection

    from katalog.accounts.models import User
    from katalog.core import clock
    from katalog.demo.generator import generate_catalog
    from katalog.demo.history_data import HABITS, LOCAL_JUSTIFICATIONS, PDN_JUSTIFICATIONS
    from katalog.events.models import Commitment, CommitmentRealisation
    from katalog.procurement.models import Order, OrderLine

    say = progress or (lambda text: None)
    timings = {}
    started = time.perf_counter()
    now = clock.now()
    today = clock.today()
    rng = random.Random(f"monitoring-bench:{seed}")
    vendor_count = max(50, min(3000, orders // 330))
    generate_catalog(products=vendor_count * 5, vendors=vendor_count, seed=seed, approve=True, now=now)
    with connection.cursor() as cursor:
        # Registered over three years (the generator registers them all now); verified two days later.
        cursor.execute("UPDATE vendors_vendor SET created_at = %s - (id * 7919 %% 1100) * interval '1 day'", [now])
        cursor.execute("UPDATE vendors_vendor SET submitted_at = created_at, "
                       "verified_at = created_at + interval '2 days', decided_at = created_at + interval '2 days'")
    timings["catalogue_s"] = time.perf_counter() - started
    say(f"catalogue: {vendor_count:,} vendors ({timings['catalogue_s']:.0f} s)")

    started = time.perf_counter()
    buyers = _buyers(max(20, min(1000, orders // 1000)), rng, now)
    ppk = User.objects.create(username="bench-ppk", name="PPK Benchmark", email="bench-ppk@example.com")
    leader = User.objects.create(username=LEADER, name="Pimpinan Benchmark", email="bench@example.com",
                                 platform_role=User.PlatformRole.LEADER)
    leader.set_unusable_password()
    leader.save()
    sellers = _sellers()
    months = _months(today)

    # Per buyer type: how much each vendor appeals (categories, locality, scale, a few large sellers).
    appeal = {}
    for buyer_type, habits in HABITS.items():
        weights = []
        for rank, (_vendor, _region, lampung, umk, products) in enumerate(sellers):
            fit = sum(habits.categories.get(root, 0.1) for root in {p[4] for p in products})
            weights.append(fit * (1 if lampung else habits.non_local) * (1 if umk else habits.non_umk)
                           / (1 + rank / 50))
        appeal[buyer_type] = _cumulative(weights)
    season = {t: _cumulative([h.season[m.month - 1] * days for m, days in months]) for t, h in HABITS.items()}
    # Each buyer's usual vendors, and how much each buyer buys.
    usual = []
    for buyer in buyers:
        picks = rng.choices(range(len(sellers)), cum_weights=appeal[buyer.buyer_type], k=rng.randint(10, 50))
        usual.append(sorted(set(picks)))
    activity = _cumulative([1 / (1 + i / 40) for i in range(len(buyers))])

    order_columns, order_row = row_format(Order, [
        "id", "number", "buyer_organisation_id", "vendor_id", "created_by_id", "status", "title", "delivery_address",
        "delivery_date", "budget_source", "budget_year", "local_justification", "pdn_justification", "total_idr",
        "submitted_at", "completed_at", "realised_on", "created_at", "updated_at"])
    line_columns, line_row = row_format(OrderLine, [
        "order_id", "product_id", "position", "quantity", "sku", "name", "unit", "category_id", "list_price_idr",
        "unit_price_idr", "tkdn_pct", "bmp_pct", "is_local", "is_umk", "is_pdn"])
    commitment_columns, commitment_row = row_format(Commitment, [
        "id", "buyer_organisation_id", "vendor_id", "category_id", "description", "value_idr",
        "expected_purchase_date", "recorded_by_id", "recorded_at"])
    link_columns, link_row = row_format(CommitmentRealisation, ["commitment_id", "order_id", "linked_by_id",
                                                                 "linked_at"])
    budget = {"opd_provinsi": "apbd", "opd_kabkota": "apbd", "instansi_vertikal": "apbn"}
    line_total, commitment_id, links = 0, 0, 0
    for start in range(1, orders + 1, CHUNK):
        order_rows, line_rows, commitment_rows, link_rows = [], [], [], []
        for order_id in range(start, min(start + CHUNK, orders + 1)):
            b = rng.choices(range(len(buyers)), cum_weights=activity)[0]
            buyer = buyers[b]
            habits = HABITS[buyer.buyer_type]
            month, days = months[rng.choices(range(MONTHS), cum_weights=season[buyer.buyer_type])[0]]
            if rng.random() < OWN_ORG_SHARE:
                seller = sellers[rng.choice(usual[b])]
            else:
                seller = sellers[rng.choices(range(len(sellers)), cum_weights=appeal[buyer.buyer_type])[0]]
            vendor_id, _region, _lampung, _umk, products = seller
            chosen = rng.sample(products, min(len(products), rng.choices((1, 2, 3), weights=(5, 3, 2))[0]))
            target = min(300_000_000, max(1_000_000, rng.lognormvariate(math.log(habits.median_idr), 1.0)))
            total, local, pdn = 0, True, True
            for position, p in enumerate(chosen, start=1):
                product_id, price, min_order, category_id, _root, sku, name, unit, tkdn, bmp, is_local, is_umk, is_pdn = p
                quantity = max(min_order, min(20_000, round(target / len(chosen) / price)))
                total += quantity * price
                local, pdn = local and is_local, pdn and is_pdn
                line_rows.append(line_row.format(
                    order_id=order_id, product_id=product_id, position=position, quantity=quantity, sku=sku,
                    name=name, unit=unit, category_id=category_id, list_price_idr=price, unit_price_idr=price,
                    tkdn_pct=tkdn, bmp_pct=bmp, is_local="t" if is_local else "f", is_umk="t" if is_umk else "f",
                    is_pdn="t" if is_pdn else "f"))
            realised = month + dt.timedelta(days=rng.randrange(days))
            created = realised - dt.timedelta(days=rng.randint(7, 45))
            hour, minute = rng.randint(1, 8), rng.randrange(60)  # 08:00-15:59 in Jakarta
            completed = rng.random() < 0.4 and realised + dt.timedelta(days=3) < today
            order_rows.append(order_row.format(
                id=order_id, number=f"{NUMBER_PREFIX}{order_id:07d}", buyer_organisation_id=buyer.pk,
                vendor_id=vendor_id, created_by_id=ppk.pk, status="completed" if completed else "paid",
                title=f"Belanja benchmark {order_id}", delivery_address=buyer.address,
                delivery_date=(created + dt.timedelta(days=14)).isoformat(),
                budget_source=budget.get(buyer.buyer_type, "company"), budget_year=created.year,
                local_justification=rng.choice(LOCAL_JUSTIFICATIONS) if not local and rng.random() < 0.25 else "",
                pdn_justification=rng.choice(PDN_JUSTIFICATIONS) if not pdn and rng.random() < 0.15 else "",
                total_idr=total, submitted_at=_stamp(created, hour + 1, minute),
                completed_at=_stamp(realised + dt.timedelta(days=3), 3, 0) if completed else r"\N",
                realised_on=realised.isoformat(), created_at=_stamp(created, hour, minute),
                updated_at=_stamp(realised, 6, minute)))
            if rng.random() < 0.02:  # a commitment made a few weeks before, realised by this order (or not yet)
                commitment_id += 1
                recorded = created - dt.timedelta(days=rng.randint(10, 60))
                commitment_rows.append(commitment_row.format(
                    id=commitment_id, buyer_organisation_id=buyer.pk, vendor_id=vendor_id,
                    category_id=chosen[0][3], description=f"Komitmen benchmark {commitment_id}",
                    value_idr=round(total * rng.uniform(0.6, 2.5)), recorded_by_id=ppk.pk,
                    expected_purchase_date=(recorded + dt.timedelta(days=60)).isoformat(),
                    recorded_at=_stamp(recorded, 3, 0)))
                if rng.random() < 0.7:
                    links += 1
                    link_rows.append(link_row.format(commitment_id=commitment_id, order_id=order_id,
                                                     linked_by_id=ppk.pk, linked_at=_stamp(created, hour + 2, 0)))
        copy_rows(Order, order_columns, order_rows)
        copy_rows(OrderLine, line_columns, line_rows)
        copy_rows(Commitment, commitment_columns, commitment_rows)
        copy_rows(CommitmentRealisation, link_columns, link_rows)
        line_total += len(line_rows)
        say(f"orders: {min(start + CHUNK - 1, orders):,}/{orders:,} ({time.perf_counter() - started:.0f} s)")
    with connection.cursor() as cursor:
        for table in ("procurement_order", "events_commitment"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    timings["orders_s"] = time.perf_counter() - started
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    timings["vacuum_s"] = time.perf_counter() - started
    return {**timings, "orders": orders, "lines": line_total, "buyers": len(buyers), "vendors": vendor_count,
            "selling_vendors": len(sellers), "commitments": commitment_id, "links": links}


def generated_orders() -> int:
    """Benchmark orders in the database (-1 when it has no tables yet)."""
    from django.db.utils import DatabaseError

    from katalog.procurement.models import Order

    try:
        return Order.objects.filter(number__startswith=NUMBER_PREFIX).count()
    except DatabaseError:
        return -1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database_url")
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", action="store_true", help="print {\"orders\": N} (benchmark orders there)")
    args = parser.parse_args()
    if args.count:
        setup_django(args.database_url)
        print(json.dumps({"orders": generated_orders()}))
        return 0
    reset_database(args.database_url)
    started = time.perf_counter()
    katalog(args.database_url, "migrate", "-v0")
    migrated = time.perf_counter() - started
    setup_django(args.database_url)
    result = build(args.orders, seed=args.seed, progress=lambda text: print(text, file=sys.stderr, flush=True))
    print(json.dumps({**result, "migrate_s": migrated}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
