"""The demo (one ballot published, one open), the report section, the home panel and the daily reminders."""

import datetime as dt

import pytest
from django.urls import reverse

from consultations import notices, report_sections
from consultations.models import Ballot, Consultation, LetterBatch, Vote
from core import clock
from core.reports import BOARD_PACK, ReportSource
from organisations.models import Notification
from tests.consultations.conftest import end_voting, vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    from consultations import demo
    from organisations import demo as organisations_demo

    organisations_demo.load()
    with django_capture_on_commit_callbacks(execute=True):
        demo.load()
    return demo


def test_the_demo_has_a_published_ballot_and_an_open_one_and_loads_twice(
    demo, client, django_capture_on_commit_callbacks
):
    published = Ballot.objects.get(status="published")
    open_ballot = Ballot.objects.get(status="open")
    assert published.total_votes == 41 and published.verified_ok and published.result_report
    assert Vote.objects.filter(ballot=open_ballot).count() == 12
    assert LetterBatch.objects.filter(ballot=open_ballot, status="ready").count() == 1
    counts = (Consultation.objects.count(), Vote.objects.count(), Consultation.history.count())
    with django_capture_on_commit_callbacks(execute=True):
        demo.load()
    assert (Consultation.objects.count(), Vote.objects.count(), Consultation.history.count()) == counts

    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    client.force_login(users.get(username="council.officer"))
    for url in (
        "/consultations/",
        published.consultation.get_absolute_url(),
        reverse("consultations:checklist", args=[published.consultation_id]),
        published.get_absolute_url(),
        open_ballot.get_absolute_url(),
        reverse("consultations:tenancy_list", args=[open_ballot.pk]),
        "/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Keep the ALMO" in client.get(published.get_absolute_url()).content.decode()
    client.force_login(users.get(username="ballot.overseer"))
    assert "For the overseer" in client.get(open_ballot.get_absolute_url()).content.decode()
    client.logout()
    assert client.get(reverse("consultations:ballot_vote", args=[open_ballot.public_id])).status_code == 200
    assert client.get(reverse("consultations:ballot_receipts", args=[published.public_id])).status_code == 200


def test_board_pack_section_shows_the_published_result_only(open_ballot, almo, council, settings, overseer):
    from consultations.services import ballot_close, ballot_publish, ballot_verify

    vote(open_ballot, next(iter(open_ballot.known.values())))
    source = ReportSource(BOARD_PACK, council=council, almo=almo)
    data = report_sections.consultations_summary(source)
    assert data["consultations"][0]["ballot"] == {
        "status": "Open for voting",
        "closes_on": data["consultations"][0]["ballot"]["closes_on"],
        "turnout": "1 so far",
    }
    end_voting(settings, open_ballot)
    ballot_close(actor=overseer, ballot=open_ballot)
    assert "results" not in report_sections.consultations_summary(source)["consultations"][0]["ballot"]
    ballot_verify(actor=overseer, ballot=open_ballot)
    ballot_publish(actor=overseer, ballot=Ballot.objects.get(pk=open_ballot.pk))
    ballot = report_sections.consultations_summary(source)["consultations"][0]["ballot"]
    assert ballot["results"][0]["votes"] == 1 and ballot["turnout"] == "1 of 6"
    sheets = report_sections.consultation_sheets(report_sections.consultations_summary(source))
    assert sheets[0][2][0][4] == "Result published"


def test_reminders_are_sent_once_a_day(open_ballot, council_officer, overseer):
    today = clock.today()
    Ballot.objects.filter(pk=open_ballot.pk).update(closes_on=today + dt.timedelta(days=2))
    assert notices.send_ballot_reminders(today) == 1
    assert notices.send_ballot_reminders(today) == 0
    assert Notification.objects.filter(user=council_officer, message__contains="closes at the end of").count() == 1
    Ballot.objects.filter(pk=open_ballot.pk).update(closes_on=today - dt.timedelta(days=1))
    assert notices.send_ballot_reminders(today) == 1
    assert notices.send_ballot_reminders(today) == 0
    assert notices.digest_lines(overseer, today) == ["- 1 ballot for you to close, verify or publish"]
    assert notices.digest_lines(council_officer, today) == []


def test_home_panel(client, open_ballot, overseer, almo_staff):
    client.force_login(overseer)
    assert "ballot you oversee" in client.get("/").content.decode()
    client.force_login(almo_staff)
    page = client.get("/").content.decode()
    assert "Consultations with tenants" in page and "The future of Northmoor Homes" in page
