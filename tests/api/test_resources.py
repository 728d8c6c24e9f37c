"""The shared access checks, applied to every scoped API resource."""

import pytest
from django.urls import reverse

from delivery_plans.models import Indicator, PlanIndicator, Return
from tests.api.access import ScopedApiChecks
from tests.api.records import make_amendment, make_concern, make_plan, make_query, make_return, make_target
from tests.factories import AlmoFactory, CouncilFactory


class TestCouncils(ScopedApiChecks):
    basename = "council"
    # A council's ALMOs share it: its other ALMO's staff may read it too.
    strangers = ("other_staff", "other_council_officer")
    count_as = "superuser"

    @pytest.fixture
    def record(self, almo):
        return almo.council

    @pytest.fixture
    def other_record(self, other_almo):
        return other_almo.council

    def add_rows(self, almo, count):
        CouncilFactory.create_batch(count, region="london")

    def list_params(self, almo):
        return {"region": "london"}


class TestAlmos(ScopedApiChecks):
    basename = "almo"

    @pytest.fixture
    def record(self, almo):
        return almo

    @pytest.fixture
    def other_record(self, other_almo):
        return other_almo

    def add_rows(self, almo, count):
        AlmoFactory.create_batch(count, council=almo.council)


def _local_indicator(council, code):
    return Indicator.objects.create(
        council=council,
        code=code,
        name=f"Local measure {code}",
        definition="A local measure.",
        unit="count",
        polarity="higher",
    )


class TestIndicators(ScopedApiChecks):
    basename = "indicator"
    strangers = ("other_staff", "other_council_officer")

    @pytest.fixture
    def record(self, almo):
        return _local_indicator(almo.council, "LOCAL-1")

    @pytest.fixture
    def other_record(self, other_almo):
        return _local_indicator(other_almo.council, "LOCAL-1")

    def add_rows(self, almo, count):
        start = Indicator.objects.filter(council=almo.council).count()
        for number in range(start, start + count):
            _local_indicator(almo.council, f"L{number:03d}")

    def list_params(self, almo):
        return {"council": almo.council_id}


class TestPlans(ScopedApiChecks):
    basename = "plan"

    @pytest.fixture
    def record(self, plan):
        return plan

    @pytest.fixture
    def other_record(self, other_almo):
        return make_plan(other_almo)

    def write_request(self, record):
        return reverse("api:plan-sign", args=[record.pk]), {}

    def add_rows(self, almo, count):
        for _ in range(count):
            make_plan(almo, codes=("RP02(1)", "BV212"))


class TestTargets(ScopedApiChecks):
    basename = "target"

    @pytest.fixture
    def record(self, plan):
        return plan.plan_indicators.first().targets.first()

    @pytest.fixture
    def other_record(self, other_almo):
        return make_target(make_plan(other_almo).plan_indicators.get(), 2025, 1)

    def add_rows(self, almo, count):
        plan_indicator = PlanIndicator.objects.filter(plan__almo=almo, plan__title="Many targets").first()
        if plan_indicator is None:
            plan_indicator = make_plan(almo, title="Many targets").plan_indicators.get()
        start = plan_indicator.targets.count()
        for number in range(start, start + count):
            make_target(plan_indicator, 2000 + number // 5, number % 5)

    def list_params(self, almo):
        return {"almo": almo.pk}


def _returns(almo, count, title="Many returns"):
    plan = almo.delivery_plans.filter(title=title).first() or make_plan(almo, codes=("RP02(1)", "BV212"), title=title)
    start = plan.returns.count()
    return [make_return(plan, 2000 + n // 4, n % 4 + 1) for n in range(start, start + count)]


class TestReturns(ScopedApiChecks):
    basename = "return"

    @pytest.fixture
    def record(self, plan):
        return make_return(plan, 2025, 1)

    @pytest.fixture
    def other_record(self, other_almo):
        return make_return(make_plan(other_almo), 2025, 1)

    def write_request(self, record):
        return reverse("api:return-actuals", args=[record.pk]), {
            "actuals": [{"indicator_code": "RP02(1)", "numerator": "450", "denominator": "500"}]
        }

    def add_rows(self, almo, count):
        _returns(almo, count)

    def list_params(self, almo):
        return {"almo": almo.pk}


class TestActuals(ScopedApiChecks):
    basename = "actual"

    @pytest.fixture
    def record(self, plan):
        return make_return(plan, 2025, 1).actuals.first()

    @pytest.fixture
    def other_record(self, other_almo):
        return make_return(make_plan(other_almo), 2025, 1).actuals.first()

    def add_rows(self, almo, count):
        plan = make_plan(almo, codes=("RP02(1)",), title="One line a return")
        for number in range(count):
            make_return(plan, 2000 + number // 4, number % 4 + 1)

    def list_params(self, almo):
        return {"almo": almo.pk, "indicator_code": "RP02(1)"}


class TestQueries(ScopedApiChecks):
    basename = "query"

    @pytest.fixture
    def record(self, plan, council_officer):
        return make_query(make_return(plan, 2025, 1, status=Return.Status.SUBMITTED).actuals.first(), council_officer)

    @pytest.fixture
    def other_record(self, other_almo, other_council_officer):
        return make_query(make_return(make_plan(other_almo), 2025, 1).actuals.first(), other_council_officer)

    def write_request(self, record):
        return reverse("api:query-answer", args=[record.pk]), {"text": "Agency crews started late."}

    def add_rows(self, almo, count):
        officer = almo.council.memberships.get().user
        for return_record in _returns(almo, count):
            make_query(return_record.actuals.first(), officer)


class TestAmendments(ScopedApiChecks):
    basename = "amendment"

    @pytest.fixture
    def record(self, plan, almo_staff):
        return make_amendment(plan, almo_staff)

    @pytest.fixture
    def other_record(self, other_almo, other_staff):
        return make_amendment(make_plan(other_almo), other_staff)

    def write_request(self, record):
        return reverse("api:amendment-agree", args=[record.pk]), {"reason": "Agreed."}

    def add_rows(self, almo, count):
        plan = make_plan(almo)
        for _ in range(count):
            make_amendment(plan, almo.council.memberships.get().user)


class TestConcerns(ScopedApiChecks):
    basename = "concern"

    @pytest.fixture
    def record(self, plan):
        return make_concern(plan)

    @pytest.fixture
    def other_record(self, other_almo):
        return make_concern(make_plan(other_almo))

    def write_request(self, record):
        return reverse("api:concern-propose-recovery", args=[record.pk]), {"recovery_action": "Agency crews."}

    def add_rows(self, almo, count):
        plan = make_plan(almo)
        for number in range(count):
            make_concern(plan, title=f"Concern {number}")
