"""HRA and Decent Homes models, one module per subdomain; every model is imported here so Django registers it."""

from hra.models.accounts import AllocationAgreement, CapitalReceipt, HraLine, HraYear, LineCategory
from hra.models.decent_homes import QUARTERS, DecentHomesProgramme, ProgrammeQuarter, ReprofileRequest, StockCondition
from hra.models.investment import HORIZON_YEARS, Archetype, Component, InvestmentPlan, Resource

__all__ = [
    "HORIZON_YEARS",
    "QUARTERS",
    "AllocationAgreement",
    "Archetype",
    "CapitalReceipt",
    "Component",
    "DecentHomesProgramme",
    "HraLine",
    "HraYear",
    "InvestmentPlan",
    "LineCategory",
    "ProgrammeQuarter",
    "ReprofileRequest",
    "Resource",
    "StockCondition",
]
