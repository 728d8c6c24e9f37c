"""The shared access checks on every agreements page and API resource, and the people who only read."""

import datetime as dt

import pytest
from django.urls import reverse

from agreements import services
from agreements.models import (
    DelegatedFunction,
    Intervention,
    InterventionStep,
    ManagementAgreement,
    Meeting,
    MeetingAction,
    MeetingSeries,
)
from tests.access import ScopedPageChecks
from tests.agreements.conftest import FUNCTION, TERMS, make_series, stage, start_intervention
from tests.api.access import ScopedApiChecks
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class TestAgreementPages(ScopedPageChecks):
    list_url = reverse("agreements:agreement_list")

    @pytest.fixture
    def record(self, agreement):
        return agreement

    @pytest.fixture
    def other_record(self, other_agreement):
        other_agreement.title = "Southdale agreement"
        other_agreement.save()
        return other_agreement

    def write_request(self, record):
        return reverse("agreements:agreement_new_version", args=[record.pk]), {}


class TestSeriesPages(ScopedPageChecks):
    list_url = reverse("agreements:meeting_list")

    @pytest.fixture
    def record(self, series):
        return series

    @pytest.fixture
    def other_record(self, other_almo, other_council_officer, other_staff):
        return make_series(other_almo, other_council_officer, other_staff, name="Southdale liaison")

    def write_request(self, record):
        return reverse("agreements:meeting_schedule", args=[record.pk]), {"held_on": "2027-02-10"}


class TestMeetingPages(ScopedPageChecks):
    @pytest.fixture
    def record(self, meeting):
        return meeting

    @pytest.fixture
    def other_record(self, other_meeting):
        return other_meeting

    def write_request(self, record):
        return reverse("agreements:agenda_item_add", args=[record.pk]), {"title": "Board member's item"}


class TestActionPages(ScopedPageChecks):
    list_url = reverse("agreements:action_list")

    @pytest.fixture
    def record(self, meeting, council_officer):
        return services.action_raise(
            actor=council_officer, meeting=meeting, description="Our action", due_on=dt.date(2027, 2, 1), owner_name="A"
        )

    @pytest.fixture
    def other_record(self, other_meeting, other_council_officer):
        return services.action_raise(
            actor=other_council_officer,
            meeting=other_meeting,
            description="Their action",
            due_on=dt.date(2027, 2, 1),
            owner_name="B",
        )

    def write_request(self, record):
        return reverse("agreements:action_update", args=[record.pk]), {"status": "done", "closing_note": "Done"}


class TestInterventionPages(ScopedPageChecks):
    list_url = reverse("agreements:intervention_list")

    @pytest.fixture
    def record(self, intervention):
        return intervention

    @pytest.fixture
    def other_record(self, other_almo, other_council_officer):
        return start_intervention(other_almo, other_council_officer, title="Southdale failure")

    def row_text(self, record):
        return record.title

    def write_request(self, record):
        return reverse("agreements:notice_serve", args=[record.pk]), {
            "subject": "S",
            "text": "T",
            "response_working_days": "20",
        }


def test_an_observer_reads_but_changes_nothing(client, observer, agreement, meeting, intervention):
    client.force_login(observer)
    for url in (agreement.get_absolute_url(), meeting.get_absolute_url(), intervention.get_absolute_url()):
        assert client.get(url).status_code == 200
    assert client.get(reverse("agreements:agreement_create")).status_code == 403
    assert client.get(reverse("agreements:intervention_start")).status_code == 403
    assert client.post(reverse("agreements:agenda_refresh", args=[meeting.pk])).status_code == 404
    assert client.post(reverse("agreements:agreement_agree", args=[agreement.pk])).status_code == 404
    assert client.get(reverse("agreements:series_create", args=[meeting.series.almo_id])).status_code == 403


def test_a_board_member_reads_every_page_and_is_offered_no_write(
    client, board_member, agreement, meeting, intervention
):
    client.force_login(board_member)
    for url in (
        reverse("agreements:agreement_list"),
        reverse("agreements:meeting_list"),
        reverse("agreements:action_list"),
        reverse("agreements:intervention_list"),
        agreement.get_absolute_url(),
        meeting.get_absolute_url(),
        meeting.series.get_absolute_url(),
        intervention.get_absolute_url(),
    ):
        page = client.get(url).content.decode()
        assert "Record a management agreement" not in page and "Start an intervention" not in page, url
        assert "Raise an action" not in page and "Move up the ladder" not in page, url
    deadline = intervention.steps.get().deadlines.get()
    assert client.post(reverse("agreements:deadline_met", args=[deadline.pk]), {}).status_code == 404


def test_superusers_read_but_take_no_party_action(client, superuser, agreement, almo):
    client.force_login(superuser)
    assert client.get(agreement.get_absolute_url()).status_code == 200
    assert client.post(reverse("agreements:agreement_new_version", args=[agreement.pk])).status_code == 404


# The API ---------------------------------------------------------------------------------------


def _series_for(almo):
    series = almo.meeting_series.first()
    if series is None:
        series = MeetingSeries.objects.create(
            almo=almo, kind="officer_liaison", name="Liaison", frequency="monthly", chair_name="Chair"
        )
    return series


def _meeting_for(almo):
    series = _series_for(almo)
    return Meeting.objects.filter(series=series).first() or Meeting.objects.create(
        series=series, held_on=dt.date(2027, 1, 6)
    )


def _agreement_for(almo):
    agreement = ManagementAgreement.objects.filter(almo=almo).first()
    if agreement is None:
        agreement = ManagementAgreement.objects.create(almo=almo, version=1, **TERMS)
    return agreement


class TestAgreementApi(ScopedApiChecks):
    basename = "agreements-agreement"

    @pytest.fixture
    def record(self, agreement):
        return agreement

    @pytest.fixture
    def other_record(self, other_agreement):
        return other_agreement

    def add_rows(self, almo, count):
        start = ManagementAgreement.objects.filter(almo=almo).count() + 1
        for version in range(start, start + count):
            agreement = ManagementAgreement.objects.create(
                almo=almo, version=version, status=ManagementAgreement.Status.SUPERSEDED, **TERMS
            )
            DelegatedFunction.objects.create(agreement=agreement, **FUNCTION)

    def write_request(self, record):
        return reverse("api:agreements-agreement-agree", args=[record.pk]), {}


class TestDelegatedFunctionApi(ScopedApiChecks):
    basename = "agreements-function"

    @pytest.fixture
    def record(self, agreement):
        return agreement.functions.get()

    @pytest.fixture
    def other_record(self, other_agreement):
        return other_agreement.functions.get()

    def add_rows(self, almo, count):
        agreement = _agreement_for(almo)
        start = agreement.functions.count()
        for n in range(start, start + count):
            DelegatedFunction.objects.create(agreement=agreement, **(FUNCTION | {"function": f"Function {n}"}))


class TestMeetingApi(ScopedApiChecks):
    basename = "agreements-meeting"

    @pytest.fixture
    def record(self, meeting):
        return meeting

    @pytest.fixture
    def other_record(self, other_meeting):
        return other_meeting

    def add_rows(self, almo, count):
        series = _series_for(almo)
        start = Meeting.objects.filter(series=series).count()
        for n in range(start, start + count):
            Meeting.objects.create(series=series, held_on=dt.date(2020, 1, 1) + dt.timedelta(days=n))


class TestActionApi(ScopedApiChecks):
    basename = "agreements-action"

    @pytest.fixture
    def record(self, meeting, council_officer):
        return services.action_raise(
            actor=council_officer, meeting=meeting, description="Ours", due_on=dt.date(2027, 2, 1), owner_name="A"
        )

    @pytest.fixture
    def other_record(self, other_meeting, other_council_officer):
        return services.action_raise(
            actor=other_council_officer,
            meeting=other_meeting,
            description="Theirs",
            due_on=dt.date(2027, 2, 1),
            owner_name="B",
        )

    def add_rows(self, almo, count):
        meeting = _meeting_for(almo)
        for n in range(count):
            MeetingAction.objects.create(
                series=meeting.series,
                raised_at=meeting,
                description=f"A{n}",
                owner_name="X",
                due_on=dt.date(2027, 2, 1),
            )

    def write_request(self, record):
        return reverse("api:agreements-action-update-status", args=[record.pk]), {"status": "done", "closing_note": "x"}


class TestInterventionApi(ScopedApiChecks):
    basename = "agreements-intervention"

    @pytest.fixture
    def record(self, intervention):
        return intervention

    @pytest.fixture
    def other_record(self, other_intervention):
        return other_intervention

    def add_rows(self, almo, count):
        first, opener = stage("exception_report"), UserFactory()
        for n in range(count):
            intervention = Intervention.objects.create(
                almo=almo,
                about_party="almo",
                opened_by_party="council",
                opened_by=opener,
                title=f"I{n}",
                failure="F",
                current_stage=first,
                started_on=dt.date(2026, 1, 1),
            )
            InterventionStep.objects.create(
                intervention=intervention, stage=first, started_on=dt.date(2026, 1, 1), started_by=opener
            )

    def write_request(self, record):
        return reverse("api:agreements-intervention-escalate", args=[record.pk]), {"stage": "performance_surgery"}
