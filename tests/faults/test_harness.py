"""Faults with real servers: workers killed, Redis and PostgreSQL restarted, a full disk, load while failing.

Run by `make faults` (scripts/faults.py), which starts the throwaway PostgreSQL and Redis these tests
stop and restart. Every wait is bounded; each test says what the portal promises.
"""

import hashlib
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
import redis
from django.db import connection
from django.test import Client
from django.urls import reverse

from almo_portal.celery import app
from delivery_plans.models import Actual, Return
from organisations.models import Notification
from reporting import services
from reporting.models import ReportRun
from reporting.tasks import render_report_task
from tests.faults.servers import children, wait_until
from tests.faults.web import Load, session_cookie
from tests.reporting.data import build_plan_with_history

pytestmark = [pytest.mark.faults, pytest.mark.worker]

# The promise: a run whose worker died is finished by another within this long of the death.
TAKEOVER_LIMIT = 60
# A report big enough to take a few seconds to draw, so a worker can be killed while drawing it.
BIG = {"indicators": 25, "quarters": 6}


def status_of(run) -> str:
    return ReportRun.objects.values_list("status", flat=True).get(pk=run.pk)


def progress_of(run) -> int:
    return ReportRun.objects.values_list("progress", flat=True).get(pk=run.pk)


def final_files(media) -> list[Path]:
    return [p for p in (Path(media) / "reports").rglob("*") if p.is_file() and not p.name.startswith(".partial-")]


def assert_made_once_with_one_file(run, media, requester):
    run.refresh_from_db()
    assert run.status == "done", run.error
    files = final_files(media)
    assert [p.name for p in files] == [Path(run.output_path).name]
    assert hashlib.sha256(files[0].read_bytes()).hexdigest() == run.output_checksum
    ready = Notification.objects.filter(user=requester, link=run.get_absolute_url(), message__startswith="Your ")
    assert ready.count() == 1, "the report is finished once: one 'ready' message"


def drawing(run):
    """Wait until a worker is drawing the run's pages, the longest step: the moment to kill it."""
    wait_until(lambda: progress_of(run) >= 40, 60, interval=0.02, what="the worker to start drawing")


# 1. Runs held by a lease ------------------------------------------------------------------------


def test_a_worker_child_killed_mid_render_is_taken_over_within_a_minute(faults_worker, almo, almo_staff):
    _plan, last = build_plan_with_history(almo, **BIG)
    worker = faults_worker()
    run = services.report_request_return(actor=almo_staff, return_record=last)
    drawing(run)
    [child] = children(worker.process.pid)
    os.kill(child, signal.SIGKILL)  # the pool process only: the worker itself lives on and redelivers
    killed = time.monotonic()
    wait_until(lambda: status_of(run) == "done", TAKEOVER_LIMIT, what="another process to finish the run")
    assert time.monotonic() - killed < TAKEOVER_LIMIT
    assert_made_once_with_one_file(run, worker.media, almo_staff)
    run.refresh_from_db()
    assert run.attempts == 2 and "Sent again report runs" in worker.output()


# 6. Load while failing (and 1. again: the whole worker killed and another started) ---------------


def test_pages_answer_under_load_while_a_worker_is_killed_and_replaced(portal, faults_worker, almo, almo_staff):
    plan, last = build_plan_with_history(almo, **BIG)
    first = faults_worker("first")
    pages = ["/", reverse("reporting:run_list"), plan.get_absolute_url(), reverse("delivery_plans:plan_list")]
    load = Load(portal, session_cookie(almo_staff), pages, clients=4).start()
    try:
        run = services.report_request_return(actor=almo_staff, return_record=last)
        drawing(run)
        first.kill()  # the worker and its pool, outright, as a lost machine
        killed = time.monotonic()
        faults_worker("second")
        wait_until(lambda: status_of(run) == "done", TAKEOVER_LIMIT, what="the new worker to finish the run")
        assert time.monotonic() - killed < TAKEOVER_LIMIT
    finally:
        load.stop()
    assert load.failures == [], portal.output()[-3000:]
    assert load.total >= 40 and set(load.statuses) == {200}
    assert_made_once_with_one_file(run, first.media, almo_staff)


# 2. Redis restarted with tasks queued --------------------------------------------------------------


def test_no_report_is_lost_when_redis_restarts_with_tasks_queued(faults_worker, redis_server, almo, almo_staff):
    _plan, last = build_plan_with_history(almo, **BIG)
    # Small reports for the ones that wait: the test is about losing them, not drawing them.
    small, _ = build_plan_with_history(almo, indicators=3, quarters=4, last=(2024, 4), seed=2)
    earlier = list(Return.objects.filter(plan=small).order_by("-year", "-quarter")[:3])
    worker = faults_worker()
    busy = services.report_request_return(actor=almo_staff, return_record=last)
    wait_until(lambda: status_of(busy) == "running", 30, what="the worker to take the first run")
    # The worker takes one task at a time, so these wait in Redis.
    queued = [services.report_request_return(actor=almo_staff, return_record=r) for r in earlier[:2]]
    broker = redis.Redis.from_url(app.conf.broker_url)
    assert broker.llen(app.conf.task_default_queue) >= 1, "the test needs tasks waiting in Redis"
    redis_server.stop()  # SIGKILL, no persistence: every queued message is gone
    # Asked for while Redis is down: the person sees no error, the run waits in the database.
    during = services.report_request_return(actor=almo_staff, return_record=earlier[2])
    assert ReportRun.objects.get(pk=during.pk).queued_at is None
    redis_server.start()
    restarted = time.monotonic()
    runs = [busy, *queued, during]
    try:
        wait_until(lambda: all(status_of(r) == "done" for r in runs), 90, interval=0.5, what="every run to be made")
    except TimeoutError:
        states = list(ReportRun.objects.filter(pk__in=[r.pk for r in runs]).values("pk", "status", "attempts"))
        pytest.fail(f"{states}\n{worker.output()[-6000:]}")
    assert time.monotonic() - restarted < 90
    assert [ReportRun.objects.get(pk=run.pk).attempts for run in runs] == [1, 1, 1, 1], worker.output()[-3000:]


# 3. PostgreSQL restarted ------------------------------------------------------------------------------


def test_postgresql_restarted_gives_a_503_page_then_recovers_and_tasks_retry(
    portal, faults_worker, postgres, accepted_return, almo_staff
):
    worker = faults_worker()
    cookie, page = session_cookie(almo_staff), reverse("reporting:run_list")
    assert portal.get(page, cookie).status == 200
    almo = accepted_return.plan.almo
    run = ReportRun.objects.create(
        kind="quarterly_return",
        council=almo.council,
        almo=almo,
        requested_by=almo_staff,
        parameters={"return_id": accepted_return.pk, "year": 2025, "quarter": 1, "label": "Q1 2025/26"},
    )
    postgres.stop(mode="fast")
    down = portal.get(page, cookie)
    assert down.status == 503 and down.headers["Retry-After"] == "30", down.body[:2000]
    assert "Sorry, the service is unavailable" in down.body and "Traceback" not in down.body
    api = portal.get("/api/v1/plans/", cookie)
    assert api.status == 503 and "Try again later" in api.body
    render_report_task.delay(run.pk)  # Redis is up: the worker cannot claim the run and retries with backoff
    wait_until(lambda: "Retry in" in worker.output(), 30, what="the task to retry")
    postgres.start()
    connection.close()
    seen = []

    def recovered():
        seen.append(portal.get(page, cookie).status)
        return seen[-1] == 200

    wait_until(recovered, 30, interval=0.5, what="the portal to recover by itself")
    assert set(seen) <= {200, 503}
    wait_until(lambda: status_of(run) == "done", 90, interval=0.5, what="the retried task to make the report")


# 4. Media folder full or read-only ---------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB disk of its own for the media folder (tmpfs), so it can be filled and made read-only."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m,mode=0777", "tmpfs", str(mount_point)])
    if mounted.returncode != 0:
        pytest.skip("Mounting a small disk needs root (CAP_SYS_ADMIN).")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False, timeout=30)


def remount(mount_point, mode):
    subprocess.run(["mount", "-o", f"remount,{mode}", str(mount_point)], check=True, timeout=30)


def fill_up(folder: Path) -> Path:
    filler = folder / "filler"
    with filler.open("wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    return filler


def test_a_full_or_read_only_media_folder_fails_cleanly_and_the_run_can_be_tried_again(
    faults_worker, small_disk, accepted_return, almo_staff, monkeypatch
):
    from django.conf import settings

    monkeypatch.setattr(settings, "MEDIA_ROOT", str(small_disk))
    faults_worker(DJANGO_MEDIA_ROOT=str(small_disk))
    client = Client()
    client.force_login(almo_staff)
    remount(small_disk, "ro")
    run = services.report_request_return(actor=almo_staff, return_record=accepted_return)
    wait_until(lambda: status_of(run) == "failed", 60, what="the run to fail")
    page = client.get(run.get_absolute_url()).content.decode()
    assert "The report could not be saved: the portal&#x27;s file storage cannot be written to." in page
    assert "Try again" in page

    remount(small_disk, "rw")
    filler = fill_up(small_disk)
    services.report_retry(actor=almo_staff, run=run)
    wait_until(lambda: status_of(run) == "failed", 60, what="the run to fail again")
    page = client.get(run.get_absolute_url()).content.decode()
    assert "there is no room left in the portal&#x27;s file storage. Nothing was kept." in page
    assert sorted(p.name for p in small_disk.rglob("*") if p.is_file()) == ["filler"], "no half-written file"

    filler.unlink()
    services.report_retry(actor=almo_staff, run=run)
    wait_until(lambda: status_of(run) == "done", 60, what="the run to be made once there is room")
    assert_made_once_with_one_file(run, small_disk, almo_staff)


# 5. PostgreSQL stopped during an import ----------------------------------------------------------------


def test_postgresql_stopped_during_an_import_saves_nothing_and_asks_to_try_again(
    postgres, plan, almo_staff, monkeypatch
):
    from delivery_plans import services as plan_services
    from tests.faults.imports import figures_file

    client = Client(raise_request_exception=False)
    client.force_login(almo_staff)
    uploaded = client.post(reverse("delivery_plans:actuals_import", args=[plan.pk]), {"file": figures_file()})
    assert uploaded.status_code == 302
    real_save, saves = plan_services.return_save, []

    def save_then_lose_the_database(**kwargs):
        saves.append(kwargs["return_record"].pk)
        if len(saves) == 2:  # the first quarter is written inside the transaction; then the server goes
            postgres.stop(mode="fast")
        return real_save(**kwargs)

    monkeypatch.setattr(plan_services, "return_save", save_then_lose_the_database)
    confirmed = client.post(uploaded.url)
    assert confirmed.status_code == 503
    assert "it has not been saved, not even in part. Try again in a few minutes." in confirmed.content.decode()
    postgres.start()
    connection.close()
    assert Return.objects.count() == 0 and Actual.objects.count() == 0, "nothing partial"

    monkeypatch.setattr(plan_services, "return_save", real_save)
    again = client.post(uploaded.url)  # the same confirmation, once the database is back
    assert again.status_code == 302 and again.url == plan.get_absolute_url()
    assert Return.objects.filter(plan=plan).count() == 2 and Actual.objects.exclude(value=None).count() == 4
