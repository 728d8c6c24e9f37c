"""Inspection readiness in the API: the shared access checks, scoring, recording and progress, and bad input."""

import datetime as dt

import pytest
from django.urls import reverse

from inspections import services
from inspections.models import Answer, ImprovementAction, Inspection
from organisations.access import Role
from tests.api.access import ScopedApiChecks
from tests.factories import user_with_role
from tests.inspections.conftest import record_inspection

pytestmark = pytest.mark.django_db


class TestAssessmentApi(ScopedApiChecks):
    basename = "inspections-assessment"

    @pytest.fixture(autouse=True)
    def frameworks(self, framework):
        return framework

    @pytest.fixture
    def record(self, assessment):
        return assessment

    @pytest.fixture
    def other_record(self, other_assessment):
        return other_assessment

    def add_rows(self, almo, count):
        from inspections.models import Framework

        framework = Framework.objects.get(code="hi-almo", council=None)
        for _ in range(count):
            from tests.factories import AlmoFactory

            other = AlmoFactory(council=almo.council)
            staff = user_with_role(Role.ALMO_STAFF, other)
            services.assessment_start(actor=staff, almo=other, framework=framework)


class TestInspectionApi(ScopedApiChecks):
    basename = "inspections-inspection"

    @pytest.fixture
    def record(self, inspection):
        return inspection

    @pytest.fixture
    def other_record(self, other_inspection):
        return other_inspection

    def add_rows(self, almo, count):
        officer = user_with_role(Role.COUNCIL_OFFICER, almo.council)
        for index in range(count):
            record_inspection(officer, almo, kind="mock", title=f"Mock {index}", star_rating=None, prospects="")

    def write_request(self, record):
        body = {
            "almo": record.almo_id,
            "kind": "mock",
            "title": "Board",
            "starts_on": "2027-02-01",
            "ends_on": "2027-02-02",
            "lead": "X",
        }
        return reverse("api:inspections-inspection-list"), body


class TestActionApi(ScopedApiChecks):
    basename = "inspections-action"

    @pytest.fixture
    def record(self, action):
        return action

    @pytest.fixture
    def other_record(self, other_action):
        return other_action

    def add_rows(self, almo, count):
        staff = user_with_role(Role.ALMO_STAFF, almo)
        for index in range(count):
            services.action_create(actor=staff, almo=almo, title=f"A {index}", owner="X", due_on=dt.date(2027, 1, 1))

    def write_request(self, record):
        return reverse("api:inspections-action-progress", args=[record.pk]), {"status": "done"}


def test_a_system_scores_a_question(api, almo_staff, answer, evidence):
    api.force_authenticate(almo_staff)
    url = reverse("api:inspections-answer-score", args=[answer.pk])
    response = api.post(url, {"score": 4, "owner": "Sue", "evidence": [evidence.pk]}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["score"] == 4 and response.json()["evidence"] == [evidence.pk]
    answer.refresh_from_db()
    assert answer.score == 4 and answer.history.first().history_user == almo_staff
    detail = api.get(reverse("api:inspections-assessment-detail", args=[answer.assessment_id])).json()
    assert detail["readiness"]["questions_scored"] == 1 and detail["readiness"]["predicted_stars"] == 3


@pytest.mark.parametrize(
    "body, field",
    [
        ({"score": 5}, "score"),
        ({"score": 0}, "score"),
        ({"score": "3"}, "score"),
        ({"score": 3, "colour": "red"}, "colour"),
        ({"score": 3, "last_reviewed": "2027-12-01"}, "last_reviewed"),
        ({"score": 3, "evidence": [999999]}, "evidence"),
    ],
)
def test_bad_scores_are_refused_by_name_and_nothing_saved(api, almo_staff, answer, body, field):
    api.force_authenticate(almo_staff)
    response = api.post(reverse("api:inspections-answer-score", args=[answer.pk]), body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Answer.objects.get(pk=answer.pk).score is None


def test_the_council_cannot_score_and_another_almo_cannot_see(api, council_officer, other_staff, answer):
    url = reverse("api:inspections-answer-score", args=[answer.pk])
    api.force_authenticate(council_officer)
    assert api.post(url, {"score": 3}, format="json").status_code == 403
    api.force_authenticate(other_staff)
    assert api.post(url, {"score": 3}, format="json").status_code == 404


def test_an_inspection_ending_before_it_starts_is_refused(api, almo, council_officer):
    api.force_authenticate(council_officer)
    body = {
        "almo": almo.pk,
        "kind": "inspectorate",
        "title": "T",
        "starts_on": "2027-02-05",
        "ends_on": "2027-02-01",
        "lead": "L",
        "star_rating": 2,
    }
    response = api.post(reverse("api:inspections-inspection-list"), body, format="json")
    assert response.status_code == 400 and "ends_on" in response.json()
    body |= {"ends_on": "2027-02-06", "kind": "internal_audit"}
    response = api.post(reverse("api:inspections-inspection-list"), body, format="json")
    assert response.status_code == 400 and "star_rating" in response.json()
    assert not Inspection.objects.exists()
    body.pop("star_rating")
    assert api.post(reverse("api:inspections-inspection-list"), body, format="json").status_code == 201


def test_an_action_is_created_and_progressed(api, almo, almo_staff, answer):
    api.force_authenticate(almo_staff)
    body = {"almo": almo.pk, "title": "Close the gap", "owner": "Sue", "due_on": "2027-01-10", "answer": answer.pk}
    response = api.post(reverse("api:inspections-action-list"), body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["overdue"] is True and response.json()["origin"] == "gap"
    action = ImprovementAction.objects.get()
    response = api.post(reverse("api:inspections-action-progress", args=[action.pk]), {"status": "done"}, format="json")
    assert response.json()["status"] == "done" and response.json()["overdue"] is False
    assert api.get(reverse("api:inspections-action-list"), {"overdue": "true"}).json()["count"] == 0
