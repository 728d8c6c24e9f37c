"""Pages for performance concerns: raise one, list them, and propose or agree its recovery action."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render

from core.forms import attach_errors
from delivery_plans import services
from delivery_plans.forms.concerns import ConcernForm, RecoveryForm
from delivery_plans.models import Concern, DeliveryPlan
from organisations.access import acting_party, get_object_for
from organisations.models import Almo


def concern_list(request):
    """Every concern a person can see; `?plan=<id>` keeps one plan's, `?almo=<slug>` one ALMO's (every plan of it),
    and `?status=open` those not yet closed."""
    concerns = Concern.objects.restrict(request.user).select_related("plan__almo", "plan_indicator__indicator")
    plan = almo = None
    if request.GET.get("almo"):
        almo = get_object_for(request.user, Almo, slug=request.GET["almo"])
        concerns = concerns.filter(plan__almo=almo)
    if request.GET.get("plan"):
        plan_id = request.GET["plan"]
        if not plan_id.isdigit():
            raise Http404("No delivery plan matches the given query.")
        plan = get_object_for(request.user, DeliveryPlan.objects.select_related("almo"), pk=int(plan_id))
        concerns = concerns.filter(plan=plan)
    only_open = request.GET.get("status") == "open"
    if only_open:
        concerns = concerns.open()
    return render(
        request,
        "delivery_plans/concern_list.html",
        {"concerns": concerns, "plan": plan, "almo": almo, "only_open": only_open},
    )


def concern_raise(request, pk):
    plan = get_object_for(request.user, DeliveryPlan.objects.select_related("almo"), "raise", pk=pk)
    form = ConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            concern = services.concern_raise(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Your concern is raised. Both parties can see it.")
            return HttpResponseRedirect(concern.get_absolute_url())
    return render(
        request, "delivery_plans/concern_form.html", {"plan": plan, "form": form}, status=400 if form.errors else 200
    )


def concern_detail(request, pk):
    concern = get_object_for(
        request.user, Concern.objects.select_related("plan__almo", "plan_indicator__indicator", "raised_by"), pk=pk
    )
    party = acting_party(request.user, concern.plan.almo)
    form = RecoveryForm(request.POST or None)
    if request.method == "POST":
        get_object_for(request.user, Concern, "respond", pk=pk)
        try:
            if "agree" in request.POST:
                services.concern_agree_recovery(actor=request.user, concern=concern)
                messages.success(request, "The recovery action is agreed and the concern is closed.")
                return HttpResponseRedirect(concern.get_absolute_url())
            if form.is_valid():
                services.concern_propose_recovery(actor=request.user, concern=concern, **form.cleaned_data)
                messages.success(request, "Your recovery action is proposed. The other party must agree it.")
                return HttpResponseRedirect(concern.get_absolute_url())
        except ValidationError as error:
            attach_errors(form, error)
    return render(
        request,
        "delivery_plans/concern_detail.html",
        {
            "concern": concern,
            "plan": concern.plan,
            "form": form,
            "party": party,
            "can_propose": party is not None and concern.status != Concern.Status.CLOSED,
            "can_agree": party is not None
            and concern.status == Concern.Status.RECOVERY_PROPOSED
            and party != concern.recovery_proposed_by_party,
        },
        status=400 if form.errors else 200,
    )
