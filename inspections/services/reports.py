"""Readiness PDFs: asked for as a row, drawn by a worker that claims it with a lease, safe to run twice."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core import clock
from core.pdf import render_pdf
from inspections.models import Assessment, ReadinessReport

LEASE = dt.timedelta(seconds=90)


@transaction.atomic
def readiness_report_request(*, actor, assessment: Assessment) -> ReadinessReport:
    """Ask for a PDF of the self-assessment's readiness; it is drawn once the request is saved."""
    from inspections.tasks import render_readiness_report_task

    assessment = Assessment.objects.get_for(actor, "report", pk=assessment.pk)
    report = ReadinessReport.objects.create(assessment=assessment, requested_by=actor)
    transaction.on_commit(lambda: render_readiness_report_task.delay(report.pk))
    return report


def readiness_report_claim(report_id: int) -> bool:
    """Take the report for this worker: waiting, or left running by a worker whose lease ran out."""
    now = timezone.now()
    claimable = Q(status=ReadinessReport.Status.PENDING) | Q(status=ReadinessReport.Status.RUNNING, lease_until__lt=now)
    return bool(
        ReadinessReport.objects.filter(pk=report_id)
        .filter(claimable)
        .update(status=ReadinessReport.Status.RUNNING, lease_until=now + LEASE)
    )


def readiness_report_render(report_id: int) -> None:
    from inspections.selectors import readiness_pdf_context

    report = ReadinessReport.objects.select_related("assessment__almo__council", "assessment__framework").get(
        pk=report_id
    )
    content = render_pdf("inspections/pdf/readiness.html", readiness_pdf_context(report.assessment, clock.today()))
    # The file is complete before the row points at it, so nobody downloads half a PDF.
    report.file.save(f"readiness-{report.pk}.pdf", ContentFile(content), save=False)
    ReadinessReport.objects.filter(pk=report_id, status=ReadinessReport.Status.RUNNING).update(
        status=ReadinessReport.Status.READY, file=report.file.name, finished_at=timezone.now(), error=""
    )


def readiness_report_fail(report_id: int, error: Exception) -> None:
    ReadinessReport.objects.filter(pk=report_id).update(
        status=ReadinessReport.Status.FAILED, error=str(error)[:300], finished_at=timezone.now()
    )


def readiness_report_release(report_id: int) -> None:
    """Give the report back for another try (a transient error)."""
    ReadinessReport.objects.filter(pk=report_id, status=ReadinessReport.Status.RUNNING).update(
        status=ReadinessReport.Status.PENDING, lease_until=None
    )


def readiness_reports_requeue_stuck() -> list[int]:
    """Reports left running by a worker that died: queued again once their lease has run out."""
    from inspections.tasks import render_readiness_report_task

    stuck = list(
        ReadinessReport.objects.filter(
            status=ReadinessReport.Status.RUNNING, lease_until__lt=timezone.now()
        ).values_list("pk", flat=True)[:100]
    )
    for report_id in stuck:
        render_readiness_report_task.delay(report_id)
    return stuck
