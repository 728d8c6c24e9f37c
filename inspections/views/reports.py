"""Readiness PDFs: asking for one, seeing when it is ready, downloading it through the access rule."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.uploads import attachment_response
from inspections import services
from inspections.models import Assessment, ReadinessReport
from inspections.services.reports import readiness_reports_requeue_stuck
from organisations.access import get_object_for


@require_POST
def report_request(request, pk):
    assessment = get_object_for(request.user, Assessment, "report", pk=pk)
    report = services.readiness_report_request(actor=request.user, assessment=assessment)
    messages.success(request, "Your readiness report is being drawn. This page shows when it is ready.")
    return HttpResponseRedirect(report.get_absolute_url())


def report_detail(request, pk):
    report = get_object_for(
        request.user, ReadinessReport.objects.select_related("assessment__almo", "assessment__framework"), pk=pk
    )
    if report.status == ReadinessReport.Status.RUNNING and report.lease_until and report.lease_until < timezone.now():
        readiness_reports_requeue_stuck()  # its worker died: start it again rather than leave people waiting
    return render(request, "inspections/report_detail.html", {"report": report})


def report_download(request, pk):
    report = get_object_for(request.user, ReadinessReport.objects.select_related("assessment__almo"), pk=pk)
    if report.status != ReadinessReport.Status.READY or not report.file:
        raise Http404("This report is not ready.")
    name = f"Inspection readiness, {report.assessment.almo.name}, {report.requested_at:%Y-%m-%d}.pdf"
    return attachment_response(report.file, download_name=name, user=request.user, what=f"readiness report {report.pk}")
