"""The indicator library: the shipped measures and each council's local indicators.

Everyone reads the library and their council's local indicators; a council's officers add and change its
local ones. The shipped library is reference data, changed only in the admin.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from core.forms import attach_errors
from delivery_plans.filtersets import IndicatorFilterSet
from delivery_plans.forms.library import IndicatorForm
from delivery_plans.models import DeliveryPlan, Indicator
from delivery_plans.services import drafting
from organisations.access import can, get_object_for
from organisations.models import Council


def _councils_to_add_for(user):
    return Council.objects.restrict(user, "change").order_by("name")


def indicator_list(request):
    indicators = Indicator.objects.restrict(request.user).select_related("council")
    filterset = IndicatorFilterSet(request.GET or None, queryset=indicators)
    context = {
        "filterset": filterset,
        "indicators": filterset.qs,
        "filtered": bool(request.GET.get("q") or request.GET.getlist("source")),
        "can_add": _councils_to_add_for(request.user).exists(),
    }
    return render(request, "delivery_plans/indicator_list.html", context)


def indicator_detail(request, pk):
    indicator = get_object_for(request.user, Indicator.objects.select_related("council"), pk=pk)
    plans = (
        DeliveryPlan.objects.restrict(request.user)
        .filter(plan_indicators__indicator=indicator, plan_indicators__is_active=True)
        .select_related("almo")
        .distinct()
    )
    context = {
        "indicator": indicator,
        "plans": plans,
        "can_edit": indicator.council_id is not None and can(request.user, indicator, "change"),
    }
    return render(request, "delivery_plans/indicator_detail.html", context)


def _detail(indicator: Indicator) -> str:
    return reverse("delivery_plans:indicator_detail", args=[indicator.pk])


def indicator_create(request):
    councils = _councils_to_add_for(request.user)
    if not councils:
        raise Http404("Only a council's officers can add its local indicators.")
    form = IndicatorForm(request.POST or None, councils=councils)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        council = data.pop("council")
        try:
            indicator = drafting.indicator_create(actor=request.user, council=council, **data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{indicator.code} is added to {council.name}'s local indicators.")
            return HttpResponseRedirect(_detail(indicator))
    return render(
        request,
        "delivery_plans/indicator_form.html",
        {"form": form, "heading": "Add a local indicator"},
        status=400 if form.errors else 200,
    )


def indicator_edit(request, pk):
    # Library indicators have no council, so no one passes this check for them: 404, as for a missing one.
    indicator = get_object_for(request.user, Indicator.objects.select_related("council"), "change", pk=pk)
    form = IndicatorForm(
        request.POST or None, initial=model_to_dict(indicator, fields=drafting.INDICATOR_FIELDS), editing=True
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = drafting.indicator_update(actor=request.user, indicator=indicator, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{saved.code} is saved.")
            return HttpResponseRedirect(_detail(saved))
    return render(
        request,
        "delivery_plans/indicator_form.html",
        {"form": form, "indicator": indicator, "heading": f"Change {indicator.code}"},
        status=400 if form.errors else 200,
    )
