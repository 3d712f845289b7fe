"""1:1 meetings at a business-matching event: which buyer meets which vendor, when, at which table.

    schedule = schedule_meetings(SchedulingProblem(slots=..., tables=..., buyers=..., vendors=...,
                                                   candidates=..., pinned=...))

Pure: plain data in (`schedule_types`), plain data out; no database, no clock, no randomness.

How. Pinned meetings (hand edits) are placed first, exactly where they are; they must obey the rules
among themselves (`PinnedMeetingsConflict` otherwise). Then the candidate pairs are taken best first
(score descending; equal scores in the order of the buyers, then of the vendors, in the input) and
each goes into the earliest slot where buyer and vendor are both available and free, a table is
free and neither has reached its meeting limit. Then three improvements run in turn, pairs again
best first, until a whole round changes nothing:
  swap  an unscheduled pair takes the place of one unpinned meeting of strictly lower score when
        removing that meeting makes room for it (the lowest-ranked such meeting goes, and becomes
        unscheduled: it may come back later);
  move  an unscheduled pair gets a slot by moving what is in its way there to other slots where it
        fits: its buyer's and/or its vendor's meeting of that slot, or, when only the tables of the
        slot are full, one meeting of that slot;
  fill  the greedy pass again, for room the moves opened.
Every round adds a meeting or, keeping their number, raises the sorted scores of the scheduled ones,
so the rounds end. Tables are given out last, slot by slot: pinned meetings keep theirs and a buyer
stays at the table it had in its previous meeting when that table is free.

What the result guarantees (the property tests check exactly these):
  valid      `check_schedule` finds nothing: candidate pairs only, nobody and no table twice in a
             slot, availability and limits respected, each pair at most once, pinned meetings kept;
  maximal    no unscheduled pair fits into the schedule as it stands;
  best first no unscheduled pair would fit after removing a single unpinned meeting of lower score;
  no easy    no unscheduled pair would fit after moving one unpinned meeting to another slot, or
  repair     after moving both its buyer's and its vendor's meetings of one slot to other slots.
Not guaranteed: the largest possible number of meetings or total score (longer chains of moves
could sometimes find more); each unscheduled pair comes with the reason it is left out.
"""

from __future__ import annotations

from .schedule_checks import check_schedule
from .schedule_types import (
    Booking,
    CandidatePair,
    InvalidProblem,
    Meeting,
    Participant,
    PinnedMeetingsConflict,
    Schedule,
    SchedulingProblem,
    UnscheduledPair,
    UnscheduledReason,
)

# The public interface of scheduling, in one import.
__all__ = [
    "Booking",
    "CandidatePair",
    "InvalidProblem",
    "Meeting",
    "Participant",
    "PinnedMeetingsConflict",
    "Schedule",
    "SchedulingProblem",
    "UnscheduledPair",
    "UnscheduledReason",
    "check_schedule",
    "schedule_meetings",
]

NO_LIMIT = 1 << 30


def schedule_meetings(problem: SchedulingProblem) -> Schedule:
    _validate(problem)
    conflicts = check_schedule(problem, problem.pinned)
    if conflicts:
        raise PinnedMeetingsConflict(conflicts)
    board = _Board(problem)
    unpinned_best_first = [k for k in board.best_first if not board.pinned[k]]
    while True:
        changed = _fill(board, unpinned_best_first)
        changed = _swap_in(board, unpinned_best_first) or changed
        changed = _move_in(board, unpinned_best_first) or changed
        if not changed:
            break
    return board.result()


def _validate(problem: SchedulingProblem) -> None:
    problems = []
    for name in ("slots", "tables"):
        values = getattr(problem, name)
        if len(set(values)) != len(values):
            problems.append(f"duplicate {name}")
    slots = set(problem.slots)
    for kind, participants in (("buyer", problem.buyers), ("vendor", problem.vendors)):
        if len({p.id for p in participants}) != len(participants):
            problems.append(f"duplicate {kind} ids")
        for p in participants:
            if p.available_slots is not None and not p.available_slots <= slots:
                problems.append(f"{kind} {p.id!r} is available in unknown slots")
            if p.max_meetings is not None and p.max_meetings < 0:
                problems.append(f"{kind} {p.id!r} has a negative meeting limit")
    buyers = {p.id for p in problem.buyers}
    vendors = {p.id for p in problem.vendors}
    seen = set()
    for pair in problem.candidates:
        if pair.buyer not in buyers:
            problems.append(f"candidate pair with unknown buyer {pair.buyer!r}")
        if pair.vendor not in vendors:
            problems.append(f"candidate pair with unknown vendor {pair.vendor!r}")
        if not pair.score > 0:
            problems.append(f"candidate pair {pair.buyer!r}-{pair.vendor!r} has a score not above zero")
        if (pair.buyer, pair.vendor) in seen:
            problems.append(f"candidate pair {pair.buyer!r}-{pair.vendor!r} given twice")
        seen.add((pair.buyer, pair.vendor))
    if problems:
        raise InvalidProblem(problems)


class _Board:
    """The schedule being built, on indexes: pairs k, slots s, buyers b, vendors v. Tables are only
    counted per slot until `result()` hands them out."""

    def __init__(self, problem: SchedulingProblem):
        self.problem = problem
        n_slots = len(problem.slots)
        self.slot_index = {slot: s for s, slot in enumerate(problem.slots)}
        buyer_index = {p.id: b for b, p in enumerate(problem.buyers)}
        vendor_index = {p.id: v for v, p in enumerate(problem.vendors)}
        buyer_free = [self._availability(p) for p in problem.buyers]
        vendor_free = [self._availability(p) for p in problem.vendors]
        self.buyer_cap = [NO_LIMIT if p.max_meetings is None else p.max_meetings for p in problem.buyers]
        self.vendor_cap = [NO_LIMIT if p.max_meetings is None else p.max_meetings for p in problem.vendors]
        self.tables_per_slot = len(problem.tables)

        candidates = problem.candidates
        self.buyer = [buyer_index[pair.buyer] for pair in candidates]
        self.vendor = [vendor_index[pair.vendor] for pair in candidates]
        self.score = [pair.score for pair in candidates]
        self.common = [
            [s for s in range(n_slots) if buyer_free[b][s] and vendor_free[v][s]]
            for b, v in zip(self.buyer, self.vendor, strict=True)
        ]
        self.best_first = sorted(
            range(len(candidates)), key=lambda k: (-self.score[k], self.buyer[k], self.vendor[k])
        )
        self.rank = [0] * len(candidates)
        for position, k in enumerate(self.best_first):
            self.rank[k] = position

        self.buyer_at = [[-1] * n_slots for _ in problem.buyers]
        self.vendor_at = [[-1] * n_slots for _ in problem.vendors]
        self.in_slot: list[dict[int, None]] = [{} for _ in range(n_slots)]
        self._slot_changes = [0] * n_slots
        self._lowest_cache: dict[int, tuple[int, int]] = {}
        self.buyer_count = [0] * len(problem.buyers)
        self.vendor_count = [0] * len(problem.vendors)
        self.slot_of = [-1] * len(candidates)
        self.pinned = [False] * len(candidates)
        self.pinned_table: dict[int, object] = {}
        pair_index = {(pair.buyer, pair.vendor): k for k, pair in enumerate(candidates)}
        for booking in problem.pinned:
            k = pair_index[booking.pair]
            self.pinned[k] = True
            self.pinned_table[k] = booking.table
            self.place(k, self.slot_index[booking.slot])

    def _availability(self, participant) -> list[bool]:
        if participant.available_slots is None:
            return [True] * len(self.problem.slots)
        return [slot in participant.available_slots for slot in self.problem.slots]

    # -- the state -------------------------------------------------------------------------------

    def place(self, k: int, s: int) -> None:
        b, v = self.buyer[k], self.vendor[k]
        self.buyer_at[b][s] = k
        self.vendor_at[v][s] = k
        self.in_slot[s][k] = None
        self._slot_changes[s] += 1
        self.buyer_count[b] += 1
        self.vendor_count[v] += 1
        self.slot_of[k] = s

    def remove(self, k: int) -> int:
        s = self.slot_of[k]
        b, v = self.buyer[k], self.vendor[k]
        self.buyer_at[b][s] = -1
        self.vendor_at[v][s] = -1
        del self.in_slot[s][k]
        self._slot_changes[s] += 1
        self.buyer_count[b] -= 1
        self.vendor_count[v] -= 1
        self.slot_of[k] = -1
        return s

    def lowest_unpinned_in(self, s: int) -> int:
        """The lowest-ranked unpinned meeting of slot s (-1 if none); cached until the slot changes."""
        cached = self._lowest_cache.get(s)
        if cached is None or cached[0] != self._slot_changes[s]:
            unpinned = [q for q in self.in_slot[s] if not self.pinned[q]]
            cached = (self._slot_changes[s], max(unpinned, key=self.rank.__getitem__, default=-1))
            self._lowest_cache[s] = cached
        return cached[1]

    def table_free(self, s: int) -> bool:
        return len(self.in_slot[s]) < self.tables_per_slot

    def under_limits(self, k: int) -> bool:
        b, v = self.buyer[k], self.vendor[k]
        return self.buyer_count[b] < self.buyer_cap[b] and self.vendor_count[v] < self.vendor_cap[v]

    def fits_at(self, k: int, s: int) -> bool:
        """Both free in slot s (available there by construction of `common`) and a table free."""
        buyer_free = self.buyer_at[self.buyer[k]][s] < 0
        return buyer_free and self.vendor_at[self.vendor[k]][s] < 0 and self.table_free(s)

    def first_fitting_slot(self, k: int) -> int:
        for s in self.common[k]:
            if self.fits_at(k, s):
                return s
        return -1

    # -- the answer ------------------------------------------------------------------------------

    def result(self) -> Schedule:
        problem = self.problem
        meetings = []
        last_table_of_buyer: dict[int, int] = {}
        table_index = {table: t for t, table in enumerate(problem.tables)}
        for s, slot in enumerate(problem.slots):
            in_slot = sorted(self.in_slot[s], key=self.rank.__getitem__)
            taken = [False] * len(problem.tables)
            for k in in_slot:
                if self.pinned[k]:
                    taken[table_index[self.pinned_table[k]]] = True
            assigned: list[tuple[int, int]] = []
            for k in in_slot:
                if self.pinned[k]:
                    t = table_index[self.pinned_table[k]]
                else:
                    t = last_table_of_buyer.get(self.buyer[k], -1)
                    if t < 0 or taken[t]:
                        t = taken.index(False)
                    taken[t] = True
                last_table_of_buyer[self.buyer[k]] = t
                assigned.append((t, k))
            for t, k in sorted(assigned):
                pair = problem.candidates[k]
                meetings.append(Meeting(buyer=pair.buyer, vendor=pair.vendor, slot=slot,
                                        table=problem.tables[t], score=pair.score, pinned=self.pinned[k]))
        unscheduled = [
            UnscheduledPair(buyer=problem.candidates[k].buyer, vendor=problem.candidates[k].vendor,
                            score=self.score[k], reason=self.reason_left_out(k))
            for k in self.best_first
            if self.slot_of[k] < 0
        ]
        return Schedule(meetings=tuple(meetings), unscheduled=tuple(unscheduled))

    def reason_left_out(self, k: int) -> UnscheduledReason:
        if not self.common[k]:
            return UnscheduledReason.NO_COMMON_AVAILABILITY
        if not self.under_limits(k):
            return UnscheduledReason.MEETING_LIMIT
        b, v = self.buyer[k], self.vendor[k]
        if any(self.buyer_at[b][s] < 0 and self.vendor_at[v][s] < 0 for s in self.common[k]):
            return UnscheduledReason.NO_TABLE_LEFT
        return UnscheduledReason.NO_COMMON_FREE_SLOT


def _fill(board: _Board, best_first: list[int]) -> bool:
    changed = False
    for k in best_first:
        if board.slot_of[k] < 0 and board.under_limits(k):
            s = board.first_fitting_slot(k)
            if s >= 0:
                board.place(k, s)
                changed = True
    return changed


def _swap_in(board: _Board, best_first: list[int]) -> bool:
    changed = False
    for k in best_first:
        if board.slot_of[k] >= 0:
            continue
        displaced, s = _cheapest_displacement(board, k)
        if displaced >= 0:
            board.remove(displaced)
            board.place(k, s)
            changed = True
    return changed


def _cheapest_displacement(board: _Board, k: int) -> tuple[int, int]:
    """The lowest-ranked unpinned meeting of lower score whose removal alone lets pair k in, and the
    slot k would then take; (-1, -1) if there is none."""
    b, v = board.buyer[k], board.vendor[k]
    buyer_full = board.buyer_count[b] >= board.buyer_cap[b]
    vendor_full = board.vendor_count[v] >= board.vendor_cap[v]
    best, best_slot = -1, -1

    def consider(q: int, s: int) -> None:
        nonlocal best, best_slot
        if board.pinned[q] or not board.score[q] < board.score[k]:
            return
        if best < 0 or board.rank[q] > board.rank[best]:
            best, best_slot = q, s

    for s in board.common[k]:
        in_buyers_way, in_vendors_way = board.buyer_at[b][s], board.vendor_at[v][s]
        if in_buyers_way >= 0 and in_vendors_way >= 0:
            continue
        if in_buyers_way >= 0:  # removing it also frees a table and one of the buyer's meetings
            if not vendor_full:
                consider(in_buyers_way, s)
        elif in_vendors_way >= 0:
            if not buyer_full:
                consider(in_vendors_way, s)
        elif board.table_free(s):  # then only a meeting limit keeps k out (none: `_fill` places it)
            if buyer_full != vendor_full:
                at_limit = board.buyer_at[b] if buyer_full else board.vendor_at[v]
                for q in at_limit:
                    if q >= 0:
                        consider(q, s)
        elif not buyer_full and not vendor_full:
            lowest = board.lowest_unpinned_in(s)
            if lowest >= 0:
                consider(lowest, s)
    return best, best_slot


def _move_in(board: _Board, best_first: list[int]) -> bool:
    changed = False
    for k in best_first:
        if board.slot_of[k] >= 0 or not board.under_limits(k):
            continue
        for s in board.common[k]:
            if _make_room(board, k, s):
                board.place(k, s)
                changed = True
                break
    return changed


def _make_room(board: _Board, k: int, s: int) -> bool:
    """Move what keeps pair k out of slot s to other slots; True (and moved) if k now fits at s."""
    buyers_meeting, vendors_meeting = board.buyer_at[board.buyer[k]][s], board.vendor_at[board.vendor[k]][s]
    in_the_way = [q for q in (buyers_meeting, vendors_meeting) if q >= 0]
    if any(board.pinned[q] for q in in_the_way):
        return False
    if in_the_way:
        return _relocate_all(board, in_the_way, s)
    if board.table_free(s):
        return True
    if not any(board.table_free(other) for other in range(len(board.in_slot)) if other != s):
        return False
    movable = sorted(
        (q for q in board.in_slot[s] if not board.pinned[q]), key=board.rank.__getitem__, reverse=True
    )
    return any(_relocate_all(board, [q], s) for q in movable)


def _relocate_all(board: _Board, meetings: list[int], s: int) -> bool:
    """Move every meeting in `meetings` out of slot s into other slots where it fits, trying every
    combination of destinations; leaves the board as it was when that is impossible."""
    if not meetings:
        return True
    first, rest = meetings[0], meetings[1:]
    board.remove(first)
    for destination in board.common[first]:
        if destination != s and board.fits_at(first, destination):
            board.place(first, destination)
            if _relocate_all(board, rest, s):
                return True
            board.remove(first)
    board.place(first, s)
    return False

