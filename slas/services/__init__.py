"""Writes for service level agreements, one module per subdomain; the public services are re-exported here."""

from slas.services.agreements import (
    DETAILS,
    TERMS,
    renegotiation_start,
    renegotiation_withdraw,
    sla_create,
    sla_end,
    sla_update,
    terms_agree,
    terms_update,
)
from slas.services.disputes import dispute_move, dispute_raise
from slas.services.standards import (
    COMMENTARY,
    field_name,
    results_record,
    standard_add,
    standard_remove,
    standard_update,
)
from slas.services.value import benchmark_add, benchmark_remove, cost_per_home

__all__ = [
    "COMMENTARY",
    "DETAILS",
    "TERMS",
    "benchmark_add",
    "benchmark_remove",
    "cost_per_home",
    "dispute_move",
    "dispute_raise",
    "field_name",
    "renegotiation_start",
    "renegotiation_withdraw",
    "results_record",
    "sla_create",
    "sla_end",
    "sla_update",
    "standard_add",
    "standard_remove",
    "standard_update",
    "terms_agree",
    "terms_update",
]
