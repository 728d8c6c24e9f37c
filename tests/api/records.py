"""Quick records for API and benchmarking tests, made straight in the database (no services), so a test can
build many of them cheaply. Workflow tests use the services instead."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from api_access.services import token_create
from core.periods import quarter_end
from delivery_plans.models import (
    Actual,
    Amendment,
    Concern,
    DeliveryPlan,
    Indicator,
    PlanIndicator,
    Query,
    QueryMessage,
    Return,
    Target,
)
from organisations.access import Party


def bearer(user, **kwargs) -> dict:
    """Headers for a request with a fresh API token of `user`."""
    _token, raw = token_create(actor=user, name=kwargs.pop("name", "Test system"), **kwargs)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def make_plan(almo, codes=("RP02(1)",), first_year=2000, last_year=2040, title="Plan") -> DeliveryPlan:
    """A plan in force (signed by both sides on paper) monitoring library indicators."""
    now = timezone.now()
    plan = DeliveryPlan.objects.create(
        almo=almo,
        title=title,
        first_year=first_year,
        last_year=last_year,
        status=DeliveryPlan.Status.IN_FORCE,
        council_signed_at=now,
        almo_signed_at=now,
    )
    for code in codes:
        PlanIndicator.objects.create(plan=plan, indicator=Indicator.objects.get(council=None, code=code))
    return plan


def make_return(plan, year, quarter, status=Return.Status.DRAFT, figures=None) -> Return:
    """A return with a line per plan indicator; `figures` maps a code to a value or (numerator, denominator)."""
    return_record = Return.objects.create(
        plan=plan,
        year=year,
        quarter=quarter,
        status=status,
        due_on=quarter_end(year, quarter) + dt.timedelta(days=30),
        accepted_at=timezone.now() if status == Return.Status.ACCEPTED else None,
    )
    for plan_indicator in plan.plan_indicators.select_related("indicator"):
        indicator = plan_indicator.indicator
        figure = (figures or {}).get(indicator.code)
        numerator = denominator = value = None
        if isinstance(figure, tuple):
            numerator, denominator = Decimal(figure[0]), Decimal(figure[1])
            value = indicator.compute(numerator, denominator)
        elif figure is not None:
            value = Decimal(figure)
        Actual.objects.create(
            return_record=return_record,
            plan_indicator=plan_indicator,
            numerator=numerator,
            denominator=denominator,
            value=value,
        )
    return return_record


def make_target(plan_indicator, year, quarter, value="90") -> Target:
    return Target.objects.create(plan_indicator=plan_indicator, year=year, quarter=quarter, value=Decimal(value))


def make_query(actual, officer, text="Why did this fall?") -> Query:
    query = Query.objects.create(actual=actual, raised_by=officer)
    QueryMessage.objects.create(query=query, author=officer, party=Party.COUNCIL, text=text)
    return query


def make_amendment(plan, proposer, reason="Targets should reflect the new repairs contract.") -> Amendment:
    return Amendment.objects.create(
        plan=plan,
        kind=Amendment.Kind.OBJECTIVE,
        proposed_by=proposer,
        proposing_party=Party.ALMO,
        reason=reason,
        new_title="A new title",
    )


def make_concern(plan, title="Repairs are slipping") -> Concern:
    return Concern.objects.create(
        plan=plan,
        about_party=Party.ALMO,
        raised_by_party=Party.COUNCIL,
        title=title,
        description="Three quarters below target.",
    )
