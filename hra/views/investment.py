"""Pages for the thirty-year investment plan: the need against the money, as a chart and a table."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_POST

from core.forms import attach_errors
from hra import projection, services
from hra.charts import gap_chart
from hra.forms.investment import ArchetypeForm, ComponentForm, InvestmentPlanForm, ResourceForm
from hra.models import Archetype, Component, InvestmentPlan, Resource
from hra.views.common import crumbs, form_page
from organisations.access import acting_party, can, get_object_for
from organisations.models import Almo

PARTS = {"archetype": Archetype, "component": Component, "resource": Resource}


def _almos_to_plan_for(user):
    return [almo for almo in Almo.objects.restrict(user).select_related("council") if acting_party(user, almo)]


def investment_create(request):
    almos = _almos_to_plan_for(request.user)
    if not almos:
        raise Http404("Only the council's officers and the ALMO's staff build an investment plan.")
    form = InvestmentPlanForm(request.POST or None, almos=Almo.objects.filter(pk__in=[a.pk for a in almos]))
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.investment_plan_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The plan is started. Add the stock's archetypes and the money expected.")
            return HttpResponseRedirect(plan.get_absolute_url())
    return form_page(request, form, title="Start a thirty-year investment plan", submit="Start the plan")


def investment_detail(request, pk):
    plan = get_object_for(request.user, InvestmentPlan.objects.select_related("almo"), pk=pk)
    archetypes = list(
        plan.archetypes.prefetch_related(Prefetch("components", queryset=Component.objects.order_by("name")))
    )
    resources = list(plan.resources.all())
    rows = projection.project(plan.first_year, archetypes, resources)
    shortfall = projection.first_shortfall(rows)
    context = {
        "plan": plan,
        "archetypes": archetypes,
        "resources": resources,
        "rows": rows,
        "shortfall": shortfall,
        "chart": gap_chart(rows, f"Need against resources each year, {plan.period_label}", shortfall=shortfall),
        "total_need": sum(r.need for r in rows),
        "total_resources": sum(r.resources for r in rows),
        "can_change": can(request.user, plan, "change"),
        "crumbs": crumbs((str(plan), "")),
    }
    return render(request, "hra/investment_detail.html", context)


def _add(request, owner: InvestmentPlan, form, service, title, **target):
    """A form that adds a part to `owner`; `target` names what the service adds it to."""
    plan = owner
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, **target, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Saved. The projection is worked out again.")
            return HttpResponseRedirect(plan.get_absolute_url())
    return form_page(request, form, title=title, caption=str(plan), trail=[(str(plan), plan.get_absolute_url())])


def archetype_add(request, pk):
    plan = get_object_for(request.user, InvestmentPlan.objects.select_related("almo"), "change", pk=pk)
    form = ArchetypeForm(request.POST or None)
    return _add(request, plan, form, services.archetype_add, "Add an archetype", plan=plan)


def component_add(request, pk):
    archetype = get_object_for(request.user, Archetype.objects.select_related("plan__almo"), "change", pk=pk)
    form = ComponentForm(request.POST or None)
    title = f"Add a component to {archetype.name}"
    return _add(request, archetype.plan, form, services.component_add, title, archetype=archetype)


def resource_add(request, pk):
    plan = get_object_for(request.user, InvestmentPlan.objects.select_related("almo"), "change", pk=pk)
    form = ResourceForm(request.POST or None)
    return _add(request, plan, form, services.resource_add, "Add money expected", plan=plan)


@require_POST
def part_remove(request, kind, pk):
    model = PARTS.get(kind)
    if model is None:
        raise Http404("There is no such part of a plan.")
    part = get_object_for(request.user, model, "change", pk=pk)
    plan = part.archetype.plan if kind == "component" else part.plan
    services.investment_part_remove(actor=request.user, part=part)
    messages.success(request, "Removed. The projection is worked out again.")
    return HttpResponseRedirect(plan.get_absolute_url())
