"""What Delivery Plans puts on liaison meetings' agendas: off-track indicators, open concerns and amendments.

Registered in `core.registries.agenda_sources` from `DeliveryPlansConfig.ready()`; the agreements app builds
agendas from that registry without knowing this app.
"""

from __future__ import annotations

from core import registries
from core.dates import govuk_date
from core.periods import period_of, previous_period, quarters_back
from core.registries import AgendaFor, AgendaLine
from core.reports import BOARD_PACK, ReportSource
from delivery_plans import report_sections

# Quarters looked back over for the latest accepted return: a year is as far as a meeting would care.
QUARTERS_LOOKED_AT = 4


def _source(almo, year=None, quarter=None) -> ReportSource:
    return ReportSource(kind=BOARD_PACK, council=almo.council, almo=almo, year=year, quarter=quarter)


def latest_accepted_summary(agenda_for: AgendaFor) -> dict | None:
    """The board summary of the latest return the council accepted before the meeting, with its period."""
    almo = agenda_for.almo
    start = previous_period(*period_of(agenda_for.held_on))
    for year, quarter in reversed(quarters_back(*start, QUARTERS_LOOKED_AT)):
        source = _source(almo, year, quarter)
        if report_sections.sign_off(source).get("accepted_at"):
            return report_sections.board_summary(source)
    return None


def performance_lines(agenda_for: AgendaFor) -> list[AgendaLine]:
    summary = latest_accepted_summary(agenda_for)
    if not summary:
        return []
    return [
        AgendaLine(
            title=f"{row['code']} {row['name']}",
            detail=(
                f"{summary['period']}: {row['actual']} against a target of {row['target']}."
                + (f" Recovery action: {row['recovery_action']}" if row.get("recovery_action") else "")
            ),
            rag=row["rag"],
        )
        for row in summary["off_track"]
    ]


def concern_lines(agenda_for: AgendaFor) -> list[AgendaLine]:
    return [
        AgendaLine(
            title=concern["title"],
            detail=f"About the {concern['about']}'s performance, opened {govuk_date(concern['opened'])}. "
            f"{concern['status']}."
            + (f" Recovery action: {concern['recovery_action']}" if concern["recovery_action"] else ""),
            about=concern["about"],
        )
        for concern in report_sections.open_concerns(_source(agenda_for.almo))["concerns"]
    ]


def amendment_lines(agenda_for: AgendaFor) -> list[AgendaLine]:
    return [
        AgendaLine(
            title=amendment["title"],
            detail=f"Proposed by the {amendment['proposed_by']} on {govuk_date(amendment['proposed_at'])}. "
            f"{amendment['reason']}",
        )
        for amendment in report_sections.open_amendments(_source(agenda_for.almo))["amendments"]
    ]


# Other apps find open concerns under this key, to link them to their own records (the intervention ladder).
CONCERNS_KEY = "delivery_plans.concerns"


def register() -> None:
    for source in (
        registries.AgendaSource("delivery_plans.performance", "Red and amber indicators", performance_lines, order=20),
        registries.AgendaSource(CONCERNS_KEY, "Open performance concerns", concern_lines, order=30),
        registries.AgendaSource(
            "delivery_plans.amendments", "Change requests: amendments waiting for agreement", amendment_lines, order=40
        ),
    ):
        registries.agenda_sources.register(source)
