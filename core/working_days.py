"""Working days in England: weekends and English bank holidays skipped.

Deadlines in a management agreement or an improvement plan ("a remedial plan within 20 working days") count
working days, so a bank holiday is never a day to act. The bank holidays, the one-off ones proclaimed for
jubilees, coronations and a state funeral included, come from the `holidays` package, whose dates ship inside
it: nothing is fetched at run time.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=256)
def bank_holidays(year: int) -> frozenset[dt.date]:
    """The bank holidays of England in a calendar year."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def add_working_days(start: dt.date, count: int) -> dt.date:
    """The working day `count` working days after `start` (the count begins the day after `start`)."""
    if count < 0:
        raise ValueError("Count working days forwards only.")
    day = start
    while count:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is before `start`."""
    if end < start:
        return -working_days_between(end, start)
    return sum(1 for offset in range(1, (end - start).days + 1) if is_working_day(start + dt.timedelta(days=offset)))
