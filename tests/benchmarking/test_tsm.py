"""The Tenant Satisfaction Measures export: the council is the landlord and combines its ALMOs' figures."""

import csv
import io
import json

import pytest
from django.urls import reverse

from benchmarking.selectors import tsm_columns
from delivery_plans.models import Indicator, Return
from organisations.access import Role
from tests.api.records import bearer, make_plan, make_return
from tests.factories import AlmoFactory, CouncilFactory, user_with_role

TSM = reverse("api:export-tsm")
ACCEPTED = Return.Status.ACCEPTED


@pytest.fixture
def lcho_tp01(council):
    """Northmoor's own TP01 for shared-ownership homes: how an ALMO reports a measure's LCHO figure."""
    return Indicator.objects.create(
        council=council,
        code="TP01",
        name="Overall satisfaction (shared owners)",
        definition="TP01 asked of shared owners.",
        unit="percentage",
        polarity="higher",
        numerator_definition="Respondents very or fairly satisfied",
        denominator_definition="Respondents who answered",
        multiplier=100,
        reporting_level=Indicator.ReportingLevel.LCHO,
        source=Indicator.Source.LOCAL,
        frequency=Indicator.Frequency.ANNUAL,
    )


@pytest.fixture
def returns(almo, sibling_almo, lcho_tp01):
    """Northmoor Council's two ALMOs' accepted 2025/26 year-end figures.

    TP01 (LCRA): 90 of 100 (90%) and 10 of 50 (20%). Averaging the percentages would give 55.0;
      the council's figure combines them: (90 + 10) / (100 + 50) x 100 = 66.7.
    CH01(1), per 1,000 homes: 30 in 1,000 (30.0) and 10 in 2,000 (5.0). Averaging: 17.5;
      combined: (30 + 10) / (1,000 + 2,000) x 1,000 = 13.3.
    RP02(1): only the first ALMO's return is accepted, so the council's value stays empty.
    TP01 (LCHO): only the first ALMO has shared owners: 8 of 10 = 80.0.
    """
    first = make_plan(almo, codes=("TP01", "CH01(1)", "RP02(1)"))
    first.plan_indicators.create(indicator=lcho_tp01)
    second = make_plan(sibling_almo, codes=("TP01", "CH01(1)", "RP02(1)"))
    make_return(first, 2025, 4, ACCEPTED, {"TP01": ("90", "100"), "CH01(1)": ("30", "1000"), "RP02(1)": ("9", "10")})
    second_return = make_return(second, 2025, 4, Return.Status.SUBMITTED, {"RP02(1)": ("1", "10")})
    # The lines this ALMO's council accepted come in a return of their own, as if the plan were split.
    make_return(
        make_plan(sibling_almo, codes=("TP01", "CH01(1)"), title="Second"),
        2025,
        4,
        ACCEPTED,
        {"TP01": ("10", "50"), "CH01(1)": ("10", "2000")},
    )
    first.returns.get(year=2025, quarter=4).actuals.filter(plan_indicator__indicator=lcho_tp01).update(
        numerator=8, denominator=10, value=80
    )
    return second_return


def _table(client, headers, **params):
    response = client.get(TSM, {"year": "2025/26", "format": "json", **params}, **headers)
    assert response.status_code == 200, response.content
    return json.loads(b"".join(response.streaming_content))


def test_the_council_combines_numerators_and_denominators_never_percentages(client, returns, council, council_officer):
    (row,) = _table(client, bearer(council_officer))
    assert row["ProviderNumber"] == council.ons_code and row["ProviderType"] == "LARP"
    assert row["TP01_Calculated_Value_LCRA"] == 66.7  # not 55.0
    assert row["CH01_1_Calculated_Value_LCRA"] == 13.3  # not 17.5
    assert row["TP01_Calculated_Value_LCHO"] == 80.0
    assert row["RP02_1_Calculated_Value_LCRA"] is None  # one ALMO's return is not accepted yet
    assert row["CH01_1_Calculated_Value_LCHO"] is None


def test_the_layout_is_the_regulators(client, returns, council_officer):
    response = client.get(TSM, {"year": "2025"}, **bearer(council_officer))
    assert response["Content-Disposition"] == 'attachment; filename="tenant-satisfaction-measures-2025-26.csv"'
    header, row = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert header[:4] == ["ProviderNumber", "ProviderType", "TP01_Calculated_Value_LCRA", "TP01_Calculated_Value_LCHO"]
    for name in (
        "TP02_Calculated_Value_LCRA",
        "RP01_Calculated_Value",
        "CH01_1_Calculated_Value_LCRA",
        "NM01_2_Calculated_Value",
        "BS05_Calculated_Value",
        "CH02_2_Calculated_Value_LCHO",
    ):
        assert name in header
    assert "TP02_Calculated_Value_LCHO" not in header  # TP02 to TP04 are asked of renters only
    assert len(header) == 2 + len(tsm_columns())
    assert dict(zip(header, row, strict=True))["TP01_Calculated_Value_LCRA"] == "66.7"


def test_only_people_who_see_every_almo_of_the_council_get_its_row(client, returns, almo_staff, board_member):
    assert _table(client, bearer(almo_staff)) == []  # Northmoor Council's figures include Northmoor East's
    client.force_login(board_member)  # board members read in the portal; API tokens are not for them
    assert _table(client, {}) == []


def test_a_council_with_one_almo_is_visible_to_that_almos_staff(client, db):
    solo = AlmoFactory(council=CouncilFactory(name="Solo District"))
    make_return(make_plan(solo, codes=("TP01",)), 2025, 4, ACCEPTED, {"TP01": ("3", "4")})
    (row,) = _table(client, bearer(user_with_role(Role.ALMO_STAFF, solo)))
    assert row["TP01_Calculated_Value_LCRA"] == 75.0


def test_another_year_has_no_figures(client, returns, council_officer):
    (row,) = _table(client, bearer(council_officer), year="2024")
    assert {value for name, value in row.items() if name.endswith(("LCRA", "LCHO", "Value"))} == {None}
