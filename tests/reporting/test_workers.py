"""Reports made by real Celery workers on Redis, including one killed part way through a render."""

import hashlib
import time
from pathlib import Path

import pytest

from reporting import services
from reporting.models import ReportRun
from tests.reporting.conftest import pdf_text
from tests.reporting.data import build_plan_with_history

pytestmark = pytest.mark.worker


def wait_for(condition, timeout=60.0, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    return None


def run_status(pk):
    return ReportRun.objects.values_list("status", flat=True).get(pk=pk)


def test_a_worker_makes_the_quarterly_return(worker_factory, accepted_return, almo_staff):
    worker = worker_factory()
    run = services.report_request_return(actor=almo_staff, return_record=accepted_return)
    assert wait_for(lambda: run_status(run.pk) == "done"), worker.output()
    run.refresh_from_db()
    content = (Path(worker.media) / run.output_path).read_bytes()
    assert hashlib.sha256(content).hexdigest() == run.output_checksum
    text, _pages = pdf_text(content)
    assert "RP02(1)" in text and "80.0" in text and "90.0 (± 2.0)" in text and "400 of 500" in text
    assert "render_report_task" in worker.output()


def test_a_worker_killed_mid_render_leaves_the_run_to_be_done_again(worker_factory, almo, almo_staff):
    _plan, last = build_plan_with_history(almo, indicators=40, quarters=8)
    first = worker_factory("first")
    run = services.report_request_return(actor=almo_staff, return_record=last)
    # Wait until the worker is drawing the pages, then kill it and its pool outright.
    assert wait_for(lambda: ReportRun.objects.filter(pk=run.pk, progress__gte=40).exists(), interval=0.02), (
        first.output()
    )
    first.kill()
    run.refresh_from_db()
    assert run.status == "running" and not run.output_path
    reports_folder = Path(first.media) / "reports"
    finished_files = [p for p in reports_folder.rglob("*.pdf") if not p.name.startswith(".partial-")]
    assert finished_files == [], "no file may appear under a final name from a killed render"

    second = worker_factory("second")
    assert wait_for(lambda: run_status(run.pk) == "done", timeout=120), second.output()
    run.refresh_from_db()
    assert run.attempts == 2
    finished_files = [p for p in reports_folder.rglob("*.pdf") if not p.name.startswith(".partial-")]
    assert len(finished_files) == 1
    content = finished_files[0].read_bytes()
    assert hashlib.sha256(content).hexdigest() == run.output_checksum
    text, pages = pdf_text(content)
    assert pages > 30 and text.count("Page 1 of") == 1


def test_beat_and_a_worker_make_the_scheduled_variance_report_by_themselves(worker_factory, accepted_return):
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    # The real schedule runs monthly; for the test the same task runs every second.
    PeriodicTask.objects.update(enabled=False)
    every_second, _ = IntervalSchedule.objects.get_or_create(every=1, period="seconds")
    PeriodicTask.objects.create(
        name="Variance reports, every second for the test",
        task="reporting.tasks.monthly_council_variance_reports_task",
        interval=every_second,
    )
    worker = worker_factory("worker")
    beat = worker_factory("beat", command="beat")
    done = wait_for(lambda: ReportRun.objects.filter(kind="council_variance", status="done").first(), timeout=90)
    assert done, beat.output() + worker.output()
    assert done.requested_by is None and done.council == accepted_return.plan.almo.council
