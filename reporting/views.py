"""Report pages: ask for a report, watch it being made, download it. Every one goes through the access rule."""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from delivery_plans.models import Return
from organisations.access import Party, acting_party, get_object_for
from organisations.models import Almo, Council, Notification
from reporting import services
from reporting.forms import CouncilVarianceForm, PeriodForm
from reporting.models import ReportRun

REPORT_YEARS = range(2022, timezone.localdate().year + 1)


def run_list(request):
    runs = ReportRun.objects.restrict(request.user).select_related("council", "almo", "requested_by")[:100]
    councils = Council.objects.restrict(request.user, "change")
    almos = [almo for almo in Almo.objects.restrict(request.user) if acting_party(request.user, almo) == Party.ALMO]
    context = {
        "runs": runs,
        "watching": any(not run.is_finished for run in runs),
        "variance_form": CouncilVarianceForm(years=REPORT_YEARS) if councils else None,
        "councils": councils,
        "board_pack_form": PeriodForm(years=REPORT_YEARS) if almos else None,
        "almos": almos,
    }
    return render(request, "reporting/run_list.html", context)


def run_detail(request, pk):
    run = get_object_for(request.user, ReportRun.objects.select_related("council", "almo", "requested_by"), pk=pk)
    return render(request, "reporting/run_detail.html", {"run": run})


def run_status(request, pk):
    """The run's progress as JSON, for the page to poll while a worker makes it."""
    run = get_object_for(request.user, ReportRun, pk=pk)
    return JsonResponse(
        {
            "status": run.status,
            "label": run.get_status_display(),
            "progress": run.progress,
            "message": run.progress_message,
            "finished": run.is_finished,
        }
    )


def run_download(request, pk):
    run = get_object_for(request.user, ReportRun, pk=pk)
    if run.status != ReportRun.Status.DONE or not run.output_path:
        raise Http404("This report is not ready.")
    path = Path(settings.MEDIA_ROOT) / run.output_path
    if not path.is_file():
        raise Http404("The report file is missing. Ask for the report again.")
    return FileResponse(path.open("rb"), as_attachment=True, filename=run.filename)


@require_POST
def run_retry(request, pk):
    run = get_object_for(request.user, ReportRun, "retry", pk=pk)
    try:
        services.report_retry(actor=request.user, run=run)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The report will be made again.")
    return HttpResponseRedirect(run.get_absolute_url())


def _started(request, run):
    messages.success(request, "Your report is being made. This page shows its progress.")
    return HttpResponseRedirect(run.get_absolute_url())


@require_POST
def request_return(request, pk):
    return_record = get_object_for(request.user, Return, pk=pk)
    try:
        run = services.report_request_return(actor=request.user, return_record=return_record)
    except ValidationError as error:
        raise Http404("No return matches the given query.") from error
    return _started(request, run)


@require_POST
def request_council_variance(request):
    form = CouncilVarianceForm(request.POST, years=REPORT_YEARS)
    council = get_object_for(request.user, Council, "change", pk=request.POST.get("council") or 0)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label}: {' '.join(errors)}")
        return HttpResponseRedirect(request.META.get("HTTP_REFERER") or "/reports/")
    run = services.report_request_council_variance(actor=request.user, council=council, **form.cleaned_data)
    return _started(request, run)


@require_POST
def request_board_pack(request):
    form = PeriodForm(request.POST, years=REPORT_YEARS)
    almo = get_object_for(request.user, Almo, pk=request.POST.get("almo") or 0)
    if acting_party(request.user, almo) != Party.ALMO:
        raise Http404("No ALMO matches the given query.")
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label}: {' '.join(errors)}")
        return HttpResponseRedirect("/reports/")
    run = services.report_request_board_pack(actor=request.user, almo=almo, **form.cleaned_data)
    return _started(request, run)


def notification_list(request):
    notifications = list(Notification.objects.filter(user=request.user)[:100])
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return render(request, "reporting/notification_list.html", {"notifications": notifications})
