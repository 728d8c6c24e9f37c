"""The run engine's promises, checked in-process: leases, the outbox and the sweep, a disk that refuses files.

The same faults with real servers and workers are in test_harness.py (`make faults`).
"""

import errno
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerDown

from core.pdf import StorageUnavailable, write_atomically
from reporting import services
from reporting.models import ReportRun
from reporting.tasks import render_report_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting_run(accepted_return, almo_staff):
    almo = accepted_return.plan.almo
    return ReportRun.objects.create(
        kind="quarterly_return",
        council=almo.council,
        almo=almo,
        requested_by=almo_staff,
        parameters={"return_id": accepted_return.pk, "year": 2025, "quarter": 1, "label": "Q1 2025/26"},
    )


def report_files(media):
    return sorted(p for p in (media / "reports").rglob("*") if p.is_file())


def test_one_worker_wins_the_claim_and_holds_it_by_a_lease(waiting_run):
    first = services.report_claim(waiting_run.pk)
    assert first and services.report_claim(waiting_run.pk) is None, "a second delivery gets nothing"
    waiting_run.refresh_from_db()
    assert waiting_run.status == "running" and waiting_run.lease_owner == first
    assert timezone.now() < waiting_run.lease_until <= timezone.now() + services.LEASE


def test_a_lapsed_lease_is_taken_over_and_the_first_worker_can_no_longer_finish(waiting_run, media):
    first = services.report_claim(waiting_run.pk)
    ReportRun.objects.filter(pk=waiting_run.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    second = services.report_claim(waiting_run.pk)
    assert second and second != first
    # The worker that lost its lease writes nothing and changes nothing.
    assert services.report_render(waiting_run.pk, first) is None
    assert report_files(media) == []
    done = services.report_render(waiting_run.pk, second)
    assert done.status == "done" and done.attempts == 2
    assert [p.name for p in report_files(media)] == [Path(done.output_path).name]
    services.report_fail(waiting_run.pk, RuntimeError("late"), first)
    waiting_run.refresh_from_db()
    assert waiting_run.status == "done" and waiting_run.lease_owner == ""


def test_a_retry_takes_up_its_own_lease_again(waiting_run):
    lease = services.report_claim(waiting_run.pk)
    assert services.report_claim(waiting_run.pk) is None
    assert services.report_claim(waiting_run.pk, lease=lease), "the task's retry passes its lease back"


def test_the_sweep_frees_a_run_whose_lease_lapsed_and_leaves_a_live_one(
    waiting_run, django_capture_on_commit_callbacks
):
    live = ReportRun.objects.create(
        kind=waiting_run.kind, council=waiting_run.council, almo=waiting_run.almo, parameters=waiting_run.parameters
    )
    services.report_claim(waiting_run.pk)
    services.report_claim(live.pk)
    ReportRun.objects.filter(pk=waiting_run.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reports_requeue_stuck() == [waiting_run.pk]
    waiting_run.refresh_from_db()
    live.refresh_from_db()
    assert (waiting_run.status, waiting_run.attempts) == ("done", 2)
    assert live.status == "running"


def test_a_run_asked_for_while_the_broker_is_down_is_kept_and_sent_by_the_sweep(
    client, accepted_return, almo_staff, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise BrokerDown("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(render_report_task, "delay", broker_down)
    client.force_login(almo_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reporting:request_return", args=[accepted_return.pk]))
    assert response.status_code == 302, "the person is not shown an error: the request is kept"
    run = ReportRun.objects.get()
    assert (run.status, run.queued_at) == ("pending", None)
    page = client.get(response.url).content.decode()
    assert "Waiting for a worker" in page
    # Nothing is sent again while the message could still be on its way.
    assert services.reports_requeue_stuck() == []
    monkeypatch.undo()
    later = timezone.now() + services.RESEND_AFTER + timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reports_requeue_stuck(now=later) == [run.pk]
    run.refresh_from_db()
    assert run.status == "done" and run.attempts == 1


def test_a_waiting_run_sent_recently_is_not_sent_twice(waiting_run, django_capture_on_commit_callbacks):
    ReportRun.objects.filter(pk=waiting_run.pk).update(queued_at=timezone.now())
    assert services.reports_requeue_stuck(now=timezone.now() + timedelta(seconds=5)) == []
    assert services.reports_requeue_stuck(now=timezone.now() + services.RESEND_AFTER * 2) == [waiting_run.pk]


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOSPC, "there is no room left in the portal's file storage"),
        (errno.EROFS, "the portal's file storage cannot be written to"),
    ],
)
def test_a_disk_that_refuses_the_file_fails_the_run_cleanly_and_it_can_be_tried_again(
    client, waiting_run, almo_staff, media, monkeypatch, code, reason, django_capture_on_commit_callbacks
):
    real_fsync = os.fsync

    def refuse(descriptor):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", refuse)
    render_report_task.apply(args=[waiting_run.pk])
    waiting_run.refresh_from_db()
    assert waiting_run.status == "failed" and not waiting_run.output_path
    assert waiting_run.error.startswith(f"The report could not be saved: {reason}. Nothing was kept.")
    assert report_files(media) == [], "no temporary or half-written file is left"
    client.force_login(almo_staff)
    page = client.get(waiting_run.get_absolute_url()).content.decode()
    assert "The report could not be made" in page and reason.replace("'", "&#x27;") in page and "Try again" in page

    monkeypatch.setattr(os, "fsync", real_fsync)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reporting:run_retry", args=[waiting_run.pk]))
    assert response.status_code == 302
    waiting_run.refresh_from_db()
    assert waiting_run.status == "done" and len(report_files(media)) == 1


def test_write_atomically_names_a_full_disk_and_leaves_nothing(media, monkeypatch):
    def full(descriptor):  # the bytes were buffered; the disk says no when they must be kept
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(StorageUnavailable) as raised:
        write_atomically("reports/x/report.pdf", b"%PDF-1.7 " * 10_000)
    assert raised.value.errno == errno.ENOSPC and "no room left" in raised.value.strerror
    assert list((media / "reports").rglob("*.*")) == []


def test_the_database_going_away_mid_claim_is_retried(waiting_run, monkeypatch):
    from django.db import OperationalError

    real_claim, calls = services.report_claim, []

    def flaky_claim(run_id, lease=None):
        calls.append(run_id)
        if len(calls) == 1:
            raise OperationalError("the database system is shutting down")
        return real_claim(run_id, lease=lease)

    monkeypatch.setattr(services, "report_claim", flaky_claim)
    render_report_task.apply(args=[waiting_run.pk], throw=False)
    waiting_run.refresh_from_db()
    assert len(calls) == 2 and (waiting_run.status, waiting_run.attempts) == ("done", 1)
