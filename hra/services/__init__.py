"""Writes for the HRA and Decent Homes, one module per subdomain; the public services are re-exported here."""

from hra.services.accounts import (
    allocation_agree,
    allocation_set,
    hra_year_create,
    hra_year_update,
    line_delete,
    line_report,
    line_save,
    receipt_record,
)
from hra.services.decent_homes import (
    programme_agree,
    programme_create,
    programme_update,
    quarter_report,
    reprofile_decide,
    reprofile_propose,
    reprofile_withdraw,
    stock_condition_save,
)
from hra.services.imports import ImportFailed, RowError, import_lines, import_spend
from hra.services.investment import (
    archetype_add,
    component_add,
    investment_part_remove,
    investment_plan_create,
    resource_add,
)

__all__ = [
    "ImportFailed",
    "RowError",
    "allocation_agree",
    "allocation_set",
    "archetype_add",
    "component_add",
    "hra_year_create",
    "hra_year_update",
    "import_lines",
    "import_spend",
    "investment_part_remove",
    "investment_plan_create",
    "line_delete",
    "line_report",
    "line_save",
    "programme_agree",
    "programme_create",
    "programme_update",
    "quarter_report",
    "receipt_record",
    "reprofile_decide",
    "reprofile_propose",
    "reprofile_withdraw",
    "resource_add",
    "stock_condition_save",
]
