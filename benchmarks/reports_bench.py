"""Report rendering: a ten-page return, a forty-page board pack, and a council's variance report on two workers."""

import io
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.conf import settings
from pypdf import PdfReader

from benchmarks.support import in_child, throwaway_database

RUNS = 5


def _render(run_id: int) -> str:
    from reporting import services

    ReportRun = services.ReportRun
    ReportRun.objects.filter(pk=run_id).update(status="pending", attempts=0, data_fingerprint="", output_path="")
    services.report_claim(run_id)
    run = services.report_render(run_id)
    pages = len(PdfReader(io.BytesIO((Path(settings.MEDIA_ROOT) / run.output_path).read_bytes())).pages)
    ReportRun.objects.filter(pk=run_id).update(data_fingerprint="")  # the next render must draw, not reuse
    return str(pages)


def _time_renders(run_id: int, label: str, aim_seconds: float) -> None:
    times, memories, pages = [], [], ""
    for _ in range(RUNS):
        started = time.perf_counter()
        pages, memory = in_child(_render, run_id)
        times.append(time.perf_counter() - started)
        memories.append(memory)
    median = statistics.median(times)
    verdict = "within" if median <= aim_seconds and max(memories) <= 500 else "OUTSIDE"
    print(
        f"   {label}: {pages.strip(chr(39))} pages, median {median:.2f} s over {RUNS} renders "
        f"(min {min(times):.2f}, max {max(times):.2f}), peak memory {max(memories):.0f} MB per render "
        f"[aim: {aim_seconds:.0f} s, 500 MB: {verdict}]",
        flush=True,
    )


def run() -> None:
    settings.MEDIA_ROOT = f"/tmp/almo-portal-bench-{uuid.uuid4().hex[:8]}"
    with throwaway_database():
        from organisations.models import Almo, Council
        from reporting.models import ReportRun
        from tests.factories import AlmoFactory, CouncilFactory
        from tests.reporting.data import build_plan_with_history

        council = CouncilFactory(name="Benchmark Council", slug="benchmark")
        almo = AlmoFactory(council=council, name="Benchmark Homes", slug="benchmark-homes")
        _plan, ten_page = build_plan_with_history(almo, indicators=9, quarters=8, seed=1)
        return_run = ReportRun.objects.create(
            kind="quarterly_return",
            council=council,
            almo=almo,
            parameters={"return_id": ten_page.pk, "year": ten_page.year, "quarter": ten_page.quarter},
        )
        _time_renders(return_run.pk, "Quarterly return", aim_seconds=3)

        big_almo = AlmoFactory(council=council, name="Benchmark Large Homes", slug="benchmark-large")
        _big_plan, latest = build_plan_with_history(big_almo, indicators=40, quarters=8, seed=2)
        pack = ReportRun.objects.create(
            kind="board_pack",
            council=council,
            almo=big_almo,
            parameters={"year": latest.year, "quarter": latest.quarter},
        )
        _time_renders(pack.pk, "Board pack", aim_seconds=30)

        _variance_on_two_workers(council, Almo, Council, ReportRun, AlmoFactory, build_plan_with_history)


def _variance_on_two_workers(council, Almo, Council, ReportRun, AlmoFactory, build_plan_with_history):
    """Ten ALMOs; the variance report (PDF and XLSX) and each ALMO's return, queued to a worker with two processes."""
    for number in range(8):  # two ALMOs exist already
        extra = AlmoFactory(council=council, name=f"Benchmark Area {number} Homes", slug=f"benchmark-area-{number}")
        build_plan_with_history(extra, indicators=40, quarters=8, seed=10 + number)
    broker = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/12")
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    worker = _start_worker(broker, queue)
    from almo_portal.celery import app

    app.conf.task_always_eager = False
    app.conf.broker_url = broker
    app.conf.task_default_queue = queue
    try:
        time.sleep(3)
        started = time.perf_counter()
        runs = _queue_variance_and_returns(council, Almo, ReportRun)
        _wait_for(ReportRun, runs, seconds=600)
        wall = time.perf_counter() - started
        finished = list(ReportRun.objects.filter(pk__in=[r.pk for r in runs]))
        variance_pdf = next(r for r in finished if r.kind == "council_variance" and r.format == "pdf")
        pages = len(PdfReader(Path(settings.MEDIA_ROOT) / variance_pdf.output_path).pages)
        failed = [r.pk for r in finished if r.status != "done"]
        print(
            f"   Council with ten ALMOs on one worker with two processes: {len(runs)} reports (variance PDF of {pages} "
            f"pages, variance XLSX, ten returns) in {wall:.1f} s wall time; variance PDF took "
            f"{variance_pdf.duration.total_seconds():.2f} s; failed: {failed or 'none'}",
            flush=True,
        )
        _, memory = in_child(_render, variance_pdf.pk)
        print(f"   Council variance PDF alone: peak memory {memory:.0f} MB per render", flush=True)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        app.conf.task_always_eager = True


def _start_worker(broker: str, queue: str) -> subprocess.Popen:
    """A real Celery worker with two processes on its own queue, writing its log beside the reports."""
    from django.db import connection

    db = connection.settings_dict
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "almo_portal.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "CELERY_BROKER_URL": broker,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "DJANGO_MEDIA_ROOT": settings.MEDIA_ROOT,
    }
    log = Path(settings.MEDIA_ROOT) / "worker.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "celery", "-A", "almo_portal", "worker", "--concurrency=2", "-Q", queue]
    command += ["--loglevel=warning", "--without-gossip", "--without-mingle", "--without-heartbeat"]
    return subprocess.Popen(command, env=environment, stdout=log.open("w"), stderr=subprocess.STDOUT)


def _queue_variance_and_returns(council, Almo, ReportRun) -> list:
    from reporting import services

    latest = council.almos.first().delivery_plans.first().returns.order_by("-year", "-quarter").first()
    runs = [
        services.report_request_council_variance(
            actor=None, council=council, year=latest.year, quarter=latest.quarter, format=fmt, scheduled=True
        )
        for fmt in ("pdf", "xlsx")
    ]
    for almo in Almo.objects.filter(council=council):
        record = almo.delivery_plans.first().returns.order_by("-year", "-quarter").first()
        runs.append(
            ReportRun.objects.create(
                kind="quarterly_return",
                council=council,
                almo=almo,
                parameters={"return_id": record.pk, "year": record.year, "quarter": record.quarter},
            )
        )
        services._queue(runs[-1])
    return runs


def _wait_for(ReportRun, runs: list, seconds: int) -> None:
    deadline = time.monotonic() + seconds
    ids = [run.pk for run in runs]
    while time.monotonic() < deadline:
        if ReportRun.objects.filter(pk__in=ids, status__in=["done", "failed"]).count() == len(ids):
            return
        time.sleep(0.2)
