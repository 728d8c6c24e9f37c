"""The HTML pages of a ballot: another ALMO's staff and another council's officers find nothing (404) on the ballot,
its result report, its letters and its tenancy register; a board member posts none of the ballot's actions."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consultations.models import Ballot, LetterBatch, Tenancy
from consultations.services import ballot_close, ballot_publish, ballot_verify
from tests.access import SIGN_IN
from tests.consultations.conftest import add_tenancies, end_voting, issue_codes, vote

pytestmark = pytest.mark.django_db


def action_url(ballot, name):
    return reverse("consultations:ballot_action", args=[ballot.pk, name])


@pytest.fixture
def outsiders(sibling_staff, other_staff, other_council_officer):
    """Another ALMO's staff (of the same council and of another) and another council's officer."""
    return (sibling_staff, other_staff, other_council_officer)


@pytest.fixture
def closed_ballot(settings, open_ballot, overseer):
    for choice, code in enumerate(list(open_ballot.known.values())[:3]):
        vote(open_ballot, code, choice % 2)
    end_voting(settings, open_ballot)
    return ballot_close(actor=overseer, ballot=open_ballot)


@pytest.fixture
def published_ballot(closed_ballot, overseer, django_capture_on_commit_callbacks):
    ballot_verify(actor=overseer, ballot=closed_ballot)
    with django_capture_on_commit_callbacks(execute=True):
        ballot_publish(actor=overseer, ballot=closed_ballot)
    closed_ballot.refresh_from_db()
    assert closed_ballot.status == Ballot.Status.PUBLISHED and closed_ballot.result_report
    return closed_ballot


@pytest.fixture
def ready_letters(client, ballot, council_officer, django_capture_on_commit_callbacks):
    """A batch of letters made by the worker and waiting for its one download."""
    add_tenancies(ballot, 2)
    client.force_login(council_officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("consultations:letters_request", args=[ballot.pk]))
    client.logout()
    batch = LetterBatch.objects.get(ballot=ballot)
    assert batch.status == LetterBatch.Status.READY
    return batch


def test_another_almos_ballot_page_is_missing(
    client, ballot, outsiders, almo_staff, council_officer, board_member, overseer
):
    url = reverse("consultations:ballot_detail", args=[ballot.pk])
    for user in (almo_staff, council_officer, board_member, overseer):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200 and ballot.question in response.content.decode(), user.username
    for user in outsiders:
        client.force_login(user)
        assert client.get(url).status_code == 404, user.username


def test_another_almos_ballot_cannot_be_changed(client, ballot, outsiders, board_member, overseer):
    url = reverse("consultations:ballot_edit", args=[ballot.pk])
    data = {
        "question": "Changed by the wrong people?",
        "opens_on": ballot.opens_on.isoformat(),
        "closes_on": (ballot.closes_on + dt.timedelta(days=5)).isoformat(),
        "overseer": overseer.memberships.get().pk,
    }
    for user in (*outsiders, board_member):
        client.force_login(user)
        assert client.get(url).status_code == 404, user.username
        assert client.post(url, data).status_code == 404, user.username
    ballot.refresh_from_db()
    assert ballot.question == "Who should manage your home?"


def test_another_almos_result_report_is_missing(client, published_ballot, outsiders, council_officer, board_member):
    url = reverse("consultations:result_report", args=[published_ballot.pk])
    for user in (council_officer, board_member):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, user.username
        assert response["Content-Disposition"].startswith("attachment")
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    for user in outsiders:
        client.force_login(user)
        assert client.get(url).status_code == 404, user.username


def test_another_almos_letters_cannot_be_made_or_taken(
    client, ballot, ready_letters, outsiders, board_member, almo_staff, council_officer
):
    download = reverse("consultations:letters_download", args=[ready_letters.pk])
    make = reverse("consultations:letters_request", args=[ballot.pk])
    add_tenancies(ballot, 1, prefix="X")  # a tenancy without a letter, so a new batch could be asked for
    for user in (*outsiders, board_member, almo_staff):
        client.force_login(user)
        assert client.post(download).status_code == 404, user.username
        assert client.post(make).status_code == 404, user.username
    ready_letters.refresh_from_db()
    assert ready_letters.status == LetterBatch.Status.READY and ready_letters.downloaded_by is None
    assert LetterBatch.objects.filter(ballot=ballot).count() == 1
    # The letters are still there for the council, which takes them once.
    client.force_login(council_officer)
    response = client.post(download)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_another_almos_tenancy_register_is_missing(client, ballot, outsiders, board_member, council_officer):
    add_tenancies(ballot, 2)
    tenancy = Tenancy.objects.filter(ballot=ballot).order_by("reference").first()
    issue_codes(ballot, council_officer)
    register = reverse("consultations:tenancy_list", args=[ballot.pk])
    import_url = reverse("consultations:register_import", args=[ballot.pk])
    reissue = reverse("consultations:code_reissue", args=[tenancy.pk])
    client.force_login(council_officer)
    page = client.get(register)
    assert page.status_code == 200 and tenancy.reference in page.content.decode()
    upload = "tenancy reference,name,address,postcode,tenure,area\nZ1,Zed,1 Wrong Road,LS1 4AP,secure,North\n"
    for user in (*outsiders, board_member):
        client.force_login(user)
        assert client.get(register).status_code == 404, user.username
        assert client.get(register, {"q": tenancy.reference}).status_code == 404, user.username
        assert client.get(import_url).status_code == 404, user.username
        file = SimpleUploadedFile("register.csv", upload.encode(), content_type="text/csv")
        assert client.post(import_url, {"file": file}).status_code == 404, user.username
        assert client.get(reissue).status_code == 404, user.username
        assert client.post(reissue, {"reason": "Lost"}).status_code == 404, user.username
    assert Tenancy.objects.filter(ballot=ballot).count() == 2
    assert not LetterBatch.objects.filter(kind="reissue").exists()


def test_a_board_member_and_outsiders_cannot_open_a_ballot(client, ballot, outsiders, board_member, council_officer):
    add_tenancies(ballot, 2)
    issue_codes(ballot, council_officer)
    for user in (*outsiders, board_member):
        client.force_login(user)
        assert client.post(action_url(ballot, "open")).status_code == 404, user.username
        ballot.refresh_from_db()
        assert ballot.status == Ballot.Status.DRAFT, user.username
    client.force_login(council_officer)  # ready to open: the council's officer opens it
    assert client.post(action_url(ballot, "open")).status_code == 302
    ballot.refresh_from_db()
    assert ballot.status == Ballot.Status.OPEN


def test_a_board_member_and_outsiders_cannot_close_a_ballot(
    client, settings, open_ballot, outsiders, board_member, overseer
):
    end_voting(settings, open_ballot)
    for user in (*outsiders, board_member):
        client.force_login(user)
        assert client.post(action_url(open_ballot, "close")).status_code == 404, user.username
        open_ballot.refresh_from_db()
        assert open_ballot.status == Ballot.Status.OPEN, user.username
    client.force_login(overseer)
    assert client.post(action_url(open_ballot, "close")).status_code == 302
    open_ballot.refresh_from_db()
    assert open_ballot.status == Ballot.Status.CLOSED


def test_a_board_member_and_outsiders_cannot_verify_or_publish(
    client, closed_ballot, outsiders, board_member, overseer
):
    for user in (*outsiders, board_member):
        client.force_login(user)
        assert client.post(action_url(closed_ballot, "verify")).status_code == 404, user.username
        closed_ballot.refresh_from_db()
        assert closed_ballot.verified_at is None, user.username
    ballot_verify(actor=overseer, ballot=closed_ballot)
    for user in (*outsiders, board_member):
        client.force_login(user)
        assert client.post(action_url(closed_ballot, "publish")).status_code == 404, user.username
        closed_ballot.refresh_from_db()
        assert closed_ballot.status == Ballot.Status.CLOSED, user.username
    client.force_login(overseer)
    assert client.post(action_url(closed_ballot, "publish")).status_code == 302
    closed_ballot.refresh_from_db()
    assert closed_ballot.status == Ballot.Status.PUBLISHED


def test_anonymous_is_sent_to_sign_in(client, published_ballot):
    batch = LetterBatch.objects.filter(ballot=published_ballot).first()
    tenancy = Tenancy.objects.filter(ballot=published_ballot).first()
    urls = [
        reverse("consultations:ballot_detail", args=[published_ballot.pk]),
        reverse("consultations:ballot_edit", args=[published_ballot.pk]),
        reverse("consultations:result_report", args=[published_ballot.pk]),
        reverse("consultations:tenancy_list", args=[published_ballot.pk]),
        reverse("consultations:register_import", args=[published_ballot.pk]),
        reverse("consultations:code_reissue", args=[tenancy.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response.url == f"{SIGN_IN}?next={url}", url
    for url in (
        reverse("consultations:letters_request", args=[published_ballot.pk]),
        reverse("consultations:letters_download", args=[batch.pk]),
        action_url(published_ballot, "verify"),
    ):
        response = client.post(url)
        assert response.status_code == 302 and response.url == f"{SIGN_IN}?next={url}", url
