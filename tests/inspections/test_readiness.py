"""Self-assessment through the pages: score a question, see readiness, the predicted rating with its rule, gaps."""

import datetime as dt

import pytest
from django.urls import reverse

from inspections import services
from inspections.models import Answer, Area, Assessment, Question
from inspections.readiness import readiness
from tests.access import ScopedPageChecks

pytestmark = pytest.mark.django_db
TODAY = dt.date(2027, 1, 20)  # the test settings' business date


def score_all(assessment, actor, score, reviewed=dt.date(2026, 12, 1)):
    for answer in assessment.answers.all():
        services.answer_save(actor=actor, answer=answer, score=score, last_reviewed=reviewed)


class TestAssessmentPages(ScopedPageChecks):
    list_url = reverse("inspections:index")

    @pytest.fixture
    def record(self, assessment):
        return assessment

    @pytest.fixture
    def other_record(self, other_assessment):
        return other_assessment

    def row_text(self, record):
        return record.almo.name


class TestAnswerPage(ScopedPageChecks):
    @pytest.fixture
    def record(self, answer):
        return answer

    @pytest.fixture
    def other_record(self, other_assessment):
        return other_assessment.answers.first()

    def write_request(self, record):
        return reverse("inspections:answer_edit", args=[record.pk]), {"score": "3"}


def test_an_almo_officer_scores_a_question_and_sees_readiness(client, almo, almo_staff, evidence, framework):
    client.force_login(almo_staff)
    response = client.post(reverse("inspections:assessment_start", args=[almo.pk]), {"framework": framework.pk})
    assessment = Assessment.objects.get(almo=almo, framework=framework)
    assert response.url == assessment.get_absolute_url()
    assert assessment.answers.count() == Question.objects.filter(area__framework=framework).count() == 20
    answer = assessment.answers.select_related("question").order_by("question__pk").first()
    response = client.post(
        reverse("inspections:answer_edit", args=[answer.pk]),
        {
            "score": "3",
            "narrative": "Strategies refreshed.",
            "owner": "Sue",
            "last_reviewed": "2027-01-10",
            "evidence": [evidence.pk],
        },
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert (answer.score, answer.owner, list(answer.evidence.all())) == (3, "Sue", [evidence])
    assert answer.history.first().history_user == almo_staff
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert "2 stars (good)" in page and "provisional" in page
    assert "An average of 3.5 or more predicts 3 stars" in page  # the rule is shown
    assert "Gaps (19)" in page  # the 19 questions not yet scored
    assert "1 of 8" in page  # scored in the first area


@pytest.mark.parametrize("score", ["0", "5", "three"])
def test_a_score_outside_the_scale_is_refused_and_nothing_saved(client, almo_staff, answer, score):
    client.force_login(almo_staff)
    response = client.post(reverse("inspections:answer_edit", args=[answer.pk]), {"score": score, "owner": "X"})
    assert response.status_code == 400
    assert "Choose a score from 1 (poor) to 4 (excellent)" in response.content.decode()
    answer.refresh_from_db()
    assert answer.score is None and answer.owner == ""


def test_the_service_refuses_a_bad_score_and_another_almos_evidence(almo_staff, answer, other_evidence):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.answer_save(actor=almo_staff, answer=answer, score=7, evidence=[other_evidence])
    assert set(error.value.message_dict) == {"score", "evidence"}
    with pytest.raises(ValidationError):
        services.answer_save(actor=almo_staff, answer=answer, score=2, last_reviewed=dt.date(2027, 2, 1))


def test_the_council_reads_but_cannot_score(client, council_officer, answer):
    client.force_login(council_officer)
    page = client.get(reverse("inspections:answer_edit", args=[answer.pk])).content.decode()
    assert "Save the answer" not in page
    assert client.post(reverse("inspections:answer_edit", args=[answer.pk]), {"score": "4"}).status_code == 404


def test_gaps_are_low_scores_and_anything_not_reviewed_for_six_months(assessment, almo_staff):
    answers = list(assessment.answers.select_related("question").order_by("question__pk"))
    score_all(assessment, almo_staff, 3)
    services.answer_save(actor=almo_staff, answer=answers[0], score=2, last_reviewed=dt.date(2026, 12, 1))
    services.answer_save(actor=almo_staff, answer=answers[1], score=4, last_reviewed=dt.date(2026, 7, 19))
    services.answer_save(actor=almo_staff, answer=answers[2], score=4, last_reviewed=dt.date(2026, 7, 20))
    judged = readiness(
        Area.objects.filter(framework=assessment.framework),
        Answer.objects.filter(assessment=assessment).select_related("question"),
        TODAY,
    )
    gaps = {gap.answer.pk: gap.reasons for gap in judged.gaps}
    assert gaps == {answers[0].pk: ["Scored 2 (fair)"], answers[1].pk: ["Not reviewed since 19 July 2026"]}
    assert judged.prediction.provisional  # one answer is past its review


@pytest.mark.parametrize(
    "scores, stars",
    [
        ({"REL": 4, "OPM": 4, "UI": 3}, 3),  # average 3.75
        ({"REL": 3, "OPM": 3, "UI": 3}, 2),
        ({"REL": 4, "OPM": 4, "UI": 1}, 1),  # a poor area holds it at 1 star
        ({"REL": 2, "OPM": 2, "UI": 2}, 1),
        ({"REL": 1, "OPM": 1, "UI": 2}, 0),
    ],
)
def test_the_predicted_rating_follows_its_rule(assessment, almo_staff, scores, stars):
    for answer in assessment.answers.select_related("question__area"):
        services.answer_save(
            actor=almo_staff, answer=answer, score=scores[answer.question.area.code], last_reviewed=dt.date(2027, 1, 2)
        )
    answers = Answer.objects.filter(assessment=assessment).select_related("question")
    judged = readiness(Area.objects.filter(framework=assessment.framework), answers, TODAY)
    assert judged.prediction.stars == stars
    assert not judged.prediction.provisional


def test_a_council_adds_its_own_framework_and_assessments_get_its_new_questions(
    client, council_officer, assessment, almo_staff, almo
):
    client.force_login(council_officer)
    response = client.post(reverse("inspections:framework_create"), {"name": "Consumer standards", "code": "rsh-2024"})
    framework = assessment.framework.__class__.objects.get(code="rsh-2024", council=almo.council)
    assert response.url == framework.get_absolute_url()
    client.post(reverse("inspections:area_add", args=[framework.pk]), {"code": "SQ", "title": "Safety and Quality"})
    area = framework.areas.get()
    client.post(
        reverse("inspections:question_add", args=[framework.pk]),
        {"area": area.pk, "code": "SQ1", "text": "Are safety checks complete?", "descriptor_good": "All done."},
    )
    assert area.questions.get().descriptor_good == "All done."
    # The ALMO can now assess itself against it; a shipped framework is nobody's to change.
    mine = services.assessment_start(actor=almo_staff, almo=almo, framework=framework)
    assert mine.answers.count() == 1
    client.post(
        reverse("inspections:question_add", args=[framework.pk]), {"area": area.pk, "code": "SQ2", "text": "More?"}
    )
    assert mine.answers.count() == 2
    assert client.get(reverse("inspections:area_add", args=[assessment.framework_id])).status_code == 404
    client.force_login(almo_staff)
    assert client.get(reverse("inspections:framework_create")).status_code == 403


def test_the_readiness_list_costs_the_same_queries_for_many_almos(
    client, council, council_officer, framework, django_assert_max_num_queries
):
    from organisations.access import Role
    from tests.factories import AlmoFactory, BoardFactory, user_with_role

    def add(count):
        for _ in range(count):
            almo = AlmoFactory(council=council)
            BoardFactory(almo=almo)
            staff = user_with_role(Role.ALMO_STAFF, almo)
            assessment = services.assessment_start(actor=staff, almo=almo, framework=framework)
            services.answer_save(actor=staff, answer=assessment.answers.first(), score=2)

    client.force_login(council_officer)
    add(2)
    with django_assert_max_num_queries(30) as few:
        assert client.get(reverse("inspections:index")).status_code == 200
    add(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("inspections:index")).status_code == 200
