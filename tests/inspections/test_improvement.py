"""The improvement plan, the Support Framework's records and meetings, and the deadline with its warnings."""

import datetime as dt

import pytest
from django.urls import reverse

from core.working_days import add_working_days
from inspections import notices, services
from inspections.models import DeadlineExtension, ImprovementAction, SupportRecord
from organisations.models import Notification
from tests.access import ScopedPageChecks
from tests.inspections.conftest import record_inspection

pytestmark = pytest.mark.django_db


class TestActionPages(ScopedPageChecks):
    @property
    def list_url(self):
        return reverse("inspections:action_list")

    @pytest.fixture
    def record(self, action):
        return action

    @pytest.fixture
    def other_record(self, other_action):
        return other_action

    def write_request(self, record):
        return reverse("inspections:action_detail", args=[record.pk]), {
            "status": "done",
            "due_on": "2027-01-04",
            "note": "Board",
        }


def test_working_days_skip_weekends_and_english_bank_holidays():
    # Friday 18 December 2026: Christmas Day (Fri 25th) and Boxing Day substitute (Mon 28th) are skipped.
    assert add_working_days(dt.date(2026, 12, 18), 5) == dt.date(2026, 12, 29)
    assert add_working_days(dt.date(2027, 1, 20), 20) == dt.date(2027, 2, 17)


def test_a_gap_becomes_an_improvement_action_due_in_20_working_days(client, almo_staff, answer):
    client.force_login(almo_staff)
    url = reverse("inspections:action_from_gap", args=[answer.pk])
    page = client.get(url).content.decode()
    assert 'value="2027-02-17"' in page and f"Close the gap on {answer.question.code}" in page
    response = client.post(url, {"title": "Refresh strategies", "owner": "Sue", "due_on": "2027-02-17"})
    action = ImprovementAction.objects.get()
    assert response.url == action.get_absolute_url()
    assert (action.origin, action.answer, action.almo) == ("gap", answer, answer.assessment.almo)
    assert "Refresh strategies" in client.get(answer.assessment.get_absolute_url()).content.decode()


def test_a_recommendation_becomes_an_action(client, almo_staff, inspection, council_officer):
    recommendation = services.recommendation_add(
        actor=council_officer, inspection=inspection, text="Publish repairs results", priority="high"
    )
    client.force_login(almo_staff)
    response = client.post(
        reverse("inspections:action_from_recommendation", args=[recommendation.pk]),
        {"title": "Publish repairs results", "owner": "Dev", "due_on": "2027-03-01"},
    )
    assert response.status_code == 302
    assert ImprovementAction.objects.get().recommendation == recommendation
    client.force_login(council_officer)  # the council reads the plan, the ALMO keeps it
    assert client.get(reverse("inspections:action_from_recommendation", args=[recommendation.pk])).status_code == 403


def test_an_overdue_action_shows_in_red_until_done(client, almo_staff, action):
    client.force_login(almo_staff)
    page = client.get(reverse("inspections:action_list")).content.decode()
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in page  # due 4 January 2027
    response = client.post(
        reverse("inspections:action_detail", args=[action.pk]),
        {"status": "done", "due_on": "2027-01-04", "note": "Published on the website."},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "done" and action.notes.get().text == "Published on the website."
    assert "govuk-tag--red" not in client.get(reverse("inspections:action_list")).content.decode()


def test_progress_needs_a_change(client, almo_staff, action):
    client.force_login(almo_staff)
    response = client.post(
        reverse("inspections:action_detail", args=[action.pk]), {"status": action.status, "due_on": "2027-01-04"}
    )
    assert response.status_code == 400
    assert "Add a progress note, or change the status or due date" in response.content.decode()


def support_form(**fields):
    return {
        "source": "nfa",
        "support_type": "peer_review",
        "provider": "Harrowfield North Homes",
        "basis": "free_advice",
        "cost": "0",
        "status": "requested",
        "requested_on": "2027-01-15",
        "agreed_with_government_office": "on",
    } | fields


def test_an_almo_records_a_support_request_to_a_peer_almo(client, almo, almo_staff, council_officer):
    client.force_login(almo_staff)
    response = client.post(reverse("inspections:support_add", args=[almo.pk]), support_form())
    record = SupportRecord.objects.get()
    assert response.status_code == 302
    assert (record.source, record.support_type, record.agreed_with_government_office) == ("nfa", "peer_review", True)
    client.force_login(council_officer)
    page = client.get(reverse("inspections:support_list") + f"?almo={almo.pk}").content.decode()
    assert "Peer review from Harrowfield North Homes" in page
    assert client.get(reverse("inspections:support_add", args=[almo.pk])).status_code == 403


@pytest.mark.parametrize(
    "fields, field_message",
    [
        ({"source": "ita", "support_type": "peer_review"}, "Independent tenant advisers offers support for tenants"),
        ({"cost": "250"}, "Free advice costs nothing"),
        ({"basis": "consultancy", "cost": "0"}, "Enter what the consultancy costs"),
        ({"cost": "-5"}, "The cost cannot be negative"),
    ],
)
def test_support_that_does_not_fit_the_framework_is_refused(client, almo, almo_staff, fields, field_message):
    client.force_login(almo_staff)
    response = client.post(reverse("inspections:support_add", args=[almo.pk]), support_form(**fields))
    assert response.status_code == 400
    assert field_message in response.content.decode()
    assert not SupportRecord.objects.exists()


def test_progress_meetings_are_recorded_by_either_party(client, almo, council_officer, board_member):
    client.force_login(council_officer)
    response = client.post(
        reverse("inspections:meeting_add", args=[almo.pk]),
        {"held_on": "2027-01-12", "attendees": "GO, council, ALMO", "notes": "Peer review booked."},
    )
    assert response.status_code == 302
    client.force_login(board_member)
    assert "Peer review booked." in client.get(reverse("inspections:support_list")).content.decode()
    assert client.post(reverse("inspections:meeting_add", args=[almo.pk]), {}).status_code == 403


def test_the_deadline_is_two_years_from_consent_extendable_by_agreement(
    client, almo, almo_staff, council_officer, board_member
):
    almo.section_27_consent_date = dt.date(2025, 6, 1)
    almo.save()
    record_inspection(council_officer, almo, star_rating=1, prospects="uncertain")  # not successful
    url = reverse("inspections:deadline", args=[almo.pk])
    client.force_login(almo_staff)
    assert "Due within 6 months: by 1 June 2027" in client.get(url).content.decode()
    response = client.post(url, {"new_deadline": "2027-05-01", "project_plan": "More time"})
    assert "The new deadline must be after the current one, 1 June 2027" in response.content.decode()
    client.post(url, {"new_deadline": "2027-12-31", "project_plan": "Inspection booked for November."})
    extension = DeadlineExtension.objects.get()
    assert extension.is_open and Notification.objects.filter(user=council_officer).exists()
    # The proposer cannot agree it; a board member cannot decide; the council agrees.
    decide = reverse("inspections:extension_decide", args=[extension.pk])
    assert "must decide it" in client.post(decide, {"agree": "1"}).content.decode()
    client.force_login(board_member)
    assert client.post(decide, {"agree": "1"}).status_code == 404
    client.force_login(council_officer)
    assert "Say why you are declining" in client.post(decide, {"decline": "1"}).content.decode()
    client.post(decide, {"agree": "1", "reason": ""})
    extension.refresh_from_db()
    assert extension.status == "agreed" and extension.decided_by == council_officer
    assert "Due by 31 December 2027" in client.get(url).content.decode()
    record_inspection(
        council_officer, almo, title="Re-inspection", starts_on=dt.date(2027, 1, 4), ends_on=dt.date(2027, 1, 8)
    )
    assert "Met: 2 stars (good) from Re-inspection" in client.get(url).content.decode()


def test_deadline_warnings_go_once_at_six_and_at_three_months(almo, almo_staff, council_officer):
    almo.section_27_consent_date = dt.date(2025, 6, 1)  # deadline 1 June 2027
    almo.save()
    assert notices.send_deadline_warnings(dt.date(2026, 11, 30)) == 0
    assert notices.send_deadline_warnings(dt.date(2026, 12, 1)) == 2  # one to each party
    assert notices.send_deadline_warnings(dt.date(2026, 12, 2)) == 0  # safe to run again
    assert notices.send_deadline_warnings(dt.date(2027, 3, 1)) == 2
    assert notices.send_deadline_warnings(dt.date(2027, 3, 1)) == 0
    assert Notification.objects.filter(user=almo_staff, message__contains="under 3 months").count() == 1


def test_evidence_review_reminders_go_once_per_review_date(almo_staff, evidence):
    services.evidence_update(actor=almo_staff, evidence=evidence, title=evidence.title, review_due=dt.date(2027, 2, 10))
    assert notices.send_evidence_reminders(dt.date(2027, 1, 1)) == 0  # more than 30 days away
    assert notices.send_evidence_reminders(dt.date(2027, 1, 20)) == 1
    assert notices.send_evidence_reminders(dt.date(2027, 1, 21)) == 0
    services.evidence_update(actor=almo_staff, evidence=evidence, title=evidence.title, review_due=dt.date(2027, 2, 1))
    assert notices.send_evidence_reminders(dt.date(2027, 1, 21)) == 1
    assert notices.digest_lines(almo_staff, dt.date(2027, 2, 2)) == ["- 1 piece of evidence due for review"]


def test_the_action_list_costs_the_same_queries_for_many_rows(client, almo, almo_staff, django_assert_max_num_queries):
    client.force_login(almo_staff)

    def add(count):
        for index in range(count):
            services.action_create(
                actor=almo_staff, almo=almo, title=f"Action {index}", owner="A", due_on=dt.date(2027, 2, 1)
            )

    add(2)
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("inspections:action_list"))
    add(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("inspections:action_list"))
