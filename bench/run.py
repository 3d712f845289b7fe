"""Run every benchmark under bench/ and write the medians to docs/benchmarks.md.

Each bench_*.py prints one JSON object on its last line of stdout:
{"name": ..., "runs": [...seconds...], "median_s": ..., "notes": ...}.
A benchmark may also write a section of its own between <!-- name:start --> and <!-- name:end -->
(bench_scheduling.py writes "Scheduling", bench_matching.py "Matching speed"); the rewrite below keeps
such sections.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from katalog.core.machine import machine  # noqa: E402


def _kept_sections(text: str) -> str:
    """Sections other commands write (`make eval`) between <!-- name:start --> and <!-- name:end --> stay."""
    kept = []
    for match in re.finditer(r"<!-- ([\w-]+):start -->.*?<!-- \1:end -->", text, flags=re.S):
        kept.append(match.group(0))
    return "".join(f"\n{section}\n" for section in kept)


def main() -> int:
    results = []
    for script in sorted((ROOT / "bench").glob("bench_*.py")):
        print(f"running {script.name} ...", flush=True)
        proc = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True)
        if proc.returncode != 0:
            print(proc.stdout, proc.stderr, file=sys.stderr)
            return proc.returncode
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    lines = [
        "# Benchmarks",
        "",
        f"Machine: {machine()}. Date: {dt.datetime.now(dt.UTC).date().isoformat()}. Written by `make bench`.",
        "",
        "| benchmark | median | runs | notes |",
        "|---|---|---|---|",
    ]
    for r in results:
        runs = ", ".join(f"{x:.2f}" for x in r["runs"])
        lines.append(f"| {r['name']} | {r['median_s']:.2f} s | {runs} | {r.get('notes', '')} |")
    target = ROOT / "docs" / "benchmarks.md"
    kept = _kept_sections(target.read_text() if target.exists() else "")
    target.write_text("\n".join(lines) + "\n" + kept)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
