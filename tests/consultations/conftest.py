"""Fixtures for the consultations tests: a review of Northmoor Homes' future, its ballot, and codes the tests know.

`issue_codes` records codes the way the demo does (a batch already printed), so a test can vote with them without
rendering letters; the letters tests go through the real worker and PDF instead.
"""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from consultations import codes, services
from consultations.models import LetterBatch, Tenancy, VotingCode
from core import clock
from organisations.access import Role
from tests.factories import AlmoFactory, BoardFactory, user_with_role

OPTIONS = [("Keep the ALMO", "Stay as now"), ("Bring management back in-house", "The council manages the homes")]


@pytest.fixture(autouse=True)
def generous_rate_limits(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api": "100000/minute", "export": "100000/minute"},
    }


@pytest.fixture
def api():
    return APIClient()


def make_consultation(officer, almo, subject="The future of Northmoor Homes", method="ballot", options=True):
    consultation = services.consultation_create(
        actor=officer,
        almo=almo,
        subject=subject,
        purpose="Decide who manages the homes from 2028.",
        decision_criteria="The ballot result and the cost-benefit assessment.",
        is_future_review=True,
        method=method,
        overseeing_organisation="Independent Ballots Ltd",
        independent_tenant_adviser="Tenant Advice Ltd",
    )
    if options:
        for title, summary in OPTIONS:
            services.option_add(
                actor=officer,
                consultation=consultation,
                title=title,
                summary=summary,
                pros="Some",
                cons="Some",
                impact_on_residents="Some",
            )
    return consultation


@pytest.fixture
def consultation(council_officer, almo):
    return make_consultation(council_officer, almo)


@pytest.fixture
def overseer(observer):
    """The `observer` fixture: an observer at the council granted Northmoor Homes."""
    return observer


def make_ballot(officer, consultation, overseer_user, days_open=10):
    today = clock.today()
    return services.ballot_create(
        actor=officer,
        consultation=consultation,
        question="Who should manage your home?",
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=days_open),
        overseer=overseer_user.memberships.get(role=Role.OBSERVER),
    )


@pytest.fixture
def ballot(council_officer, consultation, overseer):
    return make_ballot(council_officer, consultation, overseer)


def add_tenancies(ballot, count, prefix="T", tenures=("secure",), areas=("North",)):
    tenancies = [
        Tenancy.objects.create(
            ballot=ballot,
            reference=f"{prefix}{n:05d}",
            name=f"Tenant {n}",
            address=f"{n} High Street",
            postcode="LS1 4AP",
            tenure=tenures[n % len(tenures)],
            area=areas[n % len(areas)],
        )
        for n in range(count)
    ]
    return tenancies


def issue_codes(ballot, officer) -> dict[str, str]:
    """Codes for every tenancy without one, recorded as a printed batch; returns {tenancy reference: code}."""
    batch = LetterBatch.objects.create(
        ballot=ballot, kind="first", status="downloaded", requested_by=officer, downloaded_by=officer
    )
    known = {}
    for tenancy in Tenancy.objects.filter(ballot=ballot).exclude(codes__status__in=["issued", "used"]):
        code = codes.new_code()
        VotingCode.objects.create(
            ballot=ballot, tenancy=tenancy, batch=batch, code_hash=codes.code_hash(ballot.public_id, code)
        )
        known[tenancy.reference] = code
    return known


@pytest.fixture
def open_ballot(ballot, council_officer):
    """An open ballot with six tenancies; `open_ballot.known` maps each tenancy reference to its code."""
    add_tenancies(ballot, 6, tenures=("secure", "leasehold"), areas=("North", "South", "East"))
    known = issue_codes(ballot, council_officer)
    ballot = services.ballot_open(actor=council_officer, ballot=ballot)
    ballot.known = known
    return ballot


def vote(ballot, code, option_index=0):
    option = list(ballot.consultation.options.all())[option_index]
    return services.vote_cast(ballot=ballot, code=code, option_id=option.pk)


def end_voting(settings, ballot):
    """Move the business date past the ballot's last day."""
    settings.PORTAL_TODAY = (ballot.closes_on + dt.timedelta(days=1)).isoformat()


@pytest.fixture
def other_consultation(other_almo):
    officer = user_with_role(Role.COUNCIL_OFFICER, other_almo.council, username="other.officer.c")
    return make_consultation(officer, other_almo, subject="The future of Southdale Homes")


@pytest.fixture
def second_almo(council):
    almo = AlmoFactory(council=council, name="Northmoor West Homes", slug="northmoor-west-homes")
    BoardFactory(almo=almo)
    return almo
