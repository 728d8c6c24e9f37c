"""Every page, export and API resource of tenant voice shows only what a person's organisation and role allow."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from tenants import services
from tenants.models import InvolvementGroup, Survey
from tests.access import ScopedPageChecks
from tests.api.access import ScopedApiChecks
from tests.factories import AlmoFactory
from tests.tenants.conftest import make_survey, respondent, with_responses

pytestmark = pytest.mark.django_db


class TestSurveyPages(ScopedPageChecks):
    list_url = "/tenants/surveys/"

    @pytest.fixture
    def record(self, survey, almo_staff):
        return with_responses(survey, almo_staff, [respondent(n) for n in range(1, 600)])

    @pytest.fixture
    def other_record(self, other_survey):
        return other_survey

    def row_text(self, record):
        return f"survey, {record.almo.name}"

    def write_request(self, record):
        return reverse("tenants:survey_agree", args=[record.pk]), {}


class TestSurveyExports(ScopedPageChecks):
    @pytest.fixture
    def record(self, survey):
        return survey

    @pytest.fixture
    def other_record(self, other_survey):
        return other_survey

    def detail_url(self, record):
        return reverse("tenants:survey_export", args=[record.pk])

    def write_request(self, record):
        return reverse("tenants:survey_edit", args=[record.pk]), {"population": "1"}


class TestGroupPages(ScopedPageChecks):
    list_url = "/tenants/groups/"

    @pytest.fixture
    def record(self, group):
        return group

    @pytest.fixture
    def other_record(self, other_group):
        return other_group

    def row_text(self, record):
        return f">{escape(record.name)}<"

    def write_request(self, record):
        return reverse("tenants:meeting_add", args=[record.pk]), {"held_on": "1/1/2027", "subject": "Rents"}


class TestRecommendationPages(ScopedPageChecks):
    @pytest.fixture
    def record(self, recommendation):
        return recommendation

    @pytest.fixture
    def other_record(self, other_group, other_staff):
        return services.recommendation_record(
            actor=other_staff, group=other_group, title="Elsewhere", detail="x", made_on="2027-01-01"
        )

    def write_request(self, record):
        return record.get_absolute_url(), {"status": "accepted", "response": "We will."}


def test_the_almos_own_pages_refuse_everyone_else(client, survey, group, council_officer, board_member, observer):
    urls = [
        reverse("tenants:survey_edit", args=[survey.pk]),
        reverse("tenants:survey_import", args=[survey.pk]),
        reverse("tenants:survey_counts", args=[survey.pk]),
        reverse("tenants:survey_template", args=[survey.pk]),
        reverse("tenants:member_add", args=[group.pk]),
        reverse("tenants:group_edit", args=[group.pk]),
    ]
    for user in (council_officer, board_member, observer):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user.username, url)
        for url in (reverse("tenants:survey_create"), reverse("tenants:group_create")):
            assert client.get(url).status_code == 404, (user.username, url)


def test_an_observer_reads_only_the_almos_granted(client, survey, sibling_almo, sibling_staff, observer):
    sibling_survey = make_survey(sibling_almo, sibling_staff)
    client.force_login(observer)
    assert client.get(survey.get_absolute_url()).status_code == 200
    assert client.get(sibling_survey.get_absolute_url()).status_code == 404
    assert client.post(reverse("tenants:survey_agree", args=[survey.pk])).status_code == 404


def test_the_survey_list_costs_the_same_queries_for_more_rows(
    client, council, council_officer, django_assert_max_num_queries
):
    def add(count):
        for _ in range(count):
            almo = AlmoFactory(council=council)
            from organisations.access import Role
            from tests.factories import user_with_role

            staff = user_with_role(Role.ALMO_STAFF, almo)
            with_responses(make_survey(almo, staff), staff, [respondent(n) for n in range(1, 6)])

    client.force_login(council_officer)
    add(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get("/tenants/surveys/").status_code == 200
    add(6)
    with django_assert_max_num_queries(len(few)):
        page = client.get("/tenants/surveys/")
    assert page.content.decode().count("survey, ") >= 8


def test_the_group_list_costs_the_same_queries_for_more_rows(client, almo, almo_staff, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(almo_staff)
    for number in range(2):
        services.group_create(actor=almo_staff, almo=almo, name=f"Group {number}", kind="forum")
    with CaptureQueriesContext(connection) as few:
        client.get("/tenants/groups/")
    for number in range(2, 10):
        group = services.group_create(actor=almo_staff, almo=almo, name=f"Group {number}", kind="forum")
        services.member_add(
            actor=almo_staff, group=group, name="A member", tenure="tenant", office="member", joined_on="2026-01-01"
        )
    with django_assert_max_num_queries(len(few)):
        client.get("/tenants/groups/")


class TestSurveyApi(ScopedApiChecks):
    basename = "tenants-survey"

    @pytest.fixture
    def record(self, survey, almo_staff):
        return with_responses(survey, almo_staff, [respondent(n) for n in range(1, 600)])

    @pytest.fixture
    def other_record(self, other_survey):
        return other_survey

    def write_request(self, record):
        return reverse("api:tenants-survey-agree", args=[record.pk]), {}

    def add_rows(self, almo, count):
        from organisations.access import Role
        from tests.factories import user_with_role

        staff = user_with_role(Role.ALMO_STAFF, almo)
        start = Survey.objects.filter(almo=almo).count()
        for year in range(2000 + start, 2000 + start + count):
            with_responses(make_survey(almo, staff, year=year), staff, [respondent(n) for n in range(1, 4)])

    def list_params(self, almo):
        return {"almo": almo.pk}


class TestGroupApi(ScopedApiChecks):
    basename = "tenants-group"

    @pytest.fixture
    def record(self, group):
        return group

    @pytest.fixture
    def other_record(self, other_group):
        return other_group

    def add_rows(self, almo, count):
        start = InvolvementGroup.objects.filter(almo=almo).count()
        for number in range(start, start + count):
            InvolvementGroup.objects.create(almo=almo, name=f"Group {number}", kind="panel")

    def list_params(self, almo):
        return {"almo": almo.pk}


def test_the_api_gives_aggregates_and_never_respondents(api, survey, almo_staff):
    with_responses(survey, almo_staff, [respondent(n, TP01="2", respondent_id=f"SECRET{n}") for n in range(1, 600)])
    api.force_authenticate(almo_staff)
    body = api.get(reverse("api:tenants-survey-detail", args=[survey.pk])).json()
    assert "SECRET" not in str(body)
    tp01 = body["results"][0]
    assert (tp01["code"], tp01["numerator"], tp01["denominator"], tp01["value"]) == ("TP01", 599, 599, "100.0")
    assert body["precision"]["meets_required_precision"] is True
    assert body["precision"]["responses_needed"] == 554


def test_the_api_agrees_as_the_page_does(api, survey, almo_staff, council_officer):
    survey = with_responses(survey, almo_staff, [respondent(n) for n in range(1, 600)])
    api.force_authenticate(council_officer)
    url = reverse("api:tenants-survey-agree", args=[survey.pk])
    assert api.post(url, {"colour": "red"}, format="json").status_code == 400
    response = api.post(url, {}, format="json")
    assert response.status_code == 200 and response.json()["council_agreed_at"]
    assert api.post(url, {}, format="json").json() == {"non_field_errors": ["The council has already agreed this."]}


def test_the_api_refuses_unknown_filters(api, almo_staff):
    api.force_authenticate(almo_staff)
    response = api.get(reverse("api:tenants-survey-list"), {"colour": "red"})
    assert response.status_code == 400 and "colour" in response.json()
    assert api.get(reverse("api:tenants-survey-list"), {"tenure": "xyz"}).status_code == 400


def test_a_surveys_history_is_scoped_like_the_survey(client, survey, council_officer, other_staff):
    url = reverse("organisations:history", args=["tenants", "survey", survey.pk])
    client.force_login(council_officer)
    assert client.get(url).status_code == 200
    client.force_login(other_staff)
    assert client.get(url).status_code == 404
    for model in ("surveyresponse", "aggregatecount"):  # respondent rows and counts have no page of their own
        assert client.get(reverse("organisations:history", args=["tenants", model, 1])).status_code == 404
