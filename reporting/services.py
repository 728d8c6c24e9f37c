"""Requesting, rendering and retrying reports. Rendering happens in a worker, never in a web request."""

from __future__ import annotations

import logging
import uuid
import warnings
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError

from agreements.models import Meeting
from consultations.models import Consultation
from core.dates import govuk_date
from core.pdf import html_to_pdf, write_atomically
from core.periods import period_label, period_of, previous_period, year_in_range
from delivery_plans.models import Return
from organisations.access import Role, acting_party, get_object_for
from organisations.joint_agreement import party_for
from organisations.models import Almo, Council
from organisations.notifications import notify
from reporting import reports
from reporting.leases import LeaseKeeper
from reporting.models import ReportRun
from reporting.xlsx import workbook_bytes

logger = logging.getLogger(__name__)

# A run still marked running after this long with no lease (rows from before leases) lost its worker.
STUCK_AFTER = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
# A worker holds a run for this long and renews it every RENEW_EVERY seconds while it works, so a run
# whose worker died is free again within LEASE.
LEASE = timedelta(seconds=15)
RENEW_EVERY = 5
# A waiting run whose message is older than this is sent again: the broker lost it (Redis restarted
# without its data) or was down when it was sent. A duplicate message costs one failed claim.
RESEND_AFTER = timedelta(seconds=30)
# After this many tries a report that keeps crashing its worker is marked failed, not tried for ever.
MAX_ATTEMPTS = 3
# What a broker that is down raises when a message is sent: kombu's own error, or the socket's.
BROKER_ERRORS = (KombuOperationalError, OSError)
STORAGE_FAILED = (
    "The report could not be saved: {reason}. Nothing was kept. Try again in a few minutes, "
    "and if it happens again, tell the people who run the portal."
)


def _period(year, quarter) -> tuple[int, int]:
    try:
        year, quarter = int(year), int(quarter)
    except (TypeError, ValueError) as error:
        raise ValidationError({"quarter": "Choose a financial year and a quarter."}) from error
    if quarter not in (1, 2, 3, 4) or not year_in_range(year):
        raise ValidationError({"quarter": "Choose a quarter from 1 to 4 of a financial year."})
    return year, quarter


def _queue(run: ReportRun) -> ReportRun:
    """Send the run to a worker once it is committed; if the broker is down, the sweep sends it later."""
    transaction.on_commit(lambda: report_send(run.pk))
    return run


def report_send(run_id: int, *, through_broker: bool = False) -> bool:
    """Hand a waiting run to the broker. Never raises for a broker that is down: the run row is the outbox.

    `through_broker` sends the message even where tasks otherwise run in-process (a worker's own sweep).
    """
    from reporting.tasks import render_report_task

    try:
        if through_broker:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # Celery warns that always-eager is ignored: that is the point
                render_report_task.app.send_task(render_report_task.name, args=[run_id])
        else:
            render_report_task.delay(run_id)
    except BROKER_ERRORS as error:
        logger.warning("Report run %s was not sent to the broker (%s); the sweep will send it again", run_id, error)
        return False
    ReportRun.objects.filter(pk=run_id, status=ReportRun.Status.PENDING).update(queued_at=timezone.now())
    return True


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
def report_request_meeting_pack(*, actor, meeting: Meeting) -> ReportRun:
    """A liaison meeting's agenda pack (and its minutes, once recorded): either party's officers may ask."""
    meeting = Meeting.objects.select_related("series__almo").get_for(actor, "change", pk=meeting.pk)
    almo = meeting.series.almo
    party_for(actor, almo)
    run = ReportRun.objects.create(
        kind=ReportRun.Kind.MEETING_PACK,
        council_id=almo.council_id,
        almo=almo,
        requested_by=actor,
        parameters={"meeting_id": meeting.pk, "label": f"{meeting.series.name}, {govuk_date(meeting.held_on)}"},
    )
    return _queue(run)


@transaction.atomic
def report_request_consultation(*, actor, consultation: Consultation) -> ReportRun:
    """A consultation's report: what was asked, the checklist, the result and the decision. Either party may ask."""
    consultation = Consultation.objects.select_related("almo").get_for(actor, "change", pk=consultation.pk)
    party_for(actor, consultation.almo)
    run = ReportRun.objects.create(
        kind=ReportRun.Kind.CONSULTATION_REPORT,
        council_id=consultation.almo.council_id,
        almo=consultation.almo,
        requested_by=actor,
        parameters={"consultation_id": consultation.pk, "label": consultation.subject[:120]},
    )
    return _queue(run)


@transaction.atomic
def report_retry(*, actor, run: ReportRun) -> ReportRun:
    run = ReportRun.objects.select_for_update().get_for(actor, "retry", pk=run.pk)
    if run.status != ReportRun.Status.FAILED:
        raise ValidationError("Only a failed report can be tried again.")
    # A person asking again gets a fresh set of tries.
    run.status, run.progress, run.progress_message, run.error, run.attempts = ReportRun.Status.PENDING, 0, "", "", 0
    run.queued_at = timezone.now()
    run.save(update_fields=["status", "progress", "progress_message", "error", "attempts", "queued_at"])
    return _queue(run)


def report_claim(run_id: int, lease: str | None = None) -> str | None:
    """Take the run for this worker with a lease; returns the lease's token, or None if it is not free.

    A run is free while it waits, or when the worker holding it has let its lease lapse (killed, or cut
    off). Only one worker wins the update; a second delivery of the same task gets nothing. A task
    retrying after a brief fault passes its own `lease` back, so it can take up its own run again.
    """
    now = timezone.now()
    free = Q(status=ReportRun.Status.PENDING) | Q(status=ReportRun.Status.RUNNING, lease_until__lt=now)
    if lease:
        free |= Q(status=ReportRun.Status.RUNNING, lease_owner=lease)
    token = uuid.uuid4().hex
    claimed = ReportRun.objects.filter(free, pk=run_id, attempts__lt=MAX_ATTEMPTS).update(
        status=ReportRun.Status.RUNNING,
        lease_owner=token,
        lease_until=now + LEASE,
        started_at=now,
        attempts=F("attempts") + 1,
        progress=5,
        progress_message="Started",
    )
    return token if claimed == 1 else None


def _progress(run: ReportRun, lease: str, percent: int, message: str) -> bool:
    """Record progress and renew the lease; False if another worker holds the run now."""
    return (
        ReportRun.objects.filter(pk=run.pk, status=ReportRun.Status.RUNNING, lease_owner=lease).update(
            progress=percent, progress_message=message, lease_until=timezone.now() + LEASE
        )
        == 1
    )


def report_render(run_id: int, lease: str | None = None) -> ReportRun | None:
    """Render a claimed run: gather the data, reuse an identical finished report or draw a new one.

    Returns None, writing nothing, when the run is no longer this worker's (its lease lapsed and another
    worker took it over). A full or read-only media folder raises core.pdf.StorageUnavailable.
    """
    run = ReportRun.objects.select_related("council", "almo").get(pk=run_id)
    lease = lease or run.lease_owner  # callers that claimed just before (the demo loader)
    if run.status != ReportRun.Status.RUNNING or not lease or run.lease_owner != lease:
        return None
    with LeaseKeeper(run.pk, lease, LEASE, RENEW_EVERY):
        if not _progress(run, lease, 15, "Gathering the figures"):
            return None
        built = reports.build(run)
        previous = (
            ReportRun.objects.filter(
                kind=run.kind, format=run.format, data_fingerprint=built.fingerprint, status="done"
            )
            .exclude(pk=run.pk)
            .order_by("-finished_at")
            .first()
        )
        if previous and (Path(settings.MEDIA_ROOT) / previous.output_path).exists():
            output = (previous.output_path, previous.output_checksum, previous.output_size)
            return _finish(run, lease, built.fingerprint, output, reused_from=previous)
        if not _progress(run, lease, 40, "Drawing the pages"):
            return None
        content = _draw(run, built)
        if not _progress(run, lease, 90, "Saving the file"):
            return None
        # Named for this claim too, so a worker that lost its lease never overwrites the winner's file.
        relative = f"reports/{run.kind}/{built.fingerprint[:2]}/{built.fingerprint}-{lease[:12]}.{run.format}"
        checksum, size = write_atomically(relative, content)
    return _finish(run, lease, built.fingerprint, (relative, checksum, size), written=True)


def _draw(run: ReportRun, built) -> bytes:
    if run.format == ReportRun.Format.XLSX:
        return workbook_bytes(built.sheets())
    html = render_to_string(
        "reporting/report.html",
        {"title": built.title, "run": run, "sections": built.sections, "generated_at": timezone.now()},
    )
    return html_to_pdf(html)


def _finish(run, lease, fingerprint, output, reused_from=None, written=False) -> ReportRun | None:
    path, checksum, size = output
    with transaction.atomic():  # done and told together: a worker dying in between leaves neither
        updated = _mark_done(run, lease, fingerprint, output, reused_from)
        if updated:
            run.refresh_from_db()
            _notify_ready(run)
    if not updated and written:
        # Another worker took the run over while this one was slow: its file is the one kept.
        (Path(settings.MEDIA_ROOT) / path).unlink(missing_ok=True)
    return run if updated else None


def _mark_done(run, lease, fingerprint, output, reused_from) -> bool:
    path, checksum, size = output
    return (
        ReportRun.objects.filter(pk=run.pk, status=ReportRun.Status.RUNNING, lease_owner=lease).update(
            status=ReportRun.Status.DONE,
            progress=100,
            progress_message="Ready",
            finished_at=timezone.now(),
            data_fingerprint=fingerprint,
            output_path=path,
            output_checksum=checksum,
            output_size=size,
            reused_from=reused_from,
            lease_owner="",
            lease_until=None,
        )
        == 1
    )


def report_fail(run_id: int, error: Exception, lease: str | None = None, message: str = "") -> None:
    """Mark a run failed, with `message` for the page (or the error itself). Only the lease holder may."""
    text = message or f"{error.__class__.__name__}: {error}"
    holder = Q(lease_owner=lease) if lease else Q()
    ReportRun.objects.filter(holder, pk=run_id, status=ReportRun.Status.RUNNING).update(
        status=ReportRun.Status.FAILED,
        finished_at=timezone.now(),
        error=text[:2000],
        progress_message="Failed",
        lease_owner="",
        lease_until=None,
    )
    logger.error("Report run %s failed", run_id, exc_info=error)


def storage_failure_message(error: Exception) -> str:
    return STORAGE_FAILED.format(reason=error.strerror or "the portal's file storage cannot be written to")


def report_release(run_id: int, lease: str | None = None) -> None:
    """Hand a run back to the queue after a transient failure, so the retry (or any worker) can claim it."""
    holder = Q(lease_owner=lease) if lease else Q()
    ReportRun.objects.filter(holder, pk=run_id, status=ReportRun.Status.RUNNING).update(
        status=ReportRun.Status.PENDING,
        progress=0,
        progress_message="Waiting to try again",
        lease_owner="",
        lease_until=None,
        queued_at=timezone.now(),
    )


def reports_requeue_stuck(now=None, *, tidy: bool = True, through_broker: bool = False) -> list[int]:
    """Send again the runs a worker or the broker lost; returns their ids.

    A run whose lease lapsed (its worker died) goes back to waiting and is sent again; a waiting run
    whose message is older than RESEND_AFTER (lost in a broker restart, or never sent) is sent again;
    one that has already had its tries is marked failed. `tidy` also removes temporary files a dead
    worker left (the periodic task does that; a worker's frequent sweep does not walk the folder).
    """
    now = now or timezone.now()
    if tidy:
        _remove_partial_files(now)
    lapsed = ReportRun.objects.lapsed(now, legacy_after=STUCK_AFTER)
    worn_out = lapsed | ReportRun.objects.filter(status=ReportRun.Status.PENDING)
    worn_out.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=ReportRun.Status.FAILED,
        finished_at=now,
        progress_message="Failed",
        lease_owner="",
        lease_until=None,
        error=(
            f"The report stopped its worker {MAX_ATTEMPTS} times. Try a shorter period, "
            "or tell the people who run the portal."
        ),
    )
    stuck = list(lapsed.values_list("pk", flat=True))
    unsent = list(ReportRun.objects.unsent(now - RESEND_AFTER).exclude(pk__in=stuck).values_list("pk", flat=True))
    # Only a run still lapsed is reset: a worker may have claimed it since the query above.
    ReportRun.objects.lapsed(now, legacy_after=STUCK_AFTER).filter(pk__in=stuck).update(
        status=ReportRun.Status.PENDING,
        progress=0,
        progress_message="Started again after a worker stopped",
        lease_owner="",
        lease_until=None,
    )
    for run_id in stuck + unsent:
        transaction.on_commit(lambda run_id=run_id: report_send(run_id, through_broker=through_broker))
    return stuck + unsent


def _remove_partial_files(now) -> None:
    for partial in (Path(settings.MEDIA_ROOT) / "reports").rglob(".partial-*"):
        try:
            if partial.stat().st_mtime < (now - STUCK_AFTER).timestamp():
                partial.unlink(missing_ok=True)
        except OSError:  # gone already, or the folder is read-only: the next sweep tries again
            continue


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
