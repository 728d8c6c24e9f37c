"""HRA and Decent Homes sections of the reports: the council variance report and the board pack.

Each selector turns a report's subject into plain data for its template; `apps.py` registers them with
`core.registries.report_sections`. Records are found through the access rule's declared owner paths (`owned_by`).
A quarter's figures are the forecasts made at its end (the outturn for Q4), against the budget.
"""

from __future__ import annotations

from decimal import Decimal

from core import registries
from core.reports import BOARD_PACK, COUNCIL_VARIANCE, ReportSource
from hra import selectors
from hra.models import AllocationAgreement, DecentHomesProgramme, HraYear, StockCondition
from hra.money import format_accounting


def _line_data(line, quarter) -> dict:
    assessment = selectors.line_assessment(line, quarter) if quarter and line.figure_at(quarter) is not None else None
    return {
        "name": line.name,
        "category": line.category.name,
        "holder": line.holder_name,
        "budget": line.budget,
        "figure": line.figure_at(quarter) if quarter else None,
        "budget_text": format_accounting(line.budget),
        "figure_text": format_accounting(line.figure_at(quarter))
        if quarter and line.figure_at(quarter) is not None
        else "",
        "variance_text": format_accounting(assessment.variance) if assessment else "",
        "rag": assessment.rag if assessment else "not_reported",
        "commentary": line.commentary,
    }


def council_hra(source: ReportSource) -> dict:
    """The council's HRA for the report's year: totals at the quarter, the checks, and every red or amber line."""
    hra_year = HraYear.objects.owned_by(council=source.council).filter(year=source.year).first()
    if hra_year is None:
        return {"has_data": False, "period": source.period_label}
    lines = list(hra_year.lines.select_related("category", "holder", "hra_year"))
    allocations = list(hra_year.allocations.select_related("almo"))
    quarter = source.quarter or 4  # a report for a whole year reads the outturn
    budget, forecast = selectors.totals(hra_year, lines, "budget"), selectors.totals(hra_year, lines, quarter)
    off_track = [
        _line_data(line, quarter)
        for line in lines
        if line.figure_at(quarter) is not None and selectors.line_assessment(line, quarter).needs_commentary
    ]
    return {
        "has_data": True,
        "period": source.period_label,
        "year": hra_year.label,
        "measure": selectors.measure_name(quarter),
        "totals": [
            {
                "label": label,
                "budget": format_accounting(getattr(budget, name)),
                "forecast": format_accounting(getattr(forecast, name)),
            }
            for label, name in (
                ("Income", "income"),
                ("Expenditure", "expenditure"),
                ("Surplus or (deficit)", "surplus"),
                ("Working balance at 31 March", "closing"),
            )
        ],
        "flags": [{"level": f.level, "message": f.message} for f in selectors.hra_checks(hra_year, lines, allocations)],
        "lines": sorted(off_track, key=lambda row: (row["rag"] != "red", row["name"])),
    }


def _programme_data(programme: DecentHomesProgramme, quarter: int | None, stock) -> dict:
    rows = selectors.programme_rows(programme, list(programme.quarters.all()))
    row = rows[(quarter or 4) - 1]
    decency = selectors.decency_figures(stock) if stock else {}
    return {
        "almo": programme.almo.name,
        "allocation": format_accounting(programme.allocation),
        "profile_to_date": format_accounting(row.profile_to_date),
        "spend_to_date": format_accounting(row.spend_to_date) if row.spend_to_date is not None else "",
        "rag": row.assessment.rag if row.assessment else "not_reported",
        "commentary": row.commentary,
        "agreed": programme.agreed_by_both,
        "flags": [f.message for f in selectors.programme_checks(programme, rows)],
        "RP01": decency.get("RP01"),
        "BV184a": decency.get("BV184a"),
        "BV184b": decency.get("BV184b"),
    }


def decent_homes(source: ReportSource) -> dict:
    """Each ALMO's programme for the year (or the board's own ALMO's): spend to date against profile, and decency."""
    programmes = (
        DecentHomesProgramme.objects.owned_by(council=source.council, almo=source.almo)
        .filter(year=source.year)
        .select_related("almo")
        .prefetch_related("quarters")
        .order_by("almo__name")
    )
    stocks = {
        s.almo_id: s
        for s in StockCondition.objects.owned_by(council=source.council, almo=source.almo).filter(year=source.year)
    }
    return {
        "period": source.period_label,
        "programmes": [_programme_data(p, source.quarter, stocks.get(p.almo_id)) for p in programmes],
    }


def almo_allocation(source: ReportSource) -> dict:
    """For the board: the ALMO's management fee, whether it is agreed, and the HRA lines it holds at the quarter."""
    allocation = (
        AllocationAgreement.objects.owned_by(almo=source.almo)
        .filter(hra_year__year=source.year)
        .select_related("hra_year")
        .first()
    )
    if allocation is None:
        return {"has_data": False, "period": source.period_label}
    lines = allocation.hra_year.lines.filter(holder=source.almo).select_related("category", "holder", "hra_year")
    held = [_line_data(line, source.quarter or 4) for line in lines]
    return {
        "has_data": True,
        "period": source.period_label,
        "year": allocation.hra_year.label,
        "fee": format_accounting(allocation.management_fee),
        "agreed": allocation.agreed_by_both,
        "split": f"{allocation.almo_share_percent.normalize():f}% to the ALMO, "
        f"{allocation.council_share_percent.normalize():f}% to the council, "
        f"{allocation.pooled_percent.normalize():f}% pooled",
        "receipts": format_accounting(sum((r.almo_share for r in allocation.receipts.all()), Decimal(0))),
        "lines": held,
    }


def hra_sheets(data: dict) -> list:
    header = ["Line", "Category", "Held by", "Budget", "Forecast", "Status", "Commentary"]
    rows = [
        [r["name"], r["category"], r["holder"], r["budget"], r["figure"], r["rag"], r["commentary"]]
        for r in data.get("lines", [])
    ]
    return [("HRA variances", header, rows)]


def register() -> None:
    """Add this app's sections to the reports; called from `HraConfig.ready()`."""
    Section = registries.ReportSection
    folder = "hra/report_sections"
    for section in (
        Section(COUNCIL_VARIANCE, f"{folder}/council_hra.html", council_hra, "Housing Revenue Account", 60, hra_sheets),
        Section(COUNCIL_VARIANCE, f"{folder}/decent_homes.html", decent_homes, "Decent Homes programmes", order=61),
        Section(
            BOARD_PACK, f"{folder}/almo_allocation.html", almo_allocation, "Management fee and HRA lines", order=60
        ),
        Section(BOARD_PACK, f"{folder}/decent_homes.html", decent_homes, "Decent Homes programme", order=61),
    ):
        registries.report_sections.register(section)
