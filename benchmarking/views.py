"""The benchmarking page: the peer groups, and downloads of the exports (which are the API's, used by session)."""

from django.shortcuts import render
from django.urls import reverse

from benchmarking.models import PeerGroup
from core.periods import financial_year_label
from delivery_plans.models import Return


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
