"""The reports panel on the home page: the latest reports ready to read."""

from core import registries
from reporting.models import ReportRun


def home_panel(request):
    ready = list(
        ReportRun.objects.restrict(request.user)
        .filter(status=ReportRun.Status.DONE)
        .select_related("almo", "council")
        .order_by("-finished_at")[:5]
    )
    return {"runs": ready} if ready else None


def board_pack_panel(scope: registries.DashboardScope) -> dict | None:
    """The latest board pack of each of the dashboard's ALMOs, ready to read: one query."""
    latest = {}
    for run in (
        ReportRun.objects.restrict(scope.user)
        .filter(kind=ReportRun.Kind.BOARD_PACK, status=ReportRun.Status.DONE, almo__in=scope.almo_ids)
        .select_related("almo", "council")
        .order_by("-finished_at")[:50]
    ):
        latest.setdefault(run.almo_id, run)
    return {"runs": list(latest.values())}
