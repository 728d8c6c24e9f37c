"""Report runs through the pages, with tasks run in-process after commit; the PDFs opened and read."""

import hashlib
import io
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from organisations.models import Notification
from reporting import services
from reporting.models import ReportRun
from tests.reporting.conftest import pdf_text

pytestmark = pytest.mark.django_db


def ask_for_return(client, django_capture_on_commit_callbacks, return_record):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reporting:request_return", args=[return_record.pk]))
    return ReportRun.objects.get(pk=response.url.rstrip("/").split("/")[-1])


def download(client, run) -> bytes:
    response = client.get(reverse("reporting:run_download", args=[run.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_the_quarterly_return_pdf_shows_the_figures_of_the_return(
    client, accepted_return, almo_staff, django_capture_on_commit_callbacks
):
    client.force_login(almo_staff)
    run = ask_for_return(client, django_capture_on_commit_callbacks, accepted_return)
    assert run.status == ReportRun.Status.DONE and run.progress == 100 and run.attempts == 1
    content = download(client, run)
    assert hashlib.sha256(content).hexdigest() == run.output_checksum and len(content) == run.output_size
    text, pages = pdf_text(content)
    assert pages >= 4
    assert "Quarterly performance return" in text and "Northmoor Homes" in text and "Q1 2025/26" in text
    # RP02(1): 400 of 500 is 80.0 against a target of 90.0 with a tolerance of 2.0: red, 10.0 below target.
    # The variance of a percentage is in points, with a true minus sign, and its share of the target beside it.
    assert "RP02(1)" in text and "80.0" in text and "90.0 (± 2.0)" in text
    assert "\N{MINUS SIGN}10.0 points (\N{MINUS SIGN}11.1% of target)" in text
    assert "Back on target by 31 March 2027" in text and "2027-03-31" not in text
    assert "400 of 500" in text
    # BV212: 2,500 days over 100 relets is 25.0 days against 28.0: green.
    assert "25.0" in text and "28.0 (± 3.0)" in text
    assert "Two contractor crews were off sick." in text and "Agency crews booked for six weeks." in text
    assert "Which crews were off sick?" in text and "The two north patch crews." in text
    assert "Accepted for the council" in text and "Page 1 of" in text and "Contents" in text


def test_the_same_data_is_not_rendered_twice(client, accepted_return, almo_staff, django_capture_on_commit_callbacks):
    client.force_login(almo_staff)
    first = ask_for_return(client, django_capture_on_commit_callbacks, accepted_return)
    second = ask_for_return(client, django_capture_on_commit_callbacks, accepted_return)
    assert second.status == ReportRun.Status.DONE
    assert second.reused_from == first and second.output_path == first.output_path
    assert (
        len(list(Path(first.output_path).parents))
        and len([p for p in (Path(services.settings.MEDIA_ROOT) / "reports").rglob("*") if p.is_file()]) == 1
    )


def test_a_changed_return_is_rendered_afresh(client, plan, almo_staff, django_capture_on_commit_callbacks):
    from delivery_plans import services as plan_services
    from tests.plans import fill

    return_record = plan_services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=2)
    fill(return_record, almo_staff)
    client.force_login(almo_staff)
    first = ask_for_return(client, django_capture_on_commit_callbacks, return_record)
    fill(return_record, almo_staff, rp02=("460", "500"))
    second = ask_for_return(client, django_capture_on_commit_callbacks, return_record)
    assert second.reused_from is None and second.data_fingerprint != first.data_fingerprint


def test_a_second_delivery_of_the_task_does_nothing(accepted_return, almo_staff, django_capture_on_commit_callbacks):
    from reporting.tasks import render_report_task

    with django_capture_on_commit_callbacks(execute=True):
        run = services.report_request_return(actor=almo_staff, return_record=accepted_return)
    run.refresh_from_db()
    finished_at = run.finished_at
    render_report_task.delay(run.pk)
    run.refresh_from_db()
    assert (run.status, run.attempts, run.finished_at) == (ReportRun.Status.DONE, 1, finished_at)


def test_the_ready_report_is_announced_in_the_portal_and_by_email(
    client, accepted_return, almo_staff, django_capture_on_commit_callbacks
):
    client.force_login(almo_staff)
    Notification.objects.filter(user=almo_staff).delete()  # the return's own workflow told them of its acceptance
    run = ask_for_return(client, django_capture_on_commit_callbacks, accepted_return)
    notification = Notification.objects.get(user=almo_staff)
    assert notification.link == run.get_absolute_url() and "is ready" in notification.message
    assert mail.outbox[-1].to == [almo_staff.email] and run.get_absolute_url() in mail.outbox[-1].body
    page = client.get(reverse("home")).content.decode()
    assert '1<span class="govuk-visually-hidden"> unread</span>' in page
    assert notification.message in client.get(reverse("reporting:notification_list")).content.decode()
    assert Notification.objects.get(user=almo_staff).read_at is not None


def test_council_variance_report_in_pdf_and_xlsx(
    client, accepted_return, council_officer, django_capture_on_commit_callbacks
):
    client.force_login(council_officer)
    for format_ in ("pdf", "xlsx"):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("reporting:request_council_variance"),
                {"council": accepted_return.plan.almo.council_id, "year": 2025, "quarter": 1, "format": format_},
            )
    pdf_run = ReportRun.objects.get(format="pdf")
    text, _pages = pdf_text(download(client, pdf_run))
    assert "Council variance report" in text and "Northmoor Homes" in text and "Agency crews booked" in text
    sheet = load_workbook(io.BytesIO(download(client, ReportRun.objects.get(format="xlsx"))))["Variances"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    line = dict(zip(header, rows[1], strict=True))
    assert (line["ALMO"], line["Indicator"], line["Status"], line["Return status"]) == (
        "Northmoor Homes",
        "RP02(1)",
        "red",
        "Accepted",
    )
    # Figures are numbers a spreadsheet can add up, not text.
    assert (line["Actual"], line["Target"], line["Tolerance"]) == (80, 90, 2)


def test_spreadsheet_cells_that_look_like_formulas_are_neutralised(
    client, plan, almo_staff, council_officer, django_capture_on_commit_callbacks
):
    from delivery_plans import services as plan_services
    from tests.plans import COMMENTARY, fill

    return_record = plan_services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=1)
    fill(return_record, almo_staff, rp02=("400", "500"), commentary={**COMMENTARY, "what_happened": '=HYPERLINK("x")'})
    plan_services.return_submit(actor=almo_staff, return_record=return_record)
    with django_capture_on_commit_callbacks(execute=True):
        run = services.report_request_council_variance(
            actor=council_officer, council=plan.almo.council, year=2025, quarter=1, format="xlsx"
        )
    run.refresh_from_db()
    client.force_login(council_officer)
    sheet = load_workbook(io.BytesIO(download(client, run)))["Variances"]
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert '\'=HYPERLINK("x")' in values and '=HYPERLINK("x")' not in values


def test_a_period_with_no_data_says_so_in_the_report(
    client, council, almo, council_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.report_request_council_variance(actor=council_officer, council=council, year=2019, quarter=3)
    run.refresh_from_db()
    assert run.status == ReportRun.Status.DONE
    client.force_login(council_officer)
    text, _pages = pdf_text(download(client, run))
    assert "No ALMO reported a red or amber figure for Q3 2019/20" in text and "No return" in text


def test_the_board_pack_has_a_summary_then_detail(
    client, accepted_return, almo, almo_staff, board_member, django_capture_on_commit_callbacks
):
    client.force_login(almo_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reporting:request_board_pack"), {"almo": almo.pk, "year": 2025, "quarter": 1})
    run = ReportRun.objects.get(kind="board_pack")
    assert response.url == run.get_absolute_url()
    client.force_login(board_member)  # board members read the pack
    text, pages = pdf_text(download(client, run))
    summary_at, detail_at = text.index("Summary for the board"), text.index("RP02(1) Non-emergency")
    assert summary_at < detail_at and "ten minutes" in text and pages >= 5


def test_a_failed_render_shows_why_and_can_be_tried_again(client, almo, almo_staff, django_capture_on_commit_callbacks):
    run = ReportRun.objects.create(
        kind="quarterly_return",
        council=almo.council,
        almo=almo,
        requested_by=almo_staff,
        parameters={"return_id": 999999, "year": 2025, "quarter": 1},
    )
    from reporting.tasks import render_report_task

    render_report_task.delay(run.pk)
    run.refresh_from_db()
    assert run.status == ReportRun.Status.FAILED and "DoesNotExist" in run.error
    client.force_login(almo_staff)
    page = client.get(run.get_absolute_url()).content.decode()
    assert "The report could not be made" in page and "DoesNotExist" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reporting:run_retry", args=[run.pk]))
    run.refresh_from_db()
    assert run.attempts == 1 and run.status == ReportRun.Status.FAILED and "DoesNotExist" in run.error
    assert run.finished_at is not None


def test_people_see_and_download_only_their_own_reports(
    client,
    accepted_return,
    almo_staff,
    sibling_staff,
    other_council_officer,
    council_officer,
    django_capture_on_commit_callbacks,
):
    client.force_login(almo_staff)
    run = ask_for_return(client, django_capture_on_commit_callbacks, accepted_return)
    with django_capture_on_commit_callbacks(execute=True):
        variance = services.report_request_council_variance(
            actor=council_officer, council=accepted_return.plan.almo.council, year=2025, quarter=1
        )
    for user in (sibling_staff, other_council_officer):
        client.force_login(user)
        for name in ("run_detail", "run_download", "run_status"):
            assert client.get(reverse(f"reporting:{name}", args=[run.pk])).status_code == 404
        assert run.subject not in client.get(reverse("reporting:run_list")).content.decode()
    # The council's own variance report is for the council's officers, not its ALMOs' staff.
    client.force_login(almo_staff)
    assert client.get(reverse("reporting:run_download", args=[variance.pk])).status_code == 404
    client.force_login(council_officer)
    assert client.get(reverse("reporting:run_download", args=[run.pk])).status_code == 200


def test_requests_outside_your_scope_are_404(
    client, accepted_return, other_almo, other_council_officer, board_member, sibling_staff
):
    client.force_login(other_council_officer)
    response = client.post(
        reverse("reporting:request_council_variance"),
        {"council": accepted_return.plan.almo.council_id, "year": 2025, "quarter": 1, "format": "pdf"},
    )
    assert response.status_code == 404
    for user in (board_member, sibling_staff):
        client.force_login(user)
        assert client.post(reverse("reporting:request_return", args=[accepted_return.pk])).status_code == 404
    assert not ReportRun.objects.exists()


def test_the_schedule_makes_a_variance_report_for_every_council(
    accepted_return, other_almo, django_capture_on_commit_callbacks
):
    from django_celery_beat.models import PeriodicTask

    from reporting.tasks import monthly_council_variance_reports_task

    schedule = PeriodicTask.objects.get(task="reporting.tasks.monthly_council_variance_reports_task")
    assert (schedule.crontab.day_of_month, schedule.crontab.hour, schedule.enabled) == ("1", "6", True)
    with django_capture_on_commit_callbacks(execute=True):
        monthly_council_variance_reports_task.delay()
    runs = ReportRun.objects.filter(kind="council_variance")
    assert {run.council_id for run in runs} == {accepted_return.plan.almo.council_id, other_almo.council_id}
    assert all(run.status == "done" and run.requested_by is None for run in runs)


def test_a_run_left_running_by_a_dead_worker_is_started_again(
    accepted_return, almo_staff, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    run = ReportRun.objects.create(
        kind="quarterly_return",
        council=accepted_return.plan.almo.council,
        almo=accepted_return.plan.almo,
        parameters={"return_id": accepted_return.pk, "year": 2025, "quarter": 1},
        status="running",
        started_at=timezone.now() - services.STUCK_AFTER * 2,
        attempts=1,
    )
    fresh = ReportRun.objects.create(
        kind="quarterly_return",
        council=run.council,
        almo=run.almo,
        parameters=run.parameters,
        status="running",
        started_at=timezone.now(),
        attempts=1,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reports_requeue_stuck() == [run.pk]
    run.refresh_from_db()
    fresh.refresh_from_db()
    assert (run.status, run.attempts) == ("done", 2)
    assert fresh.status == "running"


def test_return_reminders_and_the_daily_digest(plan, almo_staff, council_officer):
    import datetime as dt

    from delivery_plans import services as plan_services
    from reporting import notices
    from tests.plans import fill

    draft = plan_services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=1)
    submitted = plan_services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=2)
    fill(submitted, almo_staff)
    plan_services.return_submit(actor=almo_staff, return_record=submitted)
    today = draft.due_on - dt.timedelta(days=3)
    assert notices.send_reminders(today) == 1
    assert notices.send_reminders(today) == 0, "a reminder is sent once a day"
    assert "due on 30 July 2025" in mail.outbox[-1].body
    mail.outbox.clear()
    assert notices.send_daily_digest(today) == 2
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "1 return waiting for your review" in bodies[council_officer.email]
    assert "1 return to complete or answer" in bodies[almo_staff.email]


def test_a_transient_database_error_is_retried_and_the_report_still_made(accepted_return, almo_staff, monkeypatch):
    from django.db import OperationalError

    from reporting import reports
    from reporting.tasks import render_report_task

    real_build, calls = reports.build, []

    def flaky_build(run):
        calls.append(run.pk)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real_build(run)

    monkeypatch.setattr(reports, "build", flaky_build)
    run = ReportRun.objects.create(
        kind="quarterly_return",
        council=accepted_return.plan.almo.council,
        almo=accepted_return.plan.almo,
        requested_by=almo_staff,
        parameters={"return_id": accepted_return.pk, "year": 2025, "quarter": 1},
    )
    # In-process, Celery runs the retry at once and then reports the first attempt's Retry: ignore that.
    render_report_task.apply(args=[run.pk], throw=False)
    run.refresh_from_db()
    assert len(calls) == 2 and (run.status, run.attempts) == ("done", 2)
