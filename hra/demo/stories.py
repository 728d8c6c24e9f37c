"""The demo's figures: per council and ALMO, what makes each one's story. All fictional."""

import datetime as dt
from decimal import Decimal

YEARS = [2024, 2025, 2026]
# 2026/27 has its Q1 and Q2 forecasts: the demo's today is in November 2026.
REPORTED_QUARTERS = {2024: (1, 2, 3, 4), 2025: (1, 2, 3, 4), 2026: (1, 2)}
PROFILE_SHARES = {1: Decimal("0.20"), 2: Decimal("0.25"), 3: Decimal("0.30"), 4: Decimal("0.25")}
RECEIPT_SPLIT = [Decimal("20"), Decimal("55"), Decimal("25")]  # ALMO, council, pooled

COUNCILS = {
    "harrowfield": {"officer": "council.officer", "rent_per_week": Decimal("86.40"), "minimum": Decimal("4000000")},
    "kelworth": {"officer": "kelworth.officer", "rent_per_week": Decimal("121.80"), "minimum": Decimal("6500000")},
    "ashby-vale": {"officer": "ashby.officer", "rent_per_week": Decimal("81.20"), "minimum": Decimal("750000")},
}

ALMOS = {
    "harrowfield-north-homes": {"staff": "north.staff", "non_decent": Decimal("0.14"), "dh_per_home": 820},
    "harrowfield-central-homes": {"staff": "central.staff", "non_decent": Decimal("0.11"), "dh_per_home": 760},
    "harrowfield-south-homes": {"staff": "south.staff", "non_decent": Decimal("0.18"), "dh_per_home": 900},
    "kelworth-homes": {"staff": "kelworth.staff", "non_decent": Decimal("0.22"), "dh_per_home": 1150},
    "ashby-vale-homes": {"staff": "ashby.staff", "non_decent": Decimal("0.09"), "dh_per_home": 640},
}

# Per home per year: the council's lines by all its homes; the ALMOs' fee and repairs by the homes each manages.
PER_HOME = {
    "supervision-management": Decimal("310"),
    "depreciation": Decimal("1230"),
    "capital-financing": Decimal("700"),
    "general-fund-recharges": Decimal("65"),
    "other-expenditure": Decimal("55"),
    "non-dwelling-rents": Decimal("42"),
    "service-charges": Decimal("118"),
    "other-income": Decimal("26"),
}
ALMO_PER_HOME = {"management-fee": Decimal("1180"), "repairs": Decimal("1090")}
YEARLY_RISE = Decimal("1.035")

# (ALMO slug, year, quarter) -> how far the repairs forecast strays, and the commentary.
REPAIRS_STORIES = {
    ("harrowfield-north-homes", 2025, 4): (
        Decimal("1.07"),
        "Storm damage in January and February doubled the emergency repairs. Insurance claims are in for "
        "£310,000; the fee for 2026/27 holds the responsive budget at the 2025/26 outturn.",
    ),
    ("kelworth-homes", 2026, 2): (Decimal("1.05"), ""),  # red, and still waiting for the ALMO's commentary
    ("harrowfield-central-homes", 2026, 2): (
        Decimal("1.015"),
        "Damp and mould surveys brought forward after the Ombudsman's spotlight report.",
    ),
}
# Harrowfield's General Fund recharges are forecast above the agreed level in 2026/27.
RECHARGE_OVERRUN = {("harrowfield", 2026): Decimal("1.12")}
# (ALMO slug, year) -> spend per quarter as a share of the profile, where a story sets it.
SPEND_STORIES = {
    ("kelworth-homes", 2026): {1: Decimal("0.93"), 2: Decimal("0.71")},
    ("harrowfield-south-homes", 2026): {1: Decimal("1.0"), 2: Decimal("0.94")},
}
SPEND_COMMENTARY = {
    ("kelworth-homes", 2026, 1): "Kitchen and bathroom starts were slow to mobilise on the Riverside estates.",
    ("kelworth-homes", 2026, 2): "Two kitchen and bathroom contractors went into administration in August. A new "
    "framework call-off starts in November; the ALMO has proposed moving spend into Q4.",
    ("harrowfield-south-homes", 2026, 2): "Asbestos surveys on the Moorside estate held up kitchen starts for "
    "three weeks.",
}
# Sustainability works as a share of the allocation (the cap is 5 per cent).
SUSTAINABILITY = {("ashby-vale-homes", 2025): Decimal("0.068")}
DEFAULT_SUSTAINABILITY = Decimal("0.035")

AGREED_AT = {2024: dt.datetime(2024, 3, 12, 10), 2025: dt.datetime(2025, 3, 11, 10), 2026: dt.datetime(2026, 3, 10, 10)}
# Harrowfield South's 2026/27 allocation waits for the ALMO: its board has not met yet.
ALMO_NOT_AGREED = {("harrowfield-south-homes", 2026)}

INVESTMENT_ARCHETYPES = [
    # (name, share of homes, [(component, per home, unit cost, lifetime, age now)])
    (
        "Pre-1945 terraced houses",
        Decimal("0.30"),
        [
            ("Kitchen", 1, 6200, 20, 17),
            ("Bathroom", 1, 4300, 30, 24),
            ("Roof", 1, 7800, 50, 46),
            ("Windows and doors", 1, 5600, 30, 21),
            ("Heating", 1, 4100, 15, 9),
            ("Electrics", 1, 3400, 30, 28),
        ],
    ),
    (
        "1960s low-rise flats",
        Decimal("0.45"),
        [
            ("Kitchen", 1, 5400, 20, 12),
            ("Bathroom", 1, 3900, 30, 31),
            ("Roof (share of the block)", Decimal("0.25"), 14000, 40, 33),
            ("Windows and doors", 1, 4800, 30, 26),
            ("Heating", 1, 3800, 15, 16),
        ],
    ),
    (
        "1970s high-rise flats",
        Decimal("0.25"),
        [
            ("Kitchen", 1, 5600, 20, 8),
            ("Lifts (share of the block)", Decimal("0.02"), 180000, 25, 22),
            ("Cladding and insulation", 1, 9200, 40, 38),
            ("Heating", 1, 4000, 15, 4),
        ],
    ),
]
# Money per home each year: the Major Repairs Allowance throughout, supported borrowing for the first five years.
MRA_PER_HOME = Decimal("760")
BORROWING_PER_HOME = Decimal("1400")
ALMO_FUNDING_PER_HOME = Decimal("90")
