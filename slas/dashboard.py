"""The SLA panel on the home page (and the dashboards): spend on central services per ALMO, cost per home against
benchmark, SLAs due for review within 90 days, and standards in red."""

from core import clock
from slas import selectors
from slas.models import ServiceLevelAgreement


def home_panel(request):
    slas = ServiceLevelAgreement.objects.restrict(request.user)
    today = clock.today()
    spends = selectors.spend_by_almo(slas, today)
    if not spends:
        return None
    return {
        "spends": spends,
        "due": list(selectors.due_for_review(slas, today)[:10]),
        "reds": list(selectors.red_standards(slas)[:10]),
        "window": selectors.REVIEW_WINDOW_DAYS,
    }
