"""The HRA panel on the home page: what waits for this person, and where the money stands.

A council officer sees each HRA year's working balance and checks; ALMO staff and board members see their ALMO's
management fee and Decent Homes spend against profile. Nothing to show (no HRA, no programme) hides the panel.
"""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from core import clock, registries
from core.periods import current_period, financial_year_label
from hra import selectors
from hra.models import AllocationAgreement, DecentHomesProgramme, HraYear, LineCategory, StockCondition
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


def dashboard_panel(scope: registries.DashboardScope) -> dict | None:
    """The council's HRA this year and each ALMO's Decent Homes progress: spend against profile and homes made decent.

    Four queries whatever the number of ALMOs: the HRA year with its lines, the programmes with their quarters, and
    the stock conditions.
    """
    year, _ = current_period(scope.today)
    hra_year = (
        HraYear.objects.restrict(scope.user)
        .filter(council=scope.council, year=year)
        .select_related("council")
        .prefetch_related("lines__category")
        .first()
    )
    programmes = {
        programme.almo_id: programme
        for programme in DecentHomesProgramme.objects.restrict(scope.user)
        .filter(almo__in=scope.almo_ids, year=year)
        .prefetch_related("quarters")
    }
    stock = {}
    # Newest year first, so the first row met for each ALMO is its latest stock condition.
    for condition in StockCondition.objects.restrict(scope.user).filter(almo__in=scope.almo_ids).order_by("-year"):
        stock.setdefault(condition.almo_id, condition)
    if not hra_year and not programmes and not stock:
        return None
    rows = []
    for almo in scope.almos:
        programme = programmes.get(almo.pk)
        if programme:
            programme.almo = almo  # already loaded: the row names it
        condition = stock.get(almo.pk)
        if not programme and not condition:
            continue
        rows.append(
            {
                "almo": almo,
                "programme": _programme(programme) if programme else None,
                "stock": _stock(condition) if condition else None,
            }
        )
    balance = _year(hra_year) if hra_year else None
    return {
        "label": financial_year_label(year),
        "balance": balance,
        "rows": rows,
        "to_note": _to_note(balance, rows),
    }


def _stock(condition: StockCondition) -> dict:
    start = condition.non_decent_at_start
    return {
        "record": condition,
        "made_decent": condition.made_decent,
        "non_decent_at_end": condition.non_decent_at_end,
        "share_done": round(100 * condition.made_decent / start) if start else None,
    }


def _to_note(balance: dict | None, rows: list[dict]) -> list[str]:
    notes = []
    if balance and balance["below_minimum"]:
        notes.append(
            f"The council's HRA working balance at 31 March is forecast below the minimum it has set "
            f"({balance['record'].label})."
        )
    for row in rows:
        latest = row["programme"] and row["programme"]["latest"]
        if latest and latest.assessment and latest.assessment.rag == "red":
            notes.append(
                f"{row['almo'].name}'s Decent Homes spending is behind its profile by more than the agreed tolerance."
            )
        if row["stock"]:
            stock = row["stock"]
            notes.append(
                f"{row['almo'].name} made {stock['made_decent']:,} homes decent in {stock['record'].label}; "
                f"{stock['non_decent_at_end']:,} are still below the Decent Homes Standard."
            )
    return notes


def to_do(user, almos, today) -> list[registries.ToDo]:
    """Allocations and programmes waiting for this person's side, and re-profiles for their decision."""
    almo_ids = [almo.pk for almo in almos]
    waiting = (
        allocations_waiting_for(user).filter(almo__in=almo_ids).count()
        + programmes_waiting_for(user).filter(almo__in=almo_ids).count()
    )
    to_decide = reprofiles_waiting_for(user).filter(programme__almo__in=almo_ids).count()
    items = []
    if waiting:
        items.append(
            registries.ToDo("HRA allocations or Decent Homes programmes to agree", reverse("hra:index"), waiting)
        )
    if to_decide:
        items.append(registries.ToDo("Decent Homes re-profiles to decide", reverse("hra:index"), to_decide))
    return items
