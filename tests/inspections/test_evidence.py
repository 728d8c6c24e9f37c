"""The evidence library: uploads checked by content and size, stored privately, downloaded as logged attachments,
kept while linked, versions kept."""

import logging
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspections import services
from inspections.models import Evidence, EvidenceVersion
from tests.access import ScopedPageChecks
from tests.inspections.conftest import pdf_upload, stored_files

pytestmark = pytest.mark.django_db


class TestEvidencePages(ScopedPageChecks):
    @property
    def list_url(self):
        return reverse("inspections:evidence_list")

    @pytest.fixture
    def record(self, evidence):
        return evidence

    @pytest.fixture
    def other_record(self, other_evidence):
        return other_evidence

    def write_request(self, record):
        return reverse("inspections:evidence_detail", args=[record.pk]), {"title": "Changed by the board"}


def add(client, almo, upload, title="Rent arrears policy"):
    return client.post(
        reverse("inspections:evidence_add", args=[almo.pk]),
        {"title": title, "review_due": "2027-06-30", "file": upload},
    )


def test_an_upload_is_stored_privately_under_a_random_name(client, almo, almo_staff, private_files):
    client.force_login(almo_staff)
    response = add(client, almo, pdf_upload("Arrears policy.pdf"))
    evidence = Evidence.objects.get(title="Rent arrears policy")
    assert response.url == evidence.get_absolute_url()
    version = evidence.versions.get()
    assert version.original_name == "Arrears policy.pdf" and version.content_type == "application/pdf"
    stored = Path(version.file.path)
    assert stored.is_relative_to(private_files) and "Arrears" not in stored.name and stored.exists()


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("policy.pdf", b"<html><script>alert(1)</script></html>"), "must be a PDF, Word"),
        (SimpleUploadedFile("picture.png", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>"), "must be a PDF, Word"),
        (SimpleUploadedFile("empty.pdf", b""), "The selected file is empty"),
    ],
)
def test_an_upload_that_lies_about_its_type_is_refused_and_nothing_stored(
    client, almo, almo_staff, upload, message, private_files
):
    client.force_login(almo_staff)
    before = stored_files(private_files)
    response = add(client, almo, upload)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Evidence.objects.exists() and not EvidenceVersion.objects.exists()
    assert stored_files(private_files) == before


def test_an_oversized_file_is_refused(client, almo, almo_staff, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    client.force_login(almo_staff)
    big = SimpleUploadedFile("big.pdf", pdf_upload().read() + b"%" * (1024 * 1024))
    response = add(client, almo, big)
    assert response.status_code == 400
    assert "must be smaller than 1 MB" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_download_is_an_attachment_for_those_who_may_see_it_and_logged(
    client, evidence, almo_staff, board_member, other_staff, caplog
):
    version = evidence.versions.get()
    url = reverse("inspections:evidence_download", args=[version.pk])
    client.force_login(board_member)
    with caplog.at_level(logging.INFO, logger="downloads"):
        response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="policy.pdf"')
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert f"user={board_member.pk}" in caplog.text
    client.force_login(other_staff)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_a_new_version_keeps_the_old_one(client, evidence, almo_staff):
    client.force_login(almo_staff)
    response = client.post(
        reverse("inspections:evidence_add_version", args=[evidence.pk]),
        {"file": pdf_upload("v2.pdf", "Version two"), "note": "Updated for 2027"},
    )
    assert response.status_code == 302
    assert list(evidence.versions.values_list("number", "original_name")) == [(2, "v2.pdf"), (1, "policy.pdf")]
    page = client.get(evidence.get_absolute_url()).content.decode()
    assert "Download v2.pdf" in page and "Download policy.pdf" in page


def test_evidence_is_kept_while_a_self_assessment_links_it(
    client, evidence, answer, almo_staff, django_capture_on_commit_callbacks
):
    services.answer_save(actor=almo_staff, answer=answer, score=3, evidence=[evidence])
    client.force_login(almo_staff)
    response = client.post(reverse("inspections:evidence_remove", args=[evidence.pk]), follow=True)
    assert "linked to 1 question" in response.content.decode()
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    services.answer_save(actor=almo_staff, answer=answer, score=3, evidence=[])
    path = Path(evidence.versions.get().file.path)
    client.post(reverse("inspections:evidence_remove", args=[evidence.pk]))
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    assert path.exists()  # the file goes only once the deletion commits
    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_delete(
            actor=almo_staff,
            evidence=services.evidence_add(actor=almo_staff, almo=evidence.almo, title="Spare", upload=pdf_upload()),
        )
    assert not Evidence.objects.filter(title="Spare").exists()


def test_the_evidence_list_costs_the_same_queries_for_many_rows(
    client, almo, almo_staff, django_assert_max_num_queries
):
    client.force_login(almo_staff)
    for index in range(2):
        services.evidence_add(actor=almo_staff, almo=almo, title=f"Doc {index}", upload=pdf_upload())
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("inspections:evidence_list"))
    for index in range(8):
        services.evidence_add(actor=almo_staff, almo=almo, title=f"More {index}", upload=pdf_upload())
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("inspections:evidence_list")).content.decode()
    assert "More 7" in page
