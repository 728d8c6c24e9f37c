"""RP01 and BV184a/b from the ALMO's stock condition, for the Delivery Plan's year-end (Q4) return.

Offered through `core.registries.figure_sources`, so the return takes the figures the stock condition already
holds instead of someone typing them again.
"""

from __future__ import annotations

from core import registries
from core.periods import financial_year_label
from hra.models import StockCondition
from hra.selectors import decency_figures

# The stock position is a year's figure: it goes on the return for the last quarter of the financial year.
YEAR_END_QUARTER = 4


def decency_returns(almo, year: int, quarter: int) -> list[registries.SuppliedFigure]:
    if quarter != YEAR_END_QUARTER:
        return []
    stock = StockCondition.objects.filter(almo=almo, year=year).first()
    if stock is None:
        return []
    figures = decency_figures(stock)
    provenance = f"From the {financial_year_label(year)} stock condition recorded in the portal (HRA and Decent Homes)"
    supplied = []
    if stock.homes_at_end:
        supplied.append(
            registries.SuppliedFigure("RP01", stock.non_decent_at_end, stock.homes_at_end, figures["RP01"], provenance)
        )
    if stock.homes_at_start:
        supplied.append(
            registries.SuppliedFigure(
                "BV184a", stock.non_decent_at_start, stock.homes_at_start, figures["BV184a"], provenance
            )
        )
    if figures["BV184b"] is not None:
        supplied.append(registries.SuppliedFigure("BV184b", None, None, figures["BV184b"], provenance))
    return supplied


def register() -> None:
    registries.figure_sources.register(registries.FigureSource("Stock condition", decency_returns))
