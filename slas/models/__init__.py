"""Service level agreement models, one module per subdomain; every model is imported here so Django registers it."""

from slas.models.agreements import (
    ChargingBasis,
    ReminderSent,
    Service,
    ServiceLevelAgreement,
    SlaVersion,
    months_before,
)
from slas.models.disputes import STAGE_ORDER, Dispute, DisputeEvent, Outcome, Stage
from slas.models.standards import Polarity, Rag, ServiceStandard, StandardResult, Unit
from slas.models.value import POUNDS, Benchmark

__all__ = [
    "POUNDS",
    "STAGE_ORDER",
    "Benchmark",
    "ChargingBasis",
    "Dispute",
    "DisputeEvent",
    "Outcome",
    "Polarity",
    "Rag",
    "ReminderSent",
    "Service",
    "ServiceLevelAgreement",
    "ServiceStandard",
    "SlaVersion",
    "Stage",
    "StandardResult",
    "Unit",
    "months_before",
]
