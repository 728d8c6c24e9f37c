"""The register of tenancies (imported all or nothing) and voting-code letters (made by a worker, downloaded once)."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from consultations import codes
from consultations.models import LetterBatch, Tenancy, VotingCode
from tests.consultations.conftest import add_tenancies, issue_codes, vote

pytestmark = pytest.mark.django_db
HEADER = "tenancy reference,name,address,postcode,tenure,area\n"


def upload(client, ballot, text, name="register.csv"):
    file = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    return client.post(reverse("consultations:register_import", args=[ballot.pk]), {"file": file})


def test_register_imports_every_row(client, council_officer, ballot):
    client.force_login(council_officer)
    rows = "".join(f"NH-{n},Tenant {n},{n} Mill Lane,LS1 4AP,Secure tenancy,North\n" for n in range(25))
    response = upload(client, ballot, HEADER + rows + "NH-99,Ann,1 Moor View,ls2 7hh,leaseholder,South\n")
    assert response.status_code == 302
    assert Tenancy.objects.filter(ballot=ballot).count() == 26
    assert Tenancy.objects.get(reference="NH-99").postcode == "LS2 7HH"
    assert Tenancy.history.count() == 26


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            "A1,Ann,1 Mill Lane,LS1 4AP,secure,North\nA1,Bob,2 Mill Lane,LS1 4AP,secure,North\n",
            "Row 4: tenancy A1 is listed twice (first on row 3).",
        ),
        ("A1,Ann,1 Mill Lane,LS1 4AP,freehold,North\n", "Row 3: the tenure must be one of"),
        ("A1,,1 Mill Lane,LS1 4AP,secure,North\n", "Row 3: enter the name."),
        ("A1,Ann,1 Mill Lane,NOT A CODE,secure,North\n", "Row 3: enter a real postcode"),
    ],
)
def test_a_bad_row_imports_nothing_and_is_named(client, council_officer, ballot, rows, message):
    client.force_login(council_officer)
    good = "B1,Bea,3 Mill Lane,LS1 4AP,secure,North\n"
    response = upload(client, ballot, HEADER + good + rows)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Tenancy.objects.exists()


def test_wrong_headings_a_listed_tenancy_and_a_non_spreadsheet(client, council_officer, ballot):
    client.force_login(council_officer)
    assert "The first row must be the headings" in upload(client, ballot, "ref,name\nA,B\n").content.decode()
    assert upload(client, ballot, HEADER + "A1,Ann,1 Mill Lane,LS1 4AP,secure,North\n").status_code == 302
    response = upload(client, ballot, HEADER + "A1,Ann,1 Mill Lane,LS1 4AP,secure,North\n")
    assert "Row 2: tenancy A1 is already on the register." in response.content.decode()
    response = upload(client, ballot, "%PDF-1.4", name="register.pdf")
    assert "must be a CSV file or an Excel workbook" in response.content.decode()
    assert Tenancy.objects.count() == 1


def test_board_member_and_almo_staff_cannot_see_the_register(client, ballot, board_member, almo_staff, observer):
    add_tenancies(ballot, 2)
    for person in (board_member, almo_staff, observer):
        client.force_login(person)
        assert client.get(reverse("consultations:tenancy_list", args=[ballot.pk])).status_code == 404
        tenancy = Tenancy.objects.first()
        history = reverse("organisations:history", args=["consultations", "tenancy", tenancy.pk])
        assert client.get(history).status_code == 404


def letters_text(response) -> str:
    content = b"".join(response.streaming_content)
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_letters_are_made_by_the_worker_and_downloaded_once(
    client, council_officer, ballot, django_capture_on_commit_callbacks
):
    add_tenancies(ballot, 3)
    client.force_login(council_officer)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(reverse("consultations:letters_request", args=[ballot.pk]))
    assert len(callbacks) == 1  # the task is queued once the request commits
    batch = LetterBatch.objects.get()
    assert batch.status == "ready" and batch.letter_count == 3
    stored = batch.file.path

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("consultations:letters_download", args=[batch.pk]))
    text = letters_text(response)
    assert response["Content-Disposition"].startswith("attachment")
    printed = re.findall(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", text)
    assert len(printed) == 3 and "Tenant 0" in text and "LS1 4AP" in text
    # Only the keyed hashes are kept; the file has gone.
    hashes = set(VotingCode.objects.values_list("code_hash", flat=True))
    assert {codes.code_hash(ballot.public_id, codes.normalise(code)) for code in printed} == hashes
    for code in printed:
        assert not VotingCode.objects.filter(code_hash__icontains=codes.normalise(code)).exists()
    import os

    assert not os.path.exists(stored)
    batch.refresh_from_db()
    assert batch.status == "downloaded" and batch.downloaded_by == council_officer
    again = client.post(reverse("consultations:letters_download", args=[batch.pk]), follow=True)
    assert "already been downloaded" in again.content.decode()


def test_a_worker_running_the_task_twice_makes_one_set_of_codes(council_officer, ballot):
    from consultations.services import letters
    from consultations.tasks import make_letters_task

    add_tenancies(ballot, 2)
    batch = LetterBatch.objects.create(ballot=ballot, kind="first", requested_by=council_officer)
    make_letters_task(batch.pk)
    make_letters_task(batch.pk)
    assert VotingCode.objects.count() == 2
    assert not letters.letters_claim(batch.pk)


def test_a_lost_code_is_reissued_and_the_old_one_is_void(
    client, council_officer, open_ballot, django_capture_on_commit_callbacks
):
    reference, old = next(iter(open_ballot.known.items()))
    tenancy = Tenancy.objects.get(reference=reference)
    client.force_login(council_officer)
    url = reverse("consultations:code_reissue", args=[tenancy.pk])
    assert "Say why the code is being reissued" in client.post(url, {"reason": ""}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "Letter lost"})
    assert VotingCode.objects.filter(tenancy=tenancy, status="void").count() == 1
    assert VotingCode.objects.filter(tenancy=tenancy, status="issued").count() == 1
    batch = LetterBatch.objects.get(kind="reissue")
    assert batch.reason == "Letter lost" and batch.letter_count == 1
    from consultations.services import CodeRefused

    with pytest.raises(CodeRefused):
        vote(open_ballot, old)


def test_a_tenancy_that_has_voted_cannot_get_a_new_code(client, council_officer, open_ballot):
    reference, code = next(iter(open_ballot.known.items()))
    vote(open_ballot, code)
    client.force_login(council_officer)
    tenancy = Tenancy.objects.get(reference=reference)
    response = client.post(reverse("consultations:code_reissue", args=[tenancy.pk]), {"reason": "Lost"})
    assert "has already voted" in response.content.decode()
    assert not LetterBatch.objects.filter(kind="reissue").exists()


def test_only_council_officers_make_or_take_letters(client, ballot, council_officer, almo_staff, board_member):
    add_tenancies(ballot, 1)
    issue_codes(ballot, council_officer)
    batch = LetterBatch.objects.get()
    for person in (almo_staff, board_member):
        client.force_login(person)
        assert client.post(reverse("consultations:letters_request", args=[ballot.pk])).status_code == 404
        assert client.post(reverse("consultations:letters_download", args=[batch.pk])).status_code == 404
