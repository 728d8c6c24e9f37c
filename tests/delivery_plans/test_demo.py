"""The Delivery Plans demo: a plan in force for every demo ALMO, returns in every state, and a safe rerun."""

import datetime as dt

import pytest
from django.apps import apps
from django.db import transaction

from delivery_plans import demo
from delivery_plans.models import Actual, Amendment, Concern, DeliveryPlan, PlanVersion, Return
from organisations import demo as organisations_demo
from organisations.access import Party

DEMO_ALMOS = [
    "harrowfield-north-homes",
    "harrowfield-central-homes",
    "harrowfield-south-homes",
    "kelworth-homes",
    "ashby-vale-homes",
]


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """Load the demo once for the module, in a transaction rolled back at the end; each test rolls back its own."""
    with django_db_blocker.unblock(), transaction.atomic():
        organisations_demo.load()
        demo.load()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo_data, db):
    return None


def row_counts() -> dict[str, int]:
    """Rows in every model of both apps, their django-simple-history tables included."""
    models = [*apps.get_app_config("organisations").get_models(), *apps.get_app_config("delivery_plans").get_models()]
    return {model._meta.label: model.objects.count() for model in models}


def test_every_demo_almo_has_a_plan_in_force_signed_by_both_with_eight_returns(loaded):
    for slug in DEMO_ALMOS:
        plan = DeliveryPlan.objects.get(almo__slug=slug, title=demo.PLAN_TITLE)
        assert plan.status == DeliveryPlan.Status.IN_FORCE, slug
        assert plan.council_signed_at and plan.almo_signed_at, slug
        assert plan.council_signed_by.username.endswith("officer"), slug
        assert plan.almo_signed_by.memberships.get().almo == plan.almo, slug
        assert 3 <= plan.objectives.count() <= 5, slug
        assert 8 <= plan.plan_indicators.count() <= 10, slug
        assert 4 <= plan.delegations.count() <= 6, slug
        assert plan.objectives.exclude(strategy_reference="").exists(), slug
        periods = sorted(plan.returns.values_list("year", "quarter"))
        assert periods == demo.RETURN_PERIODS, slug


def test_the_harrowfield_plans_use_the_council_local_indicator(loaded):
    for slug in DEMO_ALMOS[:3]:
        plan = DeliveryPlan.objects.get(almo__slug=slug)
        local = plan.plan_indicators.get(indicator__code="HMB-L01").indicator
        assert local.council.slug == "harrowfield"
        assert local.source == "local"


def test_returns_are_in_every_state(loaded):
    statuses = set(Return.objects.values_list("status", flat=True))
    assert {"accepted", "queried", "draft"} <= statuses
    assert statuses & {"submitted", "resubmitted"}
    # Most returns are accepted: all but the latest quarter's at four of the five ALMOs.
    assert Return.objects.filter(status="accepted").count() == 8 * 5 - 4


def test_red_lines_carry_their_commentary(loaded):
    reds = Actual.objects.filter(rag="red")
    assert reds.exists()
    assert all(actual.has_commentary for actual in reds)
    # Every line outside target in a return sent to the council has its commentary, as submit requires.
    sent = Actual.objects.needing_commentary().exclude(return_record__status="draft")
    assert all(actual.has_commentary for actual in sent)


def test_one_open_amendment_and_one_agreed_that_made_version_two(loaded):
    proposed = Amendment.objects.open().get()
    assert proposed.proposing_party == Party.COUNCIL
    assert proposed.target.plan_indicator.indicator.code == "BV212"
    assert proposed.new_value < proposed.target.value  # a tougher re-let target: fewer days

    agreed = Amendment.objects.get(status=Amendment.Status.AGREED)
    assert agreed.proposing_party == Party.ALMO
    assert agreed.plan.version == 2
    assert agreed.target.value == agreed.new_value
    assert PlanVersion.objects.get(plan=agreed.plan, number=2).amendment == agreed


def test_concerns_one_opened_by_the_portal_and_one_about_the_council(loaded):
    automatic = Concern.objects.open().get(raised_by=None)
    assert automatic.plan.almo.slug == "harrowfield-north-homes"
    assert automatic.about_party == Party.ALMO
    assert automatic.plan_indicator.indicator.code == "BV212"

    about_council = Concern.objects.open().get(about_party=Party.COUNCIL)
    assert about_council.raised_by_party == Party.ALMO
    assert about_council.raised_by is not None


def test_queries_waiting_for_the_almo_and_answered(loaded):
    queried = Return.objects.get(status="queried")
    assert queried.actuals.filter(queries__status="open").exists()
    resubmitted = Return.objects.get(status="resubmitted")
    query = resubmitted.actuals.get(queries__isnull=False).queries.get()
    assert [message.party for message in query.messages.all()] == [Party.COUNCIL, Party.ALMO]


def test_dates_follow_the_story_not_the_clock(loaded):
    latest = dt.datetime.combine(demo.TODAY, dt.time(23, 59), tzinfo=dt.UTC)
    assert not Return.objects.filter(submitted_at__gt=latest).exists()
    assert not Return.history.filter(history_date__gt=latest).exists()
    assert not Actual.history.filter(history_date__gt=latest).exists()
    assert Return.history.filter(history_user=None).count() == 0
    first = Return.objects.filter(plan__almo__slug="ashby-vale-homes").order_by("year", "quarter").first()
    assert first.accepted_at.date() == dt.date(2025, 1, 28)


def test_loading_again_changes_nothing(loaded):
    before = row_counts()
    assert before["delivery_plans.HistoricalReturn"] > 0
    organisations_demo.load()
    demo.load()
    assert row_counts() == before
