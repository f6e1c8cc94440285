"""Reporting periods: months, quarters, halves, years, date ranges and relative periods.

Accepted forms (see DESIGN.md): ``2022-10`` or ``202210`` (month), ``2022Q4`` (quarter),
``2022H2`` or ``2022S2`` (half), ``2022`` (year), ``2022-10-01..2022-12-31`` (range), and the
relative ``last-month``, ``last-quarter``, ``last-year``, ``this-year`` (relative to ``today``).
An activity belongs to the period that contains its start date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .errors import PeriodError

__all__ = ["Period", "parse_period", "latest_full_quarter", "previous_period", "year_before"]

_FORMS = (
    "2022-10 or 202210 (month), 2022Q4 (quarter), 2022H2 or 2022S2 (half), 2022 (year), "
    "2022-10-01..2022-12-31 (range), last-month, last-quarter, last-year, this-year"
)


@dataclass(frozen=True, order=True)
class Period:
    """A closed interval of dates with a canonical label.

    Attributes
    ----------
    start, end : datetime.date
        First and last day, both included.
    label : str
        Canonical text (``2022Q4``, ``2022-10``, ``2022``, ``2022-10-01..2022-11-15``).
    kind : str
        ``month``, ``quarter``, ``half``, ``year`` or ``range``.
    relative : str or None
        The relative form it was parsed from (``last-quarter``), if any.
    """

    start: dt.date
    end: dt.date
    label: str
    kind: str = "range"
    relative: str | None = None

    def __str__(self) -> str:
        return self.label

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        """Number of days in the period."""
        return (self.end - self.start).days + 1

    def year_share(self) -> float:
        """Share of the calendar year of ``end`` elapsed at ``end`` (1.0 on 31 December).

        Examples
        --------
        >>> parse_period("2022Q2").year_share()
        0.4958904109589041
        """
        jan1 = dt.date(self.end.year, 1, 1)
        dec31 = dt.date(self.end.year, 12, 31)
        return ((self.end - jan1).days + 1) / ((dec31 - jan1).days + 1)

    def describe(self) -> str:
        """The label with its dates, e.g. ``2022Q4 (2022-10-01..2022-12-31)``."""
        text = f"{self.label} ({self.start.isoformat()}..{self.end.isoformat()})"
        return f"{self.relative} = {text}" if self.relative else text


def _month(year: int, month: int) -> Period:
    start = dt.date(year, month, 1)
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return Period(start, nxt - dt.timedelta(days=1), f"{year}-{month:02d}", "month")


def _quarter(year: int, q: int) -> Period:
    start = dt.date(year, 3 * q - 2, 1)
    end = _month(year, 3 * q).end
    return Period(start, end, f"{year}Q{q}", "quarter")


def _half(year: int, h: int) -> Period:
    start = dt.date(year, 6 * h - 5, 1)
    end = _month(year, 6 * h).end
    return Period(start, end, f"{year}H{h}", "half")


def _year(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year}", "year")


def _relative(text: str, today: dt.date) -> Period:
    if text == "last-month":
        y, m = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
        p = _month(y, m)
    elif text == "last-quarter":
        q = (today.month - 1) // 3 + 1
        p = _quarter(today.year, q - 1) if q > 1 else _quarter(today.year - 1, 4)
    elif text == "last-year":
        p = _year(today.year - 1)
    else:  # this-year
        p = _year(today.year)
    return Period(p.start, p.end, p.label, p.kind, relative=text)


def parse_period(text: str | Period, *, today: dt.date | None = None) -> Period:
    """Parse a period string into a :class:`Period`.

    Parameters
    ----------
    text : str or Period
        One of the accepted forms; a Period is returned as is.
    today : datetime.date, optional
        Reference day for the relative forms (default: the real today).

    Returns
    -------
    Period

    Raises
    ------
    PeriodError
        If ``text`` matches no accepted form, or names an impossible date or an empty range.

    Examples
    --------
    >>> p = parse_period("2022Q4")
    >>> p.start, p.end
    (datetime.date(2022, 10, 1), datetime.date(2022, 12, 31))
    >>> parse_period("202210").label, parse_period("2022S2").label
    ('2022-10', '2022H2')
    >>> parse_period("last-quarter", today=dt.date(2023, 2, 1)).label
    '2022Q4'
    """
    if isinstance(text, Period):
        return text
    raw = str(text).strip()
    s = raw.upper().replace(" ", "")
    try:
        if m := re.fullmatch(r"(\d{4})-?(\d{2})", s):
            year, month = int(m[1]), int(m[2])
            if not 1 <= month <= 12:
                raise ValueError(f"month {month} is not 01..12")
            return _month(year, month)
        if m := re.fullmatch(r"(\d{4})-?Q([1-4])", s):
            return _quarter(int(m[1]), int(m[2]))
        if m := re.fullmatch(r"(\d{4})-?[HS]([12])", s):
            return _half(int(m[1]), int(m[2]))
        if m := re.fullmatch(r"(\d{4})", s):
            return _year(int(m[1]))
        if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", s):
            start, end = dt.date.fromisoformat(m[1]), dt.date.fromisoformat(m[2])
            if end < start:
                raise ValueError(f"the range ends ({end}) before it starts ({start})")
            return Period(start, end, f"{start.isoformat()}..{end.isoformat()}", "range")
        if raw.lower() in {"last-month", "last-quarter", "last-year", "this-year"}:
            return _relative(raw.lower(), today or dt.date.today())
    except ValueError as err:
        raise PeriodError(f"period {raw!r}: {err}") from err
    raise PeriodError(f"period {raw!r} is not understood; use one of: {_FORMS}")


def latest_full_quarter(last_day: dt.date) -> Period:
    """The latest calendar quarter that ends on or before ``last_day``.

    Examples
    --------
    >>> latest_full_quarter(dt.date(2023, 12, 31)).label
    '2023Q4'
    >>> latest_full_quarter(dt.date(2023, 12, 30)).label
    '2023Q3'
    """
    q = (last_day.month - 1) // 3 + 1
    p = _quarter(last_day.year, q)
    if p.end <= last_day:
        return p
    return _quarter(last_day.year, q - 1) if q > 1 else _quarter(last_day.year - 1, 4)


def previous_period(p: str | Period) -> Period:
    """The period of the same length just before ``p`` (the base of 环比).

    A month, quarter, half or year gives the one before; a range gives the same number of
    days ending the day before it starts.

    Examples
    --------
    >>> previous_period(parse_period("2022Q1")).label
    '2021Q4'
    >>> previous_period(parse_period("2022-03")).label
    '2022-02'
    >>> previous_period(parse_period("2022-10-11..2022-10-20")).label
    '2022-10-01..2022-10-10'
    """
    p = parse_period(p) if isinstance(p, str) else p
    y = p.start.year
    if p.kind == "month":
        return _month(y, p.start.month - 1) if p.start.month > 1 else _month(y - 1, 12)
    if p.kind == "quarter":
        q = (p.start.month - 1) // 3 + 1
        return _quarter(y, q - 1) if q > 1 else _quarter(y - 1, 4)
    if p.kind == "half":
        return _half(y, 1) if p.start.month > 6 else _half(y - 1, 2)
    if p.kind == "year":
        return _year(y - 1)
    end = p.start - dt.timedelta(days=1)
    start = end - dt.timedelta(days=p.days - 1)
    return Period(start, end, f"{start.isoformat()}..{end.isoformat()}", "range")


def _minus_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def year_before(p: str | Period) -> Period:
    """The same period a year earlier (the base of 同比).

    Examples
    --------
    >>> year_before(parse_period("2022Q4")).label, year_before(parse_period("2024-02")).end
    ('2021Q4', datetime.date(2023, 2, 28))
    """
    p = parse_period(p) if isinstance(p, str) else p
    start, end = _minus_year(p.start), _minus_year(p.end)
    if p.kind in ("month", "quarter", "half", "year"):
        return parse_period({"month": f"{start:%Y-%m}", "year": f"{start.year}",
                             "quarter": f"{start.year}Q{(start.month - 1) // 3 + 1}",
                             "half": f"{start.year}H{(start.month - 1) // 6 + 1}"}[p.kind])
    return Period(start, end, f"{start.isoformat()}..{end.isoformat()}", "range")
