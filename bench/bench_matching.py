"""Benchmark: the matching engine against a large catalogue, one need at a time and in bulk.

Uses the search benchmark's synthetic catalogue (`katalog generate-catalog`, built or reused through
bench/catalogue.py) in databases of its own, because it writes needs and their matches:
100,000 products in var/bench/matching-100000.sqlite3 and 1,000,000 in the PostgreSQL database
`katalog_bench_matching`. The needs are generated (bench/matching_needs.py): varied wording, with
and without a category, budget, delivery regency and date, some with hard requirements.

  one need  `engine.match_need` for each of 300 needs: one pass to warm up ("first run"), then three
            measured passes; per need the median of the three; p50 and p95 over the needs.
  bulk      10,000 needs as the background re-match runs them: `rematching.needs_rematch` over stored
            needs (batches of 200 through `engine.match_needs`, then the matches written). The
            engine's share is timed separately (pure matching); the rest is loading the needs and
            storing about 20 matches per need.
  stored    `rematching.need_rematch` (match and store one need) for 50 of them.

Where the time goes: every SQL statement is timed by kind (the candidate statement, the vocabulary,
the candidates' facts, reference data, storing), the rest is Python; a profiled batch of 200 needs
adds up Python's own time per module; for PostgreSQL the plans (EXPLAIN ANALYZE) of the candidate
statements of the three slowest needs go to var/bench/matching-explain.txt.

Writes a "Matching speed" section to docs/benchmarks.md (between <!-- matching-speed:start --> and
<!-- matching-speed:end -->, which `make bench` keeps) unless --no-docs; prints one JSON object on
the last line (runs = the one-need p95 per database).

    .venv/bin/python bench/bench_matching.py                                  # full run
    .venv/bin/python bench/bench_matching.py --pg-size 0 --bulk 1000 --no-docs   # quick run

On the 2-core reference machine a full run takes about 14 minutes when both catalogues exist (SQLite
about 6, PostgreSQL about 8, most of it the two bulk runs); building them first adds about 1 minute
(100,000 on SQLite) and 10 minutes (1,000,000 on PostgreSQL).

Environment: KATALOG_BENCH_MATCHING_SQLITE_SIZE and KATALOG_BENCH_MATCHING_PG_SIZE (0 skips; default
KATALOG_BENCH_SQLITE_SIZE / KATALOG_BENCH_PG_SIZE as the search benchmark, then 100,000 / 1,000,000),
KATALOG_BENCH_MATCHING_PG_URL, KATALOG_BENCH_MATCHING_NEEDS (one-need count), KATALOG_BENCH_MATCHING_BULK
(bulk count), KATALOG_BENCH_MATCHING_STORE=0 (bulk through `engine.match_needs` only, nothing written).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import os
import pstats
import re
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.catalogue import BENCH_DIR, child_env, databases, percentile, prepare, setup_django  # noqa: E402
from katalog.core.machine import machine  # noqa: E402

PG_URL = "postgres://postgres@127.0.0.1:5432/katalog_bench_matching"
TARGET_ONE_S = 0.200  # one need against 1,000,000 products on PostgreSQL
TARGET_BULK_S = 600.0  # 10,000 needs against the same
# SQL statements by kind, recognised by what they read (first match wins).
STATEMENT_KINDS = [
    ("candidates", "WITH gathered"), ("vocabulary", '"search_searchterm"'), ("product facts", '"catalog_product"'),
    ("storing", '"matching_needmatch"'), ("storing", '"matching_need"'),
]


def _env_int(*names: str, default: int) -> int:
    for name in names:
        if os.environ.get(name, "").strip():
            return int(os.environ[name])
    return default


# ---- the child process: measuring on one database ----

class StatementTimer:
    """Seconds spent in SQL statements, by kind, while installed as the connection's execute wrapper."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.count = 0
        self.last_candidates: tuple[str, list] | None = None

    def __call__(self, execute, sql, params, many, context):
        kind = next((k for k, marker in STATEMENT_KINDS if marker in sql), "reference")
        if kind == "candidates":
            self.last_candidates = (sql, params)
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds[kind] += time.perf_counter() - started
            self.count += 1

    def take(self) -> dict[str, float]:
        taken, self.seconds = dict(self.seconds), defaultdict(float)
        return taken


def _module_of(filename: str, function: str) -> str:
    if filename == "~":
        return "SQL (in the driver)" if re.search(r"execute|fetch|commit|cursor", function) else "Python built-ins"
    if "/katalog/" in filename:
        return filename[filename.index("/katalog/") + 1:]
    for marker, label in (("Sastrawi", "Sastrawi stemmer"), ("django/db", "Django ORM"), ("psycopg", "SQL (in the driver)"),
                          ("sqlite3", "SQL (in the driver)"), ("babel", "Babel (number formats)"), ("django", "Django other")):
        if marker in filename:
            return label
    return "other libraries"


def profile_batch(specs, *, limit: int, today: dt.date) -> list[tuple[str, float]]:
    """Python's own time (cProfile tottime) per module while `match_needs` runs these needs, as shares."""
    from katalog.matching import engine

    profiler = cProfile.Profile()
    profiler.runcall(engine.match_needs, specs, limit=limit, today=today)
    by_module: dict[str, float] = defaultdict(float)
    for (filename, _line, function), (_cc, _nc, tottime, _ct, _callers) in pstats.Stats(profiler).stats.items():
        by_module[_module_of(filename, function)] += tottime
    total = sum(by_module.values()) or 1.0
    return sorted(((m, t / total) for m, t in by_module.items()), key=lambda item: -item[1])[:10]


def _explain(connection, statements: list[tuple[float, str, tuple[str, list]]]) -> str:
    out = []
    with connection.cursor() as cursor:
        for seconds, title, (sql, params) in statements:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            out.append(f"-- {title}: {seconds * 1000:.0f} ms in the benchmark\n{plan}\n")
    return "\n".join(out)


def child(database_url: str, *, single: int, repeat: int, bulk: int, store: bool, profile: int, explain: int) -> dict:
    setup_django(database_url)
    from django.conf import settings
    from django.db import connection
    from django.utils import translation

    from bench.matching_needs import generated_needs, stored_needs
    from katalog.core import clock
    from katalog.matching import engine, rematching

    now = clock.now()
    today = clock.today()
    limit = rematching.match_limit()
    specs = generated_needs(max(single, bulk, profile), today=today)
    timer = StatementTimer()
    result: dict = {"single": [], "first": [], "single_sql": {}, "statements_per_need": 0.0}
    slowest: list[tuple[float, str, tuple[str, list]]] = []
    with translation.override(settings.LANGUAGE_CODE), connection.execute_wrapper(timer):
        engine.match_needs(specs[:20], limit=limit, today=today)  # loads the analyser, synonyms, caches
        timer.take()
        per_need: dict[int, list[float]] = defaultdict(list)
        for attempt in range(repeat + 1):
            timer.count = 0
            for i, spec in enumerate(specs[:single]):
                started = time.perf_counter()
                engine.match_need(spec, limit=limit, today=today)
                elapsed = time.perf_counter() - started
                (result["first"].append(elapsed) if attempt == 0 else per_need[i].append(elapsed))
                if attempt == repeat and timer.last_candidates:
                    slowest.append((elapsed, f"{spec.ref} {spec.title!r}", timer.last_candidates))
                timer.last_candidates = None
            if attempt == 0:
                result["statements_per_need"] = timer.count / max(1, single)
                timer.take()
        result["single"] = [statistics.median(times) for _i, times in sorted(per_need.items())]
        result["single_sql"] = {k: v / max(1, single * repeat) for k, v in timer.take().items()}
        if explain and connection.vendor == "postgresql":
            slowest.sort(key=lambda item: -item[0])
            path = BENCH_DIR / "matching-explain.txt"
            path.write_text(_explain(connection, slowest[:explain]))
            result["explain_path"] = str(path.relative_to(ROOT))
        if profile:
            result["profile"] = profile_batch(specs[:profile], limit=limit, today=today)
        timer.take()

    if bulk:
        bulk_specs = specs[:bulk]
        result["bulk"] = bulk_result = {"needs": bulk}
        engine_seconds = [0.0]
        real_match_needs = engine.match_needs

        def timed_match_needs(*args, **kwargs):
            started = time.perf_counter()
            try:
                return real_match_needs(*args, **kwargs)
            finally:
                engine_seconds[0] += time.perf_counter() - started

        if store:
            ids = stored_needs(bulk_specs, now)
            engine.match_needs = timed_match_needs  # needs_rematch calls engine.match_needs
            try:
                with connection.execute_wrapper(timer):
                    started = time.perf_counter()
                    done = rematching.needs_rematch(need_ids=ids, now=now)
                    bulk_result["total_s"] = time.perf_counter() - started
            finally:
                engine.match_needs = real_match_needs
            from katalog.matching.models import NeedMatch

            bulk_result["rematched"] = done
            bulk_result["rows"] = NeedMatch.objects.filter(need_id__in=ids).count()
            bulk_result["engine_s"] = engine_seconds[0]
            bulk_result["sql"] = timer.take()
            stored_times = []
            for need_id in ids[:50]:
                started = time.perf_counter()
                rematching.need_rematch(need_id, now=now)
                stored_times.append(time.perf_counter() - started)
            result["stored"] = stored_times
        else:
            with translation.override(settings.LANGUAGE_CODE), connection.execute_wrapper(timer):
                started = time.perf_counter()
                results = engine.match_needs(bulk_specs, limit=limit, today=today)
                bulk_result["total_s"] = bulk_result["engine_s"] = time.perf_counter() - started
            bulk_result["rows"] = sum(len(r) for r in results)
            bulk_result["sql"] = timer.take()
    return result


# ---- the parent: building, reporting ----

def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def summarise(label: str, size: int, data: dict, built: float | None) -> dict:
    single, first = data["single"], data["first"]
    out = {
        "catalogue": f"{label} {size:,}", "label": label, "size": size, "built_s": built,
        "p50": percentile(single, 50), "p95": percentile(single, 95), "max": max(single),
        "first_p95": percentile(first, 95), "mean": statistics.fmean(single), "needs": len(single),
        "statements": data["statements_per_need"],
        "single_sql": data["single_sql"], "profile": data.get("profile", []), "explain": data.get("explain_path"),
    }
    if "bulk" in data:
        bulk = data["bulk"]
        out["bulk"] = {**bulk, "per_s": bulk["needs"] / bulk["total_s"]}
    if data.get("stored"):
        out["stored_p50"], out["stored_p95"] = percentile(data["stored"], 50), percentile(data["stored"], 95)
    return out


def _where(sql: dict[str, float], total: float) -> str:
    parts = [f"{kind} {seconds / total:.0%}" for kind, seconds in sorted(sql.items(), key=lambda kv: -kv[1])
             if seconds / total >= 0.005]
    python = max(0.0, total - sum(sql.values()))
    return ", ".join(parts + [f"Python {python / total:.0%}"])


def section(rows: list[dict], *, repeat: int, profile: int) -> str:
    date = dt.datetime.now(dt.UTC).date().isoformat()
    lines = [
        "<!-- matching-speed:start -->",
        "## Matching speed",
        "",
        f"Machine: {machine()}. Date: {date}. Written by `bench/bench_matching.py` (also run by `make bench`) on "
        "the synthetic catalogue of `katalog generate-catalog`, with generated needs (varied wording, with and "
        "without category, budget, delivery regency and date; a fifth with hard requirements). Targets on "
        f"PostgreSQL with 1,000,000 products: one need < {_ms(TARGET_ONE_S)}, 10,000 needs < "
        f"{TARGET_BULK_S / 60:.0f} minutes.",
        "",
        "| catalogue | one need p50 | p95 | max | first run p95 | bulk needs | bulk total | needs/s "
        "| of which matching | loading and storing | one need matched and stored p50 / p95 |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        bulk = r.get("bulk")
        bulk_cells = (
            f"{bulk['needs']:,} | {bulk['total_s']:.0f} s | {bulk['per_s']:.0f} | {bulk['engine_s']:.0f} s | "
            f"{bulk['total_s'] - bulk['engine_s']:.0f} s ({bulk['rows']:,} matches)" if bulk else "- | - | - | - | -"
        )
        stored = f"{_ms(r['stored_p50'])} / {_ms(r['stored_p95'])}" if "stored_p50" in r else "-"
        lines.append(f"| {r['catalogue']} products | {_ms(r['p50'])} | {_ms(r['p95'])} | {_ms(r['max'])} "
                     f"| {_ms(r['first_p95'])} | {bulk_cells} | {stored} |")
    lines += ["", "Where the time goes (share of the wall time; SQL by statement, the rest Python):", ""]
    for r in rows:
        lines.append(f"- {r['catalogue']}, one need ({r['statements']:.0f} statements, mean {_ms(r['mean'])}): "
                     f"{_where(r['single_sql'], r['mean'])}")
        if r.get("bulk"):
            lines.append(f"- {r['catalogue']}, bulk: {_where(r['bulk']['sql'], r['bulk']['total_s'])}")
        if r["profile"]:
            shares = ", ".join(f"{module} {share:.0%}" for module, share in r["profile"][:6])
            lines.append(f"- {r['catalogue']}, profile of `match_needs` over {profile} needs (own time per module; "
                         f"cProfile inflates many small calls such as Babel's): {shares}")
    lines += [
        "",
        f"- One need: `engine.match_need` per need, after a warm-up pass (\"first run\"), median of {repeat} passes; "
        "p50/p95 over the needs. Bulk: `rematching.needs_rematch` (batches of 200 through `engine.match_needs`, "
        "the path of the background re-match); \"of which matching\" is the engine's time, the rest loads the "
        "needs and replaces their stored matches.",
        "<!-- matching-speed:end -->",
    ]
    return "\n".join(lines)


def write_docs(text: str) -> None:
    target = ROOT / "docs" / "benchmarks.md"
    current = target.read_text() if target.exists() else "# Benchmarks\n"
    pattern = re.compile(r"<!-- matching-speed:start -->.*?<!-- matching-speed:end -->", flags=re.S)
    if pattern.search(current):
        updated = pattern.sub(lambda _match: text, current)
    else:
        updated = current.rstrip("\n") + "\n\n" + text + "\n"
    target.write_text(updated)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sqlite-size", type=int, default=_env_int(
        "KATALOG_BENCH_MATCHING_SQLITE_SIZE", "KATALOG_BENCH_SQLITE_SIZE", default=100_000))
    parser.add_argument("--pg-size", type=int, default=_env_int(
        "KATALOG_BENCH_MATCHING_PG_SIZE", "KATALOG_BENCH_PG_SIZE", default=1_000_000))
    parser.add_argument("--pg-url", default=os.environ.get("KATALOG_BENCH_MATCHING_PG_URL", PG_URL))
    parser.add_argument("--needs", type=int, default=_env_int("KATALOG_BENCH_MATCHING_NEEDS", default=300))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--bulk", type=int, default=_env_int("KATALOG_BENCH_MATCHING_BULK", default=10_000))
    parser.add_argument("--no-store", action="store_true",
                        default=os.environ.get("KATALOG_BENCH_MATCHING_STORE", "1") == "0",
                        help="bulk through engine.match_needs only, writing nothing")
    parser.add_argument("--profile", type=int, default=200, help="needs in the profiled batch (0: none)")
    parser.add_argument("--explain", type=int, default=3, help="plans of the slowest needs' statements (PostgreSQL)")
    parser.add_argument("--no-docs", action="store_true", help="print only; leave docs/benchmarks.md alone")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    options = dict(single=args.needs, repeat=args.repeat, bulk=args.bulk, store=not args.no_store,
                   profile=args.profile, explain=args.explain)
    if args.child:
        print(json.dumps(child(args.child, **options)))
        return 0

    rows = []
    for target in databases("matching", sqlite_size=args.sqlite_size, pg_size=args.pg_size, pg_url=args.pg_url):
        built = prepare(target.url, target.size, reset=target.reset)
        print(f"matching on {target.label} {target.size:,} ...", file=sys.stderr, flush=True)
        child_args = [f"--{k.replace('_', '-')}={v}" for k, v in
                      dict(needs=args.needs, repeat=args.repeat, bulk=args.bulk, profile=args.profile,
                           explain=args.explain).items()]
        proc = subprocess.run(
            [sys.executable, __file__, "--child", target.url, *child_args, *(["--no-store"] if args.no_store else [])],
            cwd=ROOT, env=child_env(target.url), capture_output=True, text=True, check=True)
        data = json.loads(proc.stdout.strip().splitlines()[-1])
        rows.append(summarise(target.label, target.size, data, built))
    if not rows:
        print("no database to measure", file=sys.stderr)
        return 1
    text = section(rows, repeat=args.repeat, profile=args.profile)
    print(text)
    for r in rows:
        if r["explain"]:
            print(f"plans of the slowest candidate statements: {r['explain']}")
    if not args.no_docs:
        write_docs(text)
    notes = []
    for r in rows:
        bulk = r.get("bulk")
        notes.append(f"{r['catalogue']}: one need p50 {_ms(r['p50'])} p95 {_ms(r['p95'])}"
                     + (f", {bulk['needs']:,} needs in bulk {bulk['total_s']:.0f} s ({bulk['per_s']:.0f}/s, "
                        f"matching {bulk['engine_s']:.0f} s)" if bulk else ""))
        if r["built_s"] is not None:
            notes.append(f"{r['label']} catalogue generated and indexed in {r['built_s']:.0f} s")
    p95s = [r["p95"] for r in rows]
    print(json.dumps({
        "name": f"matching, one need p95 and {args.bulk:,} needs in bulk ("
                + " and ".join(f"{r['catalogue']}" for r in rows) + " products)",
        "runs": [round(p, 4) for p in p95s],
        "median_s": round(statistics.median(p95s), 4),
        "notes": "; ".join(notes) + f"; targets on PostgreSQL 1M: one need < {_ms(TARGET_ONE_S)}, "
                 f"10,000 needs < {TARGET_BULK_S / 60:.0f} min",
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
