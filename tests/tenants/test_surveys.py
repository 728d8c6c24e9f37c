"""A survey from set-up to results both sides agree, which then feed the Delivery Plan and never change."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from organisations.models import Notification
from tenants import selectors, services
from tenants.models import AggregateCount, Survey, SurveyResponse
from tests.tenants.conftest import make_survey, respondent, with_responses

pytestmark = pytest.mark.django_db


def _counts(overrides=None, achieved=10):
    """Totals where everyone is asked everything asked of all; TP02 and TP03 of four, TP09 of two, TP10 of none."""
    counts = {}
    for code in ("TP01", "TP04", "TP05", "TP06", "TP07", "TP08", "TP11", "TP12"):
        counts[code] = {"very_satisfied": 3, "fairly_satisfied": 4, "neither": 1, "fairly_dissatisfied": 1}
        counts[code] |= {"very_dissatisfied": 0, "not_on_scale": achieved - 9}
    for code in ("TP02", "TP03"):
        counts[code] = {"very_satisfied": 1, "fairly_satisfied": 1, "neither": 1, "not_on_scale": 1}
    counts["TP09"] = {"very_dissatisfied": 2}
    counts["TP10"] = {}
    for code, values in (overrides or {}).items():
        counts[code] = {**counts[code], **values}
    return counts


def test_only_the_almos_staff_set_up_a_survey(almo, almo_staff, council_officer, board_member):
    for user in (council_officer, board_member):
        with pytest.raises(PermissionDenied):
            make_survey(almo, user)
    survey = make_survey(almo, almo_staff)
    with pytest.raises(ValidationError) as error:
        make_survey(almo, almo_staff)
    assert "already has a survey of this tenure for this year" in str(error.value)
    assert survey.history.first().history_user == almo_staff


def test_a_sample_larger_than_the_population_is_refused(almo, almo_staff):
    with pytest.raises(ValidationError) as error:
        make_survey(almo, almo_staff, population=100, sample_issued=101)
    assert "sample cannot be larger" in str(error.value)


def test_counts_that_add_up_are_saved_and_give_results(survey, almo_staff):
    survey = services.survey_set_counts(actor=almo_staff, survey=survey, achieved=10, counts=_counts())
    assert (survey.entry, survey.achieved) == ("aggregate", 10)
    results = {r.measure.code: r for r in selectors.survey_results(survey)}
    assert (results["TP01"].numerator, results["TP01"].denominator, results["TP01"].value) == (7, 9, Decimal("77.8"))
    assert (results["TP02"].numerator, results["TP02"].denominator) == (2, 3)
    assert AggregateCount.objects.filter(survey=survey).count() == 12


@pytest.mark.parametrize(
    ("achieved", "overrides", "field", "words"),
    [
        (10, {"TP05": {"neither": 2}}, "tp05_not_on_scale", "add up to 11, but 10 people responded"),
        (10, {"TP03": {"neither": 0}}, "tp03_not_on_scale", "they must match"),
        (10, {"TP09": {"very_dissatisfied": 11}}, "tp09_not_on_scale", "more than the 10 responses"),
        (
            10,
            {"TP01": {"very_satisfied": 0, "fairly_satisfied": 0, "neither": 0, "fairly_dissatisfied": 0}},
            "tp01_not_on_scale",
            "base of zero",
        ),
        (8000, {}, "achieved", "more responses than the survey's 7,271 households"),
        (0, {}, "achieved", "at least 1"),
    ],
)
def test_counts_that_do_not_add_up_are_refused_by_name(survey, almo_staff, achieved, overrides, field, words):
    counts = _counts(overrides)
    if overrides.get("TP01", {}).get("very_satisfied") == 0:
        counts["TP01"]["not_on_scale"] = 10
    with pytest.raises(ValidationError) as error:
        services.survey_set_counts(actor=almo_staff, survey=survey, achieved=achieved, counts=counts)
    assert words in " ".join(error.value.message_dict[field])
    assert not AggregateCount.objects.filter(survey=survey).exists()


def test_counts_replace_imported_responses(survey, almo_staff):
    survey = with_responses(survey, almo_staff, [respondent(n) for n in range(1, 4)])
    services.survey_set_counts(actor=almo_staff, survey=survey, achieved=10, counts=_counts())
    assert not SurveyResponse.objects.filter(survey=survey).exists()


def test_both_sides_agree_then_the_results_are_final_and_feed_the_plan(survey, almo, almo_staff, council_officer):
    survey = with_responses(survey, almo_staff, [respondent(n, TP01=str(1 + n % 5)) for n in range(1, 601)])
    assert selectors.tsm_results(almo, 2025) == {}  # not agreed by anyone yet

    services.survey_agree(actor=almo_staff, survey=survey)
    assert selectors.tsm_results(almo, 2025) == {}  # the council has not agreed
    assert Notification.objects.filter(user=council_officer, message__contains="Check and agree them").exists()
    with pytest.raises(ValidationError):
        services.survey_agree(actor=almo_staff, survey=survey)  # already agreed for the ALMO

    survey = services.survey_agree(actor=council_officer, survey=survey)
    assert survey.is_final
    figures = selectors.tsm_results(almo, 2025)
    # TP01 answers cycle 2, 3, 4, 5, 1: 240 of 600 very or fairly satisfied.
    assert (figures["TP01"].numerator, figures["TP01"].denominator, figures["TP01"].value) == (
        240,
        600,
        Decimal("40.0"),
    )
    assert "agreed by the council and the ALMO" in figures["TP01"].provenance
    assert "TP02" not in figures  # nobody had a repair: no base, so no figure
    assert selectors.tsm_results(almo, 2025, tenure="lcho") == {}

    for change in (
        lambda: services.survey_update(actor=almo_staff, survey=survey, population=8000),
        lambda: with_responses(survey, almo_staff, [respondent(1)]),
        lambda: services.survey_set_counts(actor=almo_staff, survey=survey, achieved=10, counts=_counts()),
    ):
        with pytest.raises(ValidationError) as error:
            change()
        assert "can no longer change" in str(error.value)
    assert SurveyResponse.objects.filter(survey=survey).count() == 600


def test_a_change_after_one_side_agreed_needs_both_again(survey, almo_staff, council_officer):
    survey = with_responses(survey, almo_staff, [respondent(n) for n in range(1, 600)])
    services.survey_agree(actor=council_officer, survey=survey)
    survey = with_responses(survey, almo_staff, [respondent(n) for n in range(1, 601)])
    assert survey.council_agreed_at is None and survey.almo_agreed_at is None
    assert Notification.objects.filter(user=council_officer, message__contains="needs agreeing again").exists()


def test_a_short_sample_cannot_be_agreed_without_a_reason(survey, almo_staff):
    survey = with_responses(survey, almo_staff, [respondent(n) for n in range(1, 401)])
    with pytest.raises(ValidationError) as error:
        services.survey_agree(actor=almo_staff, survey=survey)
    assert "154 responses short" in error.value.message_dict["shortfall_reason"][0]
    services.survey_update(actor=almo_staff, survey=survey, shortfall_reason="Fieldwork ended early.")
    assert services.survey_agree(actor=almo_staff, survey=survey).almo_agreed_at


def test_nothing_to_agree_without_results(survey, almo_staff):
    with pytest.raises(ValidationError, match="no results to agree"):
        services.survey_agree(actor=almo_staff, survey=survey)


def test_board_members_observers_and_strangers_cannot_agree(survey, almo_staff, board_member, observer, other_staff):
    survey = with_responses(survey, almo_staff, [respondent(n) for n in range(1, 600)])
    for user in (board_member, observer, other_staff):
        with pytest.raises(Http404):
            services.survey_agree(actor=user, survey=survey)
    survey.refresh_from_db()
    assert not survey.council_agreed_at and not survey.almo_agreed_at


def test_the_council_cannot_change_the_almos_survey(survey, council_officer):
    with pytest.raises(Http404):
        services.survey_update(actor=council_officer, survey=survey, population=8000)


def test_the_page_shows_results_precision_and_the_shortfall(client, survey, almo_staff, council_officer):
    with_responses(survey, almo_staff, [respondent(n, TP01="2") for n in range(1, 401)])
    client.force_login(council_officer)
    page = client.get(survey.get_absolute_url()).content.decode()
    assert "Does not meet the required precision" in page
    assert "154 more responses are needed (554 in all)" in page
    assert "TP01 Overall satisfaction" in page and "100.0%" in page
    assert "Agree these results for the council" in page
    assert "Import the responses from a file" not in page  # the council reads; the ALMO changes


def test_the_counts_page_names_the_question_that_does_not_add_up(client, survey, almo_staff):
    client.force_login(almo_staff)
    data = {"achieved": "10"}
    for code, values in _counts({"TP06": {"neither": 3}}).items():
        for name in ("very_satisfied", "fairly_satisfied", "neither", "fairly_dissatisfied", "very_dissatisfied"):
            data[f"{code.lower()}_{name}"] = values.get(name, 0)
        data[f"{code.lower()}_not_on_scale"] = values.get("not_on_scale", 0)
    response = client.post(reverse("tenants:survey_counts", args=[survey.pk]), data)
    assert response.status_code == 400
    assert "TP06: the answers and those off the scale add up to 12" in response.content.decode()
    data["tp06_neither"] = 1
    assert client.post(reverse("tenants:survey_counts", args=[survey.pk]), data).status_code == 302


def test_the_set_up_page_checks_what_was_typed(client, almo_staff):
    client.force_login(almo_staff)
    data = {
        "year": "2026",
        "tenure": "lcra",
        "method": "online",
        "fieldwork_start": "1/10/2026",
        "fieldwork_end": "30/9/2026",
        "population": "500",
        "sample_issued": "600",
    }
    response = client.post(reverse("tenants:survey_create"), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Fieldwork must end on or after the day it started" in page
    assert "cannot be more than the households in the tenure" in page
    data |= {"fieldwork_end": "30/11/2026", "sample_issued": ""}
    response = client.post(reverse("tenants:survey_create"), data)
    survey = Survey.objects.get()
    assert response.url == survey.get_absolute_url()
    assert (survey.year, survey.population, survey.fieldwork_end) == (2026, 500, dt.date(2026, 11, 30))


def test_the_template_lists_the_columns_for_the_tenure(client, almo, almo_staff):
    survey = make_survey(almo, almo_staff, tenure="lcho", population=300)
    client.force_login(almo_staff)
    response = client.get(reverse("tenants:survey_template", args=[survey.pk]))
    assert response.content.decode().strip() == (
        "respondent_id,made_complaint,has_communal_areas,TP01,TP05,TP06,TP07,TP08,TP09,TP10,TP11,TP12"
    )
