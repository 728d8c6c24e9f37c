"""One ALMO's dashboard: what waits for the person, how each indicator is doing this quarter, and every domain's panels.

Council officers reach it from the council dashboard; an ALMO's staff land on it. Anyone who may see the ALMO may read
it; the to-do list holds only what the person's own side may act on.
"""

from __future__ import annotations

from django.urls import reverse
from django.views.decorators.http import require_safe

from core import clock, registries
from core.numbers import format_number
from core.periods import period_label
from dashboards import panels
from dashboards.trends import trend_sentence
from dashboards.views.council import DIRECTIONS, RAG_ORDER, ScorecardFilterForm, period_from, shown_cell
from delivery_plans import scorecard as cards
from delivery_plans.models import Return
from organisations.access import get_object_for
from organisations.cached_pages import cached_for, render_cached_body
from organisations.models import Almo


@require_safe
def almo_dashboard(request, slug):
    almo = almo_named(request, slug)

    def build() -> dict:
        period, form, theme = chosen_period(request, almo)
        today = clock.today()
        lines = indicator_lines(request.user, almo, period, theme)
        counts = cards.work_counts(request.user, [almo.pk])[almo.pk]
        to_do = panels.to_do_for(request.user, [almo], today)
        context = {
            "form": form,
            "period": period,
            "period_label": period_label(*period) if period else "",
            "lines": lines,
            "rag_counts": [(rag, sum(1 for line in lines if line["cell"].rag == rag)) for rag in RAG_ORDER],
            "work": counts,
            "plan_url": reverse("delivery_plans:plan_detail", args=[counts.plan_id]) if counts.plan_id else "",
            "to_do": [{"item": item, "overdue": item.overdue(today)} for item in to_do],
            "directions": [(arrow, words) for key, (arrow, words) in DIRECTIONS.items() if key],
            "panels": panels.panels_for(
                registries.DashboardScope(request.user, registries.ALMO_DASHBOARD, almo.council, (almo,), today)
            ),
        }
        return context

    return render_cached_body(
        request,
        "dashboards/almo",
        (almo.pk,),
        build,
        {
            "almo": almo,
            "object": almo,
            "crumbs": [("Dashboards", reverse("dashboards:index")), (almo.name, "")],
        },
        personal=True,
    )


def almo_named(request, slug):
    """The ALMO the address names, through the access rule (404 otherwise): kept like the body, as it changes as
    rarely."""
    return cached_for(
        request.user,
        "almo",
        (slug,),
        lambda: get_object_for(request.user, Almo.objects.select_related("council"), slug=slug),
    )


def chosen_period(request, almo, *, accepted_first: bool = False):
    """The quarter and theme asked for in the GET form, or else the latest quarter with a sent return (with an
    accepted one when `accepted_first`, whose figures have peers to be placed among)."""
    periods = cards.scorecard_periods(request.user, [almo.pk])
    themes = cards.themes(request.user, [almo.pk])
    form = ScorecardFilterForm(request.GET or None, almos=[almo], themes=themes, periods=periods)
    # One ALMO: the form's ALMO choice has nothing to choose between.
    del form.fields["almo"]
    chosen = form.cleaned_data if form.is_valid() else {}
    period = (
        period_from(chosen.get("quarter"))
        or (_latest_accepted(request.user, almo) if accepted_first else None)
        or cards.default_period(request.user, [almo.pk])
        or (periods[0] if periods else None)
    )
    if period:
        form.fields["quarter"].initial = f"{period[0]}-Q{period[1]}"
    return period, form, chosen.get("theme", "")


def _latest_accepted(user, almo) -> tuple[int, int] | None:
    latest = (
        Return.objects.restrict(user)
        .filter(plan__almo=almo, status=Return.Status.ACCEPTED)
        .order_by("-year", "-quarter")
        .values_list("year", "quarter")
        .first()
    )
    return tuple(latest) if latest else None


def indicator_lines(
    user,
    almo,
    period,
    theme: str = "",
    quartiles: dict | None = None,
    chart_size: tuple[int, int] = (96, 24),
    named: bool = False,
) -> list[dict]:
    """Each indicator the ALMO reported in the quarter: its figure, status, direction, last eight quarters as a
    sparkline and a table, and its story in a sentence. `quartiles` maps indicator ids to a quartile position; the
    story names the indicator when `named`, and says "It" where the indicator's name stands beside it."""
    if not period:
        return []
    labels = cards.scorecard_labels(*period)
    lines = []
    for row in cards.scorecard(user, [almo.pk], *period, theme):
        cell = row.cells[0]
        if cell is None:
            continue
        indicator = row.indicator
        places = indicator.decimal_places
        quartile = (quartiles or {}).get(indicator.pk)
        lines.append(
            {
                "indicator": indicator,
                **shown_cell(cell, places, f"{indicator.name}, {labels[0]} to {labels[-1]}", chart_size),
                "history": [
                    (label, format_number(value, places) if value is not None else "No figure")
                    for label, value in zip(labels, cell.history, strict=True)
                ],
                "story": trend_sentence(
                    indicator.name if named else "It",
                    cell.history,
                    indicator.polarity,
                    quartile,
                ),
                "quartile": quartile,
            }
        )
    # The reds first, so the lines that need attention lead.
    return sorted(lines, key=lambda line: RAG_ORDER.index(line["cell"].rag) if line["cell"].rag in RAG_ORDER else 3)
