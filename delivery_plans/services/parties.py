"""Which party an actor acts for on a plan: the check every two-party write starts from."""

from __future__ import annotations

from delivery_plans.models import DeliveryPlan
from organisations import joint_agreement


def party_for(actor, plan: DeliveryPlan) -> str:
    """The council or the ALMO, as `actor` acts on `plan`; PermissionDenied for anyone else."""
    return joint_agreement.party_for(actor, plan.almo)
