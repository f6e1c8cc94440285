"""Property-based tests (hypothesis) for period parsing and Dataset.select."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sgnet
from sgnet import Dataset, PeriodError, parse_period

years = st.integers(1990, 2100)


def period_labels(years: st.SearchStrategy[int]) -> st.SearchStrategy[str]:
    """Canonical labels of months, quarters, halves and years."""
    return st.one_of(
        st.builds(lambda y, m: f"{y}-{m:02d}", years, st.integers(1, 12)),
        st.builds(lambda y, q: f"{y}Q{q}", years, st.integers(1, 4)),
        st.builds(lambda y, h: f"{y}H{h}", years, st.integers(1, 2)),
        st.builds(str, years),
    )


labels = period_labels(years)
days = st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))


@given(labels)
def test_label_round_trip(label):
    p = parse_period(label)
    assert p.label == label
    assert parse_period(p.label) == p
    assert p.start <= p.end and p.days == (p.end - p.start).days + 1


@given(years, st.integers(1, 12))
def test_other_spellings_mean_the_same_period(year, month):
    assert parse_period(f"{year}{month:02d}") == parse_period(f"{year}-{month:02d}")
    half = 1 if month <= 6 else 2
    assert parse_period(f"{year}S{half}") == parse_period(f"{year}H{half}")
    assert parse_period(f" {year}q{(month - 1) // 3 + 1} ") == parse_period(
        f"{year}Q{(month - 1) // 3 + 1}")


@given(years)
def test_quarters_partition_the_year(year):
    quarters = [parse_period(f"{year}Q{q}") for q in range(1, 5)]
    the_year = parse_period(str(year))
    assert quarters[0].start == the_year.start and quarters[-1].end == the_year.end
    for a, b in zip(quarters, quarters[1:], strict=False):
        assert b.start == a.end + dt.timedelta(days=1)
    assert sum(q.days for q in quarters) == the_year.days


@given(years, st.integers(1, 12))
def test_months_lie_within_their_quarter_and_half(year, month):
    m = parse_period(f"{year}-{month:02d}")
    q = parse_period(f"{year}Q{(month - 1) // 3 + 1}")
    h = parse_period(f"{year}H{1 if month <= 6 else 2}")
    assert q.start <= m.start and m.end <= q.end
    assert h.start <= q.start and q.end <= h.end
    months = [parse_period(f"{year}-{k:02d}") for k in range(3 * (q.start.month // 3) + 1,
                                                             3 * (q.start.month // 3) + 4)]
    assert sum(x.days for x in months) == q.days


@given(days, days)
def test_ranges_contain_exactly_their_days(a, b):
    start, end = min(a, b), max(a, b)
    p = parse_period(f"{start}..{end}")
    assert (p.start, p.end) == (start, end)
    assert start in p and end in p
    assert start - dt.timedelta(days=1) not in p and end + dt.timedelta(days=1) not in p
    if a != b:
        with pytest.raises(PeriodError):
            parse_period(f"{end}..{start}")


@given(days)
def test_relative_periods_lie_before_today(today):
    for text in ("last-month", "last-quarter", "last-year"):
        p = parse_period(text, today=today)
        assert p.end < today and p.relative == text
    assert today in parse_period("this-year", today=today)


@given(st.text(max_size=12))
def test_any_text_parses_or_raises_period_error(text):
    try:
        p = parse_period(text)
    except PeriodError:
        return
    assert p.start <= p.end


# ----------------------------------------------------------------------------- select

def _dataset(dates: list[dt.date]) -> Dataset:
    """The sample's organizations and pairings with activities on the given dates."""
    base = sgnet.load()
    n = len(dates)
    acts = base.activities.iloc[[i % len(base.activities) for i in range(n)]].copy()
    acts.index = pd.RangeIndex(2, n + 2, name="row")
    acts["activity_id"] = [f"X{i}" for i in range(n)]
    acts["start_date"] = pd.to_datetime(pd.Series(dates, index=acts.index, dtype=object))
    acts = acts.drop(columns=["region"])
    return Dataset.from_tables({**base.tables, "activities": acts})


activity_days = st.lists(st.dates(dt.date(2019, 1, 1), dt.date(2024, 12, 31)), max_size=40)


@settings(max_examples=40, deadline=None)
@given(activity_days, period_labels(st.integers(2019, 2024)))
def test_select_keeps_exactly_the_activities_starting_in_the_period(dates, label):
    ds = _dataset(dates)
    p = parse_period(label)
    got = ds.select(period=label).activities
    want = [d for d in dates if p.start <= d <= p.end]
    assert sorted(got["start_date"].dt.date) == sorted(want)


@settings(max_examples=40, deadline=None)
@given(activity_days, st.integers(2019, 2024))
def test_four_quarters_add_up_to_the_year(dates, year):
    ds = _dataset(dates)
    the_year = ds.select(period=str(year)).activities
    quarters = [ds.select(period=f"{year}Q{q}").activities for q in range(1, 5)]
    assert sum(len(q) for q in quarters) == len(the_year)
    assert sorted(pd.concat(quarters)["activity_id"]) == sorted(the_year["activity_id"])
    assert sum(int(q["count"].sum()) for q in quarters) == int(the_year["count"].sum())


def test_select_on_the_sample_quarters_add_up():
    ds = sgnet.load()
    for year in (2022, 2023):
        total = sum(len(ds.select(period=f"{year}Q{q}").activities) for q in range(1, 5))
        assert total == len(ds.select(period=str(year)).activities) > 0
