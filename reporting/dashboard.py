"""The reports panel on the home page: the latest reports ready to read."""

from reporting.models import ReportRun


def home_panel(request):
    ready = list(
        ReportRun.objects.restrict(request.user)
        .filter(status=ReportRun.Status.DONE)
        .select_related("almo", "council")
        .order_by("-finished_at")[:5]
    )
    return {"runs": ready} if ready else None
