"""Pages for plans themselves: the list, a plan's page, its targets and versions, and signing it off."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_POST

from core.forms import flash_errors
from delivery_plans import selectors, services
from delivery_plans.forms.returns import ReturnStartForm
from delivery_plans.models import Amendment, Concern, DeliveryPlan, PlanVersion, Return
from organisations.access import Party, acting_party, get_object_for


def plan_list(request):
    plans = (
        DeliveryPlan.objects.restrict(request.user)
        .select_related("almo", "almo__council")
        .annotate(
            open_amendments=Count("amendments", filter=Q(amendments__status="proposed"), distinct=True),
            open_concerns=Count("concerns", filter=~Q(concerns__status="closed"), distinct=True),
        )
        .order_by("almo__name", "-first_year")
    )
    return render(request, "delivery_plans/plan_list.html", {"plans": plans})


def plan_detail(request, pk):
    plan = get_object_for(request.user, DeliveryPlan.objects.select_related("almo", "almo__council"), pk=pk)
    party = acting_party(request.user, plan.almo)
    next_quarter = _next_quarter(plan)
    returns = (
        Return.objects.restrict(request.user)
        .filter(plan=plan)
        .with_overdue()
        .annotate(
            reds=Count("actuals", filter=Q(actuals__rag="red")),
            ambers=Count("actuals", filter=Q(actuals__rag="amber")),
            greens=Count("actuals", filter=Q(actuals__rag="green")),
        )
        .order_by("-year", "-quarter")
    )
    context = {
        "plan": plan,
        "party": party,
        "Party": Party,
        "objectives": plan.objectives.prefetch_related("indicators__indicator"),
        "unassigned": plan.plan_indicators.filter(objective__isnull=True, is_active=True).select_related("indicator"),
        "delegations": plan.delegations.all(),
        "kept_register": selectors.kept_delegations(plan.almo),
        "returns": returns,
        "amendments": Amendment.objects.restrict(request.user).filter(plan=plan).open(),
        "concerns": Concern.objects.restrict(request.user)
        .filter(plan=plan)
        .open()
        .select_related("plan_indicator__indicator"),
        "start_form": ReturnStartForm(plan=plan, initial=next_quarter)
        if party == Party.ALMO and plan.is_in_force and next_quarter
        else None,
        "can_sign": party is not None
        and plan.status == DeliveryPlan.Status.DRAFT
        and not (plan.council_signed_at if party == Party.COUNCIL else plan.almo_signed_at),
    }
    return render(request, "delivery_plans/plan_detail.html", context)


def _next_quarter(plan) -> dict | None:
    """The quarter after the plan's latest return, to start the next one; None once the plan's last is done."""
    latest = plan.returns.order_by("-year", "-quarter").first()
    if latest is None:
        return {"year": plan.first_year, "quarter": 1}
    year, quarter = (latest.year, latest.quarter + 1) if latest.quarter < 4 else (latest.year + 1, 1)
    return {"year": year, "quarter": quarter} if year <= plan.last_year else None


@require_POST
def plan_sign(request, pk):
    plan = get_object_for(request.user, DeliveryPlan, "sign", pk=pk)
    try:
        plan = services.plan_sign(actor=request.user, plan=plan)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            "The plan is now in force."
            if plan.is_in_force
            else "Your sign-off is recorded. The other party must sign too.",
        )
    return HttpResponseRedirect(plan.get_absolute_url())


def plan_targets(request, pk):
    plan = get_object_for(request.user, DeliveryPlan.objects.select_related("almo"), pk=pk)
    return render(request, "delivery_plans/plan_targets.html", {"plan": plan, "grid": selectors.targets_grid(plan)})


def plan_versions(request, pk):
    plan = get_object_for(request.user, DeliveryPlan.objects.select_related("almo"), pk=pk)
    versions = PlanVersion.objects.filter(plan=plan).select_related("amendment__proposed_by", "amendment__decided_by")
    return render(request, "delivery_plans/plan_versions.html", {"plan": plan, "versions": versions})
