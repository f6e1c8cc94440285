import datetime as dt

import pytest

from sgnet import PeriodError, parse_period
from sgnet.periods import latest_full_quarter

D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2022-10", D(2022, 10, 1), D(2022, 10, 31), "2022-10"),
        ("202210", D(2022, 10, 1), D(2022, 10, 31), "2022-10"),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "2024-02"),
        ("2022Q4", D(2022, 10, 1), D(2022, 12, 31), "2022Q4"),
        ("2022q1", D(2022, 1, 1), D(2022, 3, 31), "2022Q1"),
        ("2022H2", D(2022, 7, 1), D(2022, 12, 31), "2022H2"),
        ("2022S1", D(2022, 1, 1), D(2022, 6, 30), "2022H1"),
        ("2022", D(2022, 1, 1), D(2022, 12, 31), "2022"),
        ("2022-10-01..2022-12-31", D(2022, 10, 1), D(2022, 12, 31), "2022-10-01..2022-12-31"),
    ],
)
def test_forms(text, start, end, label):
    p = parse_period(text)
    assert (p.start, p.end, p.label) == (start, end, label)


@pytest.mark.parametrize(
    ("text", "today", "label"),
    [
        ("last-month", D(2023, 1, 15), "2022-12"),
        ("last-month", D(2023, 5, 1), "2023-04"),
        ("last-quarter", D(2023, 2, 1), "2022Q4"),
        ("last-quarter", D(2023, 8, 31), "2023Q2"),
        ("last-year", D(2023, 8, 31), "2022"),
        ("this-year", D(2023, 8, 31), "2023"),
    ],
)
def test_relative(text, today, label):
    p = parse_period(text, today=today)
    assert p.label == label
    assert p.relative == text
    assert text in p.describe()


@pytest.mark.parametrize("text", ["2022Q5", "2022-13", "22Q1", "2022-12-31..2022-01-01",
                                  "2022-02-30..2022-03-01", "next-year", ""])
def test_bad_periods_raise_with_the_accepted_forms(text):
    with pytest.raises(PeriodError, match="period"):
        parse_period(text)


def test_year_share_and_contains():
    q2 = parse_period("2022Q2")
    assert q2.year_share() == pytest.approx(181 / 365)
    assert parse_period("2022").year_share() == 1.0
    assert D(2022, 5, 5) in q2 and D(2022, 7, 1) not in q2


def test_latest_full_quarter():
    assert latest_full_quarter(D(2023, 12, 31)).label == "2023Q4"
    assert latest_full_quarter(D(2023, 3, 30)).label == "2022Q4"
