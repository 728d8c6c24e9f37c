"""The regulatory calendar as iCalendar (RFC 5545), for calendar apps that subscribe to a person's feed."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from icalendar import Calendar, Event


def icalendar_for(events, request) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//ALMO Portal//Regulatory calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Inspections and audits")
    stamp = timezone.now()
    host = request.get_host()
    for item in events:
        event = Event()
        event.add("uid", f"{item.uid}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", f"{item.who}: {item.title}")
        event.add("dtstart", item.starts_on)
        # An all-day event's end is the day after its last day.
        event.add("dtend", item.ends_on + dt.timedelta(days=1))
        event.add("categories", [item.kind])
        event.add("url", request.build_absolute_uri(item.url))
        calendar.add_component(event)
    return calendar.to_ical()
