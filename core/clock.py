"""The business date: what "today" means for rules such as "a return is sent after its quarter ends".

It is the local date, unless `PORTAL_TODAY` fixes it. The test settings fix it, so that rules about
today give the same answers however the calendar moves on; nothing else should. Code that moves the
clock itself (the demo loader replays two years of work) asks for the clock to be followed instead.
"""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.utils import timezone

_FOLLOW_THE_CLOCK = ContextVar("follow_the_clock", default=False)


def today() -> dt.date:
    fixed = getattr(settings, "PORTAL_TODAY", None)
    if fixed and not _FOLLOW_THE_CLOCK.get():
        return dt.date.fromisoformat(fixed)
    return timezone.localdate()


@contextmanager
def following_the_clock() -> Iterator[None]:
    """Judge "today" by `timezone.now()`, even where PORTAL_TODAY fixes it."""
    token = _FOLLOW_THE_CLOCK.set(True)
    try:
        yield
    finally:
        _FOLLOW_THE_CLOCK.reset(token)
