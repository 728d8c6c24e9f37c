"""The board pack's "Among peers" section: where the ALMO's figures for the quarter sit among every ALMO's.

Tenant satisfaction measures are here too once the year-end return carries them, so the board sees TP01 to TP12
placed among its peers as well as each result on its own. Only the group's boundaries and the ALMO's own figures
appear, never a peer's figure.
"""

from __future__ import annotations

from benchmarking.models import PeerGroup
from benchmarking.positions import QUARTILE_WORDS, overview, positions_owned
from core import registries
from core.numbers import format_number
from core.reports import BOARD_PACK, ReportSource


def peer_positions(source: ReportSource) -> dict:
    if source.almo is None or source.year is None or source.quarter is None:
        return {"has_data": False}
    group = PeerGroup.everyone()
    rows = positions_owned(almo=source.almo, peer_group=group, year=source.year, quarter=source.quarter)
    return {
        "has_data": bool(rows),
        "group": group.name,
        "overview": overview(rows),
        "rows": [
            {
                "code": row.indicator.code,
                "name": row.indicator.name,
                "figure": format_number(row.value, row.indicator.decimal_places),
                "position": QUARTILE_WORDS.get(row.position, "No position"),
                "summary": row.summary,
                "provisional": row.provisional,
            }
            for row in rows
        ],
    }


def register() -> None:
    registries.report_sections.register(
        registries.ReportSection(
            BOARD_PACK, "benchmarking/report_sections/peers.html", peer_positions, "Among peers", order=25
        )
    )
