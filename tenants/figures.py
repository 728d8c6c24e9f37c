"""The agreed survey's TP01 to TP12 for the Delivery Plan's year-end (Q4) return, through `core.registries`."""

from __future__ import annotations

from core import registries
from tenants.selectors import tsm_results

# Perception measures are a year's figure: they go on the return for the last quarter of the financial year.
YEAR_END_QUARTER = 4


def perception_figures(almo, year: int, quarter: int) -> list[registries.SuppliedFigure]:
    """TP01 to TP12 from the ALMO's agreed surveys (LCRA and LCHO) for the year, on its Q4 return; else nothing."""
    if quarter != YEAR_END_QUARTER:
        return []
    return [
        registries.SuppliedFigure(
            code, figure.numerator, figure.denominator, figure.value, figure.provenance, tenure=tenure
        )
        for tenure in ("lcra", "lcho")
        for code, figure in sorted(tsm_results(almo, year, tenure=tenure).items())
    ]


def register() -> None:
    registries.figure_sources.register(registries.FigureSource("Tenant perception survey", perception_figures))
