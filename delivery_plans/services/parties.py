"""Which party an actor acts for on a plan: the check every two-party write starts from."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from delivery_plans.models import DeliveryPlan
from organisations.access import acting_party


def party_for(actor, plan: DeliveryPlan) -> str:
    """The council or the ALMO, as `actor` acts on `plan`; PermissionDenied for anyone else."""
    party = acting_party(actor, plan.almo)
    if party is None:
        raise PermissionDenied("Only the ALMO's staff or its council's officers can do this.")
    return party
