"""The council's review pages: returns waiting for review, and the red and amber variances."""

from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone

from core import clock
from delivery_plans import selectors
from delivery_plans.models import Actual, Query, Return


def review_queue(request):
    """Returns for the council to accept or query, newest quarter first, each with how long it has waited.

    Counted afresh on every load: only a query still waiting for the ALMO counts as open, not one answered.
    """
    today = clock.today()  # the business date: what is overdue
    waited_until = timezone.localdate()  # waiting is counted in real days since the return was sent
    counts = {
        "reds": Count("actuals", filter=Q(actuals__rag="red"), distinct=True),
        "open_queries": Count("actuals__queries", filter=Q(actuals__queries__status=Query.Status.OPEN), distinct=True),
        "answered_queries": Count(
            "actuals__queries", filter=Q(actuals__queries__status=Query.Status.ANSWERED), distinct=True
        ),
    }
    returns = list(
        selectors.returns_to_review(request.user)
        .with_overdue(today)
        .select_related("plan__almo", "submitted_by")
        .annotate(**counts)
        .order_by("-year", "-quarter", "submitted_at", "plan__almo__name")
    )
    for return_record in returns:
        submitted = return_record.submitted_at
        return_record.days_waited = (waited_until - timezone.localdate(submitted)).days if submitted else None
    # Queried returns are back with the ALMO: shown apart, so the council sees them without counting them as its own.
    with_almo = (
        Return.objects.restrict(request.user, "review")
        .filter(status=Return.Status.QUERIED)
        .with_overdue(today)
        .select_related("plan__almo")
        .annotate(**counts)
        .order_by("-year", "-quarter", "plan__almo__name")
    )
    return render(request, "delivery_plans/review_queue.html", {"returns": returns, "with_almo": with_almo})


def variance_list(request):
    """Every red and amber line in the returns a person may see, newest first."""
    actuals = (
        Actual.objects.restrict(request.user)
        .filter(rag__in=["red", "amber"])
        .exclude(return_record__status=Return.Status.DRAFT)  # the ALMO has not sent these figures yet
        .select_related("plan_indicator__indicator", "return_record__plan__almo")
        .order_by("-return_record__year", "-return_record__quarter", "return_record__plan__almo__name")[:200]
    )
    return render(request, "delivery_plans/variance_list.html", {"actuals": actuals})
