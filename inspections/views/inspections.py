"""Inspection pages: the list with six-month warnings, recording one, its outcome, report and recommendations."""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render

from core.forms import attach_errors
from core.pages import paginate
from core.uploads import attachment_response
from inspections import selectors, services
from inspections.forms.inspections import InspectionForm, RecommendationForm
from inspections.models import Inspection
from inspections.views.common import almo_from_query, form_page
from organisations.access import acting_party, get_object_for
from organisations.models import Almo


def inspection_list(request):
    almo = almo_from_query(request)
    inspections = Inspection.objects.restrict(request.user).select_related("almo").order_by("-starts_on", "pk")
    if almo is not None:
        inspections = inspections.filter(almo=almo)
    context = paginate(request, inspections)
    by_almo = defaultdict(list)
    for inspection in (
        Inspection.objects.restrict(request.user)
        .statutory()
        .filter(almo__in={i.almo_id for i in context["object_list"]})
    ):
        by_almo[inspection.almo_id].append(inspection)
    warnings = [warning for rows in by_almo.values() for warning in selectors.statutory_gap_warnings(rows)]
    can_record = bool(_almos_to_record_for(request.user))
    return render(
        request,
        "inspections/inspection_list.html",
        {**context, "almo": almo, "warnings": warnings, "can_record": can_record},
    )


def _almos_to_record_for(user) -> list:
    return [almo for almo in Almo.objects.restrict(user).select_related("council") if acting_party(user, almo)]


def _form_data(form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("almo", None)
    return data


def inspection_create(request):
    almos = _almos_to_record_for(request.user)
    if not almos:
        raise PermissionDenied("Only an ALMO's staff and its council's officers can record an inspection.")
    choices = Almo.objects.filter(pk__in=[almo.pk for almo in almos])
    form = InspectionForm(request.POST or None, request.FILES or None, almos=choices)
    if request.method == "POST" and form.is_valid():
        data = _form_data(form)
        try:
            inspection = services.inspection_record(
                actor=request.user, almo=form.cleaned_data["almo"], report=data.pop("report"), **data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{inspection.title} is recorded. The other party has been told.")
            for warning in selectors.statutory_gap_warnings_for(inspection):
                messages.warning(request, warning)
            return HttpResponseRedirect(inspection.get_absolute_url())
    return form_page(request, "inspections/inspection_form.html", {"form": form, "inspection": None})


def inspection_edit(request, pk):
    inspection = get_object_for(request.user, Inspection.objects.select_related("almo"), "change", pk=pk)
    fields = ("kind", "title", "starts_on", "ends_on", "lead", "star_rating", "prospects", "consumer_grade", "summary")
    initial = {name: getattr(inspection, name) for name in fields} | {"almo": inspection.almo_id}
    form = InspectionForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        almos=Almo.objects.filter(pk=inspection.almo_id),
    )
    if request.method == "POST" and form.is_valid():
        data = _form_data(form)
        try:
            services.inspection_update(actor=request.user, inspection=inspection, report=data.pop("report"), **data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The inspection is updated.")
            return HttpResponseRedirect(inspection.get_absolute_url())
    return form_page(request, "inspections/inspection_form.html", {"form": form, "inspection": inspection})


def inspection_detail(request, pk):
    inspection = get_object_for(request.user, Inspection.objects.select_related("almo__council", "recorded_by"), pk=pk)
    can_change = Inspection.objects.allows(request.user, "change", inspection)
    form = RecommendationForm(request.POST or None)
    if request.method == "POST":
        get_object_for(request.user, Inspection, "change", pk=pk)
        if form.is_valid():
            try:
                services.recommendation_add(actor=request.user, inspection=inspection, **form.cleaned_data)
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, "The recommendation is added.")
                return HttpResponseRedirect(inspection.get_absolute_url())
    recommendations = inspection.recommendations.prefetch_related("improvement_actions")
    return form_page(
        request,
        "inspections/inspection_detail.html",
        {
            "inspection": inspection,
            "recommendations": recommendations,
            "warnings": selectors.statutory_gap_warnings_for(inspection),
            "form": form,
            "can_change": can_change,
            "can_plan": acting_party(request.user, inspection.almo) == "almo",
        },
    )


def inspection_report(request, pk):
    inspection = get_object_for(request.user, Inspection, pk=pk)
    if not inspection.report:
        raise Http404("This inspection has no report uploaded.")
    return attachment_response(
        inspection.report, download_name=inspection.report_name, user=request.user, what=f"inspection {inspection.pk}"
    )
