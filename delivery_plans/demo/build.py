"""Building the demo: a pinned clock, then each story's plan, returns, queries, amendments and concerns."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history

from core import variance
from core.clock import following_the_clock
from core.history import save_as
from core.periods import financial_year_label, previous_period, quarter_end
from delivery_plans import services
from delivery_plans.demo.stories import (
    AMBER_STORIES,
    DELEGATIONS,
    FIRST_YEAR,
    KELWORTH_OBJECTIVE,
    LAST_YEAR,
    LOCAL_INDICATOR,
    MEASURES,
    OBJECTIVES,
    PLAN_TITLE,
    RETURN_PERIODS,
    STORIES,
    TODAY,
    UNIT_SUFFIX,
    AlmoStory,
    AmendmentSpec,
    QuerySpec,
)
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

    The portal's HistoryRequestMiddleware names the signed-in user on every history record a service
    does not name itself, such as the empty lines an amendment deletes from open returns.
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
        with following_the_clock():  # the rules about "today" follow the story's dates
            yield clock
    finally:
        timezone.now = real_now


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
    return save_as(officer, Indicator(council=council, **LOCAL_INDICATOR))


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
        return save_as(officer, obj)

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
    # The figures are drawn from one random stream in this order, so the order is fixed here, not by the model.
    actuals = list(
        return_record.actuals.select_related("plan_indicator__indicator").order_by(
            "plan_indicator__indicator__source", "plan_indicator__indicator__code"
        )
    )
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
