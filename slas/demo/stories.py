"""What the demo's SLAs are: three central services for every demo ALMO, and a few stories on top.

All fictional. Charges scale with the homes each ALMO manages; performance comes from `random.Random(seed)` so reruns
and machines agree. The story is set on 25 November 2026, as the Delivery Plans demo is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

DEMO_ALMOS = [
    "harrowfield-north-homes",
    "harrowfield-central-homes",
    "harrowfield-south-homes",
    "kelworth-homes",
    "ashby-vale-homes",
]
STARTS_ON, ENDS_ON = dt.date(2024, 4, 1), dt.date(2028, 3, 31)
# Q3 2024/25 (when the portal took over from spreadsheets) to Q2 2026/27, the latest quarter ended by the story's day.
QUARTERS = [(2024, 3), (2024, 4), (2025, 1), (2025, 2), (2025, 3), (2025, 4), (2026, 1), (2026, 2)]


@dataclass(frozen=True)
class StandardSpec:
    title: str
    unit: str
    polarity: str
    target: Decimal
    tolerance: Decimal
    typical: Decimal  # where results usually land
    spread: Decimal


@dataclass(frozen=True)
class SlaSpec:
    title: str
    service: str
    provider_team: str
    per_home: Decimal  # the annual charge per home managed
    review_date: dt.date
    standards: list[StandardSpec]
    charging_basis: str = "fixed"
    unit: str = ""
    unit_rate: Decimal | None = None
    notice_months: int = 3
    ends_on: dt.date = ENDS_ON
    benchmarks: list[dict] = field(default_factory=list)


D = Decimal
SLAS = [
    SlaSpec(
        "IT services",
        "it",
        "ICT Shared Service",
        D("28.40"),
        dt.date(2027, 1, 15),
        [
            StandardSpec("Incidents fixed within 8 working hours", "percentage", "higher", D(95), D(2), D(95.5), D(2)),
            StandardSpec(
                "Systems available in working hours", "percentage", "higher", D("99.5"), D("0.3"), D("99.6"), D("0.3")
            ),
            StandardSpec(
                "Service desk calls answered within 60 seconds", "percentage", "higher", D(90), D(5), D(91), D(4)
            ),
        ],
        # Three years, ending at the end of 2026/27: the last day to give notice falls at the end of 2026.
        ends_on=dt.date(2027, 3, 31),
        benchmarks=[
            {
                "kind": "housemark",
                "source": "HouseMark ALMO club, IT cost per property",
                "year": 2024,
                "amount": D("25.10"),
                "basis": "per_home",
                "uplift_percent": D(0),
            },
        ],
    ),
    SlaSpec(
        "Legal services",
        "legal",
        "Legal Services",
        D("14.50"),
        dt.date(2027, 2, 10),
        [
            StandardSpec(
                "Possession cases filed within 10 working days of instruction",
                "percentage",
                "higher",
                D(90),
                D(5),
                D(88),
                D(6),
            ),
            StandardSpec("Written advice within 5 working days", "percentage", "higher", D(85), D(5), D(86), D(5)),
        ],
        charging_basis="per_hour",
        unit_rate=D("85.00"),
        benchmarks=[
            {
                "kind": "market_test",
                "source": "Ridley Law LLP, quote for housing litigation",
                "year": 2024,
                "amount": None,
                "basis": "annual_total",
                "uplift_percent": D(0),
                "ratio": D("0.78"),
            },
            {
                "kind": "other_council",
                "source": "Wexcombe Council's charge to Wexcombe Homes",
                "year": 2023,
                "amount": D("13.20"),
                "basis": "per_home",
                "uplift_percent": D("6.7"),
            },
        ],
    ),
    SlaSpec(
        "HR and payroll",
        "hr",
        "People Services",
        D("9.10"),
        dt.date(2027, 6, 30),
        [
            StandardSpec(
                "Payslips correct first time", "percentage", "higher", D("99.5"), D("0.3"), D("99.6"), D("0.3")
            ),
            StandardSpec("Days from advert to job offer", "days", "lower", D(40), D(5), D(39), D(6)),
        ],
        charging_basis="per_unit",
        unit="payslip",
        unit_rate=D("6.40"),
        benchmarks=[
            {
                "kind": "other_council",
                "source": "Caldmoor Council payroll service, per payslip equivalent",
                "year": 2024,
                "amount": D("10.05"),
                "basis": "per_home",
                "uplift_percent": D(0),
            },
        ],
    ),
]

# Stories on top of the three SLAs, by ALMO slug.
RED_IT_QUARTER = {"harrowfield-north-homes": (2026, 2)}
LEGAL_DISPUTE = "harrowfield-north-homes"
IT_DISPUTE_RESOLVED = "kelworth-homes"
LEGAL_RENEGOTIATION = "harrowfield-central-homes"
DRAFT_CALL_CENTRE = "ashby-vale-homes"
