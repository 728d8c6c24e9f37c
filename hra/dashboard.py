"""The HRA panel on the home page: what waits for this person, and where the money stands.

A council officer sees each HRA year's working balance and checks; ALMO staff and board members see their ALMO's
management fee and Decent Homes spend against profile. Nothing to show (no HRA, no programme) hides the panel.
"""

from __future__ import annotations

from decimal import Decimal

from core import clock
from core.periods import current_period
from hra import selectors
from hra.models import AllocationAgreement, DecentHomesProgramme, HraYear, LineCategory
from hra.notices import allocations_waiting_for, programmes_waiting_for, reprofiles_waiting_for


def home_panel(request):
    user = request.user
    year, _ = current_period(clock.today())
    hra_years = list(
        HraYear.objects.restrict(user).filter(year=year).select_related("council").prefetch_related("lines__category")
    )
    programmes = list(
        DecentHomesProgramme.objects.restrict(user)
        .filter(year=year)
        .select_related("almo")
        .prefetch_related("quarters")
    )
    if not hra_years and not programmes:
        return None
    allocations = list(
        AllocationAgreement.objects.restrict(user).filter(hra_year__year=year).select_related("almo", "hra_year")
    )
    return {
        "label": hra_years[0].label if hra_years else programmes[0].label,
        "years": [_year(hra_year) for hra_year in hra_years],
        "allocations": allocations,
        "programmes": [_programme(programme) for programme in programmes],
        "to_agree": allocations_waiting_for(user).count() + programmes_waiting_for(user).count(),
        "to_decide": reprofiles_waiting_for(user).count(),
    }


def _year(hra_year: HraYear) -> dict:
    lines = list(hra_year.lines.all())
    for line in lines:
        line.hra_year = hra_year  # already loaded: the variance needs its tolerance
    measure = selectors.latest_measure(lines)
    totals = selectors.totals(hra_year, lines, measure)
    rows = selectors.line_rows(lines)
    return {
        "record": hra_year,
        "measure": "budget" if measure == "budget" else selectors.measure_name(measure),
        "closing": totals.closing,
        "below_minimum": totals.closing < hra_year.minimum_balance,
        "reds": sum(1 for row in rows if row.assessment and row.assessment.rag == "red"),
        "needing_commentary": sum(1 for row in rows if row.needs_commentary),
        "fee_lines": sum(
            (line.budget for line in lines if line.category.role == LineCategory.Role.MANAGEMENT_FEE), Decimal(0)
        ),
    }


def _programme(programme: DecentHomesProgramme) -> dict:
    rows = selectors.programme_rows(programme, list(programme.quarters.all()))
    reported = [row for row in rows if row.assessment]
    latest = reported[-1] if reported else None
    return {"record": programme, "latest": latest}
