"""Pages for drafting a delivery plan: start one, then set its objectives, indicators, targets and delegations.

Anyone who may read a plan may read its objectives, indicators and delegations pages; the forms are for the
council's officers and the ALMO's staff while the plan is a draft. Once both sign, the plan is in force and
these pages point to "Propose an amendment" instead.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from core.forms import attach_errors, flash_errors
from core.periods import financial_year_label, period_label
from delivery_plans import selectors
from delivery_plans.forms.drafting import DelegationForm, ObjectiveForm, PlanForm, PlanIndicatorForm
from delivery_plans.models import Delegation, DeliveryPlan, Objective, PlanIndicator, Target
from delivery_plans.services import drafting
from organisations.access import acting_party, get_object_for

# The plan and the side the user acts for, worked out once per request ------------------------


def _plans():
    return DeliveryPlan.objects.select_related("almo__council")


def _drafting_context(request, pk: int, *, change: bool = False) -> tuple[DeliveryPlan, str | None]:
    """The plan and the user's party. To change it, only for the council or the ALMO: else a plain 404."""
    if not change:
        plan = get_object_for(request.user, _plans(), pk=pk)
        return plan, acting_party(request.user, plan.almo)
    plan = get_object_for(request.user, _plans(), "change", pk=pk)
    return plan, _party_for_change(request, plan)


def _party_for_change(request, plan: DeliveryPlan) -> str:
    """404 unless the user acts for the council or the ALMO: the same answer as for a plan that is not there."""
    party = acting_party(request.user, plan.almo)
    if party is None:
        raise Http404("No delivery plan matches the given query.")
    return party


def _refusal(request, plan: DeliveryPlan, party: str):
    """While the plan is a draft, None; after, a page that says why it cannot change and what to do instead."""
    if plan.status == DeliveryPlan.Status.DRAFT:
        return None
    return render(
        request,
        "delivery_plans/drafting_locked.html",
        {"plan": plan, "party": party, "message": drafting.NOT_DRAFT[plan.status]},
        status=409 if request.method == "POST" else 200,
    )


def _context(plan: DeliveryPlan, party, **extra) -> dict:
    return {
        "plan": plan,
        "party": party,
        "can_edit": party is not None and plan.status == DeliveryPlan.Status.DRAFT,
        "not_draft_message": drafting.NOT_DRAFT.get(plan.status),
        **extra,
    }


def _form_page(request, template: str, context: dict):
    return render(request, template, context, status=400 if context["form"].errors else 200)


def _remove_page(request, plan: DeliveryPlan, party: str, *, thing: str, consequence: str, back: str):
    return render(
        request,
        "delivery_plans/drafting_remove.html",
        _context(plan, party, thing=thing, consequence=consequence, back=back),
    )


# Starting a plan -------------------------------------------------------------------------------


def plan_create(request):
    almos = drafting.almos_for_new_plan(request.user)
    if not almos:
        raise Http404("You cannot start a delivery plan.")
    form = PlanForm(request.POST or None, almos=almos)
    if request.method == "POST" and form.is_valid():
        try:
            plan = drafting.plan_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                "Your draft plan is started. Add its objectives, indicators and targets, and delegations; "
                "then the council and the ALMO each sign it off.",
            )
            return HttpResponseRedirect(plan.get_absolute_url())
    return _form_page(request, "delivery_plans/drafting_plan_form.html", {"form": form})


# Objectives ------------------------------------------------------------------------------------


def objective_list(request, pk):
    plan, party = _drafting_context(request, pk)
    objectives = (
        Objective.objects.restrict(request.user).filter(plan=plan).annotate(indicator_count=Count("indicators"))
    )
    return render(request, "delivery_plans/drafting_objectives.html", _context(plan, party, objectives=objectives))


def objective_create(request, pk):
    plan, party = _drafting_context(request, pk, change=True)
    if refused := _refusal(request, plan, party):
        return refused
    form = ObjectiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            objective = drafting.objective_create(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"Objective added: {objective.title}.")
            return HttpResponseRedirect(reverse("delivery_plans:objective_list", args=[plan.pk]))
    context = _context(plan, party, form=form, heading="Add an objective")
    return _form_page(request, "delivery_plans/drafting_objective_form.html", context)


def _objective_for_change(request, pk) -> tuple[Objective, str]:
    objective = get_object_for(request.user, Objective.objects.select_related("plan__almo__council"), "change", pk=pk)
    return objective, _party_for_change(request, objective.plan)


def objective_edit(request, pk):
    objective, party = _objective_for_change(request, pk)
    plan = objective.plan
    if refused := _refusal(request, plan, party):
        return refused
    initial = {name: getattr(objective, name) for name in ObjectiveForm.base_fields}
    form = ObjectiveForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            drafting.objective_update(actor=request.user, objective=objective, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The objective is saved.")
            return HttpResponseRedirect(reverse("delivery_plans:objective_list", args=[plan.pk]))
    context = _context(plan, party, form=form, heading="Change an objective")
    return _form_page(request, "delivery_plans/drafting_objective_form.html", context)


def objective_remove(request, pk):
    objective, party = _objective_for_change(request, pk)
    plan = objective.plan
    if refused := _refusal(request, plan, party):
        return refused
    back = reverse("delivery_plans:objective_list", args=[plan.pk])
    if request.method == "POST":
        try:
            drafting.objective_delete(actor=request.user, objective=objective)
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, f"Objective removed: {objective.title}.")
        return HttpResponseRedirect(back)
    count = objective.indicators.count()
    consequence = (
        f"Its {count} indicator{'' if count == 1 else 's'} stay in the plan, without an objective."
        if count
        else "No indicators are under it."
    )
    return _remove_page(request, plan, party, thing=objective.title, consequence=consequence, back=back)


# Indicators ------------------------------------------------------------------------------------


def _indicators_page(request, plan, party, form=None):
    plan_indicators = (
        PlanIndicator.objects.restrict(request.user)
        .filter(plan=plan)
        .select_related("indicator", "objective")
        .annotate(target_count=Count("targets"))
        .order_by("objective__position", "objective__pk", "indicator__source", "indicator__code")
    )
    set_by_year = dict(
        Target.objects.restrict(request.user)
        .filter(plan_indicator__plan=plan)
        .values_list("year")
        .annotate(count=Count("pk"))
        .values_list("year", "count")
    )
    years = [
        {"year": year, "label": financial_year_label(year), "set": set_by_year.get(year, 0)} for year in plan.years
    ]
    context = _context(plan, party, plan_indicators=plan_indicators, years=years)
    if context["can_edit"] and form is None:
        form = PlanIndicatorForm(plan=plan, indicators=drafting.indicators_for_plan(request.user, plan))
    context["form"] = form if context["can_edit"] else None
    context["has_objectives"] = plan.objectives.exists()
    return render(
        request, "delivery_plans/drafting_indicators.html", context, status=400 if form and form.errors else 200
    )


def plan_indicator_list(request, pk):
    plan, party = _drafting_context(request, pk)
    return _indicators_page(request, plan, party)


def plan_indicator_add(request, pk):
    plan, party = _drafting_context(request, pk, change=True)
    if refused := _refusal(request, plan, party):
        return refused
    if request.method != "POST":
        return HttpResponseRedirect(reverse("delivery_plans:plan_indicator_list", args=[plan.pk]))
    form = PlanIndicatorForm(request.POST, plan=plan, indicators=drafting.indicators_for_plan(request.user, plan))
    if form.is_valid():
        try:
            plan_indicator = drafting.plan_indicator_add(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, f"{plan_indicator.indicator.code} is added to the plan. Set its targets for each year."
            )
            return HttpResponseRedirect(reverse("delivery_plans:plan_indicator_list", args=[plan.pk]))
    return _indicators_page(request, plan, party, form=form)


def plan_indicator_remove(request, pk):
    plan_indicator = get_object_for(
        request.user, PlanIndicator.objects.select_related("plan__almo__council", "indicator"), "change", pk=pk
    )
    plan = plan_indicator.plan
    party = _party_for_change(request, plan)
    if refused := _refusal(request, plan, party):
        return refused
    back = reverse("delivery_plans:plan_indicator_list", args=[plan.pk])
    if request.method == "POST":
        try:
            drafting.plan_indicator_remove(actor=request.user, plan_indicator=plan_indicator)
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, f"{plan_indicator.indicator.code} is removed from the plan, with its targets.")
        return HttpResponseRedirect(back)
    count = plan_indicator.targets.count()
    consequence = f"Its {count} target{'' if count == 1 else 's'} will be removed too." if count else ""
    return _remove_page(request, plan, party, thing=str(plan_indicator), consequence=consequence, back=back)


# Targets ---------------------------------------------------------------------------------------


def targets_edit(request, pk, year):
    """One financial year's targets as a grid: a row per indicator, Q1 to Q4 (cumulative) and the whole year."""
    plan, party = _drafting_context(request, pk, change=True)
    if year not in plan.years:
        raise Http404("The plan does not cover that year.")
    if refused := _refusal(request, plan, party):
        return refused
    plan_indicators = list(plan.plan_indicators.select_related("indicator"))
    label = financial_year_label(year)
    errors, posted = [], {}
    if request.method == "POST":
        posted = _posted_targets(request, plan_indicators)
        try:
            problems = drafting.targets_set(actor=request.user, plan=plan, year=year, cells=posted)
        except ValidationError as error:
            flash_errors(request, error)
            return HttpResponseRedirect(request.path)
        if not problems:
            messages.success(request, f"The targets for {label} are saved.")
            return HttpResponseRedirect(request.path)
        errors = _target_errors(problems, plan_indicators, year)
    rows = _target_rows(plan, year, plan_indicators, posted, errors)
    years = [{"year": y, "label": financial_year_label(y)} for y in plan.years]
    context = _context(plan, party, year=year, label=label, rows=rows, errors=errors, years=years)
    return render(request, "delivery_plans/drafting_targets.html", context, status=400 if errors else 200)


def _cell_id(plan_indicator_id: int, quarter: int, field: str) -> str:
    return f"target-{plan_indicator_id}-{quarter}-{field}"


def _plain(number) -> str:
    return f"{number.normalize():f}" if number is not None else ""


def _posted_targets(request, plan_indicators) -> dict:
    return {
        (pi.pk, quarter): {
            field: request.POST.get(_cell_id(pi.pk, quarter, field), "") for field in ("value", "tolerance")
        }
        for pi in plan_indicators
        for quarter in drafting.periods_for(pi.indicator)
    }


def _target_errors(problems, plan_indicators, year: int) -> list[dict]:
    """The service's problems, each pointing at its cell, with a full message for the summary."""
    codes = {pi.pk: pi.indicator.code for pi in plan_indicators}
    field_names = {"value": "target", "tolerance": "tolerance"}
    return [
        {
            "id": _cell_id(e.plan_indicator_id, e.quarter, e.field),
            "message": f"{codes[e.plan_indicator_id]} {period_label(year, e.quarter)} "
            f"{field_names[e.field]}: {e.message}",
            "short": e.message,
        }
        for e in problems
    ]


def _target_rows(plan, year: int, plan_indicators, posted: dict, errors: list[dict]) -> list[dict]:
    """A row per indicator with a cell per period; a period the indicator is not reported for is blank."""
    targets = {(t.plan_indicator_id, t.quarter): t for t in Target.objects.filter(plan_indicator__plan=plan, year=year)}
    messages_by_id = {e["id"]: e["short"] for e in errors}
    rows = []
    for pi in plan_indicators:
        periods = drafting.periods_for(pi.indicator)
        cells = []
        for quarter in drafting.PERIODS:
            if quarter not in periods:
                cells.append({"quarter": quarter, "applies": False})
                continue
            parts = _target_parts(
                pi, year, quarter, targets.get((pi.pk, quarter)), posted.get((pi.pk, quarter)), messages_by_id
            )
            cells.append({"quarter": quarter, "applies": True, "parts": parts})
        rows.append({"plan_indicator": pi, "cells": cells})
    return rows


def _target_parts(pi, year: int, quarter: int, target, values, messages_by_id: dict) -> list[dict]:
    """The target and tolerance inputs of one cell: what was posted, else what is saved."""
    parts = []
    for field in ("value", "tolerance"):
        cell_id = _cell_id(pi.pk, quarter, field)
        parts.append(
            {
                "id": cell_id,
                "is_tolerance": field == "tolerance",
                "label": f"{pi.indicator.code} {period_label(year, quarter)} "
                f"{'target' if field == 'value' else 'tolerance'}",
                "value": values[field] if values else _plain(getattr(target, field) if target else None),
                "error": messages_by_id.get(cell_id, ""),
            }
        )
    return parts


# Delegations -----------------------------------------------------------------------------------


def delegation_list(request, pk):
    plan, party = _drafting_context(request, pk)
    delegations = Delegation.objects.restrict(request.user).filter(plan=plan)
    context = _context(plan, party, delegations=delegations, kept_register=selectors.kept_delegations(plan.almo))
    return render(request, "delivery_plans/drafting_delegations.html", context)


def delegation_create(request, pk):
    plan, party = _drafting_context(request, pk, change=True)
    if refused := _refusal(request, plan, party):
        return refused
    form = DelegationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            delegation = drafting.delegation_create(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"Delegation added: {delegation.decision_area}.")
            return HttpResponseRedirect(reverse("delivery_plans:delegation_list", args=[plan.pk]))
    context = _context(plan, party, form=form, heading="Add a delegation")
    return _form_page(request, "delivery_plans/drafting_delegation_form.html", context)


def _delegation_for_change(request, pk) -> tuple[Delegation, str]:
    delegation = get_object_for(request.user, Delegation.objects.select_related("plan__almo__council"), "change", pk=pk)
    return delegation, _party_for_change(request, delegation.plan)


def delegation_edit(request, pk):
    delegation, party = _delegation_for_change(request, pk)
    plan = delegation.plan
    if refused := _refusal(request, plan, party):
        return refused
    initial = {name: getattr(delegation, name) for name in DelegationForm.base_fields}
    if delegation.financial_limit is not None:
        initial["financial_limit"] = f"{delegation.financial_limit:,.2f}".removesuffix(".00")
    form = DelegationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            drafting.delegation_update(actor=request.user, delegation=delegation, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The delegation is saved.")
            return HttpResponseRedirect(reverse("delivery_plans:delegation_list", args=[plan.pk]))
    context = _context(plan, party, form=form, heading="Change a delegation")
    return _form_page(request, "delivery_plans/drafting_delegation_form.html", context)


def delegation_remove(request, pk):
    delegation, party = _delegation_for_change(request, pk)
    plan = delegation.plan
    if refused := _refusal(request, plan, party):
        return refused
    back = reverse("delivery_plans:delegation_list", args=[plan.pk])
    if request.method == "POST":
        try:
            drafting.delegation_delete(actor=request.user, delegation=delegation)
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, f"Delegation removed: {delegation.decision_area}.")
        return HttpResponseRedirect(back)
    return _remove_page(request, plan, party, thing=delegation.decision_area, consequence="", back=back)
