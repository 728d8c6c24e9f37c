"""Writes for the thirty-year investment plan: either side builds it, by the one access rule."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404

from core.history import delete_as, save_as
from hra.models import Archetype, Component, InvestmentPlan, Resource
from organisations.access import acting_party
from organisations.models import Almo


@transaction.atomic
def investment_plan_create(*, actor, almo: Almo, first_year: int, title: str) -> InvestmentPlan:
    almo = Almo.objects.get_for(actor, "view", pk=almo.pk)
    if acting_party(actor, almo) is None:
        raise Http404("No ALMO matches the given query.")
    return save_as(actor, InvestmentPlan(almo=almo, first_year=first_year, title=(title or "").strip()))


def _plan(actor, plan: InvestmentPlan) -> InvestmentPlan:
    return InvestmentPlan.objects.select_for_update().get_for(actor, "change", pk=plan.pk)


@transaction.atomic
def archetype_add(*, actor, plan: InvestmentPlan, name: str, homes: int) -> Archetype:
    plan = _plan(actor, plan)
    return save_as(actor, Archetype(plan=plan, name=(name or "").strip(), homes=homes))


@transaction.atomic
def component_add(*, actor, archetype: Archetype, **fields) -> Component:
    archetype = Archetype.objects.get_for(actor, "change", pk=archetype.pk)
    _plan(actor, archetype.plan)
    names = ("name", "per_home", "unit_cost", "lifetime_years", "age_years")
    return save_as(actor, Component(archetype=archetype, **{name: fields.get(name) for name in names}))


@transaction.atomic
def resource_add(*, actor, plan: InvestmentPlan, **fields) -> Resource:
    plan = _plan(actor, plan)
    names = ("source", "from_year", "to_year", "amount_per_year")
    return save_as(actor, Resource(plan=plan, **{name: fields.get(name) for name in names}))


@transaction.atomic
def investment_part_remove(*, actor, part) -> None:
    """Remove an archetype (with its components), a component or a resource."""
    part = type(part).objects.select_for_update().get_for(actor, "change", pk=part.pk)
    delete_as(actor, part)
