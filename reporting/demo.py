"""A board pack ready to read in the demo, so a board member signing in finds one waiting."""

from django.contrib.auth import get_user_model

from core.periods import period_label
from delivery_plans.models import Return
from organisations.models import Almo
from organisations.notifications import in_portal_only
from reporting import services
from reporting.models import ReportRun

BOARD_PACK_ALMO = "harrowfield-north-homes"
PREPARED_BY = "north.staff"


def load() -> None:
    almo = Almo.objects.filter(slug=BOARD_PACK_ALMO).first()
    staff = get_user_model().objects.filter(username=PREPARED_BY).first()
    if almo is None or staff is None:
        return
    if ReportRun.objects.filter(kind=ReportRun.Kind.BOARD_PACK, almo=almo, status=ReportRun.Status.DONE).exists():
        return
    latest = (
        Return.objects.owned_by(almo=almo)
        .filter(status=Return.Status.ACCEPTED)
        .order_by("-year", "-quarter")
        .values_list("year", "quarter")
        .first()
    )
    if latest is None:
        return
    # Drawn here rather than by a worker, so the pack is there however the portal runs its tasks.
    run = ReportRun.objects.create(
        kind=ReportRun.Kind.BOARD_PACK,
        council_id=almo.council_id,
        almo=almo,
        requested_by=staff,
        parameters={"year": latest[0], "quarter": latest[1], "label": period_label(*latest)},
    )
    # The board is told in the portal, as it would be; no mail goes to the demo's made-up people.
    with in_portal_only():
        if services.report_claim(run.pk):
            services.report_render(run.pk)
