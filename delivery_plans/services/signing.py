"""Sign-off: each party signs the draft, and the plan comes into force as version 1 when both have."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.history import save_as
from delivery_plans.models import DeliveryPlan, PlanIndicator, PlanVersion
from delivery_plans.services import notifying
from delivery_plans.services.parties import party_for
from organisations.access import Party


@transaction.atomic
def plan_sign(*, actor, plan: DeliveryPlan) -> DeliveryPlan:
    """Record one party's sign-off; the plan comes into force when both have signed."""
    plan = DeliveryPlan.objects.select_for_update(of=("self",)).get_for(actor, "sign", pk=plan.pk)
    party = party_for(actor, plan)
    if plan.status != DeliveryPlan.Status.DRAFT:
        raise ValidationError("This plan is already in force; change it by amendment.")
    if not PlanIndicator.objects.filter(plan=plan, is_active=True).exists():
        raise ValidationError("Add at least one indicator to the plan before signing it off.")
    now = timezone.now()
    if party == Party.COUNCIL:
        if plan.council_signed_at:
            raise ValidationError("The council has already signed this plan off.")
        plan.council_signed_by, plan.council_signed_at = actor, now
    else:
        if plan.almo_signed_at:
            raise ValidationError("The ALMO has already signed this plan off.")
        plan.almo_signed_by, plan.almo_signed_at = actor, now
    if plan.council_signed_at and plan.almo_signed_at:
        plan.status = DeliveryPlan.Status.IN_FORCE
        # The first version records no changes: it is the plan as signed.
        version = PlanVersion(plan=plan, number=plan.version, summary="Signed off by the council and the ALMO.")
        save_as(actor, version, exclude=["changes"])
    save_as(actor, plan)
    notifying.plan_signed(plan, party, actor)
    return plan
