"""Re-checking a hand-edited schedule: each kind of violation from one edit of a valid schedule."""

from __future__ import annotations

import pytest

from katalog.events.schedule_checks import ViolationCode
from katalog.events.scheduling import (
    Booking,
    CandidatePair,
    Participant,
    SchedulingProblem,
    check_schedule,
    schedule_meetings,
)

PINNED = Booking("b1", "v1", "s1", "T1")
PROBLEM = SchedulingProblem(
    slots=["s1", "s2", "s3"],
    tables=["T1", "T2"],
    buyers=[Participant("b1"), Participant("b2", available_slots={"s1", "s2"}),
            Participant("b3", max_meetings=1), Participant("b4")],
    vendors=[Participant("v1"), Participant("v2", available_slots={"s1", "s2"}),
             Participant("v3", max_meetings=1), Participant("v4")],
    candidates=[CandidatePair(b, v, 5) for b, v in [("b1", "v1"), ("b1", "v2"), ("b1", "v3"), ("b1", "v4"),
                                                    ("b2", "v1"), ("b2", "v2"), ("b2", "v4"), ("b3", "v1"),
                                                    ("b3", "v3")]],
    pinned=[PINNED],
)
VALID = [PINNED, Booking("b2", "v2", "s1", "T2"), Booking("b3", "v3", "s3", "T1")]


def test_a_valid_schedule_has_no_violations():
    assert check_schedule(PROBLEM, VALID) == []


@pytest.mark.parametrize(
    ("bookings", "code"),
    [
        ([*VALID, Booking("b9", "v1", "s3", "T2")], ViolationCode.UNKNOWN_BUYER),
        ([*VALID, Booking("b1", "v9", "s3", "T2")], ViolationCode.UNKNOWN_VENDOR),
        ([*VALID, Booking("b1", "v2", "s9", "T1")], ViolationCode.UNKNOWN_SLOT),
        ([*VALID, Booking("b1", "v2", "s2", "T9")], ViolationCode.UNKNOWN_TABLE),
        ([*VALID, Booking("b4", "v2", "s2", "T2")], ViolationCode.NOT_A_CANDIDATE),
        ([*VALID, Booking("b2", "v1", "s3", "T2")], ViolationCode.BUYER_UNAVAILABLE),
        ([*VALID, Booking("b1", "v2", "s3", "T2")], ViolationCode.VENDOR_UNAVAILABLE),
        ([*VALID, Booking("b1", "v2", "s2", "T1"), Booking("b1", "v4", "s2", "T2")],
         ViolationCode.BUYER_DOUBLE_BOOKED),
        ([*VALID, Booking("b1", "v4", "s2", "T1"), Booking("b2", "v4", "s2", "T2")],
         ViolationCode.VENDOR_DOUBLE_BOOKED),
        ([*VALID, Booking("b1", "v2", "s2", "T1"), Booking("b2", "v1", "s2", "T1")],
         ViolationCode.TABLE_DOUBLE_BOOKED),
        ([*VALID, Booking("b2", "v2", "s2", "T1")], ViolationCode.PAIR_REPEATED),
        ([*VALID, Booking("b3", "v1", "s2", "T1")], ViolationCode.BUYER_OVER_LIMIT),
        ([*VALID, Booking("b1", "v3", "s2", "T1")], ViolationCode.VENDOR_OVER_LIMIT),
        (VALID[1:], ViolationCode.PINNED_MISSING),
        ([Booking("b1", "v1", "s2", "T1"), *VALID[1:]], ViolationCode.PINNED_MISSING),
    ],
)
def test_finds_each_kind_of_violation(bookings, code):
    violations = check_schedule(PROBLEM, bookings)

    assert [violation.code for violation in violations] == [code]
    assert violations[0].bookings
    assert all(str(value) in violations[0].message for value in violations[0].params.values())


def test_a_violation_names_the_meetings_and_the_place():
    clash = [Booking("b1", "v2", "s2", "T1"), Booking("b2", "v1", "s2", "T1")]

    [violation] = check_schedule(PROBLEM, [*VALID, *clash])

    assert violation.bookings == tuple(clash)
    assert violation.params == {"table": "T1", "slot": "s2", "count": 2}


def test_reports_every_violation_of_an_edit_not_only_the_first():
    pinned_moved = Booking("b1", "v1", "s2", "T1")
    edited = [pinned_moved, *VALID[1:], Booking("b2", "v1", "s2", "T1"), Booking("b4", "v4", "s3", "T2")]

    codes = [violation.code for violation in check_schedule(PROBLEM, edited)]

    assert codes == [ViolationCode.NOT_A_CANDIDATE, ViolationCode.VENDOR_DOUBLE_BOOKED,
                     ViolationCode.TABLE_DOUBLE_BOOKED, ViolationCode.PINNED_MISSING]


def test_accepts_the_schedulers_own_meetings_and_catches_a_hand_edit_into_a_busy_slot():
    meetings = list(schedule_meetings(PROBLEM).meetings)
    assert check_schedule(PROBLEM, meetings) == []

    edited = [*meetings, Booking("b2", "v1", "s1", "T2")]  # v1 has its pinned meeting in s1

    codes = {violation.code for violation in check_schedule(PROBLEM, edited)}
    assert ViolationCode.VENDOR_DOUBLE_BOOKED in codes
