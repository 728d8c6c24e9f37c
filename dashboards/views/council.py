"""Dashboards: the council's scorecard of every ALMO side by side, and what is outstanding with each.

The page reads through selectors that cost a fixed number of queries whatever the number of ALMOs, indicators or
quarters, and draws its sparklines on the server (core/charts.py), so it works with JavaScript off.
"""

from __future__ import annotations

from django import forms
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from core import clock, registries, variance
from core.charts import sparkline
from core.numbers import format_number
from core.periods import period_label, previous_period
from dashboards import panels
from delivery_plans import scorecard as cards
from organisations.access import Party, access_for, acting_party, get_object_for
from organisations.cached_pages import cached_for, render_cached_body
from organisations.models import Almo, Council

# The arrow shows whether a figure got better or worse, whichever way is better for the indicator; the words go to
# screen readers and, in the key, to everyone.
DIRECTIONS = {
    variance.IMPROVING: ("▲", "Better than the quarter before"),
    variance.WORSENING: ("▼", "Worse than the quarter before"),
    variance.NO_CHANGE: ("▶", "The same as the quarter before"),
    variance.UP: ("↑", "Up on the quarter before (neither direction is better)"),
    variance.DOWN: ("↓", "Down on the quarter before (neither direction is better)"),
    None: ("", "No figure the quarter before"),
}
RAG_ORDER = (variance.RED, variance.AMBER, variance.GREEN)


class ScorecardFilterForm(forms.Form):
    """The scorecard's filters, sent as a GET form so it works with JavaScript off and a filtered view can be shared."""

    almo = forms.ChoiceField(label="ALMO", required=False)
    theme = forms.ChoiceField(label="Theme", required=False)
    quarter = forms.ChoiceField(label="Quarter", required=False)

    def __init__(self, *args, almos, themes, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["almo"].choices = [("", "All ALMOs"), *((almo.slug, almo.name) for almo in almos)]
        self.fields["theme"].choices = [("", "All themes"), *((theme, theme) for theme in themes)]
        self.fields["quarter"].choices = [(f"{y}-Q{q}", period_label(y, q)) for y, q in periods]


@require_safe
def index(request):
    """Every dashboard a person may see: a council officer's council, an ALMO's own dashboard for its staff, a board
    member's board dashboard. Straight to it when there is only one."""
    access = access_for(request.user)
    councils = Council.objects.restrict(request.user).order_by("name")
    # An administrator reads every council; anyone else has the councils dashboard of the councils they belong to.
    councils = list(councils if request.user.is_superuser else councils.filter(pk__in=access.councils_read))
    almos = list(
        Almo.objects.restrict(request.user)
        .exclude(council__in=[council.pk for council in councils])
        .select_related("council")
        .order_by("name")
    )
    choices = [
        (council.name, reverse("dashboards:council", args=[council.slug]), "Council dashboard") for council in councils
    ]
    for almo in almos:
        if almo.pk in access.almos_board and almo.pk not in access.almos_write:
            choices.append((almo.name, reverse("dashboards:board", args=[almo.slug]), "Board dashboard"))
        else:
            choices.append((almo.name, reverse("dashboards:almo", args=[almo.slug]), "ALMO dashboard"))
    if len(choices) == 1:
        return HttpResponseRedirect(choices[0][1])
    return render(request, "dashboards/index.html", {"choices": choices, "crumbs": [("Dashboards", "")]})


@require_safe
def council_dashboard(request, slug):
    council = cached_for(request.user, "council", (slug,), lambda: get_object_for(request.user, Council, slug=slug))
    if request.GET.get("almo"):
        # An ALMO the person may not see (or of another council) is missing, as everywhere: 404, not a form error.
        get_object_for(request.user, Almo, slug=request.GET["almo"], council=council)

    def build() -> dict:
        almos = list(
            Almo.objects.restrict(request.user).filter(council=council).select_related("council").order_by("name")
        )
        almo_ids = [almo.pk for almo in almos]
        periods = cards.scorecard_periods(request.user, almo_ids)
        themes = cards.themes(request.user, almo_ids)
        default = cards.default_period(request.user, almo_ids)
        form = ScorecardFilterForm(request.GET or None, almos=almos, themes=themes, periods=periods)
        chosen = form.cleaned_data if form.is_valid() else {}
        period = period_from(chosen.get("quarter")) or default or (periods[0] if periods else None)
        if period:
            form.fields["quarter"].initial = f"{period[0]}-Q{period[1]}"
        shown = [almo for almo in almos if almo.slug == chosen["almo"]] if chosen.get("almo") else almos
        context = {
            "council": council,
            "object": council,
            "form": form,
            "period": period,
            "period_label": period_label(*period) if period else "",
            "previous_label": period_label(*previous_period(*period)) if period else "",
            "directions": [(arrow, words) for key, (arrow, words) in DIRECTIONS.items() if key],
        }
        theme = chosen.get("theme", "")
        context.update(_scorecard(request.user, shown, period, theme))
        context.update(
            panels=panels.panels_for(
                registries.DashboardScope(
                    request.user, registries.COUNCIL_DASHBOARD, council, tuple(shown), clock.today()
                )
            ),
            # Open queries wait in the council's review queue, and in the ALMO's list of returns to answer.
            queries_url=reverse(
                "delivery_plans:review_queue"
                if almos and acting_party(request.user, almos[0]) == Party.COUNCIL
                else "delivery_plans:returns_to_complete"
            ),
        )
        return context

    return render_cached_body(
        request,
        "dashboards/council",
        (council.pk,),
        build,
        {
            "council": council,
            "object": council,
            "crumbs": [("Dashboards", reverse("dashboards:index")), (council.name, "")],
        },
    )


def _scorecard(user, shown, period, theme) -> dict:
    rows = cards.scorecard(user, [a.pk for a in shown], *period, theme) if period else []
    counts = cards.work_counts(user, [a.pk for a in shown])
    summary = _summary(shown, rows, counts)
    # Worst first: the ALMO with the most red lines is the first column and the first row of the summary.
    order = sorted(range(len(shown)), key=lambda i: (-summary[i]["red"], -summary[i]["amber"], shown[i].name))
    labels = cards.scorecard_labels(*period) if period else []
    return {
        "almos": [shown[i] for i in order],
        "summary": [summary[i] for i in order],
        "rows": [_row(row, [row.cells[i] for i in order], [shown[i] for i in order], labels) for row in rows],
    }


def period_from(value: str | None) -> tuple[int, int] | None:
    if not value:
        return None
    year, quarter = value.split("-Q")
    return int(year), int(quarter)


def _summary(almos, rows, counts) -> list[dict]:
    summary = []
    for index, almo in enumerate(almos):
        rags = [row.cells[index].rag for row in rows if row.cells[index]]
        work = counts[almo.pk]
        summary.append(
            {
                "almo": almo,
                **{rag: rags.count(rag) for rag in RAG_ORDER},
                "work": work,
                "plan_url": reverse("delivery_plans:plan_detail", args=[work.plan_id]) if work.plan_id else "",
                "amendments_url": reverse("delivery_plans:amendment_list") + f"?almo={almo.slug}&status=open",
                "concerns_url": reverse("delivery_plans:concern_list") + f"?almo={almo.slug}&status=open",
            }
        )
    return summary


def _row(row, cells, almos, labels) -> dict:
    indicator = row.indicator
    places = indicator.decimal_places
    shown = []
    for almo, cell in zip(almos, cells, strict=True):
        if cell is None:
            shown.append({"almo": almo, "cell": None})
            continue
        shown.append(
            {"almo": almo, **shown_cell(cell, places, f"{indicator.code}, {almo.name}, {labels[0]} to {labels[-1]}")}
        )
    return {"indicator": indicator, "cells": shown, "reds": row.reds}


def shown_cell(cell, places: int, title: str, size: tuple[int, int] = (96, 24)) -> dict:
    """One line's figure as a dashboard shows it: formatted, linked to its commentary, its direction in an arrow and
    in words, and its last eight quarters as a sparkline titled `title`."""
    arrow, words = DIRECTIONS[cell.direction]
    return {
        "cell": cell,
        "value": format_number(cell.value, places) if cell.value is not None else "No figure",
        "url": reverse("delivery_plans:return_detail", args=[cell.return_id]) + f"#indicator-{cell.actual_id}",
        "arrow": arrow,
        "direction": words,
        "provisional": cell.return_status != "accepted",
        "sparkline": sparkline(cell.history, title, width=size[0], height=size[1], decimal_places=places),
    }
