"""Sealed results, the overseer's close, verify and publish, the hash chain, turnout by tenure and area."""

import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from pypdf import PdfReader

from consultations.models import Ballot, BallotResult, Vote
from consultations.services import ballot_close, ballot_publish, ballot_verify
from tests.consultations.conftest import add_tenancies, end_voting, issue_codes, vote

pytestmark = pytest.mark.django_db


def action(ballot, name):
    return reverse("consultations:ballot_action", args=[ballot.pk, name])


@pytest.fixture
def voted(open_ballot):
    codes = list(open_ballot.known.values())
    for code, choice in zip(codes, [0, 0, 0, 1, 1], strict=False):
        vote(open_ballot, code, choice)
    return open_ballot


def test_nobody_sees_a_count_before_the_close(client, api, voted, council_officer, almo_staff, overseer, superuser):
    for person in (council_officer, almo_staff, overseer, superuser):
        client.force_login(person)
        page = client.get(voted.get_absolute_url()).content.decode()
        assert "5 of 6 eligible tenancies have voted" in page
        assert "Votes for each option" not in page
        api.force_authenticate(person)
        data = api.get(reverse("api:consultations-ballot-detail", args=[voted.pk])).json()
        assert data["votes_cast"] == 5 and data["results"] is None and data["final_hash"] is None
    assert not BallotResult.objects.exists()
    client.force_login(superuser)
    assert client.get("/admin/consultations/vote/").status_code == 404


def test_only_the_overseer_closes_and_only_after_the_last_day(
    client, settings, voted, council_officer, overseer, board_member
):
    client.force_login(overseer)
    response = client.post(action(voted, "close"), follow=True)
    assert "Close the ballot after that" in response.content.decode()
    end_voting(settings, voted)
    for person in (council_officer, board_member):
        client.force_login(person)
        assert client.post(action(voted, "close")).status_code == 404
    client.force_login(overseer)
    client.post(action(voted, "close"))
    voted.refresh_from_db()
    assert voted.status == "closed" and voted.total_votes == 5
    assert voted.final_hash == Vote.objects.order_by("-position").first().chain_hash
    response = client.post(action(voted, "close"), follow=True)
    assert "This ballot is already closed." in response.content.decode()
    # Between the close and publication only the overseer sees the sealed count, here and on the history page.
    result = BallotResult.objects.first()
    history = reverse("organisations:history", args=["consultations", "ballotresult", result.pk])
    assert client.get(history).status_code == 200
    assert "Sealed result" in client.get(voted.get_absolute_url()).content.decode()
    client.force_login(council_officer)
    assert client.get(history).status_code == 404
    assert "Votes for each option" not in client.get(voted.get_absolute_url()).content.decode()


def test_verify_then_publish(
    client, settings, api, voted, overseer, council_officer, django_capture_on_commit_callbacks
):
    end_voting(settings, voted)
    client.force_login(overseer)
    client.post(action(voted, "close"))
    response = client.post(action(voted, "publish"), follow=True)
    assert "Verify the chain and recount before publishing" in response.content.decode()
    response = client.post(action(voted, "verify"), follow=True)
    assert "The chain of 5 votes is intact" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(action(voted, "publish"))
    voted.refresh_from_db()
    assert voted.status == "published" and voted.result_report

    client.force_login(council_officer)
    page = client.get(voted.get_absolute_url()).content.decode()
    assert "Votes for each option" in page and "60.0%" in page
    api.force_authenticate(council_officer)
    data = api.get(reverse("api:consultations-ballot-detail", args=[voted.pk])).json()
    assert [row["votes"] for row in data["results"]] == [3, 2] and data["final_hash"] == voted.final_hash

    report = client.get(reverse("consultations:result_report", args=[voted.pk]))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(b"".join(report.streaming_content))).pages)
    assert voted.final_hash[:20] in text.replace("\n", "") and "Keep the ALMO" in text

    # Anyone can see the result and find their receipt, without an account.
    client.logout()
    receipts = client.get(reverse("consultations:ballot_receipts", args=[voted.public_id])).content.decode()
    for receipt in Vote.objects.values_list("receipt", flat=True):
        assert receipt[:4].upper() in receipts
    assert voted.final_hash in receipts


def test_receipts_are_not_public_before_publication(client, voted):
    assert client.get(reverse("consultations:ballot_receipts", args=[voted.public_id])).status_code == 404


def test_a_tampered_vote_fails_verification(settings, voted, overseer):
    end_voting(settings, voted)
    ballot_close(actor=overseer, ballot=voted)
    second = list(voted.consultation.options.all())[1]
    # The database refuses to change a vote...
    with pytest.raises(Exception, match="append-only"), connection.cursor() as cursor:
        cursor.execute("SAVEPOINT before_update")
        try:
            cursor.execute("UPDATE consultations_vote SET option_id = %s WHERE position = 1", [second.pk])
        finally:
            cursor.execute("ROLLBACK TO SAVEPOINT before_update")
    assert ballot_verify(actor=overseer, ballot=voted).ok
    # ...until someone who can turns the trigger off.
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")  # every trigger off, as only a superuser can
        cursor.execute("UPDATE consultations_vote SET option_id = %s WHERE position = 1", [second.pk])
        cursor.execute("SET session_replication_role = DEFAULT")
    found = ballot_verify(actor=overseer, ballot=voted)
    assert not found.ok and "vote 1 does not match its receipt" in found.message
    voted.refresh_from_db()
    assert voted.verified_ok is False
    with pytest.raises(Exception, match="Verify the chain"):
        ballot_publish(actor=overseer, ballot=voted)
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_code:
        call_command("verify_ballot", voted.public_id, stdout=out, stderr=err)
    assert exit_code.value.code == 1 and "failed verification" in err.getvalue()


def test_a_rewritten_chain_still_fails_against_the_sealed_hash(settings, voted, overseer):
    from consultations import chain

    end_voting(settings, voted)
    ballot_close(actor=overseer, ballot=voted)
    second = list(voted.consultation.options.all())[1]
    # A careful forger rewrites every hash after the change; the hash sealed at the close still gives it away.
    previous = chain.genesis(voted.public_id)
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        for row in Vote.objects.order_by("position"):
            option_id = second.pk if row.position == 1 else row.option_id
            receipt = chain.receipt_for(voted.public_id, option_id, row.nonce)
            link = chain.link(previous, row.position, receipt)
            cursor.execute(
                "UPDATE consultations_vote SET option_id=%s, receipt=%s, previous_hash=%s, chain_hash=%s WHERE id=%s",
                [option_id, receipt, previous, link, row.pk],
            )
            previous = link
        cursor.execute("SET session_replication_role = DEFAULT")
    found = ballot_verify(actor=overseer, ballot=voted)
    assert not found.ok and "not the one sealed at the close" in found.message


def test_the_command_recounts_an_intact_ballot(settings, voted, overseer):
    end_voting(settings, voted)
    ballot_close(actor=overseer, ballot=voted)
    out = StringIO()
    call_command("verify_ballot", voted.public_id, stdout=out)
    assert "Keep the ALMO: 3" in out.getvalue() and "intact" in out.getvalue()


def test_turnout_by_tenure_and_area_suppresses_small_counts(client, settings, ballot, council_officer, overseer):
    from consultations.services import ballot_open

    add_tenancies(ballot, 30, prefix="S", tenures=("secure",), areas=("North",))
    add_tenancies(ballot, 6, prefix="L", tenures=("leasehold",), areas=("South",))
    known = issue_codes(ballot, council_officer)
    ballot = ballot_open(actor=council_officer, ballot=ballot)
    for reference, code in known.items():
        if reference.startswith("S") and int(reference[1:]) < 12 or reference in ("L00000", "L00001"):
            vote(ballot, code)
    end_voting(settings, ballot)
    ballot_close(actor=overseer, ballot=ballot)
    ballot_verify(actor=overseer, ballot=Ballot.objects.get(pk=ballot.pk))
    ballot_publish(actor=overseer, ballot=Ballot.objects.get(pk=ballot.pk))
    client.force_login(council_officer)
    page = client.get(ballot.get_absolute_url()).content.decode()
    assert "Turnout by tenure" in page and "Turnout by area" in page
    assert "40.0%" in page  # 12 of 30 secure tenancies
    assert "fewer than 5" in page  # 2 leaseholders voted: not shown
    assert ">2<" not in page
