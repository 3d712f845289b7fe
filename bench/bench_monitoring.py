"""Benchmark: the P3DN monitoring dashboards with a million paid orders on PostgreSQL.

Requirement: with 1,000,000 orders in PostgreSQL every dashboard page renders in under 300 ms, the
figures read from precomputed sums that are kept up to date within a minute of a change.

  build    bench/monitoring_data.py writes the orders into the database `katalog_bench_monitoring` (dropped
           and created; reused when it already holds the same number of benchmark orders)
  refresh  `aggregates.refresh_all()`: every month's sums rebuilt from the order lines (once), then VACUUM
           ANALYZE of the sum tables (as autovacuum would do next)
  month    `aggregates.refresh_months([this month])`, what a payment costs once its refresh task runs
           (median of 5)
  pages    every dashboard page through the Django test client as a leader (the public ones anonymous):
           one warm-up request, then --runs requests; median and p95, and the SQL statements of one request

For the pages over the target the plans of their slowest statements (EXPLAIN ANALYZE) go to
var/bench/monitoring-explain.txt. Writes a "Monitoring speed" section to docs/benchmarks.md (between
<!-- monitoring-speed:start --> and <!-- monitoring-speed:end -->, which `make bench` keeps) unless
--no-docs; prints one JSON object on the last line (runs = each page's p95).

    .venv/bin/python bench/bench_monitoring.py                            # 1,000,000 orders
    .venv/bin/python bench/bench_monitoring.py --orders 50000 --no-docs   # quick run

On the 2-core reference machine writing the million orders takes about 2 minutes (once) and the run about
6, of which the full rebuild is 2. Environment: KATALOG_BENCH_MONITORING_ORDERS, KATALOG_BENCH_MONITORING_PG_URL.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.catalogue import BENCH_DIR, child_env, percentile, postgres_reachable, setup_django  # noqa: E402
from katalog.core.machine import machine  # noqa: E402

PG_URL = "postgres://postgres@127.0.0.1:5432/katalog_bench_monitoring"
TARGET_S = 0.300
MONTH_RUNS = 5
DATA_SCRIPT = ROOT / "bench" / "monitoring_data.py"


# ---- the child process: measuring ----

def pages(today: dt.date) -> list[tuple[str, str, bool]]:
    """(label, URL, public) of every dashboard page, with filters on the busiest buyer and category."""
    from django.db.models import Sum

    from katalog.catalog.models import Category
    from katalog.monitoring.models import PurchaseCell, PurchaseRollup

    year = dt.date(today.year, 1, 1)
    buyer = (PurchaseCell.objects.filter(month__gte=year).values("buyer_organisation_id")
             .annotate(v=Sum("value_idr")).order_by("-v").first()["buyer_organisation_id"])
    root = (PurchaseRollup.objects.filter(month__gte=year).values("category_root_id")
            .annotate(v=Sum("value_idr")).order_by("-v").first()["category_root_id"])
    category = Category.objects.get(pk=root).slug
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    quarter = (today.month - 1) // 3 + 1
    found = [
        ("dashboard, this year", "/pemantauan/", False),
        ("dashboard, one buyer type", "/pemantauan/?buyer_type=opd_kabkota", False),
        ("dashboard, one regency", "/pemantauan/?region=18.71", False),
        ("dashboard, one category", f"/pemantauan/?category={category}", False),
        ("dashboard, the busiest buyer", f"/pemantauan/?buyer={buyer}", False),
        ("dashboard, this quarter", f"/pemantauan/?period={today.year}-Q{quarter}", False),
        ("dashboard, last month", f"/pemantauan/?period={last_month:%Y-%m}", False),
        ("public summary", "/p3dn/", True),
    ]
    found += [(f"breakdown by {by.replace('_', ' ')}", f"/pemantauan/rincian/{by}/", False)
              for by in ("buyer_type", "buyer", "region", "category")]
    found += [
        ("orders behind the year's figure, page 1", "/pemantauan/pesanan/", False),
        ("justifications, page 1", "/pemantauan/justifikasi/", False),
        ("Excel workbook of every table", "/pemantauan/ekspor/all.xlsx", False),
        ("public Excel workbook of every table", "/p3dn/ekspor/all.xlsx", True),
    ]
    return found


class StatementRecorder:
    """Every SQL statement of a request with its seconds (installed as the connection's execute wrapper)."""

    def __init__(self) -> None:
        self.statements: list[tuple[float, str, object]] = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.statements.append((time.perf_counter() - started, sql, None if many else params))


def _timed(function, *args) -> tuple[float, object]:
    started = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - started, result


def _explain(statements: list[tuple[str, float, str, object]]) -> str:
    from django.db import connection

    out = []
    with connection.cursor() as cursor:
        for label, seconds, sql, params in statements:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            out.append(f"-- {label}: {seconds * 1000:.0f} ms in the page\n{sql}\n{params}\n{plan}\n")
    return "\n".join(out)


def child(runs: int, explain: bool, skip_refresh: bool) -> dict:
    from django.db import connection
    from django.test import Client

    from katalog.accounts.models import User
    from katalog.core import clock
    from katalog.monitoring import aggregates, selectors
    from katalog.monitoring.filters import parse_filters
    from katalog.monitoring.models import PurchaseCell
    from katalog.procurement.models import OrderLine

    result: dict = {}
    if not skip_refresh:
        result["refresh_all_s"], result["cells"] = _timed(aggregates.refresh_all)
        with connection.cursor() as cursor:
            # What autovacuum does soon after a rebuild (which leaves every old row dead); the month
            # refreshes below leave their dead rows, as between two vacuums.
            cursor.execute("VACUUM ANALYZE monitoring_purchasecell, monitoring_purchaserollup, "
                           "monitoring_purchasebuyermonth, monitoring_purchasevendormonth")
    result["cells"] = PurchaseCell.objects.count()
    result["lines"] = OrderLine.objects.count()
    result["justified"] = selectors.justified_orders(parse_filters({}, today=clock.today())).count()
    this_month = clock.today().replace(day=1)
    result["month_s"] = [_timed(aggregates.refresh_months, [this_month])[0] for _ in range(MONTH_RUNS)]
    result["month_cells"] = PurchaseCell.objects.filter(month=this_month).count()

    leader = User.objects.get(username="bench-pimpinan")
    signed_in, anonymous = Client(), Client()
    signed_in.force_login(leader)
    slow_statements = []
    result["pages"] = []
    for label, url, public in pages(clock.today()):
        client = anonymous if public else signed_in
        recorder = StatementRecorder()
        with connection.execute_wrapper(recorder):
            first, response = _timed(client.get, url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        times = [_timed(client.get, url)[0] for _ in range(runs)]
        statements = sorted(recorder.statements, key=lambda item: -item[0])
        row = {"label": label, "url": url, "first": first, "times": times, "median": statistics.median(times),
               "p95": percentile(times, 95), "queries": len(statements),
               "sql_s": sum(item[0] for item in statements), "slowest_sql_s": statements[0][0]}
        result["pages"].append(row)
        if row["p95"] > TARGET_S:
            slow_statements += [(label, *item) for item in statements[:3]]
    if explain and slow_statements:
        path = BENCH_DIR / "monitoring-explain.txt"
        path.write_text(_explain(slow_statements))
        result["explain_path"] = str(path.relative_to(ROOT))
    return result


# ---- the parent: building, reporting ----

def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def prepare(url: str, orders: int) -> dict | None:
    """The data-building report, or None when the database already holds these orders."""
    proc = subprocess.run([sys.executable, str(DATA_SCRIPT), "--count", url], cwd=ROOT, env=child_env(url),
                          capture_output=True, text=True, check=True)
    if json.loads(proc.stdout.strip().splitlines()[-1])["orders"] == orders:
        return None
    print(f"building {orders:,} orders in {url} ...", file=sys.stderr, flush=True)
    proc = subprocess.run([sys.executable, str(DATA_SCRIPT), url, "--orders", str(orders)], cwd=ROOT,
                          env=child_env(url), stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def section(orders: int, data: dict, built: dict | None, runs: int) -> str:
    date = dt.datetime.now(dt.UTC).date().isoformat()
    month = statistics.median(data["month_s"])
    lines = [
        "<!-- monitoring-speed:start -->",
        "## Monitoring speed",
        "",
        f"Machine: {machine()}. Date: {date}. Written by `bench/bench_monitoring.py` (also run by `make bench`) "
        f"on PostgreSQL with {orders:,} paid orders (bench/monitoring_data.py: 36 months, "
        f"{data['lines']:,} lines). Target: every dashboard page under "
        f"{_ms(TARGET_S)}, the sums up to date within a minute of a change.",
        "",
    ]
    if "refresh_all_s" in data:
        lines.append(f"- Full rebuild of the sums (`aggregates.refresh_all()`, every month): "
                     f"{data['refresh_all_s']:.1f} s, {data['cells']:,} cells; then VACUUM ANALYZE of the sum tables, as "
                     "autovacuum does soon after (the pages below are read with the dead rows of the month refreshes "
                     "that follow).")
    lines += [
        f"- One month rebuilt (`aggregates.refresh_months`, what a payment queues): median {_ms(month)} of "
        f"{MONTH_RUNS} ({data['month_cells']:,} cells in this month). A payment queues that refresh in its own "
        "transaction and `katalog db_worker` looks for tasks every second, so the dashboards show it within "
        "seconds.",
    ]
    if built:
        lines.append(f"- Data written in {built['catalogue_s'] + built['orders_s'] + built['vacuum_s']:.0f} s "
                     f"({built['vendors']:,} vendors, {built['buyers']:,} buyers, {built['lines']:,} lines, "
                     f"{built['commitments']:,} commitments; COPY, then VACUUM ANALYZE).")
    lines += [
        "",
        "| page | median | p95 | first request | SQL statements | SQL time | slowest statement |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in data["pages"]:
        lines.append(f"| {row['label']} (`{row['url']}`) | {_ms(row['median'])} | {_ms(row['p95'])} "
                     f"| {_ms(row['first'])} | {row['queries']} | {_ms(row['sql_s'])} | {_ms(row['slowest_sql_s'])} |")
    lines += [
        "",
        f"Each page through the Django test client (middleware, template, Excel writing included; no HTTP "
        f"server), signed in as a leader (the public summary anonymous): one warm-up request (\"first request\", "
        f"whose statements are counted and timed), then {runs} measured.",
        "",
        "The figures come from sums kept per month: per buyer type, regency and category (`PurchaseRollup`), per "
        "buyer (`PurchaseBuyerMonth`), per vendor (`PurchaseVendorMonth`) and, for pages narrowed to a regency, "
        "a category or a buyer, per buyer, vendor and category (`PurchaseCell`, with an index per narrowing). "
        "The leaders' workbook of every table is a download, not a page: it holds the breakdown by every buyer "
        "(about 500 ms); the justifications are exported on their own page, as a year of them "
        f"({data['justified']:,} here) takes openpyxl seconds to write. The orders "
        "behind a figure and the justifications spend most of their time counting the year's orders for the "
        "pager.",
        "<!-- monitoring-speed:end -->",
    ]
    return "\n".join(lines)


def write_docs(text: str) -> None:
    target = ROOT / "docs" / "benchmarks.md"
    current = target.read_text() if target.exists() else "# Benchmarks\n"
    pattern = re.compile(r"<!-- monitoring-speed:start -->.*?<!-- monitoring-speed:end -->", flags=re.S)
    if pattern.search(current):
        updated = pattern.sub(lambda _match: text, current)
    else:
        updated = current.rstrip("\n") + "\n\n" + text + "\n"
    target.write_text(updated)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=int(os.environ.get("KATALOG_BENCH_MONITORING_ORDERS",
                                                                          1_000_000)))
    parser.add_argument("--pg-url", default=os.environ.get("KATALOG_BENCH_MONITORING_PG_URL", PG_URL))
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--no-refresh", action="store_true", help="keep the sums as they are (no full rebuild)")
    parser.add_argument("--no-explain", action="store_true")
    parser.add_argument("--no-docs", action="store_true", help="print only; leave docs/benchmarks.md alone")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        setup_django(args.child)
        print(json.dumps(child(args.runs, not args.no_explain, args.no_refresh)))
        return 0

    name = f"monitoring pages p95 (PostgreSQL, {args.orders:,} orders)"
    if not postgres_reachable(args.pg_url):
        print("PostgreSQL is not reachable: skipping the monitoring benchmark.", file=sys.stderr)
        print(json.dumps({"name": name, "runs": [0.0], "median_s": 0.0, "notes": "skipped: no PostgreSQL"}))
        return 0
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    built = prepare(args.pg_url, args.orders)
    print(f"measuring on {args.orders:,} orders ...", file=sys.stderr, flush=True)
    proc = subprocess.run(
        [sys.executable, __file__, "--child", args.pg_url, "--runs", str(args.runs),
         *(["--no-refresh"] if args.no_refresh else []), *(["--no-explain"] if args.no_explain else [])],
        cwd=ROOT, env=child_env(args.pg_url), capture_output=True, text=True)
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        return proc.returncode
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    text = section(args.orders, data, built, args.runs)
    print(text)
    if data.get("explain_path"):
        print(f"plans of the slowest statements of the pages over the target: {data['explain_path']}")
    if not args.no_docs:
        write_docs(text)
    p95s = [row["p95"] for row in data["pages"]]
    worst = max(data["pages"], key=lambda row: row["p95"])
    notes = [f"worst page p95 {_ms(worst['p95'])} ({worst['label']})",
             f"one month refreshed in {_ms(statistics.median(data['month_s']))}"]
    if "refresh_all_s" in data:
        notes.append(f"full rebuild {data['refresh_all_s']:.0f} s")
    if built:
        notes.append(f"data written in {built['catalogue_s'] + built['orders_s'] + built['vacuum_s']:.0f} s")
    print(json.dumps({"name": name, "runs": [round(p, 4) for p in p95s], "median_s": round(statistics.median(p95s), 4),
                      "notes": "; ".join(notes) + f"; target every page < {_ms(TARGET_S)}"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
