"""Survey pages: the list, a survey's results and precision, its details, its import or counts, and agreement."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import attach_errors, flash_errors
from core.pages import paginate
from organisations.access import acting_party, can, get_object_for
from tenants import exports, selectors, services
from tenants.forms import UploadForm
from tenants.forms.surveys import APPROACH_FIELDS, CountsForm, SurveyCreateForm, SurveyDetailsForm
from tenants.models import Survey
from tenants.precision import Precision
from tenants.views import chosen_almo, staff_almos, status_for

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
RELATED = ("almo__council", "council_agreed_by", "almo_agreed_by")


def _crumbs(survey: Survey | None = None, *extra) -> list:
    crumbs = [("Tenant surveys", reverse("tenants:survey_list"))]
    if survey is not None:
        crumbs.append((f"{survey.almo.name} {survey.tenure.upper()} {survey.year_label}", survey.get_absolute_url()))
    return [*crumbs, *extra]


def survey_list(request):
    """Every survey the person may see, newest year first, with its precision and overall satisfaction."""
    surveys = Survey.objects.restrict(request.user).select_related("almo")
    page = paginate(request, surveys)
    counts = selectors.counts_for_surveys(page["object_list"])
    rows = []
    for survey in page["object_list"]:
        results = selectors.results_from_counts(survey, counts[survey.pk])
        rows.append({"survey": survey, "precision": selectors.survey_precision(survey), "tp01": results[0]})
    return render(
        request,
        "tenants/survey_list.html",
        {**page, "rows": rows, "can_create": bool(staff_almos(request.user)), "crumbs": []},
    )


@require_http_methods(["GET", "POST"])
def survey_create(request):
    almo = chosen_almo(request)
    form = SurveyCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(actor=request.user, almo=almo, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The survey is set up. Now import its responses or enter its counts.")
            return HttpResponseRedirect(survey.get_absolute_url())
    context = {"form": form, "almo": almo, "crumbs": _crumbs(None, ("Set up a survey", None))}
    return render(request, "tenants/survey_form.html", context, status=status_for(form))


def survey_detail(request, pk):
    survey = get_object_for(request.user, Survey.objects.select_related(*RELATED), pk=pk)
    party = acting_party(request.user, survey.almo)
    precision = selectors.survey_precision(survey)
    return render(
        request,
        "tenants/survey_detail.html",
        {
            "survey": survey,
            "rows": selectors.trend_rows(survey),
            "precision": precision,
            "approach": [(Survey._meta.get_field(n).verbose_name, getattr(survey, n)) for n in APPROACH_FIELDS],
            "can_change": not survey.is_final and can(request.user, survey, "change"),
            "can_agree": party is not None and survey.has_results and not survey.agreed_at(party),
            "party": party,
            "crumbs": _crumbs(survey),
        },
    )


@require_http_methods(["GET", "POST"])
def survey_edit(request, pk):
    survey = get_object_for(request.user, Survey.objects.select_related("almo"), "change", pk=pk)
    initial = {name: getattr(survey, name) for name in services.surveys.DETAIL_FIELDS}
    form = SurveyDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(actor=request.user, survey=survey, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The survey's details are saved.")
            return HttpResponseRedirect(survey.get_absolute_url())
    context = {"form": form, "survey": survey, "almo": survey.almo, "crumbs": _crumbs(survey, ("Details", None))}
    return render(request, "tenants/survey_form.html", context, status=status_for(form))


@require_http_methods(["GET", "POST"])
def survey_import(request, pk):
    survey = get_object_for(request.user, Survey.objects.select_related("almo"), "change", pk=pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            form.add_error("file", "The selected file must be smaller than 5 MB")
        else:
            try:
                services.survey_import_responses(
                    actor=request.user, survey=survey, name=upload.name, content=upload.read()
                )
            except services.ImportFailed as failure:
                row_errors = [e for e in failure.errors if e.row is not None]
                for error in failure.errors:
                    if error.row is None:
                        form.add_error("file", error.message)
            except ValidationError as error:
                attach_errors(form, error)
            else:
                survey.refresh_from_db()
                messages.success(
                    request,
                    f"Imported {survey.achieved:,} response{'' if survey.achieved == 1 else 's'}. "
                    "The results below are worked out from them.",
                )
                return HttpResponseRedirect(survey.get_absolute_url())
    context = {
        "form": form,
        "survey": survey,
        "row_errors": row_errors,
        "columns": services.expected_columns(survey.tenure),
        "max_rows": services.MAX_ROWS,
        "crumbs": _crumbs(survey, ("Import responses", None)),
    }
    return render(request, "tenants/survey_import.html", context, status=400 if form.errors or row_errors else 200)


@require_http_methods(["GET"])
def survey_template(request, pk):
    """The headings of a response file for this survey, as CSV, to hand to the survey house."""
    survey = get_object_for(request.user, Survey.objects.select_related("almo"), "change", pk=pk)
    buffer = io.StringIO()
    csv.writer(buffer).writerow(services.expected_columns(survey.tenure))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_stem(survey)}-responses-template.csv"'
    return response


@require_http_methods(["GET", "POST"])
def survey_counts(request, pk):
    survey = get_object_for(request.user, Survey.objects.select_related("almo"), "change", pk=pk)
    initial = _current_counts(survey)
    form = CountsForm(request.POST or None, survey=survey, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_set_counts(
                actor=request.user, survey=survey, achieved=form.cleaned_data["achieved"], counts=form.counts()
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The counts are saved. The results below are worked out from them.")
            return HttpResponseRedirect(survey.get_absolute_url())
    context = {"form": form, "survey": survey, "crumbs": _crumbs(survey, ("Enter counts", None))}
    return render(request, "tenants/survey_counts.html", context, status=status_for(form))


def _current_counts(survey: Survey) -> dict:
    """What the form starts from: the counts the survey has now, whether imported or entered."""
    if not survey.has_results:
        return {}
    initial = {"achieved": survey.achieved}
    for result in selectors.survey_results(survey):
        names = ["very_satisfied", "fairly_satisfied", "neither", "fairly_dissatisfied", "very_dissatisfied"]
        for name, value in zip(names, result.counts.scale, strict=True):
            initial[f"{result.measure.field}_{name}"] = value
        initial[f"{result.measure.field}_not_on_scale"] = result.counts.not_on_scale
    return initial


@require_POST
def survey_agree(request, pk):
    survey = get_object_for(request.user, Survey.objects.select_related("almo"), "agree", pk=pk)
    try:
        services.survey_agree(actor=request.user, survey=survey)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        survey.refresh_from_db()
        if survey.is_final:
            messages.success(request, "Both sides have agreed the results. They are final and feed the Delivery Plan.")
        else:
            messages.success(request, "You have agreed the results. The other side has been asked to agree them.")
    return HttpResponseRedirect(survey.get_absolute_url())


@require_http_methods(["GET"])
def survey_export(request, pk):
    """The results as counts per question, with every count under five suppressed: safe to share."""
    survey = get_object_for(request.user, Survey.objects.select_related("almo"), pk=pk)
    precision = Precision(survey.achieved, survey.population)
    content = exports.anonymised_csv(survey, selectors.survey_results(survey), precision)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_stem(survey)}-results.csv"'
    return response


def _file_stem(survey: Survey) -> str:
    return f"{slugify(survey.almo.name)}-{survey.tenure}-survey-{survey.year}"
