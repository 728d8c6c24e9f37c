"""The Delivery Plans panel on the home page: where each plan stands, and what waits for this person."""

from django.db.models import Count, OuterRef, Q, Subquery

from delivery_plans.models import Concern, DeliveryPlan, Return
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
