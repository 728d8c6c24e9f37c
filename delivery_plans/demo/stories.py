"""The demo's story: its dates, each ALMO's plan content, figures to aim for, commentary, queries and amendments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from delivery_plans.models import Delegation, Indicator, Objective, Polarity, Unit
from organisations.access import Party

TODAY = dt.date(2026, 11, 25)
PLAN_TITLE = "Delivery Plan 2024 to 2027"
FIRST_YEAR, LAST_YEAR = 2024, 2026
# The eight quarters with a return: Q3 2024/25 to Q2 2026/27, the latest due by TODAY.
RETURN_PERIODS = [(2024, 3), (2024, 4), (2025, 1), (2025, 2), (2025, 3), (2025, 4), (2026, 1), (2026, 2)]


# The plan's content ---------------------------------------------------------------------------

LOCAL_INDICATOR = {
    "code": "HMB-L01",
    "name": "Homes re-let within 28 days",
    "definition": (
        "Percentage of council homes re-let in the year whose new tenancy started within 28 calendar days "
        "of the end of the last one. Homes left empty for major works are left out, as for BV212."
    ),
    "group": "Empty homes and lettings",
    "unit": Unit.PERCENTAGE,
    "polarity": Polarity.HIGHER,
    "numerator_definition": "Homes re-let within 28 calendar days of the end of the last tenancy",
    "denominator_definition": "Homes re-let in the period",
    "multiplier": 100,
    "decimal_places": 1,
    "reporting_level": Indicator.ReportingLevel.NONE,
    "source": Indicator.Source.LOCAL,
    "frequency": Indicator.Frequency.QUARTERLY,
}

# (title, kind, description, strategy aim, indicator codes)
OBJECTIVES = [
    (
        "Decent and safe homes",
        Objective.Kind.NATIONAL,
        "Keep every home decent, safe and in good repair: statutory safety checks done on time and "
        "repairs finished within the landlord's timescales.",
        "Safe, warm and decent homes",
        ["RP02(1)", "RP02(2)", "BS01", "BS02"],
    ),
    (
        "Tenants satisfied with their landlord and heard when they complain",
        Objective.Kind.NATIONAL,
        "Meet the Regulator's consumer standards on transparency, influence and accountability: act on the "
        "tenant survey and answer complaints within the Complaint Handling Code.",
        "Listening to tenants and putting them at the centre of services",
        ["TP01", "CH01(1)", "CH02(1)"],
    ),
    (
        "Sustain tenancies and protect rent income",
        Objective.Kind.LOCAL,
        "Collect the rent the Housing Revenue Account business plan depends on, while helping tenants "
        "through Universal Credit so fewer fall into serious arrears or lose their homes.",
        "Preventing homelessness and sustaining tenancies",
        ["BV66a", "BV66b"],
    ),
    (
        "Bring empty homes back into use quickly",
        Objective.Kind.LOCAL,
        "Re-let empty homes quickly and to a good lettable standard, so that the waiting list moves and rent "
        "is not lost on empty homes.",
        "Making the best use of existing homes",
        ["BV212", "HMB-L01"],
    ),
]

KELWORTH_OBJECTIVE = (
    "Keep residents in control of their estates",
    Objective.Kind.LOCAL,
    "Carry on the tenant management organisation's tradition: estate boards set local priorities and "
    "check the estate services budget each year.",
    "Resident involvement and estate management",
    [],
)

# (decision area, decided by, financial limit, notes)
DELEGATIONS = [
    (
        "Disposal of HRA land and buildings",
        Delegation.DecidedBy.COUNCIL_CABINET,
        None,
        "Retained by the council as landlord. The ALMO may recommend disposals of garage sites and small plots.",
    ),
    (
        "Capital works outside the Decent Homes programme",
        Delegation.DecidedBy.ALMO_BOARD,
        Decimal("250000"),
        "Schemes above the limit go to the council's capital programme board.",
    ),
    (
        "Write-off of former tenant arrears",
        Delegation.DecidedBy.ALMO_CHIEF_EXECUTIVE,
        Decimal("5000"),
        "Per debt. Larger write-offs go to the council's chief finance officer; all are reported quarterly.",
    ),
    (
        "Rent setting",
        Delegation.DecidedBy.COUNCIL_CABINET,
        None,
        "Each January within the government's rent standard, after consulting the ALMO and tenants.",
    ),
    (
        "Procurement of repairs contracts",
        Delegation.DecidedBy.ALMO_BOARD,
        Decimal("1000000"),
        "Under the council's contract procedure rules; the council's procurement team advises under the SLA.",
    ),
]


@dataclass(frozen=True)
class Measure:
    """How the demo sets targets for one indicator and makes up realistic figures for it."""

    targets: tuple[str, str, str]  # the whole-year target for 2024/25, 2025/26 and 2026/27
    tolerance: str
    spread: float  # how far better than target a green figure may be, in the indicator's unit
    size: Callable[[AlmoStory], float]  # the denominator: a year's volume, or a count at the quarter's end
    flow: bool = True  # True: the denominator builds up over the year (year-to-date figures)
    ramp: tuple[str, str, str, str] = ("0", "0", "0", "0")  # cumulative quarterly targets below the year's


MEASURES: dict[str, Measure] = {
    # Non-emergency and emergency repairs completed in the year.
    "RP02(1)": Measure(("88", "89", "90"), "2", 4.5, lambda a: a.homes * 2.6),
    "RP02(2)": Measure(("97", "97.5", "98"), "2", 1.8, lambda a: a.homes * 0.7),
    # Homes needing gas checks and fire risk assessments, counted at the quarter's end.
    "BS01": Measure(("100", "100", "100"), "0.5", 0, lambda a: a.homes * 0.9, flow=False),
    "BS02": Measure(("100", "100", "100"), "1", 0, lambda a: a.homes * a.flats_share, flow=False),
    "CH02(1)": Measure(("90", "92", "95"), "3", 4.5, lambda a: a.homes * 0.045),
    # Rent due in the year to date plus arrears brought forward: collection is lower early in the year.
    "BV66a": Measure(
        ("98", "98.3", "98.5"), "0.5", 0.9, lambda a: a.homes * a.weekly_rent * 52, ramp=("1.5", "1", "0.5", "0")
    ),
    "BV66b": Measure(("4.5", "4.2", "4"), "0.5", 0.9, lambda a: a.homes * 0.98, flow=False),
    # Homes re-let: about 7 in every 100 homes a year.
    "BV212": Measure(("35", "32", "30"), "3", 5, lambda a: a.homes * 0.07),
    "HMB-L01": Measure(("60", "65", "70"), "3", 8, lambda a: a.homes * 0.07),
    "TP01": Measure(("72", "74", "76"), "3", 4, lambda a: a.survey_sample, flow=False),
    # Data only: no target.
    "CH01(1)": Measure(("", "", ""), "0", 0, lambda a: a.homes, flow=False),
}

UNIT_SUFFIX = {Unit.PERCENTAGE: "%", Unit.DAYS: " days", Unit.RATE_PER_1000: " per 1,000 homes"}


@dataclass(frozen=True)
class Story:
    """Commentary for a line outside target: why it happened and what is being done."""

    why: str
    recovery_action: str
    expected_recovery: dt.date | None = None  # None: the end of the quarter after next


# Commentary for amber lines: close to target, explained briefly.
AMBER_STORIES: dict[str, Story] = {
    "RP02(1)": Story(
        "Demand rose after a wet spell while two trade posts (a plumber and a joiner) were vacant, and jobs "
        "waiting for specialist materials took longer.",
        "Saturday overtime on the backlog, both posts filled through the agency framework, and the scheduling "
        "team chasing materials daily.",
    ),
    "RP02(2)": Story(
        "A few out-of-hours emergency jobs went past the 24-hour target where the operative could not get in.",
        "Call handlers now book a second slot at the first call, and no-access jobs go to the duty supervisor.",
    ),
    "BS01": Story(
        "A handful of homes passed their gas safety anniversary because the tenants did not give access after "
        "three appointments.",
        "No-access cases passed to the tenancy team for the access procedure in the tenancy agreement; each "
        "home is tracked weekly until the check is done.",
    ),
    "BS02": Story(
        "Fire risk assessments for a few blocks fell outside their review date while the assessor's contract "
        "was re-procured.",
        "The new assessor started with the overdue blocks; the fire safety officer made interim checks.",
    ),
    "CH02(1)": Story(
        "A rise in stage 1 complaints about damp and mould stretched the complaints team; some responses went "
        "past ten working days.",
        "Extensions agreed with complainants where the Code allows, a temporary complaints officer, and damp "
        "and mould cases triaged the day they arrive.",
    ),
    "BV66a": Story(
        "Universal Credit payments fell into the following week at the quarter's end, and collection slipped "
        "over the bank holidays.",
        "Income officers call every tenant more than two weeks in arrears; direct payments requested from DWP "
        "for tenants more than eight weeks in arrears.",
    ),
    "BV66b": Story(
        "More tenants moved on to Universal Credit this quarter and the five-week wait took some past seven "
        "weeks' arrears.",
        "Alternative payment arrangements requested from DWP, money advice referrals for every case over five "
        "weeks, and discretionary housing payment applications.",
    ),
    "BV212": Story(
        "Several homes came back needing full rewires and damp treatment, and sheltered flats were slow to let.",
        "Weekly void meetings, pre-void inspections at notice, and sheltered flats advertised to over-55s on "
        "the general register.",
    ),
    "HMB-L01": Story(
        "Longer works on returned homes meant fewer were re-let within 28 days.",
        "Homes needing only minor works are fast-tracked to let within 21 days; the void panel reviews the rest.",
    ),
    "TP01": Story(
        "The survey found lower satisfaction among tenants waiting for repairs and damp and mould work.",
        "An action plan from the survey, agreed with the tenants' panel, focused on keeping tenants informed "
        "about their repairs.",
    ),
}


@dataclass(frozen=True)
class QuerySpec:
    """A council officer's question on one line of a return, and the ALMO's answer if it has given one."""

    code: str
    question: str  # may use {numerator}, {denominator}, {value}, {previous_denominator}, {year_ago_denominator}
    answer: str = ""


@dataclass(frozen=True)
class AmendmentSpec:
    proposer: str  # Party.ALMO or Party.COUNCIL
    code: str
    year: int
    quarter: int
    new_value: str
    reason: str  # may use {old} and {new}
    proposed_on: dt.date
    agreed_on: dt.date | None = None  # None: still waiting for the other party
    decision_reason: str = ""
    before_period: tuple[int, int] | None = None  # agree it before this return is filled in


@dataclass(frozen=True)
class ConcernSpec:
    title: str
    description: str
    raised_on: dt.date
    about_party: str = Party.COUNCIL


@dataclass(frozen=True)
class AlmoStory:
    """One demo ALMO's plan and its two and a half years of returns."""

    slug: str
    council_user: str
    almo_user: str
    homes: int
    weekly_rent: float
    flats_share: float  # share of homes in blocks needing a fire risk assessment
    strategy: str  # the council's housing strategy the objectives serve
    codes: tuple[str, ...]
    last_state: str  # the latest return: "accepted", "submitted" (queried or resubmitted by its query) or "draft"
    reds: dict[tuple[int, int, str], Story] = field(default_factory=dict)
    ambers: frozenset[tuple[int, int, str]] = frozenset()
    queries: dict[tuple[int, int], QuerySpec] = field(default_factory=dict)
    target_offsets: dict[str, str] = field(default_factory=dict)
    amendments: tuple[AmendmentSpec, ...] = ()
    concerns: tuple[ConcernSpec, ...] = ()

    @property
    def survey_sample(self) -> float:
        """Responses needed for the Regulator's precision at 95% confidence, plus a few over."""
        margin = 0.05 if self.homes < 2500 else 0.04 if self.homes < 10000 else 0.03
        n0 = 1.96**2 * 0.25 / margin**2
        return n0 / (1 + (n0 - 1) / self.homes) * 1.08


HARROWFIELD_CODES = ("RP02(1)", "BS01", "BS02", "CH02(1)", "BV66a", "BV66b", "BV212", "HMB-L01", "CH01(1)", "TP01")
OTHER_CODES = ("RP02(1)", "RP02(2)", "BS01", "BS02", "CH02(1)", "BV66a", "BV66b", "BV212", "CH01(1)", "TP01")
HARROWFIELD_STRATEGY = "Harrowfield Housing Strategy 2023 to 2028"

STORIES = [
    AlmoStory(
        slug="harrowfield-north-homes",
        council_user="council.officer",
        almo_user="north.staff",
        homes=11800,
        weekly_rent=92.4,
        flats_share=0.32,
        strategy=HARROWFIELD_STRATEGY,
        codes=HARROWFIELD_CODES,
        last_state="submitted",
        reds={
            (year, quarter, "BV212"): Story(
                "The void works contractor went into administration in January 2026. About 140 empty homes waited "
                "while the work was re-let, and the contractor's unfinished jobs had to be surveyed again.",
                "Two contractors called off the council's framework from April 2026, two more void inspectors, and "
                "a weekly void panel chaired by the director of property. Progress goes monthly to the council's "
                "client officer.",
                dt.date(2026, 12, 31),
            )
            for year, quarter in [(2025, 4), (2026, 1), (2026, 2)]
        },
        ambers=frozenset(
            {
                (2024, 3, "BS01"),
                (2025, 1, "RP02(1)"),
                (2025, 4, "HMB-L01"),
                (2026, 1, "HMB-L01"),
                (2026, 2, "HMB-L01"),
                (2026, 2, "CH02(1)"),
            }
        ),
    ),
    AlmoStory(
        slug="harrowfield-central-homes",
        council_user="council.officer",
        almo_user="central.staff",
        homes=9400,
        weekly_rent=90.1,
        flats_share=0.55,
        strategy=HARROWFIELD_STRATEGY,
        codes=HARROWFIELD_CODES,
        last_state="submitted",
        reds={
            (2025, 3, "RP02(1)"): Story(
                "The new repairs scheduling system went live in October 2025. For six weeks the operatives' "
                "handheld devices did not close jobs, so finished jobs were recorded late and counted as late.",
                "The supplier fixed the interface on 28 November 2025, a small team cleared the unclosed jobs, and "
                "a daily exception report now lists every job open beyond its target.",
                dt.date(2026, 3, 31),
            )
        },
        ambers=frozenset({(2024, 4, "BV66a"), (2025, 2, "CH02(1)"), (2025, 4, "RP02(1)"), (2026, 2, "RP02(1)")}),
        queries={
            (2026, 2): QuerySpec(
                "RP02(1)",
                "RP02(1) is {value}% so far this year ({numerator} of {denominator} repairs in time). Your "
                "commentary puts the shortfall down to two vacant trade posts: how many jobs are waiting for those "
                "trades, and will the agency staff start before the winter peak? We need this for the cabinet "
                "report in December.",
            )
        },
    ),
    AlmoStory(
        slug="harrowfield-south-homes",
        council_user="council.officer",
        almo_user="south.staff",
        homes=7300,
        weekly_rent=88.7,
        flats_share=0.28,
        strategy=HARROWFIELD_STRATEGY,
        codes=HARROWFIELD_CODES,
        last_state="draft",
        reds={
            (2025, 1, "CH02(1)"): Story(
                "The complaints officer was on long-term sick leave from April to June 2025 and cover started "
                "late; stage 1 responses queued for three weeks.",
                "Complaints cover shared with Harrowfield Central Homes under a reciprocal arrangement, and a "
                "second officer trained to handle stage 1 complaints.",
                dt.date(2025, 9, 30),
            )
        },
        ambers=frozenset({(2025, 3, "BS02"), (2024, 4, "BV66b")}),
        amendments=(
            AmendmentSpec(
                proposer=Party.COUNCIL,
                code="BV212",
                year=2026,
                quarter=4,
                new_value="27",
                reason=(
                    "Harrowfield South Homes has re-let homes well inside its target all year. The housing "
                    "strategy's aim to make the best use of existing homes asks each ALMO to match the best of the "
                    "three, so the council proposes the 2026/27 year-end re-let target moves from {old} to {new} "
                    "days."
                ),
                proposed_on=dt.date(2026, 11, 16),
            ),
        ),
    ),
    AlmoStory(
        slug="kelworth-homes",
        council_user="kelworth.officer",
        almo_user="kelworth.staff",
        homes=16200,
        weekly_rent=134.8,
        flats_share=0.71,
        strategy="Kelworth Housing and Homelessness Strategy 2024 to 2029",
        codes=OTHER_CODES,
        last_state="submitted",
        target_offsets={"TP01": "-6"},
        reds={
            (2025, 2, "CH02(1)"): Story(
                "Two of the four complaints officers left in June 2025, and stage 1 complaints rose by a fifth "
                "after the repairs contractor changed.",
                "Two officers recruited (both started in September 2025), a triage rota across housing managers, "
                "and weekly reporting of open complaints to the executive team.",
                dt.date(2025, 12, 31),
            )
        },
        ambers=frozenset({(2024, 4, "BV66b"), (2025, 3, "BV66a"), (2026, 1, "BS01"), (2026, 2, "RP02(2)")}),
        queries={
            (2026, 2): QuerySpec(
                "CH02(1)",
                "CH02(1) shows {numerator} of {denominator} stage 1 complaints answered in time. Does the base "
                "include complaints the repairs contractor handles itself? Its own report to us shows more.",
                "Yes. Since July 2026 the contractor logs its stage 1 complaints in our complaints system, so they "
                "are all in the base. The contractor's report also counts enquiries that were not complaints; we "
                "have asked it to report them separately from next quarter.",
            )
        },
        amendments=(
            AmendmentSpec(
                proposer=Party.ALMO,
                code="BV66a",
                year=2025,
                quarter=4,
                new_value="97.8",
                reason=(
                    "Universal Credit managed migration moves about 3,100 Kelworth Homes tenants on to Universal "
                    "Credit between October 2025 and March 2026. The five-week wait will hold collection down this "
                    "year, so we propose the 2025/26 year-end rent collection target moves from {old}% to {new}%."
                ),
                proposed_on=dt.date(2025, 10, 6),
                agreed_on=dt.date(2025, 10, 27),
                decision_reason=(
                    "Agreed at the monthly client meeting: the council's own income team sees the same effect. The "
                    "2026/27 target stays as planned."
                ),
                before_period=(2025, 3),
            ),
        ),
        concerns=(
            ConcernSpec(
                "Late decisions on disposals of HRA land",
                "Three requests to dispose of small garage sites, sent to the council in March, May and June 2026, "
                "are still waiting for a cabinet decision. Two buyers have withdrawn, the sites are being "
                "fly-tipped, and the capital receipts in this year's business plan are at risk. The management "
                "agreement expects a decision within eight weeks.",
                dt.date(2026, 9, 15),
            ),
        ),
    ),
    AlmoStory(
        slug="ashby-vale-homes",
        council_user="ashby.officer",
        almo_user="ashby.staff",
        homes=2150,
        weekly_rent=97.6,
        flats_share=0.22,
        strategy="Ashby Vale Housing Strategy 2022 to 2027",
        codes=OTHER_CODES,
        last_state="accepted",
        reds={
            (2025, 4, "TP01"): Story(
                "The survey ran in February 2026, after the damp and mould programme had slipped by six months; "
                "tenants still waiting for the works were the least satisfied.",
                "Damp and mould works brought forward with a second contractor, a letter to every household on the "
                "programme giving its date, and a short pulse survey in the autumn.",
                dt.date(2027, 3, 31),
            )
        },
        ambers=frozenset({(2025, 1, "BS02"), (2025, 4, "CH02(1)"), (2026, 2, "BV212")}),
        queries={
            (2026, 1): QuerySpec(
                "BS02",
                "BS02 counts {denominator} homes needing a fire risk assessment, against {previous_denominator} last "
                "quarter. Which blocks joined or left the programme, and why?",
                "Two sheltered schemes were closed ahead of redevelopment in May 2026 and a new block of 18 flats "
                "was handed over in June; the assessor's schedule has been updated for both.",
            )
        },
    ),
]
