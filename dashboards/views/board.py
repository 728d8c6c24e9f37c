"""The board dashboard: how the ALMO is doing, in plain English, for board members who read it before a meeting.

Read-only. Each indicator has its story in a sentence, its last eight quarters as a chart and a table, and its place
among every ALMO's quartiles on screen. What the board is asked to note is gathered at the top: red lines, and what
each domain's panel says a board should know.
"""

from __future__ import annotations

from django.urls import reverse
from django.views.decorators.http import require_safe

from benchmarking import positions as placing
from benchmarking.models import PeerGroup
from core import clock, registries, variance
from core.charts import quartile_chart
from core.numbers import format_number
from core.periods import period_label
from dashboards import panels
from dashboards.trends import trend_sentence
from dashboards.views.almo import almo_named, chosen_period, indicator_lines
from organisations.cached_pages import render_cached_body

# What the colours mean, in the words a board member needs: the tag always carries its word too.
RAG_MEANINGS = [
    ("Green", "On target or better."),
    ("Amber", "Short of target, but within the margin the council and the ALMO agreed."),
    ("Red", "Short of target by more than the agreed margin. The ALMO explains why and what it is doing."),
]


@require_safe
def board_dashboard(request, slug):
    almo = almo_named(request, slug)

    def build() -> dict:
        period, form, theme = chosen_period(request, almo, accepted_first=True)
        peers = PeerGroup.everyone()
        lines = _lines(request.user, almo, peers, period, theme)
        today = clock.today()
        shown = panels.panels_for(
            registries.DashboardScope(request.user, registries.BOARD_DASHBOARD, almo.council, (almo,), today)
        )
        reds = [line for line in lines if line["cell"].rag == variance.RED]
        context = {
            "form": form,
            "period": period,
            "period_label": period_label(*period) if period else "",
            "peer_group": peers,
            "lines": lines,
            "counts": {rag: sum(1 for line in lines if line["cell"].rag == rag) for rag in ("red", "amber", "green")},
            "to_note": [f"{line['indicator'].name} is off target (red). {line['note']}" for line in reds]
            + panels.to_note(shown),
            "panels": shown,
            "rag_meanings": RAG_MEANINGS,
        }
        return context

    return render_cached_body(
        request,
        "dashboards/board",
        (almo.pk,),
        build,
        {
            "almo": almo,
            "object": almo,
            "crumbs": [("Dashboards", reverse("dashboards:index")), (f"{almo.name} board", "")],
        },
    )


def _lines(user, almo, peers, period, theme) -> list[dict]:
    """Each line with its story, its place among all ALMOs as a chart and a sentence, and a note for the board."""
    places = (
        {
            place.indicator.pk: place
            for place in placing.positions(user, almo=almo, peer_group=peers, year=period[0], quarter=period[1])
        }
        if period
        else {}
    )
    lines = indicator_lines(
        user,
        almo,
        period,
        theme,
        quartiles={pk: place.position for pk, place in places.items()},
        chart_size=(240, 48),
        named=True,
    )
    for line in lines:
        line["place"] = _place(places.get(line["indicator"].pk), almo)
        line["note"] = trend_sentence("It", line["cell"].history, line["indicator"].polarity, line["quartile"])
    return lines


def _place(position, almo) -> dict | None:
    """The indicator's place among its peers as a chart, a sentence and the three boundaries."""
    if position is None:
        return None
    indicator = position.indicator
    decimals = indicator.decimal_places
    if position.bounds is None:
        return {"summary": position.summary, "chart": "", "bounds": []}
    bounds = position.bounds
    return {
        "summary": position.summary,
        "chart": quartile_chart(
            bounds.lower,
            bounds.median,
            bounds.upper,
            position.value,
            f"{indicator.name} among all ALMOs",
            subject=almo.name,
            decimal_places=decimals,
        ),
        "bounds": [format_number(b, decimals) for b in (bounds.lower, bounds.median, bounds.upper)],
    }
