"""Pages for amendments to a plan in force: propose one, list them, and agree or decline one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render

from core.forms import attach_errors
from delivery_plans import selectors, services
from delivery_plans.forms.amendments import AmendmentForm, DecisionForm
from delivery_plans.models import Amendment, DeliveryPlan
from organisations.access import acting_party, get_object_for
from organisations.models import Almo


def amendment_propose(request, pk):
    plan = get_object_for(request.user, DeliveryPlan.objects.select_related("almo"), "propose", pk=pk)
    form = AmendmentForm(request.POST or None, plan=plan, user=request.user)
    if request.method == "POST" and form.is_valid():
        kind, reason = form.cleaned_data["kind"], form.cleaned_data["reason"]
        try:
            amendment = services.amendment_propose(
                actor=request.user, plan=plan, kind=kind, reason=reason, **form.change()
            )
        except ValidationError as error:
            form.attach_service_errors(error)
        else:
            messages.success(
                request, "Your amendment is proposed. The other party must agree it before the plan changes."
            )
            return HttpResponseRedirect(amendment.get_absolute_url())
    return render(
        request, "delivery_plans/amendment_form.html", {"plan": plan, "form": form}, status=400 if form.errors else 200
    )


def amendment_list(request):
    """Every amendment a person can see; `?waiting_for=me` keeps those waiting for this person's side to decide,
    `?almo=<slug>` one ALMO's, and `?status=open` those still proposed."""
    waiting_for_me = request.GET.get("waiting_for") == "me"
    amendments = (
        selectors.amendments_awaiting_decision(request.user)
        if waiting_for_me
        else Amendment.objects.restrict(request.user)
    )
    almo = None
    if request.GET.get("almo"):
        almo = get_object_for(request.user, Almo, slug=request.GET["almo"])
        amendments = amendments.filter(plan__almo=almo)
    only_open = request.GET.get("status") == "open"
    if only_open:
        amendments = amendments.open()
    amendments = amendments.select_related("plan__almo", "proposed_by", "target__plan_indicator__indicator")
    return render(
        request,
        "delivery_plans/amendment_list.html",
        {"amendments": amendments, "waiting_for_me": waiting_for_me, "almo": almo, "only_open": only_open},
    )


def amendment_detail(request, pk):
    amendment = get_object_for(
        request.user,
        Amendment.objects.select_related(
            "plan__almo", "proposed_by", "decided_by", "target__plan_indicator__indicator"
        ),
        pk=pk,
    )
    party = acting_party(request.user, amendment.plan.almo)
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        if party is None or not Amendment.objects.restrict(request.user, "decide").filter(pk=amendment.pk).exists():
            raise Http404("No amendment matches the given query.")
        service = services.amendment_agree if "agree" in request.POST else services.amendment_decline
        if form.is_valid():
            try:
                service(actor=request.user, amendment=amendment, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(
                    request,
                    "The amendment is agreed and the plan has a new version."
                    if service is services.amendment_agree
                    else "The amendment is declined.",
                )
                return HttpResponseRedirect(amendment.get_absolute_url())
    return render(
        request,
        "delivery_plans/amendment_detail.html",
        {
            "amendment": amendment,
            "plan": amendment.plan,
            "form": form,
            "can_decide": amendment.status == Amendment.Status.PROPOSED
            and party is not None
            and party != amendment.proposing_party,
        },
        status=400 if form.errors else 200,
    )
