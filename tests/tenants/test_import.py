"""Importing a file of responses: every problem named by row and column, and nothing saved while any remains."""

import pytest
from django.urls import reverse

from tenants import services
from tenants.models import Survey, SurveyResponse
from tests.tenants.conftest import HEADINGS, make_survey, respondent, response_file, with_responses

pytestmark = pytest.mark.django_db


def _problems(survey, staff, content, name="responses.csv"):
    with pytest.raises(services.ImportFailed) as failure:
        services.survey_import_responses(actor=staff, survey=survey, name=name, content=content)
    return [(e.row, e.column, e.message) for e in failure.value.errors]


def test_a_good_file_is_imported_and_counted(survey, almo_staff):
    survey = with_responses(survey, almo_staff, [respondent(n) for n in range(1, 13)])
    assert (survey.entry, survey.achieved, survey.source_file) == ("responses", 12, "responses.csv")
    assert SurveyResponse.objects.filter(survey=survey).count() == 12
    assert survey.history.first().history_user == almo_staff


def test_an_unknown_question_is_named(survey, almo_staff):
    content = response_file([respondent(1)], [*HEADINGS, "TP13"])
    [(row, column, message)] = _problems(survey, almo_staff, content)
    assert (row, column) == (1, "TP13")
    assert "not a question in the Regulator's set" in message


def test_a_missing_question_is_named(survey, almo_staff):
    content = response_file([respondent(1)], [h for h in HEADINGS if h != "TP07"])
    [(row, column, message)] = _problems(survey, almo_staff, content)
    assert column == "TP07" and "needs a column" in message


def test_an_unknown_answer_code_is_named_by_row_and_column(survey, almo_staff):
    rows = [respondent(1), respondent(2, TP05="6"), respondent(3, TP11="satisfied")]
    problems = _problems(survey, almo_staff, response_file(rows))
    assert [(row, column) for row, column, _ in problems] == [(3, "TP05"), (4, "TP11")]
    assert "'6' is not an answer code" in problems[0][2]


def test_a_respondent_twice_is_refused(survey, almo_staff):
    rows = [respondent(1), respondent(2), respondent(1)]
    [(row, column, message)] = _problems(survey, almo_staff, response_file(rows))
    assert (row, column) == (4, "respondent_id")
    assert "also in row 2" in message


def test_a_filtered_question_answered_outside_its_base_is_refused(survey, almo_staff):
    rows = [respondent(1, TP02="1", TP03="1")]  # says no repair, but rates the repair
    problems = _problems(survey, almo_staff, response_file(rows))
    assert {(row, column) for row, column, _ in problems} == {(2, "TP02"), (2, "TP03")}


def test_a_base_of_zero_for_overall_satisfaction_is_refused(survey, almo_staff):
    rows = [respondent(1, TP01="DK"), respondent(2, TP01="")]
    [(row, column, message)] = _problems(survey, almo_staff, response_file(rows))
    assert column == "TP01" and "base of zero" in message


def test_more_respondents_than_households_is_refused(almo, almo_staff):
    survey = make_survey(almo, almo_staff, population=3)
    [(row, column, message)] = _problems(survey, almo_staff, response_file([respondent(n) for n in range(1, 5)]))
    assert row is None and "more than the survey's 3 households" in message


def test_more_respondents_than_were_invited_is_refused(almo, almo_staff):
    survey = make_survey(almo, almo_staff, population=100, sample_issued=2)
    [(_row, _column, message)] = _problems(survey, almo_staff, response_file([respondent(n) for n in range(1, 4)]))
    assert "more than the 2 households invited" in message


def test_a_file_that_cannot_be_read_says_why(survey, almo_staff):
    [(row, _column, message)] = _problems(survey, almo_staff, b"\x00\x01", name="responses.csv")
    assert row is None and "not a CSV file" in message
    [(_row, _column, message)] = _problems(survey, almo_staff, b"a,b", name="responses.pdf")
    assert "CSV file or an Excel workbook" in message


def test_a_bad_file_leaves_the_last_import_as_it_was(survey, almo_staff):
    survey = with_responses(survey, almo_staff, [respondent(n) for n in range(1, 6)])
    _problems(survey, almo_staff, response_file([respondent(1), respondent(1)]))
    survey.refresh_from_db()
    assert survey.achieved == 5
    assert SurveyResponse.objects.filter(survey=survey).count() == 5


def test_the_page_lists_each_problem_and_saves_nothing(client, survey, almo_staff):
    client.force_login(almo_staff)
    rows = [respondent(1), respondent(2, TP04="x")]
    upload = _upload(response_file(rows))
    response = client.post(reverse("tenants:survey_import", args=[survey.pk]), {"file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing has been imported" in page
    assert "<code>TP04</code>" in page and "is not an answer code" in page
    assert Survey.objects.get(pk=survey.pk).achieved == 0


def test_the_page_imports_a_good_file(client, survey, almo_staff):
    client.force_login(almo_staff)
    response = client.post(
        reverse("tenants:survey_import", args=[survey.pk]), {"file": _upload(response_file([respondent(1)]))}
    )
    assert response.status_code == 302
    assert Survey.objects.get(pk=survey.pk).achieved == 1
    assert "Imported 1 response." in client.get(response.url).content.decode()


def test_an_excel_workbook_is_read_too(survey, almo_staff):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADINGS)
    for number in range(1, 4):
        row = respondent(number, answer="2")
        sheet.append([int(row[h]) if row.get(h, "").isdigit() else row.get(h, "") or None for h in HEADINGS])
    import io

    buffer = io.BytesIO()
    book.save(buffer)
    survey = services.survey_import_responses(
        actor=almo_staff, survey=survey, name="responses.xlsx", content=buffer.getvalue()
    )
    assert survey.achieved == 3


def _upload(content: bytes, name="responses.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="text/csv")
