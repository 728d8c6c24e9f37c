"""Report pages: ask for a report, watch it being made, download it. Every one goes through the access rule."""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from agreements.models import Meeting
from consultations.models import Consultation
from core.forms import flash_errors
from core.periods import recent_years
from delivery_plans.models import Return
from organisations.access import get_object_for
from organisations.models import Almo, Council, Notification
from reporting import services
from reporting.forms import BoardPackForm, CouncilVarianceForm
from reporting.models import ReportRun


def _councils(user):
    return Council.objects.restrict(user, "change")


def _almos_for_board_packs(user):
    """The ALMOs whose pack this person may ask for: as its staff, its council's officer, or on its board."""
    return Almo.objects.restrict(user, "prepare_board_pack")


def run_list(request, variance_form=None, board_pack_form=None):
    runs = list(ReportRun.objects.restrict(request.user).select_related("council", "almo", "requested_by")[:100])
    councils, almos = _councils(request.user), _almos_for_board_packs(request.user)
    latest = _latest_quarter_with_figures(request.user)
    initial = {"year": latest[0], "quarter": latest[1]} if latest else {}
    years = _years(latest)
    context = {
        "runs": runs,
        "watching": any(not run.is_finished for run in runs),
        "variance_form": variance_form
        or (CouncilVarianceForm(years=years, councils=councils, initial=initial) if councils else None),
        "board_pack_form": board_pack_form
        or (BoardPackForm(years=years, almos=almos, initial=initial) if almos else None),
    }
    return render(request, "reporting/run_list.html", context, status=400 if variance_form or board_pack_form else 200)


def _latest_quarter_with_figures(user) -> tuple[int, int] | None:
    """The newest quarter with a return sent to the council among those this person can see: what forms offer first."""
    latest = (
        Return.objects.restrict(user)
        .exclude(status=Return.Status.DRAFT)
        .order_by("-year", "-quarter")
        .values_list("year", "quarter")
        .first()
    )
    return tuple(latest) if latest else None


def _years(latest) -> list[int]:
    years = recent_years()
    if latest and latest[0] not in years:
        years = sorted({*years, latest[0]})
    return years


def run_detail(request, pk):
    run = get_object_for(request.user, ReportRun.objects.select_related("council", "almo", "requested_by"), pk=pk)
    can_retry = ReportRun.objects.filter(pk=run.pk).restrict(request.user, "retry").exists()
    return render(request, "reporting/run_detail.html", {"run": run, "can_retry": can_retry})


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
        flash_errors(request, error)
    else:
        messages.success(request, "The report will be made again.")
    return HttpResponseRedirect(run.get_absolute_url())


def _refuse_out_of_scope(chosen: str, allowed) -> None:
    """An organisation named by id that the person may not use is a 404, like one that does not exist.

    A missing or malformed choice is left to the form, which says what to do.
    """
    if chosen.isdigit() and not allowed.filter(pk=int(chosen)).exists():
        raise Http404("No organisation matches the given query.")


def _started(request, run):
    run.refresh_from_db(fields=["status"])
    if run.status == ReportRun.Status.DONE:  # made at once, where tasks run in the web process
        messages.success(request, "Your report is ready.")
    else:
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
def request_meeting_pack(request, pk):
    meeting = get_object_for(request.user, Meeting.objects.select_related("series__almo"), "change", pk=pk)
    try:
        run = services.report_request_meeting_pack(actor=request.user, meeting=meeting)
    except ValidationError as error:
        flash_errors(request, error)
        return HttpResponseRedirect(meeting.get_absolute_url())
    return _started(request, run)


@require_POST
def request_consultation_report(request, pk):
    consultation = get_object_for(request.user, Consultation.objects.select_related("almo"), "change", pk=pk)
    run = services.report_request_consultation(actor=request.user, consultation=consultation)
    return _started(request, run)


@require_POST
def request_council_variance(request):
    _refuse_out_of_scope(request.POST.get("council", ""), _councils(request.user))
    form = CouncilVarianceForm(
        request.POST, years=_years(_latest_quarter_with_figures(request.user)), councils=_councils(request.user)
    )
    if not form.is_valid():
        return run_list(request, variance_form=form)
    data = form.cleaned_data
    run = services.report_request_council_variance(
        actor=request.user, council=data["council"], year=data["year"], quarter=data["quarter"], format=data["format"]
    )
    return _started(request, run)


@require_POST
def request_board_pack(request):
    _refuse_out_of_scope(request.POST.get("almo", ""), _almos_for_board_packs(request.user))
    form = BoardPackForm(
        request.POST,
        years=_years(_latest_quarter_with_figures(request.user)),
        almos=_almos_for_board_packs(request.user),
    )
    if not form.is_valid():
        return run_list(request, board_pack_form=form)
    data = form.cleaned_data
    run = services.report_request_board_pack(
        actor=request.user, almo=data["almo"], year=data["year"], quarter=data["quarter"]
    )
    return _started(request, run)


def notification_list(request):
    notifications = list(Notification.objects.filter(user=request.user)[:100])
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return render(request, "reporting/notification_list.html", {"notifications": notifications})
