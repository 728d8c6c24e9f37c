"""The words of the agreements demo: terms, registers, clauses, minutes and actions. All fictional."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from agreements.models import DelegatedFunction, FinancialLimit, ManagementAgreement

AGREEMENT_TITLE = "Management agreement 2024 to 2029"

# ALMO slug: (council officer, ALMO staff) who act for each side in the demo.
PEOPLE = {
    "harrowfield-north-homes": ("council.officer", "north.staff"),
    "harrowfield-central-homes": ("council.officer", "central.staff"),
    "harrowfield-south-homes": ("council.officer", "south.staff"),
    "kelworth-homes": ("kelworth.officer", "kelworth.staff"),
    "ashby-vale-homes": ("ashby.officer", "ashby.staff"),
}

PORTFOLIO_HOLDERS = {
    "harrowfield": "Cllr Denise Arkwright, cabinet member for housing",
    "kelworth": "Cllr Tunde Bakare, cabinet member for homes and neighbourhoods",
    "ashby-vale": "Cllr Fiona Hale, portfolio holder for housing",
}

LIAISON_OUTSIDERS = "Head of housing strategy, the council\nFinance business partner, the council"
BOARD_OUTSIDERS = "Chair of the ALMO board\nChief executive of the ALMO\nChair of the tenants' federation"


def usernames() -> set[str]:
    return {name for pair in PEOPLE.values() for name in pair}


def portfolio_holder(almo) -> str:
    return PORTFOLIO_HOLDERS[almo.council.slug]


def agreement_terms(almo) -> dict:
    # Roughly £1,100 a home a year, rounded to the nearest £10,000.
    fee = Decimal(round(almo.homes_managed * 1100, -4))
    indexation = {
        "harrowfield": (ManagementAgreement.Indexation.CPI_PLUS, Decimal("0.5")),
        "kelworth": (ManagementAgreement.Indexation.CPI, None),
        "ashby-vale": (ManagementAgreement.Indexation.FIXED_PERCENT, Decimal("2.5")),
    }[almo.council.slug]
    return {
        "title": AGREEMENT_TITLE,
        "starts_on": dt.date(2024, 4, 1),
        "initial_end_on": dt.date(2029, 3, 31),
        "renewal_years": 5,
        "renewal_notice_on": dt.date(2028, 3, 31),
        "break_on": dt.date(2027, 3, 31),
        "review_on": dt.date(2027, 1, 29),
        "management_fee": fee,
        "indexation": indexation[0],
        "indexation_rate": indexation[1],
        "indexation_notes": "Uplifted each 1 April by the September index, as clause 9.3 sets out.",
    }


A = DelegatedFunction.Arrangement
D = DelegatedFunction.DecisionMaker
U = DelegatedFunction.LimitUnit
FUNCTIONS = [
    {
        "function": "Disposal of land and buildings",
        "arrangement": A.SHARED,
        "limit": Decimal("250000"),
        "limit_unit": U.POUNDS_EACH,
        "decision_maker": D.ALMO_BOARD,
        "notes": "Above the limit the council's cabinet decides.",
    },
    {
        "function": "Capital works outside the Decent Homes programme",
        "arrangement": A.DELEGATED,
        "limit": Decimal("1000000"),
        "limit_unit": U.POUNDS_YEAR,
        "decision_maker": D.ALMO_BOARD,
        "notes": "",
    },
    {
        "function": "Allocations and lettings under the council's allocation scheme",
        "arrangement": A.DELEGATED,
        "limit": None,
        "limit_unit": "",
        "decision_maker": D.ALMO_CHIEF_EXECUTIVE,
        "notes": "The council keeps the allocation scheme itself.",
    },
    {
        "function": "Rent setting",
        "arrangement": A.RETAINED,
        "limit": None,
        "limit_unit": "",
        "decision_maker": D.COUNCIL_CABINET,
        "notes": "The ALMO collects rent and recovers arrears.",
    },
    {
        "function": "Write-off of former tenant arrears",
        "arrangement": A.DELEGATED,
        "limit": Decimal("5000"),
        "limit_unit": U.POUNDS_EACH,
        "decision_maker": D.ALMO_CHIEF_EXECUTIVE,
        "notes": "",
    },
    {
        "function": "Stock transfer, demolition and new build proposals",
        "arrangement": A.RETAINED,
        "limit": None,
        "limit_unit": "",
        "decision_maker": D.COUNCIL_CABINET,
        "notes": "",
    },
]
LIMITS = [
    {"subject": "Any single contract", "amount": Decimal("500000"), "basis": FinancialLimit.Basis.EACH},
    {"subject": "Use of the ALMO's surpluses", "amount": Decimal("250000"), "basis": FinancialLimit.Basis.YEAR},
    {"subject": "Legal settlements", "amount": Decimal("50000"), "basis": FinancialLimit.Basis.EACH},
]
CLAUSES = [
    {
        "number": "3.1",
        "heading": "Term",
        "text": "The agreement runs for five years from 1 April 2024 and may be renewed once for five years.",
    },
    {
        "number": "9.3",
        "heading": "Management fee",
        "text": "The council pays the fee monthly in advance, uplifted each 1 April as schedule 4 sets out.",
    },
    {
        "number": "12.1",
        "heading": "Meetings",
        "text": "Officers meet monthly; a monitoring board chaired by the portfolio holder meets each quarter.",
    },
    {
        "number": "14.2",
        "heading": "Failure to perform",
        "text": "Where either party fails to perform, the other may require a remedial plan within 20 working "
        "days, decide on it within 20 working days, and require a revised plan within 10.",
    },
    {
        "number": "19.1",
        "heading": "Disputes",
        "text": "Disputes go first to the chief executives, then to an independent adviser both parties appoint.",
    },
]

# An item one side adds to each meeting, in turn.
OTHER_ITEMS = [
    {"title": "Management fee and HRA budget monitoring", "detail": "Month-end position against the fee schedule."},
    {"title": "Tenant panel feedback", "detail": "Points raised at the last tenant panel."},
    {"title": "Capital programme progress", "detail": "Kitchens, bathrooms and roofs against the year's plan."},
    {"title": "Complaints and Ombudsman cases", "detail": "New stage 2 complaints and any Ombudsman enquiries."},
]

SUMMARIES = [
    "The meeting went through the actions from last time and the figures in the latest accepted return. "
    "Officers agreed where recovery is on track and where more is needed.",
    "Performance was discussed indicator by indicator. The ALMO explained the red figures and its recovery actions; "
    "the council asked for more detail before the monitoring board.",
    "A short meeting: most actions were done. The group looked ahead to the next quarter's return and the budget.",
]
DONE_NOTES = [
    "Done and reported at the meeting.",
    "Sent to the council by email; no further action.",
    "Completed: the figures were checked and agreed.",
]
ACTIONS = [
    "Send the council the repairs recovery plan with weekly figures",
    "Check the gas safety figures against the contractor's records",
    "Draft the tenant satisfaction survey timetable for the monitoring board",
    "Confirm the management fee schedule for next year",
    "Share the complaints learning report with tenant panel members",
    "Bring the void property figures broken down by area",
]


def summary(held_on, rng) -> str:
    return rng.choice(SUMMARIES)


def item_minute(item, rng) -> str:
    if item.source == "agreements.actions":
        return "Progress reported; the action stays open until the work is finished."
    if item.source == "added":
        return "The ALMO reported; no concerns were raised."
    if item.rag == "red":
        return "The ALMO set out why the figure is off track and what it is doing; the council noted it."
    return "Discussed and noted."


def item_decision(item, rng) -> str:
    return "The council asked for an update at the next meeting." if item.rag == "red" else ""


def actions_for(index, officer, staff, rng) -> list[tuple]:
    first = ACTIONS[index % len(ACTIONS)]
    second = ACTIONS[(index + 3) % len(ACTIONS)]
    return [(staff, first), (officer, second)] if index % 2 == 0 else [(staff, first)]


KELWORTH_FAILURE = (
    "Gas safety checks fell to 97.1% and fire risk assessments to 88% by the end of August, against targets of "
    "100%. The ALMO's contractor lost two engineers and the backlog has grown each week."
)
KELWORTH_NOTICE = (
    "Under clause 14.2 the council requires a remedial plan that brings gas and fire safety checks back to 100% "
    "by 31 March 2027, with weekly figures, named owners and the resources committed."
)
SOUTH_FAILURE = (
    "The council paid the September and October management fee instalments twelve and nine working days late, "
    "against clause 9.3, leaving the ALMO to draw on its overdraft."
)
