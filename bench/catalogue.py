"""The benchmarks' synthetic catalogues: which databases, building them with `katalog generate-catalog`
(or reusing them when they already hold the right number of products), and small measuring helpers.

Shared by bench_search.py and bench_matching.py; each benchmark has databases of its own (a SQLite
file under var/bench/ named after it, and a PostgreSQL database whose name starts with katalog_bench),
because a benchmark may write to its database.

    python bench/catalogue.py --count DATABASE_URL    # prints {"entries": N}: generated products indexed
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"


class Target(NamedTuple):
    label: str  # "SQLite" or "PostgreSQL"
    size: int  # products
    url: str  # DATABASE_URL
    reset: Callable[[], None]  # empties the database before building


def setup_django(database_url: str) -> None:
    """Configure Django in this (child) process for the benchmark settings and this database."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def child_env(database_url: str) -> dict[str, str]:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": database_url}


def katalog(database_url: str, *args: str) -> float:
    """Run `katalog ARGS` on this database (its output to stderr); the seconds it took."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "katalog", *args], cwd=ROOT, env=child_env(database_url), check=True,
                   stdout=sys.stderr)
    return time.perf_counter() - started


def _count(database_url: str) -> None:
    setup_django(database_url)
    from django.db.utils import DatabaseError

    from katalog.search.models import SearchEntry

    try:
        print(json.dumps({"entries": SearchEntry.objects.filter(product__sku__startswith="GEN-").count()}))
    except DatabaseError:
        print(json.dumps({"entries": -1}))


def generated_entries(database_url: str) -> int:
    """Generated products in the search index (-1 when the database has no tables yet)."""
    proc = subprocess.run([sys.executable, __file__, "--count", database_url], cwd=ROOT,
                          env=child_env(database_url), capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])["entries"]


def prepare(database_url: str, size: int, *, reset) -> float | None:
    """Seconds spent building the catalogue, or None when it was already there."""
    if generated_entries(database_url) == size:
        return None
    reset()
    print(f"building {size:,} products in {database_url} ...", file=sys.stderr)
    katalog(database_url, "migrate", "-v0")
    return katalog(database_url, "generate-catalog", "--products", str(size), "--approve")


def reset_sqlite(path: Path):
    def reset():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    return reset


def reset_postgres(url: str):
    def reset():
        name = url.rsplit("/", 1)[1]
        assert name == "katalog_bench" or name.startswith("katalog_bench_"), "refusing to drop another database"
        base = url.rsplit("/", 1)[0]
        for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
            subprocess.run(["psql", f"{base}/postgres", "-q", "-c", sql], check=True)
    return reset


def postgres_reachable(url: str) -> bool:
    host_port = url.split("@", 1)[-1].split("/", 1)[0]
    host, _, port = host_port.partition(":")
    try:
        with socket.create_connection((host, int(port or 5432)), timeout=2):
            return True
    except OSError:
        return False


def databases(name: str, *, sqlite_size: int, pg_size: int, pg_url: str) -> list[Target]:
    """The benchmark's databases: var/bench/NAME-SIZE.sqlite3 (size 0 skips it) and the PostgreSQL
    database of `pg_url` (skipped, with a word on stderr, when the server does not answer)."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    found = []
    if sqlite_size:
        path = BENCH_DIR / f"{name}-{sqlite_size}.sqlite3"
        found.append(Target("SQLite", sqlite_size, f"sqlite:///{path}", reset_sqlite(path)))
    if pg_size and postgres_reachable(pg_url):
        found.append(Target("PostgreSQL", pg_size, pg_url, reset_postgres(pg_url)))
    elif pg_size:
        print("PostgreSQL is not reachable: skipping it.", file=sys.stderr)
    return found


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", required=True, metavar="DATABASE_URL")
    _count(parser.parse_args().count)
