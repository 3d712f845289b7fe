"""The scheduler's guarantees (see katalog/events/scheduling.py) on random events.

Each guarantee is re-derived from the output by plain counting, and the brute-force helpers try
every removal and every move the guarantees rule out, so the tests lean neither on the scheduler's
own bookkeeping nor on `check_schedule`. Hypothesis draws small events and shrinks failures; the
seeded events are denser, so the repairs (moves, swaps) that small events rarely need happen often."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from katalog.events.scheduling import (
    Booking,
    CandidatePair,
    Participant,
    SchedulingProblem,
    UnscheduledReason,
    check_schedule,
    schedule_meetings,
)

ROOT = Path(__file__).resolve().parents[3]
PROPERTY = settings(max_examples=150, deadline=None, database=None)


def with_valid_pins(problem: SchedulingProblem, wanted: list[Booking]) -> SchedulingProblem:
    pins: list[Booking] = []
    for booking in wanted:
        if not check_schedule(problem, [*pins, booking]):
            pins.append(booking)
    return dataclasses.replace(problem, pinned=pins)


@st.composite
def events(draw):
    slots = [f"s{i}" for i in range(draw(st.integers(1, 4)))]
    tables = [f"T{i}" for i in range(draw(st.integers(0, 3)))]
    availability = st.one_of(st.none(), st.frozensets(st.sampled_from(slots), min_size=1,
                                                      max_size=max(1, len(slots) - 1)))
    limit = st.one_of(st.none(), st.none(), st.integers(0, 3))
    buyers = [Participant(f"b{i}", draw(availability), draw(limit)) for i in range(draw(st.integers(1, 5)))]
    vendors = [Participant(f"v{i}", draw(availability), draw(limit)) for i in range(draw(st.integers(1, 5)))]
    all_pairs = [(b.id, v.id) for b in buyers for v in vendors]
    pairs = draw(st.lists(st.sampled_from(all_pairs), unique=True, min_size=len(all_pairs) // 2))
    candidates = [CandidatePair(b, v, draw(st.integers(1, 6))) for b, v in pairs]
    problem = SchedulingProblem(slots=slots, tables=tables, buyers=buyers, vendors=vendors,
                                candidates=candidates)
    wanted = []
    if candidates and tables:
        for pair in draw(st.lists(st.sampled_from(candidates), max_size=3)):
            wanted.append(Booking(pair.buyer, pair.vendor, draw(st.sampled_from(slots)),
                                  draw(st.sampled_from(tables))))
    return with_valid_pins(problem, wanted)


def seeded_event(seed: int) -> SchedulingProblem:
    rng = random.Random(seed)
    slots = [f"s{i}" for i in range(rng.randint(2, 4))]
    tables = [f"T{i}" for i in range(rng.randint(1, 3))]

    def participant(ident: str) -> Participant:
        restricted = rng.random() < 0.6
        available = frozenset(rng.sample(slots, rng.randint(1, len(slots) - 1))) if restricted else None
        return Participant(ident, available, rng.randint(0, 3) if rng.random() < 0.2 else None)

    buyers = [participant(f"b{i}") for i in range(rng.randint(2, 5))]
    vendors = [participant(f"v{i}") for i in range(rng.randint(2, 5))]
    candidates = [CandidatePair(b.id, v.id, rng.randint(1, 6))
                  for b in buyers for v in vendors if rng.random() < 0.7]
    problem = SchedulingProblem(slots=slots, tables=tables, buyers=buyers, vendors=vendors,
                                candidates=candidates)
    wanted = [Booking(c.buyer, c.vendor, rng.choice(slots), rng.choice(tables))
              for c in rng.sample(candidates, min(len(candidates), rng.randint(0, 2)))]
    return with_valid_pins(problem, wanted)


# -- the rules, counted directly --------------------------------------------------------------------

def participants(problem):
    return {p.id: p for p in problem.buyers}, {p.id: p for p in problem.vendors}


def available(participant, slot) -> bool:
    return participant.available_slots is None or slot in participant.available_slots


def within_limit(participant, count) -> bool:
    return participant.max_meetings is None or count <= participant.max_meetings


def is_valid(problem, bookings) -> bool:
    buyers, vendors = participants(problem)
    pairs = {(c.buyer, c.vendor) for c in problem.candidates}
    return (
        all(b.pair in pairs and b.slot in problem.slots and b.table in problem.tables for b in bookings)
        and all(available(buyers[b.buyer], b.slot) and available(vendors[b.vendor], b.slot) for b in bookings)
        and max(Counter((b.buyer, b.slot) for b in bookings).values(), default=0) <= 1
        and max(Counter((b.vendor, b.slot) for b in bookings).values(), default=0) <= 1
        and max(Counter((b.table, b.slot) for b in bookings).values(), default=0) <= 1
        and max(Counter(b.pair for b in bookings).values(), default=0) <= 1
        and all(within_limit(buyers[x], n) for x, n in Counter(b.buyer for b in bookings).items())
        and all(within_limit(vendors[x], n) for x, n in Counter(b.vendor for b in bookings).items())
    )


def free_table(problem, bookings, slot):
    used = {b.table for b in bookings if b.slot == slot}
    return next((t for t in problem.tables if t not in used), None)


def fits(problem, bookings, pair) -> bool:
    """Could the pair be added to these bookings as they stand, in some slot?"""
    for slot in problem.slots:
        table = free_table(problem, bookings, slot)
        added = Booking(pair.buyer, pair.vendor, slot, table)
        if table is not None and is_valid(problem, [*bookings, added]):
            return True
    return False


def moved(problem, bookings, meeting, slot):
    """The bookings with `meeting` moved to another slot (at a free table), or None if not valid."""
    if meeting.pinned or slot == meeting.slot:
        return None
    rest = [b for b in bookings if b is not meeting]
    table = free_table(problem, rest, slot)
    if table is None:
        return None
    result = [*rest, Booking(meeting.buyer, meeting.vendor, slot, table)]
    return result if is_valid(problem, result) else None


# -- what each guarantee rules out --------------------------------------------------------------------

def rule_breaks(problem, schedule) -> list[str]:
    meetings = schedule.meetings
    scores = {(c.buyer, c.vendor): c.score for c in problem.candidates}
    pinned = {(m.buyer, m.vendor, m.slot, m.table) for m in meetings if m.pinned}
    checks = {
        "buyer twice in a slot": max(Counter((m.buyer, m.slot) for m in meetings).values(), default=0) <= 1,
        "vendor twice in a slot": max(Counter((m.vendor, m.slot) for m in meetings).values(), default=0) <= 1,
        "table twice in a slot": max(Counter((m.table, m.slot) for m in meetings).values(), default=0) <= 1,
        "pair met twice": max(Counter((m.buyer, m.vendor) for m in meetings).values(), default=0) <= 1,
        "not a candidate or wrong score": all(scores.get((m.buyer, m.vendor)) == m.score for m in meetings),
        "availability, limits or unknown ids": is_valid(problem, meetings),
        "pinned meetings not kept": pinned == {(p.buyer, p.vendor, p.slot, p.table) for p in problem.pinned},
    }
    return [rule for rule, kept in checks.items() if not kept]


def wrong_reasons(problem, schedule) -> list:
    buyers, vendors = participants(problem)
    busy = {(m.buyer, m.slot) for m in schedule.meetings} | {(m.vendor, m.slot) for m in schedule.meetings}
    counts = Counter(m.buyer for m in schedule.meetings) + Counter(m.vendor for m in schedule.meetings)
    wrong = []
    for pair in schedule.unscheduled:
        buyer, vendor = buyers[pair.buyer], vendors[pair.vendor]
        common = [s for s in problem.slots if available(buyer, s) and available(vendor, s)]
        if not common:
            expected = UnscheduledReason.NO_COMMON_AVAILABILITY
        elif not within_limit(buyer, counts[buyer.id] + 1) or not within_limit(vendor, counts[vendor.id] + 1):
            expected = UnscheduledReason.MEETING_LIMIT
        elif any((buyer.id, s) not in busy and (vendor.id, s) not in busy for s in common):
            expected = UnscheduledReason.NO_TABLE_LEFT
        else:
            expected = UnscheduledReason.NO_COMMON_FREE_SLOT
        if pair.reason != expected:
            wrong.append((pair, expected))
    return wrong


def pairs_that_fit_as_it_stands(problem, schedule) -> list:
    return [pair for pair in schedule.unscheduled if fits(problem, schedule.meetings, pair)]


def pairs_blocked_by_one_lesser_meeting(problem, schedule) -> list:
    return [
        (pair, meeting)
        for pair in schedule.unscheduled
        for meeting in schedule.meetings
        if not meeting.pinned and meeting.score < pair.score
        and fits(problem, [m for m in schedule.meetings if m is not meeting], pair)
    ]


def easy_repairs_left(problem, schedule) -> list:
    meetings = list(schedule.meetings)
    repairs = []
    for pair in schedule.unscheduled:
        for meeting in meetings:  # one meeting, anywhere, to any other slot
            for slot in problem.slots:
                after = moved(problem, meetings, meeting, slot)
                if after is not None and fits(problem, after, pair):
                    repairs.append((pair, meeting, slot))
        for slot in problem.slots:  # the buyer's and the vendor's meetings of one slot, both elsewhere
            in_the_way = [m for m in meetings
                          if m.slot == slot and (m.buyer == pair.buyer or m.vendor == pair.vendor)]
            if len(in_the_way) < 2:
                continue
            for first in problem.slots:
                once = moved(problem, meetings, in_the_way[0], first)
                for second in problem.slots if once is not None else ():
                    twice = moved(problem, once, in_the_way[1], second)
                    if twice is not None and fits(problem, twice, pair):
                        repairs.append((pair, in_the_way, first, second))
    return repairs


# -- the tests ------------------------------------------------------------------------------------------

@given(events())
@PROPERTY
def test_a_schedule_never_double_books_and_keeps_every_rule(problem):
    schedule = schedule_meetings(problem)

    assert rule_breaks(problem, schedule) == []
    assert check_schedule(problem, schedule.meetings) == []


@given(events())
@PROPERTY
def test_every_candidate_pair_is_either_scheduled_or_left_out_with_its_reason(problem):
    schedule = schedule_meetings(problem)

    scheduled = [(m.buyer, m.vendor) for m in schedule.meetings]
    unscheduled = [(p.buyer, p.vendor) for p in schedule.unscheduled]
    assert sorted(scheduled + unscheduled) == sorted((c.buyer, c.vendor) for c in problem.candidates)
    scores = [p.score for p in schedule.unscheduled]
    assert scores == sorted(scores, reverse=True)
    assert wrong_reasons(problem, schedule) == []


@given(events())
@PROPERTY
def test_no_pair_left_out_fits_into_the_schedule_as_it_stands(problem):
    schedule = schedule_meetings(problem)

    assert pairs_that_fit_as_it_stands(problem, schedule) == []


@given(events())
@PROPERTY
def test_no_pair_left_out_would_fit_after_removing_one_meeting_of_lower_score(problem):
    schedule = schedule_meetings(problem)

    assert pairs_blocked_by_one_lesser_meeting(problem, schedule) == []


@given(events())
@PROPERTY
def test_no_pair_left_out_would_fit_after_moving_the_meetings_in_its_way(problem):
    schedule = schedule_meetings(problem)

    assert easy_repairs_left(problem, schedule) == []


@pytest.mark.parametrize("first_seed", range(0, 400, 100))
def test_every_guarantee_holds_on_denser_seeded_events(first_seed):
    for seed in range(first_seed, first_seed + 100):
        problem = seeded_event(seed)

        schedule = schedule_meetings(problem)

        assert rule_breaks(problem, schedule) == [], seed
        assert wrong_reasons(problem, schedule) == [], seed
        assert pairs_that_fit_as_it_stands(problem, schedule) == [], seed
        assert pairs_blocked_by_one_lesser_meeting(problem, schedule) == [], seed
        assert easy_repairs_left(problem, schedule) == [], seed


@given(events())
@PROPERTY
def test_the_same_event_gives_the_same_schedule(problem):
    copy = SchedulingProblem(slots=list(problem.slots), tables=list(problem.tables),
                             buyers=list(problem.buyers), vendors=list(problem.vendors),
                             candidates=list(problem.candidates), pinned=list(problem.pinned))

    assert schedule_meetings(copy) == schedule_meetings(problem)


SCHEDULE_AS_JSON = """
import json, random
from katalog.events.schedule_types import CandidatePair, Participant, SchedulingProblem
from katalog.events.scheduling import schedule_meetings
rng = random.Random(7)
slots = [f"sesi-{i}" for i in range(4)]
buyers = [Participant(f"dinas-{i}", frozenset(rng.sample(slots, 3)) if i % 3 else None) for i in range(12)]
vendors = [Participant(f"umkm-{i}", None, 2 if i % 4 == 0 else None) for i in range(20)]
pairs = {(b.id, rng.choice(vendors).id) for b in buyers for _ in range(6)}
candidates = [CandidatePair(b, v, rng.randint(1, 4)) for b, v in sorted(pairs)]
problem = SchedulingProblem(slots, [f"meja-{t}" for t in range(5)], buyers, vendors, candidates)
schedule = schedule_meetings(problem)
print(json.dumps([[m.buyer, m.vendor, m.slot, m.table] for m in schedule.meetings]
                 + [[p.buyer, p.vendor, p.reason] for p in schedule.unscheduled]))
"""


def test_the_schedule_does_not_depend_on_string_hashing():
    def run(hash_seed: str) -> list:
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-c", SCHEDULE_AS_JSON], cwd=ROOT, env=env,
                              capture_output=True, text=True, check=True)
        return json.loads(done.stdout)

    first = run("1")

    assert len(first) > 20
    assert run("2") == first
