"""Delivery Plans models, one module per subdomain; every model is imported here so Django registers it."""

from delivery_plans.models.amendments import Amendment
from delivery_plans.models.concerns import Concern
from delivery_plans.models.library import Indicator, Polarity, Unit
from delivery_plans.models.plans import Delegation, DeliveryPlan, Objective, PlanIndicator, PlanVersion, Target
from delivery_plans.models.queries import Query, QueryMessage
from delivery_plans.models.returns import Actual, Rag, Return

__all__ = [
    "Actual",
    "Amendment",
    "Concern",
    "Delegation",
    "DeliveryPlan",
    "Indicator",
    "Objective",
    "PlanIndicator",
    "PlanVersion",
    "Polarity",
    "Query",
    "QueryMessage",
    "Rag",
    "Return",
    "Target",
    "Unit",
]
