"""The indicators the portal ships with: the Regulator's Tenant Satisfaction Measures and the former BVPIs."""

from delivery_plans.library_data.bvpi import BEST_VALUE_INDICATORS
from delivery_plans.library_data.spec import FREQUENCIES, POLARITIES, REPORTING_LEVELS, SOURCES, UNITS, IndicatorSpec
from delivery_plans.library_data.tsm import TENANT_SATISFACTION_MEASURES

INDICATOR_LIBRARY: tuple[IndicatorSpec, ...] = TENANT_SATISFACTION_MEASURES + BEST_VALUE_INDICATORS

__all__ = [
    "BEST_VALUE_INDICATORS",
    "FREQUENCIES",
    "INDICATOR_LIBRARY",
    "POLARITIES",
    "REPORTING_LEVELS",
    "SOURCES",
    "TENANT_SATISFACTION_MEASURES",
    "UNITS",
    "IndicatorSpec",
]
