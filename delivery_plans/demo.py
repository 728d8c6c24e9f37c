"""Demo Delivery Plans for the fictional ALMOs of `organisations.demo`. None of it is real.

Each demo ALMO gets a plan for 2024/25 to 2026/27 signed off by both parties, with objectives,
indicators from the shipped library (and a Harrowfield local one), targets, a delegations register,
and eight quarterly returns, Q3 2024/25 (when the portal took over from spreadsheets) to Q2 2026/27.
The demo's "today" is 25 November 2026, so Q2 2026/27 is the latest quarter due.

Everything the portal has a service for goes through that service, so the records, RAG statuses,
concerns and history are what the portal itself would make. The services stamp records with
`timezone.now()`; the loader pins that clock to fixed dates in the story, so reruns and machines
agree and the history reads as if the work had been done over two and a half years. Figures come
from `random.Random(slug)`, never from the clock.

Safe to run again: an ALMO that already has the demo plan is left alone entirely.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history

from core import variance
from core.periods import financial_year_label, previous_period, quarter_end
from delivery_plans import services
from delivery_plans.models import (
    Actual,
    Amendment,
    Delegation,
    DeliveryPlan,
    Indicator,
    Objective,
    PlanIndicator,
    Polarity,
    Target,
    Unit,
)
from delivery_plans.selectors import target_for, targets_by_period
from organisations.access import Party
from organisations.models import Almo, Council

User = get_user_model()

TODAY = dt.date(2026, 11, 25)
PLAN_TITLE = "Delivery Plan 2024 to 2027"
FIRST_YEAR, LAST_YEAR = 2024, 2026
# The eight quarters with a return: Q3 2024/25 to Q2 2026/27, the latest due by TODAY.
RETURN_PERIODS = [(2024, 3), (2024, 4), (2025, 1), (2025, 2), (2025, 3), (2025, 4), (2026, 1), (2026, 2)]
LONDON = ZoneInfo("Europe/London")

GREEN, AMBER, RED = variance.GREEN, variance.AMBER, variance.RED
_BADNESS = {GREEN: 0, AMBER: 1, RED: 2}


# The demo clock -------------------------------------------------------------------------------


class _Clock:
    """Stands in for `django.utils.timezone.now` while the demo loads."""

    def __init__(self) -> None:
        self.moment = dt.datetime.combine(dt.date(2024, 2, 1), dt.time(9), tzinfo=LONDON)

    def at(self, day: dt.date, hour: int = 10) -> None:
        if day > TODAY:
            raise ValueError(f"The demo cannot do anything after {TODAY}: {day} was asked for.")
        self.moment = dt.datetime.combine(day, dt.time(hour), tzinfo=LONDON)

    def now(self) -> dt.datetime:
        return self.moment.astimezone(dt.UTC)


def _act(service, actor, *args, **kwargs):
    """Call a service as `actor`, with the actor visible to django-simple-history as in a web request.

    The portal's HistoryRequestMiddleware names the signed-in user on every history record, including
    records a service saves without setting `_history_user` itself (a new return, a new query).
    """
    context = HistoricalRecords.context
    outer = getattr(context, "request", None)
    context.request = SimpleNamespace(user=actor)
    try:
        return service(*args, actor=actor, **kwargs)
    finally:
        if outer is None:
            del context.request
        else:
            context.request = outer


@contextmanager
def _pinned_clock() -> Iterator[_Clock]:
    clock = _Clock()
    real_now = timezone.now
    timezone.now = clock.now
    try:
        yield clock
    finally:
        timezone.now = real_now


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


# Loading --------------------------------------------------------------------------------------


def load() -> None:
    """Build the demo plan and its history for each demo ALMO that does not have it yet."""
    almos = {almo.slug: almo for almo in Almo.objects.select_related("council").filter(slug__in=_slugs())}
    missing = sorted(set(_slugs()) - set(almos))
    if missing:
        raise RuntimeError(f"Load organisations.demo first: no ALMO with the slug {', '.join(missing)}.")
    users = {user.username: user for user in User.objects.filter(username__in=_usernames())}
    library = {indicator.code: indicator for indicator in Indicator.objects.library()}
    with _pinned_clock() as clock:
        harrowfield = Council.objects.get(slug="harrowfield")
        local = _local_indicator(harrowfield, users["council.officer"], clock)
        for story in STORIES:
            almo = almos[story.slug]
            if DeliveryPlan.objects.filter(almo=almo, title=PLAN_TITLE).exists():
                continue
            indicators = {**library, local.code: local} if almo.council_id == harrowfield.pk else library
            with transaction.atomic():
                _build(story, almo, users, indicators, clock)


def _slugs() -> list[str]:
    return [story.slug for story in STORIES]


def _usernames() -> set[str]:
    return {name for story in STORIES for name in (story.council_user, story.almo_user)}


def _local_indicator(council: Council, officer, clock: _Clock) -> Indicator:
    indicator = Indicator.objects.filter(council=council, code=LOCAL_INDICATOR["code"]).first()
    if indicator is not None:
        return indicator
    clock.at(dt.date(2024, 1, 15))
    indicator = Indicator(council=council, **LOCAL_INDICATOR)
    indicator.full_clean()
    indicator._history_user = officer
    indicator.save()
    return indicator


def _build(story: AlmoStory, almo: Almo, users: dict, indicators: dict, clock: _Clock) -> None:
    council_user, almo_user = users[story.council_user], users[story.almo_user]
    rng = random.Random(story.slug)
    plan = _draft_plan(story, almo, council_user, indicators, clock)

    clock.at(dt.date(2024, 3, 11))
    plan = _act(services.plan_sign, almo_user, plan=plan)
    clock.at(dt.date(2024, 3, 18))
    plan = _act(services.plan_sign, council_user, plan=plan)

    for year, quarter in RETURN_PERIODS:
        for spec in story.amendments:
            if spec.before_period == (year, quarter):
                _amend(spec, plan, council_user, almo_user, clock)
        last = (year, quarter) == RETURN_PERIODS[-1]
        _quarter(story, plan, year, quarter, story.last_state if last else "accepted", users, rng, clock)

    for spec in story.amendments:
        if spec.before_period is None:
            _amend(spec, plan, council_user, almo_user, clock)
    for spec in story.concerns:
        clock.at(spec.raised_on)
        actor = almo_user if spec.about_party == Party.COUNCIL else council_user
        _act(
            services.concern_raise,
            actor,
            plan=plan,
            title=spec.title,
            description=spec.description,
            about_party=spec.about_party,
        )


def _draft_plan(story: AlmoStory, almo: Almo, officer, indicators: dict, clock: _Clock) -> DeliveryPlan:
    """The council drafts the plan with the ALMO; there is no service for a draft, so it is saved directly."""
    clock.at(dt.date(2024, 2, 12))

    def save(obj):
        obj.full_clean()
        obj._history_user = officer
        obj.save()
        return obj

    plan = save(DeliveryPlan(almo=almo, title=PLAN_TITLE, first_year=FIRST_YEAR, last_year=LAST_YEAR))
    targets: list[Target] = []
    objectives = OBJECTIVES + ([KELWORTH_OBJECTIVE] if story.slug == "kelworth-homes" else [])
    for position, (title, kind, description, aim, codes) in enumerate(objectives, start=1):
        objective = save(
            Objective(
                plan=plan,
                title=title,
                kind=kind,
                description=description,
                strategy_reference=f"{story.strategy}: {aim}",
                position=position,
            )
        )
        for code in codes:
            if code not in story.codes:
                continue
            plan_indicator = save(PlanIndicator(plan=plan, indicator=indicators[code], objective=objective))
            targets.extend(_targets(story, plan_indicator))
    # Some 150 targets a plan: saved in bulk, each with its history record, to keep the load fast.
    bulk_create_with_history(targets, Target, default_user=officer)
    for area, decided_by, limit, notes in DELEGATIONS:
        save(Delegation(plan=plan, decision_area=area, decided_by=decided_by, financial_limit=limit, notes=notes))
    return plan


def _targets(story: AlmoStory, plan_indicator: PlanIndicator) -> list[Target]:
    """Cumulative quarterly targets for a quarterly indicator; a whole-year target (quarter 0) for an annual one."""
    indicator = plan_indicator.indicator
    measure = MEASURES[indicator.code]
    if indicator.polarity == Polarity.NEITHER:
        return []  # data only: the plan reports it without a target
    offset = Decimal(story.target_offsets.get(indicator.code, "0"))
    tolerance = Decimal(measure.tolerance)
    targets = []
    for year, annual in zip(range(FIRST_YEAR, LAST_YEAR + 1), measure.targets, strict=True):
        annual = Decimal(annual) + offset
        if indicator.frequency == Indicator.Frequency.ANNUAL:
            periods = [(Target.WHOLE_YEAR, annual)]
        else:
            periods = [(quarter, annual - Decimal(below)) for quarter, below in enumerate(measure.ramp, start=1)]
        for quarter, value in periods:
            target = Target(plan_indicator=plan_indicator, year=year, quarter=quarter, value=value, tolerance=tolerance)
            target.clean_fields(exclude=["plan_indicator"])
            targets.append(target)
    return targets


def _quarter(story, plan, year, quarter, final_state, users, rng, clock) -> None:
    """One quarter's return, from opening to the state the story leaves it in."""
    council_user, almo_user = users[story.council_user], users[story.almo_user]
    end = quarter_end(year, quarter)

    def on(days: int, hour: int = 10) -> None:
        clock.at(end + dt.timedelta(days=days), hour)

    on(7, 9)
    return_record = _act(services.return_open, almo_user, plan=plan, year=year, quarter=quarter)
    actuals = list(return_record.actuals.select_related("plan_indicator__indicator"))
    targets = targets_by_period(plan.pk, [year])
    rows = {}
    for actual in actuals:
        target = target_for(targets, actual.plan_indicator_id, year, quarter)
        rows[actual.pk] = _line(story, actual.plan_indicator.indicator, target, year, quarter, rng)
    if final_state == "draft":
        # Half filled in, and overdue: the ALMO is still gathering the figures.
        rows = dict(list(rows.items())[: len(rows) // 2])
    on(14)
    errors = _act(services.return_save, almo_user, return_record=return_record, rows=rows)
    if errors:
        raise RuntimeError(f"The demo figures for {story.slug} Q{quarter} {year} were refused: {errors}")
    if final_state == "draft":
        return
    on(21)
    return_record = _act(services.return_submit, almo_user, return_record=return_record)

    spec = story.queries.get((year, quarter))
    if spec is not None:
        actual = next(a for a in actuals if a.plan_indicator.indicator.code == spec.code)
        on(28, 11)
        query = _act(services.actual_query, council_user, actual=actual, text=_question(spec, actual))
        if not spec.answer:
            return  # the council is waiting for the ALMO's answer
        on(33, 15)
        _act(services.query_answer, almo_user, query=query, text=spec.answer)
        on(34)
        return_record = _act(services.return_submit, almo_user, return_record=return_record)
    if final_state == "accepted":
        on(40 if spec else 28, 14)
        _act(services.return_accept, council_user, return_record=return_record)


def _question(spec: QuerySpec, actual: Actual) -> str:
    actual.refresh_from_db()
    year, quarter = actual.return_record.year, actual.return_record.quarter
    earlier = {
        (a.return_record.year, a.return_record.quarter): a
        for a in Actual.objects.filter(plan_indicator=actual.plan_indicator).select_related("return_record")
    }
    previous = earlier.get(previous_period(year, quarter))
    year_ago = earlier.get((year - 1, quarter))
    return spec.question.format(
        numerator=_plain(actual.numerator),
        denominator=_plain(actual.denominator),
        value=_plain(actual.value),
        previous_denominator=_plain(previous.denominator) if previous else "none",
        year_ago_denominator=_plain(year_ago.denominator) if year_ago else "none",
    )


def _plain(number) -> str:
    if number is None:
        return ""
    return f"{Decimal(number).normalize():,f}"


# Figures --------------------------------------------------------------------------------------


def _line(story: AlmoStory, indicator: Indicator, target: Target | None, year: int, quarter: int, rng) -> dict:
    """Figures for one line of a return, landing on the RAG status the story wants, with commentary if needed."""
    measure = MEASURES[indicator.code]
    size = measure.size(story) * (quarter / 4 if measure.flow else 1) * rng.uniform(0.96, 1.04)
    if indicator.code == "BV66a":
        # Arrears brought forward are due in full from the first quarter.
        size += story.homes * story.weekly_rent * 52 * 0.025
        denominator = Decimal(str(round(size, 2)))
    else:
        denominator = Decimal(max(round(size), 12))
    if target is None:  # data only: complaints per 1,000 homes
        rate = Decimal(str(round(rng.uniform(28, 55), 1)))
        numerator = (rate * denominator / indicator.multiplier).to_integral_value(ROUND_HALF_UP)
        return {"numerator": str(numerator), "denominator": str(denominator)}

    wanted = GREEN
    if (year, quarter, indicator.code) in story.reds:
        wanted = RED
    elif (year, quarter, indicator.code) in story.ambers:
        wanted = AMBER
    better = 1 if indicator.polarity == Polarity.HIGHER else -1
    tolerance = float(target.tolerance)
    if wanted == GREEN:
        shortfall = -rng.uniform(min(0.3, measure.spread), measure.spread)
    elif wanted == AMBER:
        shortfall = rng.uniform(0.25, 0.75) * tolerance
    else:
        shortfall = tolerance + rng.uniform(1.0, 2.5) * tolerance
    value = float(target.value) - better * shortfall
    if indicator.unit == Unit.PERCENTAGE:
        value = min(max(value, 0.0), 100.0)
    numerator = _settle(indicator, target, denominator, value * float(denominator) / indicator.multiplier, wanted)
    row = {"numerator": str(numerator), "denominator": str(denominator)}

    rag = variance.rag_status(
        indicator.compute(numerator, denominator), target.value, target.tolerance, indicator.polarity
    )
    if rag in (AMBER, RED):
        story_text = story.reds.get((year, quarter, indicator.code)) or AMBER_STORIES[indicator.code]
        next_quarter = (year, quarter + 1) if quarter < 4 else (year + 1, 1)
        after_next = (next_quarter[0], next_quarter[1] + 1) if next_quarter[1] < 4 else (next_quarter[0] + 1, 1)
        recovery = story_text.expected_recovery or quarter_end(*(after_next if rag == RED else next_quarter))
        row.update(
            what_happened=_what_happened(indicator, target, numerator, denominator, year, quarter),
            why=story_text.why,
            recovery_action=story_text.recovery_action,
            expected_recovery=recovery,
        )
    return row


def _settle(indicator: Indicator, target: Target, denominator: Decimal, numerator: float, wanted: str) -> Decimal:
    """Round the numerator, then nudge it until the computed value has the RAG status the story wants.

    Small denominators (a small ALMO's complaints) move the value in big steps, so the status can jump over
    amber; never let it land worse than wanted, so no line turns red by accident.
    """
    places = Decimal("0.01") if indicator.code == "BV66a" else Decimal(1)
    cap = denominator if indicator.unit == Unit.PERCENTAGE and indicator.multiplier == 100 else None
    # A step moves the value by about 0.05 in the indicator's unit.
    step = max(places, (denominator * Decimal("0.05") / indicator.multiplier).quantize(places))
    better = step if indicator.polarity == Polarity.HIGHER else -step
    goal = _BADNESS[wanted]

    def clamp(n: Decimal) -> Decimal:
        n = max(n, Decimal(0))
        return min(n, cap) if cap is not None else n

    def badness(n: Decimal) -> int:
        value = indicator.compute(n, denominator)
        return _BADNESS[variance.rag_status(value, target.value, target.tolerance, indicator.polarity)]

    number = clamp(Decimal(str(numerator)).quantize(places, ROUND_HALF_UP))
    for _ in range(400):
        current = badness(number)
        if current == goal:
            return number
        moved = clamp(number + better) if current > goal else clamp(number - better)
        if moved == number or (current < goal and badness(moved) > goal):
            break  # cannot move, or would jump past amber to red: keep the better side
        number = moved
    while badness(number) > goal and clamp(number + better) != number:
        number = clamp(number + better)
    return number


def _what_happened(indicator, target, numerator, denominator, year, quarter) -> str:
    suffix = UNIT_SUFFIX.get(indicator.unit, "")
    value = indicator.compute(numerator, denominator)
    period = financial_year_label(year)
    if target.quarter != Target.WHOLE_YEAR:
        period = f"Q{quarter} {period} (year to date)"
    return (
        f"{indicator.code} was {_plain(value)}{suffix} for {period} against a target of "
        f"{_plain(target.value)}{suffix}. {indicator.numerator_definition}: {_plain(numerator)}; "
        f"{indicator.denominator_definition.lower()}: {_plain(denominator)}."
    )


# Amendments -----------------------------------------------------------------------------------


def _amend(spec: AmendmentSpec, plan: DeliveryPlan, council_user, almo_user, clock: _Clock) -> Amendment:
    target = Target.objects.select_related("plan_indicator__indicator").get(
        plan_indicator__plan=plan, plan_indicator__indicator__code=spec.code, year=spec.year, quarter=spec.quarter
    )
    proposer, decider = (almo_user, council_user) if spec.proposer == Party.ALMO else (council_user, almo_user)
    clock.at(spec.proposed_on)
    amendment = _act(
        services.amendment_propose,
        proposer,
        plan=plan,
        kind=Amendment.Kind.TARGET,
        reason=spec.reason.format(old=_plain(target.value), new=_plain(Decimal(spec.new_value))),
        target=target,
        new_value=Decimal(spec.new_value),
    )
    if spec.agreed_on is not None:
        clock.at(spec.agreed_on, 15)
        amendment = _act(services.amendment_agree, decider, amendment=amendment, reason=spec.decision_reason)
    return amendment
