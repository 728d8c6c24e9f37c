"""The SLA panel on the home page (and the dashboards): spend on central services per ALMO, cost per home against
benchmark, SLAs due for review within 90 days, and standards in red."""

from django.urls import reverse

from core import clock, registries
from slas import selectors
from slas.models import ServiceLevelAgreement


def home_panel(request):
    return _panel(ServiceLevelAgreement.objects.restrict(request.user), clock.today())


def dashboard_panel(scope: registries.DashboardScope) -> dict | None:
    """The same for the dashboard's ALMOs, with what a board should note: standards in red and reviews due."""
    panel = _panel(ServiceLevelAgreement.objects.restrict(scope.user).filter(almo__in=scope.almo_ids), scope.today)
    if panel is None:
        return None
    reds = sum(spend.red_standards for spend in panel["spends"])
    due = sum(spend.due_for_review for spend in panel["spends"])
    notes = []
    if reds:
        notes.append(
            f"{reds} service standard{'s' if reds != 1 else ''} for the council's central services "
            f"{'were' if reds != 1 else 'was'} red in the latest quarter."
        )
    if due:
        notes.append(
            f"{due} service level agreement{'s are' if due != 1 else ' is'} due for review within "
            f"{panel['window']} days."
        )
    panel["to_note"] = notes
    return panel


def to_do(user, almos, today) -> list[registries.ToDo]:
    """SLAs the person's side may act on that are due for review soon."""
    slas = ServiceLevelAgreement.objects.restrict(user, "change").filter(almo__in=[almo.pk for almo in almos])
    due = list(selectors.due_for_review(slas, today).values_list("current_version__review_date", flat=True))
    if not due:
        return []
    return [registries.ToDo("Service level agreements to review", reverse("slas:sla_list"), len(due), min(due))]


def _panel(slas, today) -> dict | None:
    spends = selectors.spend_by_almo(slas, today)
    if not spends:
        return None
    return {
        "spends": spends,
        "due": list(selectors.due_for_review(slas, today)[:10]),
        "reds": list(selectors.red_standards(slas)[:10]),
        "window": selectors.REVIEW_WINDOW_DAYS,
    }
