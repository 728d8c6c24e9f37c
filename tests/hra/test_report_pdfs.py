"""The HRA sections in real reports: the council variance report (PDF and spreadsheet) and the board pack, rendered
by the reporting app's run engine with WeasyPrint."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from hra.models import HraLine, ProgrammeQuarter
from reporting import services
from reporting.models import ReportRun

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def figures(hra_year, lines, allocation, programme, stock):
    HraLine.objects.filter(pk=lines["repairs"].pk).update(forecast_q2=D(2800000), commentary="Storm damage in October.")
    ProgrammeQuarter.objects.filter(programme=programme, quarter__in=[1, 2]).update(spend=D(150000))


def _download(client, run) -> bytes:
    run.refresh_from_db()
    assert run.status == ReportRun.Status.DONE, run.error_message
    response = client.get(reverse("reporting:run_download", args=[run.pk]))
    return b"".join(response.streaming_content)


def _text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_council_variance_report_has_the_hra_and_decent_homes(
    client, council, council_officer, figures, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.report_request_council_variance(actor=council_officer, council=council, year=2026, quarter=2)
    client.force_login(council_officer)
    text = _text(_download(client, run))
    assert "Housing Revenue Account" in text and "Repairs: Northmoor Homes" in text
    assert "Storm damage in October." in text and "£300,000" in text
    assert "Decent Homes programmes" in text and "Northmoor Homes" in text
    with django_capture_on_commit_callbacks(execute=True):
        run = services.report_request_council_variance(
            actor=council_officer, council=council, year=2026, quarter=2, format="xlsx"
        )
    sheet = load_workbook(io.BytesIO(_download(client, run)))["HRA variances"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:5] == ("Repairs: Northmoor Homes", "Repairs and maintenance", "Northmoor Homes", 2500000, 2800000)


def test_the_board_pack_has_the_fee_and_the_programme(
    client, almo, almo_staff, figures, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.report_request_board_pack(actor=almo_staff, almo=almo, year=2026, quarter=2)
    client.force_login(almo_staff)
    text = _text(_download(client, run))
    assert "Management fee and HRA lines" in text and "£3,000,000" in text
    assert "Decent Homes programme" in text and "Supervision" not in text  # the council's own lines stay out
