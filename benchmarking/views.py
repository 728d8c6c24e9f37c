"""The benchmarking page: the peer groups, and downloads of the exports (which are the API's, used by session)."""

from django import forms
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from benchmarking import positions as placing
from benchmarking.models import PeerGroup
from core.charts import quartile_chart
from core.numbers import format_number
from core.periods import financial_year_label, period_label
from delivery_plans.models import Return
from organisations.access import get_object_for
from organisations.cached_pages import render_cached_body
from organisations.models import Almo


def index(request):
    # All ALMOs first: it is what the export compares with when no group is chosen.
    groups = sorted(PeerGroup.objects.restrict(request.user), key=lambda group: (group.kind != "all", group.name))
    for group in groups:
        group.member_count = group.members().count()
    # Years with accepted year-end (Q4) figures, the latest first: the ones a year's export has rows for.
    accepted_year_ends = Return.objects.restrict(request.user).filter(status="accepted", quarter=4)
    years = sorted(set(accepted_year_ends.values_list("year", flat=True)), reverse=True)
    return render(
        request,
        "benchmarking/index.html",
        {
            "groups": groups,
            "years": [(f"{financial_year_label(year)}", financial_year_label(year)) for year in years],
            "export_url": reverse("api:export-benchmarking"),
            "tsm_url": reverse("api:export-tsm"),
            "crumbs": [("Benchmarking", "")],
        },
    )


class CompareForm(forms.Form):
    """What to compare, sent as a GET form so it works with JavaScript off and a comparison can be shared."""

    almo = forms.ChoiceField(label="ALMO")
    peer_group = forms.ChoiceField(label="Peer group")
    quarter = forms.ChoiceField(label="Quarter", help_text="Quarters with accepted returns. Figures are year to date.")

    def __init__(self, *args, almos, groups, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["almo"].choices = [(almo.slug, almo.name) for almo in almos]
        self.fields["peer_group"].choices = [(group.slug, group.name) for group in groups]
        self.fields["quarter"].choices = [(f"{y}-Q{q}", period_label(y, q)) for y, q in periods]


@require_safe
def compare(request):
    """One ALMO's figures for a quarter placed among a peer group's quartiles: a chart, a sentence and a table each."""
    almos = list(Almo.objects.restrict(request.user).order_by("name").only("pk", "name", "slug"))
    # An ALMO the person may not see is missing, as everywhere: 404, not a form error.
    almo = get_object_for(request.user, Almo, slug=request.GET["almo"]) if request.GET.get("almo") else None
    almo = almo or (almos[0] if almos else None)

    def build() -> dict:
        groups = sorted(PeerGroup.objects.restrict(request.user), key=lambda group: (group.kind != "all", group.name))
        if not any(group.kind == PeerGroup.Kind.ALL for group in groups):
            groups.insert(0, PeerGroup.everyone())
        periods = placing.compared_periods(request.user)
        form = CompareForm(request.GET or None, almos=almos, groups=groups, periods=periods)
        chosen = form.cleaned_data if form.is_valid() else {}
        group = next((g for g in groups if g.slug == chosen.get("peer_group")), groups[0])
        period = tuple(int(part) for part in chosen["quarter"].split("-Q")) if chosen.get("quarter") else None
        period = period or (periods[0] if periods else None)
        if almo:
            form.fields["almo"].initial = almo.slug
        if period:
            form.fields["quarter"].initial = f"{period[0]}-Q{period[1]}"
        rows = (
            placing.positions(request.user, almo=almo, peer_group=group, year=period[0], quarter=period[1])
            if (almo and period)
            else []
        )
        for row in rows:
            row.chart = (
                quartile_chart(
                    row.bounds.lower,
                    row.bounds.median,
                    row.bounds.upper,
                    row.value,
                    f"{row.indicator.code} {row.indicator.name}",
                    subject=almo.name,
                    decimal_places=row.indicator.decimal_places,
                )
                if row.bounds
                else ""
            )
            places = row.indicator.decimal_places
            row.figure = format_number(row.value, places)
            row.shown_bounds = (
                [format_number(b, places) for b in (row.bounds.lower, row.bounds.median, row.bounds.upper)]
                if row.bounds
                else []
            )
            row.url = reverse("delivery_plans:return_detail", args=[row.return_id]) + f"#indicator-{row.actual_id}"
        context = {
            "form": form,
            "group": group,
            "in_group": bool(almo and group.members().filter(pk=almo.pk).exists()),
            "period_label": period_label(*period) if period else "",
            "rows": rows,
            "overview": placing.overview(rows),
        }
        return context

    # Kept until the data changes: the same comparison is read again and again between returns.
    return render_cached_body(
        request,
        "benchmarking/compare",
        (),
        build,
        {"almo": almo, "crumbs": [("Benchmarking", reverse("benchmarking:index")), ("Compare on screen", "")]},
    )
