"""Dates as GOV.UK writes them: "2 December 2026", never 2026-12-02 or 02 Dec 2026."""

import datetime as dt

from django.utils import dateformat, timezone


def govuk_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return dateformat.format(value, "j F Y")
