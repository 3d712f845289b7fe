"""Benchmark: import 100,000 product rows (CSV) into a fresh SQLite database.

Generates a vendors file (1,000 vendors) and a products file (100,000 rows) in a temporary folder.
Each run is a child process with its own new SQLite file: migrate, import the vendors (not timed),
then time `import_products`; the child also times a second import of the same file (every row
unchanged). Three runs; prints the median as one JSON object on the last line of stdout.

    .venv/bin/python bench/bench_import.py [--rows 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDORS = 1_000
REGENCIES = ["18.01", "18.02", "18.03", "18.04", "18.05", "18.06", "18.07", "18.08", "18.09", "18.10",
             "18.11", "18.12", "18.13", "18.71", "18.72", "31.71", "32.73", "1871", "31"]
SCALES = ["mikro", "kecil", "menengah", "besar"]
CERTS = ["", "SNI", "HALAL", "SNI;HALAL", "PIRT", "BPOM;HALAL", "HKI"]


def _npwp(n: int) -> str:
    from stdnum import luhn

    body = f"01{n:06d}"
    return "0" + body + luhn.calc_check_digit(body) + "325000"


def _categories() -> list[str]:
    """Leaf names, some as full paths, some as slugs: the three ways a row may name a category."""
    sys.path.insert(0, str(ROOT))
    from django.utils.text import slugify

    from katalog.catalog.reference import CATEGORY_TREE

    names: list[str] = []
    for top, _k, children in CATEGORY_TREE:
        for child, _k2, leaves in children:
            for leaf, _k3, _c in leaves:
                names.append(f"{top} > {child} > {leaf}")
            if not leaves:
                names.append(child)
    counts: dict[str, int] = {}
    for path in names:
        leaf = path.split(" > ")[-1].lower()
        counts[leaf] = counts.get(leaf, 0) + 1
    plain = [p.split(" > ")[-1] for p in names if counts[p.split(" > ")[-1].lower()] == 1]
    slugs = [slugify(name) for name in plain[:10]]
    return names + plain + slugs


def generate(folder: Path, rows: int) -> tuple[Path, Path]:
    rng = random.Random(2024)
    vendors_path, products_path = folder / "vendors.csv", folder / "products.csv"
    with vendors_path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["vendor_code", "name", "regency_code", "scale", "nib", "npwp", "kbli"])
        for n in range(1, VENDORS + 1):
            writer.writerow([f"BV{n:05d}", f"UMKM Bench {n}", rng.choice(REGENCIES), rng.choice(SCALES),
                             f"{9130000000000 + n:013d}", _npwp(n), "13921;32909"])
    categories = _categories()
    with products_path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["sku", "vendor_code", "name", "description", "category", "unit", "price", "min_order",
                         "capacity_per_month", "tkdn", "bmp", "origin_regency_code", "certifications"])
        for n in range(1, rows + 1):
            tkdn = rng.choice(["", "", "25", "40,5", "45%", "60"])
            writer.writerow([
                f"BSKU-{n:07d}", f"BV{rng.randint(1, VENDORS):05d}", f"Produk Bench {n}",
                "Produk uji untuk mengukur kecepatan impor, tenun tangan, bahan lokal.",
                rng.choice(categories), rng.choice(["lembar", "unit", "kg", "paket"]),
                rng.choice([f"{rng.randint(1, 9000) * 1000}", f"Rp {rng.randint(1, 900)}.500.000", "1,250,000"]),
                rng.choice(["", "1", "10"]), rng.choice(["", "100", "2500"]), tkdn,
                rng.choice(["", "5"]) if tkdn else "", rng.choice(REGENCIES + [""]), rng.choice(CERTS),
            ])
    return vendors_path, products_path


def child(vendors_path: str, products_path: str) -> None:
    """One run, in a fresh process whose DATABASE_URL names a new SQLite file."""
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.core.management import call_command

    from katalog.imports.products import import_products
    from katalog.imports.vendors import import_vendors

    call_command("migrate", verbosity=0, interactive=False)
    vendors = import_vendors(vendors_path)
    assert vendors.ok and vendors.created == VENDORS, vendors.errors[:5]
    started = time.perf_counter()
    report = import_products(products_path)
    first = time.perf_counter() - started
    assert report.ok and report.written, report.errors[:5]
    started = time.perf_counter()
    again = import_products(products_path)
    second = time.perf_counter() - started
    assert again.unchanged == report.created, again.as_dict() | {"errors": again.errors[:5]}
    print(json.dumps({"seconds": first, "rows": report.created, "reimport_seconds": second}))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("VENDORS", "PRODUCTS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    with tempfile.TemporaryDirectory(prefix="katalog-bench-import-") as tmp:
        folder = Path(tmp)
        vendors_path, products_path = generate(folder, args.rows)
        runs, reimports = [], []
        for n in range(args.runs):
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "config.settings.test",
                "DATABASE_URL": f"sqlite:///{folder / f'run-{n}.sqlite3'}",
                "KATALOG_VAR_DIR": str(folder),
            }
            proc = subprocess.run(
                [sys.executable, __file__, "--child", str(vendors_path), str(products_path)],
                cwd=ROOT, env=env, capture_output=True, text=True,
            )
            if proc.returncode != 0:
                print(proc.stdout, proc.stderr, file=sys.stderr)
                return proc.returncode
            result = json.loads(proc.stdout.strip().splitlines()[-1])
            runs.append(result["seconds"])
            reimports.append(result["reimport_seconds"])
            print(f"run {n + 1}: {result['seconds']:.2f} s, re-import {result['reimport_seconds']:.2f} s",
                  file=sys.stderr)
    median = statistics.median(runs)
    print(json.dumps({
        "name": f"import {args.rows:,} product rows (CSV, SQLite)",
        "runs": [round(r, 3) for r in runs],
        "median_s": round(median, 3),
        "rows_per_s": round(args.rows / median),
        "reimport_unchanged_median_s": round(statistics.median(reimports), 3),
        "notes": f"{round(args.rows / median):,} rows/s; re-import of the same file (all unchanged) "
                 f"{statistics.median(reimports):.1f} s",
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
