"""TP01 to TP12 worked out by the Regulator's rules, checked against a calculation by hand."""

from decimal import Decimal

import pytest

from tenants import selectors, services
from tenants.measures import Counts, Result, result_value
from tests.tenants.conftest import make_survey, respondent, with_responses

pytestmark = pytest.mark.django_db


def _by_code(survey):
    return {result.measure.code: result for result in selectors.survey_results(survey)}


def test_results_match_a_hand_calculation(survey, almo_staff):
    # TP01 answers: 1, 2, 2, 3, 5, DK, 1, 4, 2 and a blank. On the scale: eight (DK and blank are out of the base);
    # very or fairly satisfied: 1, 2, 2, 1, 2 = five. 5 / 8 = 62.5%.
    tp01 = ["1", "2", "2", "3", "5", "DK", "1", "4", "2", ""]
    rows = [respondent(n, TP01=answer) for n, answer in enumerate(tp01, start=1)]
    # Four had a repair; their TP02 answers 1, 5, NA, 2: base 3, satisfied 2: 66.7% (66.66... rounds up).
    for row, answer in zip(rows[:4], ["1", "5", "NA", "2"], strict=True):
        row.update(had_repair="yes", TP02=answer, TP03="3")
    # Two made a complaint, both very dissatisfied with its handling: 0 / 2 = 0.0%.
    for row in rows[4:6]:
        row.update(made_complaint="yes", TP09="5")
    # TP08 is on the agree scale: eight strongly agree or agree (1), two disagree (4): 80.0%.
    for row in rows[8:]:
        row["TP08"] = "4"
    survey = with_responses(survey, almo_staff, rows)
    results = _by_code(survey)

    assert (results["TP01"].numerator, results["TP01"].denominator, results["TP01"].value) == (5, 8, Decimal("62.5"))
    assert results["TP01"].counts.not_on_scale == 2
    assert (results["TP02"].numerator, results["TP02"].denominator, results["TP02"].value) == (2, 3, Decimal("66.7"))
    assert (results["TP03"].numerator, results["TP03"].denominator, results["TP03"].value) == (0, 4, Decimal("0.0"))
    assert (results["TP09"].numerator, results["TP09"].denominator) == (0, 2)
    assert (results["TP08"].numerator, results["TP08"].denominator, results["TP08"].value) == (8, 10, Decimal("80.0"))
    # Nobody lives with communal areas: TP10 has a base of zero and no result, rather than 0%.
    assert results["TP10"].denominator == 0 and results["TP10"].value is None
    assert results["TP04"].value == Decimal("100.0")


def test_lcho_surveys_leave_out_tp02_to_tp04(almo, almo_staff):
    survey = make_survey(almo, almo_staff, tenure="lcho", population=400)
    headings = ["respondent_id", "made_complaint", "has_communal_areas", "TP01", "TP05", "TP06", "TP07", "TP08"]
    headings += ["TP09", "TP10", "TP11", "TP12"]
    from tests.tenants.conftest import response_file

    rows = [respondent(n, answer="2") for n in range(1, 6)]
    content = response_file(rows, headings)
    survey = services.survey_import_responses(actor=almo_staff, survey=survey, name="lcho.csv", content=content)
    codes = [result.measure.code for result in selectors.survey_results(survey)]
    assert codes == ["TP01", "TP05", "TP06", "TP07", "TP08", "TP09", "TP10", "TP11", "TP12"]


def test_a_result_rounds_half_up_to_one_place():
    assert result_value(1, 8) == Decimal("12.5")
    assert result_value(49, 400) == Decimal("12.3")  # 12.25 rounds up, not to even
    assert result_value(2, 3) == Decimal("66.7")
    assert result_value(0, 0) is None


def test_counts_make_the_base_from_the_scale_only():
    counts = Counts((10, 20, 5, 3, 2), not_on_scale=7)
    assert (counts.base, counts.satisfied, counts.asked) == (40, 30, 47)
    from tenants.measures import BY_CODE

    assert Result(BY_CODE["TP01"], counts).value == Decimal("75.0")
