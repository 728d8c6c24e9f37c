"""The reports panel on the home page: the latest board packs and returns ready to read."""

from reporting.models import ReportRun


def home_panel(request):
    ready = list(
        ReportRun.objects.restrict(request.user)
        .filter(status=ReportRun.Status.DONE, kind__in=[ReportRun.Kind.BOARD_PACK, ReportRun.Kind.QUARTERLY_RETURN])
        .select_related("almo", "council")
        .order_by("-finished_at")[:5]
    )
    return {"runs": ready} if ready else None
