"""Requesting, rendering and retrying reports. Rendering happens in a worker, never in a web request."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone

from core.pdf import html_to_pdf, write_atomically
from core.periods import period_label, period_of, previous_period, year_in_range
from delivery_plans.models import Return
from organisations.access import Role, acting_party, get_object_for
from organisations.models import Almo, Council
from organisations.notifications import notify
from reporting import reports
from reporting.models import ReportRun
from reporting.xlsx import workbook_bytes

logger = logging.getLogger(__name__)

# A run still marked running after this long lost its worker: the sweep hands it to another.
STUCK_AFTER = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
# A run still waiting this long never reached a worker (the broker was down when it was queued).
LOST_AFTER = timedelta(minutes=10)
# After this many tries a report that keeps crashing its worker is marked failed, not tried for ever.
MAX_ATTEMPTS = 3


def _period(year, quarter) -> tuple[int, int]:
    try:
        year, quarter = int(year), int(quarter)
    except (TypeError, ValueError) as error:
        raise ValidationError({"quarter": "Choose a financial year and a quarter."}) from error
    if quarter not in (1, 2, 3, 4) or not year_in_range(year):
        raise ValidationError({"quarter": "Choose a quarter from 1 to 4 of a financial year."})
    return year, quarter


def _queue(run: ReportRun) -> ReportRun:
    from reporting.tasks import render_report_task

    transaction.on_commit(lambda: render_report_task.delay(run.pk))
    return run


@transaction.atomic
def report_request_return(*, actor, return_record: Return) -> ReportRun:
    """An ALMO's quarterly performance return to its council, as a PDF."""
    return_record = get_object_for(actor, Return.objects.select_related("plan__almo"), pk=return_record.pk)
    if acting_party(actor, return_record.plan.almo) is None:
        raise ValidationError("Only the ALMO's staff or the council's officers can ask for the return.")
    almo = return_record.plan.almo
    run = ReportRun.objects.create(
        kind=ReportRun.Kind.QUARTERLY_RETURN,
        council_id=almo.council_id,
        almo=almo,
        requested_by=actor,
        parameters={
            "return_id": return_record.pk,
            "year": return_record.year,
            "quarter": return_record.quarter,
            "label": return_record.period_label,
        },
    )
    return _queue(run)


@transaction.atomic
def report_request_council_variance(*, actor, council: Council, year, quarter, format="pdf", scheduled=False):
    """The variance report across all of a council's ALMOs, for its officers."""
    year, quarter = _period(year, quarter)
    if format not in ReportRun.Format.values:
        raise ValidationError({"format": "Choose PDF or spreadsheet."})
    if not scheduled:
        council = get_object_for(actor, Council, "change", pk=council.pk)
    run = ReportRun.objects.create(
        kind=ReportRun.Kind.COUNCIL_VARIANCE,
        format=format,
        council=council,
        requested_by=None if scheduled else actor,
        parameters={"year": year, "quarter": quarter, "label": period_label(year, quarter)},
    )
    return _queue(run)


@transaction.atomic
def report_request_board_pack(*, actor, almo: Almo, year, quarter) -> ReportRun:
    """The board pack for an ALMO's board: a summary first, then the detail. Its board is told when it is ready."""
    year, quarter = _period(year, quarter)
    # The ALMO's staff, its council's officers and its own board's members may ask for its pack.
    almo = get_object_for(actor, Almo, "prepare_board_pack", pk=almo.pk)
    run = ReportRun.objects.create(
        kind=ReportRun.Kind.BOARD_PACK,
        council_id=almo.council_id,
        almo=almo,
        requested_by=actor,
        parameters={"year": year, "quarter": quarter, "label": period_label(year, quarter)},
    )
    return _queue(run)


@transaction.atomic
def report_retry(*, actor, run: ReportRun) -> ReportRun:
    run = ReportRun.objects.select_for_update().get_for(actor, "retry", pk=run.pk)
    if run.status != ReportRun.Status.FAILED:
        raise ValidationError("Only a failed report can be tried again.")
    # A person asking again gets a fresh set of tries.
    run.status, run.progress, run.progress_message, run.error, run.attempts = ReportRun.Status.PENDING, 0, "", "", 0
    run.save(update_fields=["status", "progress", "progress_message", "error", "attempts"])
    return _queue(run)


def report_claim(run_id: int) -> bool:
    """Take the run for this worker. Only one worker wins; a second delivery of the same task gets nothing."""
    claimed = ReportRun.objects.filter(pk=run_id, status=ReportRun.Status.PENDING, attempts__lt=MAX_ATTEMPTS).update(
        status=ReportRun.Status.RUNNING,
        started_at=timezone.now(),
        attempts=F("attempts") + 1,
        progress=5,
        progress_message="Started",
    )
    return claimed == 1


def _progress(run: ReportRun, percent: int, message: str) -> None:
    ReportRun.objects.filter(pk=run.pk).update(progress=percent, progress_message=message)


def report_render(run_id: int) -> ReportRun | None:
    """Render a claimed run: gather the data, reuse an identical finished report or draw a new one."""
    run = ReportRun.objects.select_related("council", "almo").get(pk=run_id)
    if run.status != ReportRun.Status.RUNNING:
        return None
    _progress(run, 15, "Gathering the figures")
    built = reports.build(run)
    previous = (
        ReportRun.objects.filter(kind=run.kind, format=run.format, data_fingerprint=built.fingerprint, status="done")
        .exclude(pk=run.pk)
        .order_by("-finished_at")
        .first()
    )
    if previous and (Path(settings.MEDIA_ROOT) / previous.output_path).exists():
        return _finish(
            run,
            built.fingerprint,
            previous.output_path,
            previous.output_checksum,
            previous.output_size,
            reused_from=previous,
        )
    _progress(run, 40, "Drawing the pages")
    if run.format == ReportRun.Format.XLSX:
        content = workbook_bytes(built.sheets())
    else:
        html = render_to_string(
            "reporting/report.html",
            {"title": built.title, "run": run, "sections": built.sections, "generated_at": timezone.now()},
        )
        content = html_to_pdf(html)
    _progress(run, 90, "Saving the file")
    relative = f"reports/{run.kind}/{built.fingerprint[:2]}/{built.fingerprint}.{run.format}"
    checksum, size = write_atomically(relative, content)
    return _finish(run, built.fingerprint, relative, checksum, size)


def _finish(run, fingerprint, path, checksum, size, reused_from=None) -> ReportRun:
    updated = ReportRun.objects.filter(pk=run.pk, status=ReportRun.Status.RUNNING).update(
        status=ReportRun.Status.DONE,
        progress=100,
        progress_message="Ready",
        finished_at=timezone.now(),
        data_fingerprint=fingerprint,
        output_path=path,
        output_checksum=checksum,
        output_size=size,
        reused_from=reused_from,
    )
    run.refresh_from_db()
    if updated:
        _notify_ready(run)
    return run


def report_fail(run_id: int, error: Exception) -> None:
    message = f"{error.__class__.__name__}: {error}"[:2000]
    ReportRun.objects.filter(pk=run_id, status=ReportRun.Status.RUNNING).update(
        status=ReportRun.Status.FAILED, finished_at=timezone.now(), error=message, progress_message="Failed"
    )
    logger.exception("Report run %s failed", run_id, exc_info=error)


def report_release(run_id: int) -> None:
    """Hand a run back to the queue after a transient failure, so the retry can claim it."""
    ReportRun.objects.filter(pk=run_id, status=ReportRun.Status.RUNNING).update(
        status=ReportRun.Status.PENDING, progress=0, progress_message="Waiting to try again"
    )


def reports_requeue_stuck(now=None) -> list[int]:
    """Runs a worker lost go back to the queue; returns their ids.

    A run left running by a worker that died, or left waiting because its message never reached a
    worker, is queued again; one that has already had its tries is marked failed. Temporary files a
    dead worker left behind are removed.
    """
    now = now or timezone.now()
    for partial in (Path(settings.MEDIA_ROOT) / "reports").rglob(".partial-*"):
        if partial.stat().st_mtime < (now - STUCK_AFTER).timestamp():
            partial.unlink(missing_ok=True)
    worn_out = Q(status=ReportRun.Status.RUNNING, started_at__lt=now - STUCK_AFTER) | Q(status=ReportRun.Status.PENDING)
    ReportRun.objects.filter(worn_out, attempts__gte=MAX_ATTEMPTS).update(
        status=ReportRun.Status.FAILED,
        finished_at=now,
        progress_message="Failed",
        error=(
            f"The report stopped its worker {MAX_ATTEMPTS} times. Try a shorter period, "
            "or tell the people who run the portal."
        ),
    )
    stuck = list(ReportRun.objects.stuck(now - STUCK_AFTER).values_list("pk", flat=True))
    lost = list(
        ReportRun.objects.filter(status=ReportRun.Status.PENDING, created_at__lt=now - LOST_AFTER).values_list(
            "pk", flat=True
        )
    )
    for run_id in stuck:
        ReportRun.objects.filter(pk=run_id, status=ReportRun.Status.RUNNING).update(
            status=ReportRun.Status.PENDING, progress=0, progress_message="Started again after a worker stopped"
        )
    from reporting.tasks import render_report_task

    for run_id in stuck + lost:
        transaction.on_commit(lambda run_id=run_id: render_report_task.delay(run_id))
    return stuck + lost


def _notify_ready(run: ReportRun) -> None:
    """A notification in the portal now, and an email from a task, so a mail failure costs no report."""
    link = run.get_absolute_url()
    if run.kind == ReportRun.Kind.BOARD_PACK and run.reused_from is None:
        # A new pack is news for its whole board; the same figures drawn again are not.
        notify(
            people=list(_board_readers(run)),
            subject="A new board pack is ready",
            message=f"A new board pack for {run.subject} is ready to read.",
            link=link,
        )
    if run.requested_by is not None and run.requested_by.is_active:
        notify(
            people=[run.requested_by],
            subject="Your report is ready",
            message=f"Your {run.get_kind_display().lower()} for {run.subject} is ready.",
            link=link,
        )


def _board_readers(run: ReportRun):
    """The ALMO's board members with a sign-in, other than whoever asked for the pack."""
    members = get_user_model().objects.filter(
        is_active=True,
        memberships__almo_id=run.almo_id,
        memberships__role=Role.BOARD_MEMBER,
        memberships__is_active=True,
    )
    return members.exclude(pk=run.requested_by_id).distinct() if run.requested_by_id else members.distinct()


def schedule_council_variance_reports(year=None, quarter=None) -> list[ReportRun]:
    """The monthly run: a variance report for every council with ALMOs, for the latest finished quarter.

    Safe to run twice: a council that already has a scheduled report for the quarter from the last day
    gets no second one.
    """
    if year is None:
        year, quarter = latest_finished_quarter(timezone.localdate())
    recent = ReportRun.objects.filter(
        kind=ReportRun.Kind.COUNCIL_VARIANCE,
        requested_by__isnull=True,
        parameters__year=year,
        parameters__quarter=quarter,
        created_at__gte=timezone.now() - timedelta(hours=20),
    ).values("council")
    runs = []
    for council in Council.objects.filter(almos__isnull=False).exclude(pk__in=recent).distinct():
        runs.append(
            report_request_council_variance(actor=None, council=council, year=year, quarter=quarter, scheduled=True)
        )
    return runs


def latest_finished_quarter(today) -> tuple[int, int]:
    """The financial quarter that ended most recently before `today`."""
    return previous_period(*period_of(today))
