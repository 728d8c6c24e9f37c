"""What a meeting's agenda is made of: sources in `core.registries.agenda_sources`, each listing items under a
heading from live data. This app registers its own (actions carried forward, the intervention ladder, the
agreement's dates); Delivery Plans and any other domain app register theirs from their own `ready()`.
"""

from __future__ import annotations

from core import registries
from core.registries import AgendaFor

# The key under which Delivery Plans lists open performance concerns (delivery_plans/agenda.py).
CONCERNS_SOURCE = "delivery_plans.concerns"


def agenda_for(meeting) -> AgendaFor:
    return AgendaFor(almo=meeting.series.almo, held_on=meeting.held_on, series_id=meeting.series_id)


def open_concern_choices(almo, on_date) -> list[dict]:
    """The ALMO's open performance concerns (title, about): what a person can move onto the intervention ladder."""
    for source in registries.agenda_sources:
        if source.key == CONCERNS_SOURCE:
            return [{"title": line.title, "about": line.about} for line in source.lines(AgendaFor(almo, on_date))]
    return []
