"""The Delivery Plans panel on the home page: where each plan stands, and what waits for this person."""

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse

from core import registries
from delivery_plans.models import Concern, DeliveryPlan, Query, Return
from delivery_plans.selectors import amendments_awaiting_decision, returns_to_complete, returns_to_review


def home_panel(request):
    user = request.user
    plans = list(
        DeliveryPlan.objects.restrict(user)
        .in_force()
        .select_related("almo")
        .annotate(latest_return_id=Subquery(_latest_accepted.values("pk")[:1]))
        .order_by("almo__name")
    )
    if not plans:
        return None
    latest = {
        r.pk: r
        for r in Return.objects.filter(pk__in=[p.latest_return_id for p in plans if p.latest_return_id]).annotate(
            reds=Count("actuals", filter=Q(actuals__rag="red")),
            ambers=Count("actuals", filter=Q(actuals__rag="amber")),
            greens=Count("actuals", filter=Q(actuals__rag="green")),
        )
    }
    open_concerns = dict(
        Concern.objects.restrict(user).open().values_list("plan").annotate(n=Count("pk")).values_list("plan", "n")
    )
    for plan in plans:
        plan.latest_return = latest.get(plan.latest_return_id)
        plan.open_concern_count = open_concerns.get(plan.pk, 0)
    # A person who may not review (or fill in) returns gets an empty restriction: counted with no query.
    return {
        "plans": plans,
        "to_review": returns_to_review(user).count(),
        "to_complete": returns_to_complete(user).count(),
        "to_decide": amendments_awaiting_decision(user).count(),
    }


_latest_accepted = Return.objects.filter(plan=OuterRef("pk"), status=Return.Status.ACCEPTED).order_by(
    "-year", "-quarter"
)


def to_do(user, almos, today) -> list[registries.ToDo]:
    """Returns to fill in or review, queries to answer and amendments to decide, for these ALMOs: five queries."""
    almo_ids = [almo.pk for almo in almos]
    to_complete = list(returns_to_complete(user).filter(plan__almo__in=almo_ids).values_list("due_on", flat=True))
    to_review = list(returns_to_review(user).filter(plan__almo__in=almo_ids).values_list("due_on", flat=True))
    queries = (
        Query.objects.restrict(user, "answer")
        .filter(status=Query.Status.OPEN, actual__return_record__plan__almo__in=almo_ids)
        .count()
    )
    amendments = amendments_awaiting_decision(user).filter(plan__almo__in=almo_ids).count()
    items = []
    if to_complete:
        items.append(
            registries.ToDo(
                "Returns to fill in and send",
                reverse("delivery_plans:returns_to_complete"),
                len(to_complete),
                min(to_complete),
            )
        )
    if to_review:
        items.append(
            registries.ToDo("Returns to review", reverse("delivery_plans:review_queue"), len(to_review), min(to_review))
        )
    if queries:
        items.append(
            registries.ToDo("Council queries to answer", reverse("delivery_plans:returns_to_complete"), queries)
        )
    if amendments:
        items.append(
            registries.ToDo(
                "Amendments waiting for your agreement",
                reverse("delivery_plans:amendment_list") + "?waiting_for=me",
                amendments,
            )
        )
    return items
