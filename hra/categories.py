"""The categories of HRA income and expenditure the portal ships with, loaded by a migration.

(code, name, kind, role): the role tells the checks which lines are the ALMOs' management fee and which are
recharges from the council's General Fund.
"""

CATEGORIES = [
    ("dwelling-rents", "Dwelling rents", "income", "other"),
    ("non-dwelling-rents", "Non-dwelling rents", "income", "other"),
    ("service-charges", "Service charges", "income", "other"),
    ("other-income", "Other income", "income", "other"),
    ("management-fee", "Management fee to the ALMO", "expenditure", "management_fee"),
    ("repairs", "Repairs and maintenance", "expenditure", "other"),
    ("supervision-management", "Supervision and management retained by the council", "expenditure", "other"),
    ("depreciation", "Depreciation and major repairs", "expenditure", "other"),
    ("capital-financing", "Capital financing charges", "expenditure", "other"),
    ("general-fund-recharges", "Recharges from the General Fund", "expenditure", "general_fund_recharge"),
    ("bad-debt", "Bad debt provision", "expenditure", "other"),
    ("other-expenditure", "Other expenditure", "expenditure", "other"),
]


def load_categories(model) -> None:
    """Create or bring up to date each shipped category; safe to run again."""
    for position, (code, name, kind, role) in enumerate(CATEGORIES, start=1):
        model.objects.update_or_create(
            code=code, defaults={"name": name, "kind": kind, "role": role, "position": position}
        )
