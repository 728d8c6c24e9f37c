"""Dates and periods: each refused with a message that names the field and says what is allowed.

The tests' business date is fixed (PORTAL_TODAY, 20 January 2027), so these answers never drift.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from delivery_plans import services
from delivery_plans.models import DeliveryPlan, Return
from tests.plans import COMMENTARY, fill


@pytest.fixture
def long_plan(plan):
    DeliveryPlan.objects.filter(pk=plan.pk).update(first_year=2022, last_year=2027)
    plan.refresh_from_db()
    return plan


def test_a_recovery_date_in_the_past_is_refused_by_field(plan, almo_staff):
    return_record = services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=2)
    errors = fill(
        return_record,
        almo_staff,
        rp02=("400", "500"),
        commentary={**COMMENTARY, "expected_recovery": dt.date(2027, 1, 19)},
    )
    assert {(error.code, error.field) for error in errors} == {
        ("RP02(1)", "expected_recovery"),
        ("BV212", "expected_recovery"),
    }
    assert errors[0].message == (
        "The date the indicator will be back on target must be today (20 January 2027) or later, not 19 January 2027."
    )
    assert fill(return_record, almo_staff, commentary={**COMMENTARY, "expected_recovery": dt.date(2027, 1, 20)}) == []


def test_a_return_is_sent_only_once_its_quarter_has_ended(long_plan, almo_staff):
    current = services.return_open(actor=almo_staff, plan=long_plan, year=2026, quarter=4)  # January to March 2027
    fill(current, almo_staff)
    with pytest.raises(ValidationError) as refused:
        services.return_submit(actor=almo_staff, return_record=current)
    assert refused.value.messages == [
        "The Q4 2026/27 return can be sent once the quarter has ended, after 31 March 2027. "
        "You can save figures until then."
    ]
    assert Return.objects.get(pk=current.pk).status == Return.Status.DRAFT


@pytest.mark.parametrize(
    ("year", "quarter", "message"),
    [
        (2027, 1, "Q1 2027/28 has not started yet. Its return can start once the quarter begins, on 1 April 2027."),
        (
            2024,
            2,
            "Q2 2024/25 ended more than 2 years ago. Returns can be started for quarters that ended on or after "
            "20 January 2025.",
        ),
    ],
)
def test_a_return_for_a_quarter_not_begun_or_two_years_gone_is_refused(long_plan, almo_staff, year, quarter, message):
    with pytest.raises(ValidationError) as refused:
        services.return_open(actor=almo_staff, plan=long_plan, year=year, quarter=quarter)
    assert refused.value.message_dict == {"quarter": [message]}
    assert not Return.objects.exists()
    # The last quarter within two years can still be started.
    assert services.return_open(actor=almo_staff, plan=long_plan, year=2024, quarter=4).quarter == 4


def test_figures_for_a_future_quarter_are_refused_in_an_import(long_plan):
    from delivery_plans.services.imports_checking import validate_rows

    rows = [{"row": 2, "indicator_code": "BV212", "year": 2027, "quarter": 1, "numerator": 30, "denominator": 1}]
    _checked, errors = validate_rows(long_plan, rows)
    assert [(e.row, e.column) for e in errors] == [(2, "quarter")]
    assert "has not started yet" in errors[0].message
