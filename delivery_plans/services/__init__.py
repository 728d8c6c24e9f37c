"""Writes for Delivery Plans, one module per subdomain; the public services are re-exported from here."""

from delivery_plans.services.amendments import amendment_agree, amendment_decline, amendment_propose
from delivery_plans.services.concerns import (
    concern_agree_recovery,
    concern_propose_recovery,
    concern_raise,
    concerns_open_for_red_runs,
)
from delivery_plans.services.drafting import (
    delegation_create,
    delegation_delete,
    delegation_update,
    indicator_create,
    indicator_update,
    objective_create,
    objective_delete,
    objective_update,
    plan_create,
    plan_indicator_add,
    plan_indicator_remove,
    targets_set,
)
from delivery_plans.services.figures import MAX_DECIMAL_PLACES, MAX_INTEGER_DIGITS, NUMBER, clean_figures, parse_decimal
from delivery_plans.services.imports import apply_import
from delivery_plans.services.queries import actual_query, query_answer
from delivery_plans.services.returns import (
    COMMENTARY_FIELDS,
    RETURN_DAYS_AFTER_QUARTER,
    RowError,
    return_accept,
    return_open,
    return_save,
    return_submit,
)
from delivery_plans.services.signing import plan_sign

__all__ = [
    "COMMENTARY_FIELDS",
    "MAX_DECIMAL_PLACES",
    "MAX_INTEGER_DIGITS",
    "NUMBER",
    "RETURN_DAYS_AFTER_QUARTER",
    "RowError",
    "actual_query",
    "amendment_agree",
    "amendment_decline",
    "amendment_propose",
    "apply_import",
    "clean_figures",
    "concern_agree_recovery",
    "concern_propose_recovery",
    "concern_raise",
    "concerns_open_for_red_runs",
    "delegation_create",
    "delegation_delete",
    "delegation_update",
    "indicator_create",
    "indicator_update",
    "objective_create",
    "objective_delete",
    "objective_update",
    "parse_decimal",
    "plan_create",
    "plan_indicator_add",
    "plan_indicator_remove",
    "plan_sign",
    "query_answer",
    "return_accept",
    "return_open",
    "return_save",
    "return_submit",
    "targets_set",
]
