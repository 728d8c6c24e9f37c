"""An agreed tenant survey fills TP01 to TP12 on the year-end return, is never retyped, and reaches the TSM export."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from delivery_plans import services as plan_services
from delivery_plans.models import Actual, Indicator, PlanIndicator, Target
from tenants import services
from tests.api.records import bearer, make_plan
from tests.tenants.conftest import make_survey, respondent, with_responses

pytestmark = pytest.mark.django_db

# A sample this small misses the Regulator's precision, which the survey must explain before it is agreed.
SHORTFALL = "A pilot of ten tenants, to try the questions."


@pytest.fixture
def plan(almo):
    """A plan in force monitoring TP01 and TP02 (from the survey) and RP02(1) (typed), with a TP01 target of 85."""
    plan = make_plan(almo, codes=("TP01", "TP02", "RP02(1)"), first_year=2025, last_year=2026)
    tp01 = PlanIndicator.objects.get(plan=plan, indicator__code="TP01")
    Target.objects.create(plan_indicator=tp01, year=2025, quarter=4, value=Decimal("85"), tolerance=Decimal("2"))
    return plan


def agreed_survey(almo, almo_staff, council_officer):
    """Ten respondents: eight very satisfied and two very dissatisfied overall (TP01 80%); four had a repair."""
    rows = [respondent(n, answer="1" if n <= 8 else "5") for n in range(1, 11)]
    for n in (1, 2, 3):
        rows[n - 1].update(had_repair="yes", TP02="1", TP03="1")
    rows[9].update(had_repair="yes", TP02="5", TP03="5")
    survey = with_responses(make_survey(almo, almo_staff, year=2025), almo_staff, rows)
    survey = services.survey_update(actor=almo_staff, survey=survey, shortfall_reason=SHORTFALL)
    services.survey_agree(actor=almo_staff, survey=survey)
    return services.survey_agree(actor=council_officer, survey=survey)


def line(return_record, code) -> Actual:
    return return_record.actuals.select_related("plan_indicator__indicator").get(plan_indicator__indicator__code=code)


def test_the_year_end_return_opens_with_the_agreed_survey_figures_and_where_they_came_from(
    plan, almo, almo_staff, council_officer
):
    agreed_survey(almo, almo_staff, council_officer)
    return_record = plan_services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=4)

    tp01, tp02, rp02 = line(return_record, "TP01"), line(return_record, "TP02"), line(return_record, "RP02(1)")
    assert (tp01.numerator, tp01.denominator, tp01.value) == (8, 10, Decimal("80"))
    assert (tp02.numerator, tp02.denominator, tp02.value) == (3, 4, Decimal("75"))
    assert "2025/26" in tp01.supplied_by and "tenant survey" in tp01.supplied_by
    assert "agreed by the council and the ALMO" in tp01.supplied_by
    assert tp01.rag == "red"  # 80 against 85 with a tolerance of 2
    assert rp02.value is None and rp02.supplied_by == ""


def test_other_quarters_and_unagreed_surveys_supply_nothing(plan, almo, almo_staff, council_officer):
    survey = with_responses(make_survey(almo, almo_staff, year=2025), almo_staff, [respondent(n) for n in range(1, 6)])
    survey = services.survey_update(actor=almo_staff, survey=survey, shortfall_reason=SHORTFALL)
    services.survey_agree(actor=almo_staff, survey=survey)  # the council has not agreed
    year_end = plan_services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=4)
    assert line(year_end, "TP01").value is None and line(year_end, "TP01").supplied_by == ""

    # Once the council agrees, the next save of the open return takes the figures.
    services.survey_agree(actor=council_officer, survey=survey)
    assert plan_services.return_save(actor=almo_staff, return_record=year_end, rows={}) == []
    assert line(year_end, "TP01").value == Decimal("100") and line(year_end, "TP01").supplied_by

    Indicator.objects.filter(code="TP01", council=None).update(frequency=Indicator.Frequency.QUARTERLY)
    third = plan_services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=3)
    assert line(third, "TP01").value is None and line(third, "TP01").supplied_by == ""


def test_a_supplied_figure_cannot_be_typed_over_on_the_page_or_through_the_service(
    client, plan, almo, almo_staff, council_officer
):
    agreed_survey(almo, almo_staff, council_officer)
    return_record = plan_services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=4)
    tp01 = line(return_record, "TP01")

    client.force_login(almo_staff)
    page = client.get(reverse("delivery_plans:return_edit", args=[return_record.pk]))
    html = page.content.decode()
    assert "The portal fills this in for you" in html
    assert f'name="actual-{tp01.pk}-numerator"' not in html
    assert f'name="actual-{line(return_record, "RP02(1)").pk}-numerator"' in html

    errors = plan_services.return_save(
        actor=almo_staff, return_record=return_record, rows={tp01.pk: {"numerator": "9", "denominator": "10"}}
    )
    assert [(e.code, e.field) for e in errors] == [("TP01", "numerator")]
    assert "filled in for you" in errors[0].message
    tp01.refresh_from_db()
    assert tp01.numerator == 8

    # Sending the same figures back (as an API client sending a whole line would) is not a change.
    assert (
        plan_services.return_save(
            actor=almo_staff,
            return_record=return_record,
            rows={tp01.pk: {"numerator": "8", "denominator": "10", "why": "Fewer repairs on time."}},
        )
        == []
    )
    tp01.refresh_from_db()
    assert tp01.why == "Fewer repairs on time."


def test_accepted_figures_from_the_survey_reach_the_councils_tsm_export(
    client, plan, almo, almo_staff, council_officer
):
    agreed_survey(almo, almo_staff, council_officer)
    return_record = plan_services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=4)
    Actual.objects.filter(pk=line(return_record, "RP02(1)").pk).update(numerator=9, denominator=10, value=90)
    Actual.objects.filter(pk=line(return_record, "TP01").pk).update(
        what_happened="Satisfaction fell.", why="Repairs backlog.", recovery_action="Repairs blitz."
    )
    return_record.status = "accepted"
    return_record.save(update_fields=["status"])

    response = client.get(reverse("api:export-tsm"), {"year": "2025/26", "format": "json"}, **bearer(council_officer))
    (row,) = json.loads(b"".join(response.streaming_content))
    assert row["TP01_Calculated_Value_LCRA"] == 80.0
    assert row["TP02_Calculated_Value_LCRA"] == 75.0
