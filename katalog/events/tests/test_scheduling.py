"""The meeting scheduler on worked cases, one behaviour each (its guarantees on random events are in
test_scheduling_properties.py)."""

from __future__ import annotations

import dataclasses

import pytest

from katalog.events.scheduling import (
    Booking,
    CandidatePair,
    InvalidProblem,
    Participant,
    PinnedMeetingsConflict,
    SchedulingProblem,
    UnscheduledReason,
    schedule_meetings,
)


def event(*, slots=("s1",), tables=("T1",), buyers=("b1",), vendors=("v1",), pairs=(), pinned=()):
    """A problem from short-hands: participants as ids or Participants, pairs as (buyer, vendor, score)."""

    def participant(p):
        return p if isinstance(p, Participant) else Participant(p)

    return SchedulingProblem(
        slots=slots, tables=tables,
        buyers=[participant(p) for p in buyers], vendors=[participant(p) for p in vendors],
        candidates=[CandidatePair(b, v, score) for b, v, score in pairs], pinned=pinned,
    )


def placed(schedule) -> set[tuple]:
    return {(m.buyer, m.vendor, m.slot) for m in schedule.meetings}


def left_out(schedule) -> dict[tuple, UnscheduledReason]:
    return {(p.buyer, p.vendor): p.reason for p in schedule.unscheduled}


# -- worked cases -------------------------------------------------------------------------------------

def test_the_better_match_gets_the_only_table():
    problem = event(buyers=["b1", "b2"], pairs=[("b1", "v1", 40), ("b2", "v1", 70)])

    schedule = schedule_meetings(problem)

    assert placed(schedule) == {("b2", "v1", "s1")}
    assert left_out(schedule) == {("b1", "v1"): UnscheduledReason.NO_COMMON_FREE_SLOT}


@pytest.mark.parametrize(
    ("buyers", "vendors", "winner"),
    [
        (["b2", "b1"], ["v1", "v2"], ("b2", "v2", "s1")),  # equal scores: the buyer listed first
        (["b1", "b2"], ["v1", "v2"], ("b1", "v1", "s1")),
        (["b1"], ["v2", "v1"], ("b1", "v2", "s1")),  # same buyer: the vendor listed first
    ],
)
def test_equal_scores_go_by_the_order_of_buyers_then_vendors(buyers, vendors, winner):
    pairs = [(b, v, 5) for b, v in [("b1", "v1"), ("b2", "v2"), ("b1", "v2")] if b in buyers]
    problem = event(buyers=buyers, vendors=vendors, pairs=pairs)

    assert placed(schedule_meetings(problem)) == {winner}


def test_each_meeting_takes_the_earliest_slot_that_fits():
    problem = event(slots=["s1", "s2", "s3"], buyers=["b1", "b2"], vendors=["v1", "v2"],
                    pairs=[("b1", "v1", 9), ("b1", "v2", 8), ("b2", "v1", 7)])

    schedule = schedule_meetings(problem)

    assert placed(schedule) == {("b1", "v1", "s1"), ("b1", "v2", "s2"), ("b2", "v1", "s3")}


def test_a_meeting_moves_to_another_slot_to_make_room_for_a_pair_with_one_common_slot():
    problem = event(slots=["s1", "s2"], tables=["T1", "T2"],
                    buyers=["b1", Participant("b2", available_slots={"s1"})],
                    pairs=[("b1", "v1", 10), ("b2", "v1", 5)])

    schedule = schedule_meetings(problem)

    # Greedy alone puts (b1, v1) in s1, the only slot b2 has; the repair moves it to s2.
    assert placed(schedule) == {("b1", "v1", "s2"), ("b2", "v1", "s1")}
    assert schedule.unscheduled == ()


def test_a_meeting_moves_to_another_slot_to_free_the_only_table():
    problem = event(slots=["s1", "s2"], buyers=[Participant("b1", available_slots={"s1"}), "b2"],
                    vendors=["v1", "v2"], pairs=[("b1", "v1", 1), ("b2", "v2", 3)])

    schedule = schedule_meetings(problem)

    assert placed(schedule) == {("b2", "v2", "s2"), ("b1", "v1", "s1")}


def test_a_better_pair_takes_the_place_of_a_lesser_one_once_a_move_opened_the_way():
    problem = event(
        slots=["s1", "s2"], tables=["T1", "T2"],
        buyers=[Participant("b1", available_slots={"s1"}), "b2"],
        vendors=["v1", Participant("v2", available_slots={"s1"}), "v3"],
        pairs=[("b2", "v1", 9), ("b1", "v1", 8), ("b1", "v3", 3), ("b2", "v2", 3)],
    )

    schedule = schedule_meetings(problem)

    # Greedy: (b2, v1) in s1 keeps out (b1, v1); (b1, v3) takes s1. Moving (b2, v1) to s2 lets (b2, v2)
    # into s1, and then (b1, v1), score 8, replaces (b1, v3), score 3.
    assert placed(schedule) == {("b1", "v1", "s1"), ("b2", "v2", "s1"), ("b2", "v1", "s2")}
    assert left_out(schedule) == {("b1", "v3"): UnscheduledReason.NO_COMMON_FREE_SLOT}
    assert schedule.total_score == 20


def test_a_better_pair_takes_the_only_meeting_a_vendor_accepts_from_a_lesser_one():
    problem = event(
        slots=["s1", "s2", "s3"], tables=["T1", "T2"],
        buyers=[Participant("b1", available_slots={"s1", "s2"}),
                Participant("b2", available_slots={"s1", "s3"}), "b3"],
        vendors=["v1", Participant("v2", available_slots={"s1", "s2"}, max_meetings=1)],
        pairs=[("b2", "v1", 6), ("b3", "v1", 6), ("b2", "v2", 3), ("b1", "v1", 2), ("b1", "v2", 2)],
    )

    schedule = schedule_meetings(problem)

    # Greedy gives v2's one meeting to (b1, v2), score 2, while b2 is busy; once moves free b2 in s1,
    # (b2, v2), score 3, takes it.
    assert placed(schedule) == {("b2", "v2", "s1"), ("b1", "v1", "s1"),
                                ("b3", "v1", "s2"), ("b2", "v1", "s3")}
    assert left_out(schedule) == {("b1", "v2"): UnscheduledReason.MEETING_LIMIT}


def test_a_better_pair_takes_the_table_of_the_least_meeting_of_a_full_slot():
    problem = event(
        slots=["s1", "s2", "s3"], tables=["T1", "T2"],
        buyers=[Participant("b0", available_slots={"s2"}), Participant("b1", available_slots={"s1", "s2"}),
                Participant("b2", available_slots={"s2", "s3"})],
        vendors=["v0", Participant("v2", available_slots={"s1", "s2"}),
                 Participant("v3", available_slots={"s1", "s2"})],
        pairs=[("b0", "v2", 2), ("b1", "v0", 3), ("b1", "v3", 6), ("b2", "v0", 6), ("b2", "v3", 4)],
    )

    schedule = schedule_meetings(problem)

    # (b0, v2), score 2, had taken the last table of s2; after (b2, v0) moved to s3, (b1, v0), score 3,
    # could sit in s2 but for the tables, so it takes that table.
    assert placed(schedule) == {("b1", "v3", "s1"), ("b2", "v3", "s2"),
                                ("b1", "v0", "s2"), ("b2", "v0", "s3")}
    assert left_out(schedule) == {("b0", "v2"): UnscheduledReason.NO_TABLE_LEFT}


def test_a_buyer_keeps_its_table_from_one_slot_to_the_next_when_it_is_free():
    problem = event(slots=["s1", "s2"], tables=["T1", "T2"], buyers=["b1", "b2"], vendors=["v1", "v2"],
                    pairs=[("b1", "v1", 9), ("b2", "v2", 8), ("b2", "v1", 7), ("b1", "v2", 6)])

    schedule = schedule_meetings(problem)

    tables = {(m.buyer, m.slot): m.table for m in schedule.meetings}
    assert tables == {("b1", "s1"): "T1", ("b2", "s1"): "T2", ("b2", "s2"): "T2", ("b1", "s2"): "T1"}
    assert [(m.slot, m.table) for m in schedule.meetings] == [("s1", "T1"), ("s1", "T2"), ("s2", "T1"),
                                                              ("s2", "T2")]


def test_pinned_meetings_stay_where_they_are_even_against_a_better_match():
    pinned = Booking("b1", "v1", "s1", "T2")
    problem = event(tables=["T1", "T2"], buyers=["b1", "b2"], vendors=["v1", "v2"],
                    pairs=[("b1", "v1", 1), ("b1", "v2", 99), ("b2", "v1", 98)], pinned=[pinned])

    schedule = schedule_meetings(problem)

    assert [(m.buyer, m.vendor, m.slot, m.table, m.pinned) for m in schedule.meetings] == [
        ("b1", "v1", "s1", "T2", True),
    ]
    assert left_out(schedule) == {("b1", "v2"): UnscheduledReason.NO_COMMON_FREE_SLOT,
                                  ("b2", "v1"): UnscheduledReason.NO_COMMON_FREE_SLOT}


def test_a_pinned_meeting_is_never_moved_to_make_room():
    problem = event(slots=["s1", "s2"], tables=["T1", "T2"],
                    buyers=["b1", Participant("b2", available_slots={"s1"})],
                    pairs=[("b1", "v1", 10), ("b2", "v1", 5)], pinned=[Booking("b1", "v1", "s1", "T1")])

    schedule = schedule_meetings(problem)

    assert placed(schedule) == {("b1", "v1", "s1")}
    assert left_out(schedule) == {("b2", "v1"): UnscheduledReason.NO_COMMON_FREE_SLOT}


@pytest.mark.parametrize(
    ("problem", "reason"),
    [
        (event(slots=["s1", "s2"], buyers=[Participant("b1", available_slots={"s1"})],
               vendors=[Participant("v1", available_slots={"s2"})], pairs=[("b1", "v1", 5)]),
         UnscheduledReason.NO_COMMON_AVAILABILITY),
        (event(slots=["s1", "s2"], buyers=[Participant("b1", max_meetings=1)], vendors=["v1", "v2"],
               pairs=[("b1", "v1", 9), ("b1", "v2", 5)]),
         UnscheduledReason.MEETING_LIMIT),
        (event(vendors=[Participant("v1", max_meetings=0)], pairs=[("b1", "v1", 5)]),
         UnscheduledReason.MEETING_LIMIT),
        (event(buyers=["b0", "b1"], vendors=["v0", "v1"], pairs=[("b0", "v0", 9), ("b1", "v1", 5)]),
         UnscheduledReason.NO_TABLE_LEFT),
        (event(tables=[], pairs=[("b1", "v1", 5)]), UnscheduledReason.NO_TABLE_LEFT),
        (event(tables=["T1", "T2"], buyers=["b0", "b1"], pairs=[("b0", "v1", 9), ("b1", "v1", 5)]),
         UnscheduledReason.NO_COMMON_FREE_SLOT),
    ],
)
def test_a_pair_left_out_says_why(problem, reason):
    schedule = schedule_meetings(problem)

    assert left_out(schedule)[("b1", problem.candidates[-1].vendor)] == reason


@pytest.mark.parametrize(
    "change",
    [
        {"candidates": [CandidatePair("b1", "v1", 0)]},
        {"candidates": [CandidatePair("b1", "v9", 5)]},
        {"candidates": [CandidatePair("b9", "v1", 5)]},
        {"candidates": [CandidatePair("b1", "v1", 5), CandidatePair("b1", "v1", 6)]},
        {"buyers": [Participant("b1", available_slots={"s9"})]},
        {"vendors": [Participant("v1"), Participant("v1")]},
        {"vendors": [Participant("v1", max_meetings=-1)]},
        {"slots": ["s1", "s1"]},
        {"tables": ["T1", "T1"]},
    ],
)
def test_refuses_an_inconsistent_problem(change):
    problem = dataclasses.replace(event(pairs=[("b1", "v1", 5)]), **change)

    with pytest.raises(InvalidProblem):
        schedule_meetings(problem)


@pytest.mark.parametrize(
    ("pinned", "code"),
    [
        ([Booking("b1", "v1", "s1", "T1"), Booking("b2", "v2", "s1", "T1")], "table_double_booked"),
        ([Booking("b1", "v2", "s1", "T1")], "not_a_candidate"),
        ([Booking("b2", "v2", "s2", "T1")], "buyer_unavailable"),
    ],
)
def test_refuses_pinned_meetings_that_break_the_rules(pinned, code):
    problem = event(slots=["s1", "s2"], tables=["T1", "T2"],
                    buyers=["b1", Participant("b2", available_slots={"s1"})], vendors=["v1", "v2"],
                    pairs=[("b1", "v1", 5), ("b2", "v2", 5)], pinned=pinned)

    with pytest.raises(PinnedMeetingsConflict) as refused:
        schedule_meetings(problem)

    assert [violation.code for violation in refused.value.violations] == [code]
