"""Readiness in the board pack and the council's variance report, and the readiness PDF drawn by a task."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from core.reports import BOARD_PACK, COUNCIL_VARIANCE, ReportSource
from inspections import report_sections, services
from inspections.models import ReadinessReport
from inspections.services import reports
from inspections.tasks import render_readiness_report_task

pytestmark = pytest.mark.django_db


def test_the_board_pack_section_shows_the_almos_readiness(assessment, almo, almo_staff, action, other_assessment):
    for answer in assessment.answers.all()[:5]:
        services.answer_save(actor=almo_staff, answer=answer, score=3, last_reviewed=dt.date(2027, 1, 5))
    data = report_sections.readiness_section(ReportSource(BOARD_PACK, almo.council, almo, 2026, 3))
    [row] = data["rows"]
    assert row["almo"] == "Northmoor Homes" and row["overdue_actions"] == 1
    [summary] = row["assessments"]
    assert summary["predicted"] == "2 stars (good) (provisional)" and summary["scored"] == 5
    assert summary["more_gaps"] == 5  # 15 gaps, 10 shown
    assert data["overdue"][0]["title"] == "Publish repairs results"


def test_the_council_report_covers_each_of_its_almos_and_no_other(assessment, council, sibling_almo, other_assessment):
    data = report_sections.readiness_section(ReportSource(COUNCIL_VARIANCE, council, None, 2026, 3))
    assert [row["almo"] for row in data["rows"]] == ["Northmoor East Homes", "Northmoor Homes"]
    [(title, header, rows)] = report_sections.readiness_sheets(data)
    assert rows == [["Northmoor Homes", assessment.framework.name, "No prediction yet", None, 0, 20, 20]]


def test_a_readiness_pdf_is_drawn_and_downloaded_by_those_who_may(
    client, assessment, almo_staff, board_member, other_staff, django_capture_on_commit_callbacks
):
    answer = assessment.answers.select_related("question").first()
    services.answer_save(actor=almo_staff, answer=answer, score=1, last_reviewed=dt.date(2027, 1, 5))
    client.force_login(almo_staff)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("inspections:report_request", args=[assessment.pk]))
    assert len(callbacks) == 1  # queued only once the request is saved
    report = ReadinessReport.objects.get()
    assert response.url == report.get_absolute_url() and report.status == "ready"
    client.force_login(board_member)  # the board reads it, though it may not ask for one
    download = client.get(reverse("inspections:report_download", args=[report.pk]))
    assert download["Content-Disposition"].startswith("attachment;")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(b"".join(download.streaming_content))).pages)
    assert "Inspection readiness" in text and "Northmoor Homes" in text
    assert "0 stars (poor)" in text and "Scored 1 (poor)" in text
    assert client.post(reverse("inspections:report_request", args=[assessment.pk])).status_code == 404
    client.force_login(other_staff)
    assert client.get(reverse("inspections:report_download", args=[report.pk])).status_code == 404


def test_the_task_is_safe_to_run_twice(assessment, almo_staff):
    report = ReadinessReport.objects.create(assessment=assessment, requested_by=almo_staff)
    render_readiness_report_task.delay(report.pk)
    report.refresh_from_db()
    first = report.file.name
    render_readiness_report_task.delay(report.pk)  # delivered again: claims nothing, changes nothing
    report.refresh_from_db()
    assert report.status == "ready" and report.file.name == first
    # A report left running by a dead worker is taken over once its lease runs out.
    stuck = ReadinessReport.objects.create(assessment=assessment, requested_by=almo_staff, status="running")
    ReadinessReport.objects.filter(pk=stuck.pk).update(lease_until=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert reports.readiness_reports_requeue_stuck() == [stuck.pk]
    stuck.refresh_from_db()
    assert stuck.status == "ready"
