"""Working days skip weekends and holidays."""

import datetime as dt

import pytest

from katalog.procurement.workdays import add_working_days, is_working_day

D = dt.date
EID = {D(2025, 6, 6)}  # a Friday holiday (Idul Adha 2025)


@pytest.mark.parametrize(
    ("start", "days", "holidays", "expected"),
    [
        (D(2025, 6, 2), 0, set(), D(2025, 6, 2)),  # Monday, nothing to add
        (D(2025, 6, 2), 3, set(), D(2025, 6, 5)),  # Monday + 3 → Thursday
        (D(2025, 6, 4), 3, set(), D(2025, 6, 9)),  # Wednesday + 3 → Monday over the weekend
        (D(2025, 6, 6), 1, set(), D(2025, 6, 9)),  # Friday + 1 → Monday
        (D(2025, 6, 7), 1, set(), D(2025, 6, 9)),  # Saturday + 1 → Monday
        (D(2025, 6, 8), 3, set(), D(2025, 6, 11)),  # Sunday + 3 → Wednesday
        (D(2025, 6, 4), 3, EID, D(2025, 6, 10)),  # the Friday holiday pushes it a day
        (D(2025, 6, 5), 1, EID, D(2025, 6, 9)),  # Thursday + 1 over holiday and weekend → Monday
        (D(2025, 12, 24), 3, {D(2025, 12, 25), D(2025, 12, 26)}, D(2025, 12, 31)),
    ],
)
def test_adds_working_days_skipping_weekends_and_holidays(start, days, holidays, expected):
    assert add_working_days(start, days, holidays) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [(D(2025, 6, 2), True), (D(2025, 6, 6), False), (D(2025, 6, 7), False), (D(2025, 6, 8), False)],
)
def test_tells_working_days_from_weekends_and_holidays(day, expected):
    assert is_working_day(day, EID) is expected


def test_refuses_a_negative_number_of_days():
    with pytest.raises(ValueError):
        add_working_days(D(2025, 6, 2), -1)
