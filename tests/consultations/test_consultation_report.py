"""The consultation report: what was asked, the 2011 checklist and the outcome, made by the reporting engine."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from reporting.models import ReportRun
from tests.consultations.conftest import OPTIONS

pytestmark = pytest.mark.django_db


def pdf_text(client, run) -> str:
    response = client.get(reverse("reporting:run_download", args=[run.pk]))
    assert response.status_code == 200
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages)


def test_an_officer_makes_the_consultation_report_and_the_almo_reads_it(
    client, consultation, council_officer, almo_staff, django_capture_on_commit_callbacks
):
    client.force_login(council_officer)
    request_url = reverse("reporting:request_consultation_report", args=[consultation.pk])
    assert f'action="{request_url}"' in client.get(consultation.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(request_url)
    run = ReportRun.objects.get(kind=ReportRun.Kind.CONSULTATION_REPORT)
    assert response.url == run.get_absolute_url()
    run.refresh_from_db()
    assert run.status == "done", run.error

    client.force_login(almo_staff)
    text = pdf_text(client, run)
    for expected in (
        "Consultation report",
        "The future of Northmoor Homes",
        "Decide who manages the homes from 2028.",
        OPTIONS[0][0],
        "Independent Ballots Ltd",
        "The 2011 checklist",
        "required items confirmed",
        "The council has not recorded its decision yet.",
    ):
        assert expected in text, expected


def test_others_cannot_ask_for_or_read_it(
    client, consultation, council_officer, other_staff, board_member, django_capture_on_commit_callbacks
):
    request_url = reverse("reporting:request_consultation_report", args=[consultation.pk])
    client.force_login(other_staff)
    assert client.post(request_url).status_code == 404
    client.force_login(board_member)
    assert client.post(request_url).status_code == 404
    assert not ReportRun.objects.exists()

    client.force_login(council_officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(request_url)
    run = ReportRun.objects.get()
    client.force_login(other_staff)
    assert client.get(reverse("reporting:run_download", args=[run.pk])).status_code == 404
