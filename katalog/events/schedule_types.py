"""The plain data a meeting schedule is made from and made of (no models: the scheduler is pure).

Ids of slots, tables, buyers and vendors are whatever the caller uses (database ids, codes): any
hashable values. Buyer ids and vendor ids are separate name spaces. Order matters where it is kept:
slots in time order, tables in the order they are numbered in the hall, buyers and vendors in the
order used to break ties between equal scores.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from numbers import Real


@dataclass(frozen=True)
class Participant:
    """A registered buyer or vendor; `available_slots` None means every slot, `max_meetings` None no limit."""

    id: Hashable
    available_slots: frozenset | None = None
    max_meetings: int | None = None

    def __post_init__(self) -> None:
        if self.available_slots is not None and not isinstance(self.available_slots, frozenset):
            object.__setattr__(self, "available_slots", frozenset(self.available_slots))


@dataclass(frozen=True)
class CandidatePair:
    """A buyer and a vendor worth a meeting, with the matching engine's score (> 0, higher is better)."""

    buyer: Hashable
    vendor: Hashable
    score: Real


@dataclass(frozen=True)
class Booking:
    """A meeting placed in a slot at a table: what a hand edit names and what `check_schedule` reads."""

    buyer: Hashable
    vendor: Hashable
    slot: Hashable
    table: Hashable

    @property
    def pair(self) -> tuple[Hashable, Hashable]:
        return (self.buyer, self.vendor)


@dataclass(frozen=True)
class Meeting(Booking):
    """A booking made by the scheduler, with its pair's score; `pinned` when it came from a hand edit."""

    score: Real = 0
    pinned: bool = False


class UnscheduledReason(StrEnum):
    # The buyer and the vendor are never both available.
    NO_COMMON_AVAILABILITY = "no_common_availability"
    # The buyer or the vendor already has as many meetings as it accepts.
    MEETING_LIMIT = "meeting_limit"
    # In every slot both are available, one of them already has a better (or pinned) meeting.
    NO_COMMON_FREE_SLOT = "no_common_free_slot"
    # Both are free in some slot, but every table of that slot is taken.
    NO_TABLE_LEFT = "no_table_left"


@dataclass(frozen=True)
class UnscheduledPair:
    buyer: Hashable
    vendor: Hashable
    score: Real
    reason: UnscheduledReason


def _as_tuple(values: Iterable) -> tuple:
    return values if isinstance(values, tuple) else tuple(values)


@dataclass(frozen=True)
class SchedulingProblem:
    """Everything the scheduler needs. `pinned` are hand-placed meetings that must stay where they are."""

    slots: tuple
    tables: tuple
    buyers: tuple[Participant, ...]
    vendors: tuple[Participant, ...]
    candidates: tuple[CandidatePair, ...]
    pinned: tuple[Booking, ...] = ()

    def __post_init__(self) -> None:
        for name in ("slots", "tables", "buyers", "vendors", "candidates", "pinned"):
            object.__setattr__(self, name, _as_tuple(getattr(self, name)))


@dataclass(frozen=True)
class Schedule:
    """The scheduler's answer: meetings by slot then table, and the pairs left out, best first."""

    meetings: tuple[Meeting, ...]
    unscheduled: tuple[UnscheduledPair, ...] = field(default=())

    @property
    def total_score(self) -> Real:
        return sum(meeting.score for meeting in self.meetings)


class InvalidProblem(ValueError):
    """The input itself is inconsistent (unknown ids, duplicate pairs, scores not above zero...)."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


class PinnedMeetingsConflict(ValueError):
    """The pinned meetings break the rules among themselves; `violations` says how."""

    def __init__(self, violations: list):
        super().__init__("; ".join(violation.code for violation in violations))
        self.violations = violations
