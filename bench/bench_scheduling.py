"""Benchmark: scheduling the 1:1 meetings of a business-matching event (pure Python, no database).

The issue's event: 100 buyers, 300 vendors, 40 tables, 8 slots; target under 10 seconds. The
instance is generated from a fixed seed to look like a real one: each buyer has 10 to 30 candidate
vendors, drawn with a few popular vendors much more often than the rest; scores from 1 to 100 with
one decimal (so some tie); a quarter of the participants come for half a day or miss some slots; a
fifth of the buyers and a tenth of the vendors accept only 3 to 6 meetings; 12 meetings are pinned
by hand. Two more instances show the behaviour around it: the same event with 100 tables (tables no
longer the bottleneck: people are) and an event four times as large (400 buyers, 1,200 vendors,
160 tables). Each instance is scheduled five times; `check_schedule` re-checks every result.

Writes a "Scheduling" section to docs/benchmarks.md (between <!-- scheduling:start --> and
<!-- scheduling:end -->, which `make bench` keeps) unless --no-docs; prints one JSON object on the
last line (runs = the five timings of the issue's event).

    .venv/bin/python bench/bench_scheduling.py [--runs 5] [--no-docs]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from katalog.core.machine import machine  # noqa: E402
from katalog.events import scheduling  # noqa: E402
from katalog.events.scheduling import (  # noqa: E402
    Booking,
    CandidatePair,
    Participant,
    SchedulingProblem,
    check_schedule,
    schedule_meetings,
)

TARGET_S = 10.0
SEED = 20230511  # the province's business-matching day


def _participant(rng: random.Random, ident: str, slots: list[str], limit_share: float) -> Participant:
    roll = rng.random()
    if roll < 0.15:  # half a day
        half = len(slots) // 2
        available = slots[:half] if rng.random() < 0.5 else slots[half:]
    elif roll < 0.25:  # misses a few slots
        available = rng.sample(slots, rng.randint(len(slots) - 3, len(slots) - 1))
    else:
        available = None
    limit = rng.randint(3, 6) if rng.random() < limit_share else None
    return Participant(ident, available_slots=available, max_meetings=limit)


def build_problem(*, buyers: int, vendors: int, tables: int, slots: int, seed: int = SEED
                  ) -> SchedulingProblem:
    rng = random.Random(seed)
    slot_ids = [f"sesi-{i + 1}" for i in range(slots)]
    buyer_list = [_participant(rng, f"B{i:04d}", slot_ids, 0.2) for i in range(buyers)]
    vendor_list = [_participant(rng, f"V{i:04d}", slot_ids, 0.1) for i in range(vendors)]
    popularity = [1 / (rank + 1) ** 0.7 for rank in range(vendors)]
    candidates = []
    for buyer in buyer_list:
        chosen: set[int] = set()
        wanted = rng.randint(10, 30)
        while len(chosen) < wanted:
            chosen.update(rng.choices(range(vendors), weights=popularity, k=wanted - len(chosen)))
        for v in sorted(chosen):
            candidates.append(CandidatePair(buyer.id, vendor_list[v].id, round(rng.uniform(1, 100), 1)))
    problem = SchedulingProblem(slots=slot_ids, tables=[f"M{t + 1:03d}" for t in range(tables)],
                                buyers=buyer_list, vendors=vendor_list, candidates=candidates)
    return _with_pins(problem, rng, 12)


def _with_pins(problem: SchedulingProblem, rng: random.Random, count: int) -> SchedulingProblem:
    """Hand edits: random candidate pairs put at random places, kept when they break no rule."""
    pins: list[Booking] = []
    while len(pins) < count:
        pair = rng.choice(problem.candidates)
        booking = Booking(pair.buyer, pair.vendor, rng.choice(problem.slots), rng.choice(problem.tables))
        if not check_schedule(problem, [*pins, booking]):
            pins.append(booking)
    return SchedulingProblem(slots=problem.slots, tables=problem.tables, buyers=problem.buyers,
                             vendors=problem.vendors, candidates=problem.candidates, pinned=pins)


INSTANCES = [
    ("issue's event", dict(buyers=100, vendors=300, tables=40, slots=8)),
    ("same, 100 tables", dict(buyers=100, vendors=300, tables=100, slots=8)),
    ("4x larger", dict(buyers=400, vendors=1200, tables=160, slots=8)),
]


def greedy_alone(problem: SchedulingProblem):
    """The first pass only (no swaps, no moves), to show what the improvement rounds add. It reaches
    into the scheduler's internals on purpose: the module offers no such switch."""
    board = scheduling._Board(problem)
    scheduling._fill(board, [k for k in board.best_first if not board.pinned[k]])
    return board.result()


def measure(name: str, sizes: dict, runs: int) -> dict:
    problem = build_problem(**sizes)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        schedule = schedule_meetings(problem)
        timings.append(time.perf_counter() - started)
    started = time.perf_counter()
    violations = check_schedule(problem, schedule.meetings)
    check_s = time.perf_counter() - started
    if violations:
        raise SystemExit(f"{name}: the schedule breaks the rules: {[v.code for v in violations]}")
    greedy = greedy_alone(problem)
    reasons = Counter(pair.reason.value for pair in schedule.unscheduled)
    table_places = len(problem.tables) * len(problem.slots)
    return {
        "name": name,
        "sizes": sizes,
        "candidates": len(problem.candidates),
        "pinned": len(problem.pinned),
        "runs": timings,
        "median_s": statistics.median(timings),
        "check_s": check_s,
        "meetings": len(schedule.meetings),
        "greedy_meetings": len(greedy.meetings),
        "score": float(schedule.total_score),
        "greedy_score": float(greedy.total_score),
        "table_use": len(schedule.meetings) / table_places if table_places else 0.0,
        "unscheduled": dict(sorted(reasons.items())),
    }


def _row(result: dict) -> str:
    s = result["sizes"]
    size = f"{s['buyers']} buyers, {s['vendors']} vendors, {s['tables']} tables, {s['slots']} slots"
    runs = ", ".join(f"{x:.3f}" for x in result["runs"])
    left = ", ".join(f"{reason} {count}" for reason, count in result["unscheduled"].items()) or "none"
    gain = (f"{result['greedy_meetings']:,} meetings, score {result['greedy_score']:,.0f} → "
            f"{result['meetings']:,}, {result['score']:,.0f}")
    return (f"| {result['name']} ({size}) | {result['candidates']:,} ({result['pinned']} pinned) "
            f"| {result['median_s']:.3f} s | {runs} | {result['meetings']:,} ({result['table_use']:.0%} of "
            f"table places) | {gain} | {left} | {result['check_s'] * 1000:.0f} ms |")


def section(results: list[dict]) -> str:
    lines = [
        "<!-- scheduling:start -->",
        "## Scheduling",
        "",
        f"Machine: {machine()}. Date: {dt.datetime.now(dt.UTC).date().isoformat()}. Written by "
        "`bench/bench_scheduling.py` (also run by `make bench`): `schedule_meetings` on generated events "
        f"(seed {SEED}), median of {len(results[0]['runs'])} runs; target for the issue's event < "
        f"{TARGET_S:.0f} s.",
        "",
        "| event | candidate pairs | median | runs (s) | meetings | greedy pass alone → with improvements "
        "| pairs left out, by reason | re-check |",
        "|---|---|---|---|---|---|---|---|",
        *(_row(result) for result in results),
        "",
        "With 40 tables, 8 slots hold 320 meetings for about 2,000 candidate pairs: the greedy pass fills",
        "every table with the best pairs that fit and the improvement rounds (swaps, moves) find nothing to",
        "add. With 100 tables the people, not the tables, are the bottleneck, and moving meetings between",
        "slots makes room for more. `re-check` is `check_schedule` over the whole result.",
        "<!-- scheduling:end -->",
    ]
    return "\n".join(lines)


def write_docs(text: str) -> None:
    target = ROOT / "docs" / "benchmarks.md"
    current = target.read_text() if target.exists() else "# Benchmarks\n"
    pattern = re.compile(r"<!-- scheduling:start -->.*?<!-- scheduling:end -->", flags=re.S)
    if pattern.search(current):
        updated = pattern.sub(lambda _match: text, current)
    else:
        updated = current.rstrip("\n") + "\n\n" + text + "\n"
    target.write_text(updated)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-docs", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args()
    results = [measure(name, sizes, args.runs) for name, sizes in INSTANCES]
    text = section(results)
    print(text)
    if not args.no_docs:
        write_docs(text)
    main_result = results[0]
    print(json.dumps({
        "name": "schedule 1:1 meetings, 100 buyers, 300 vendors, 40 tables, 8 slots",
        "runs": [round(x, 4) for x in main_result["runs"]],
        "median_s": round(main_result["median_s"], 4),
        "notes": (f"{main_result['candidates']:,} candidate pairs, {main_result['meetings']} meetings; "
                  f"target < {TARGET_S:.0f} s"),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
