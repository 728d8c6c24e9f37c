"""Fixtures for the agreements tests: an agreement, a meeting series with a meeting, and an intervention."""

import datetime as dt
from decimal import Decimal

import pytest

from agreements import services
from agreements.models import DelegatedFunction, InterventionStage, ManagementAgreement, MeetingSeries
from organisations.access import Party
from tests.api.conftest import api, generous_rate_limits  # noqa: F401  (the API tests' client and rate limits)
from tests.plans import COMMENTARY, fill, plan  # noqa: F401  (fixtures and helpers for this folder's tests)

TERMS = {
    "title": "Management agreement 2024 to 2029",
    "starts_on": dt.date(2024, 4, 1),
    "initial_end_on": dt.date(2029, 3, 31),
    "renewal_years": 5,
    "renewal_notice_on": dt.date(2028, 3, 31),
    "break_on": dt.date(2027, 3, 31),
    "review_on": dt.date(2027, 2, 26),
    "management_fee": Decimal("12500000"),
    "indexation": ManagementAgreement.Indexation.CPI_PLUS,
    "indexation_rate": Decimal("0.5"),
    "indexation_notes": "",
}
FUNCTION = {
    "function": "Disposal of land and buildings",
    "arrangement": DelegatedFunction.Arrangement.SHARED,
    "limit": Decimal("250000"),
    "limit_unit": DelegatedFunction.LimitUnit.POUNDS_EACH,
    "decision_maker": DelegatedFunction.DecisionMaker.ALMO_BOARD,
    "notes": "",
}


def make_agreement(almo, officer, staff=None, **terms):
    """A draft with one delegated function; agreed by both sides (so in force) when `staff` is given."""
    agreement = services.agreement_create(actor=officer, almo=almo, **{**TERMS, **terms})
    services.part_save(actor=officer, agreement=agreement, kind="functions", **FUNCTION)
    if staff is not None:
        services.agreement_agree(actor=officer, agreement=agreement)
        services.agreement_agree(actor=staff, agreement=agreement)
    agreement.refresh_from_db()
    return agreement


def make_series(almo, officer, staff, name="Officer liaison meeting"):
    return services.series_save(
        actor=officer,
        almo=almo,
        members=[officer, staff],
        kind=MeetingSeries.Kind.OFFICER_LIAISON,
        name=name,
        frequency=MeetingSeries.Frequency.MONTHLY,
        chair=officer,
        chair_name="",
        outside_members="Head of housing strategy",
    )


def start_intervention(almo, officer, **kwargs):
    fields = {
        "about_party": Party.ALMO,
        "title": "Gas safety checks behind programme",
        "failure": "Gas safety checks fell to 97%.",
        "started_on": dt.date(2027, 1, 4),
    }
    return services.intervention_start(actor=officer, almo=almo, **{**fields, **kwargs})


def stage(code):
    return InterventionStage.objects.get(code=code)


@pytest.fixture
def agreement(almo, council_officer, almo_staff):
    return make_agreement(almo, council_officer, almo_staff)


@pytest.fixture
def other_agreement(other_almo, other_council_officer, other_staff):
    return make_agreement(other_almo, other_council_officer, other_staff)


@pytest.fixture
def series(almo, council_officer, almo_staff):
    return make_series(almo, council_officer, almo_staff)


@pytest.fixture
def other_series(other_almo, other_council_officer, other_staff):
    return make_series(other_almo, other_council_officer, other_staff)


@pytest.fixture
def meeting(series, council_officer):
    return services.meeting_schedule(actor=council_officer, series=series, held_on=dt.date(2027, 1, 13))


@pytest.fixture
def other_meeting(other_series, other_council_officer):
    return services.meeting_schedule(actor=other_council_officer, series=other_series, held_on=dt.date(2027, 1, 13))


@pytest.fixture
def intervention(almo, council_officer):
    return start_intervention(almo, council_officer)


@pytest.fixture
def other_intervention(other_almo, other_council_officer):
    return start_intervention(other_almo, other_council_officer)


__all__ = ["COMMENTARY", "fill", "make_agreement", "make_series", "stage", "start_intervention"]
