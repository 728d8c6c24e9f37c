"""The evidence library's pages: the list, adding a document or a version, its details, and downloads."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core import clock
from core.forms import attach_errors, flash_errors
from core.pages import paginate
from core.uploads import attachment_response
from inspections import services
from inspections.forms.evidence import EvidenceAddForm, EvidenceDetailsForm, EvidenceVersionForm
from inspections.models import Answer, Evidence, EvidenceVersion
from inspections.services.parties import require_almo_staff
from inspections.views.common import almo_for, almo_from_query, form_page, own_almo
from organisations.access import Party, acting_party, get_object_for

REVIEW_WARNING_DAYS = 30


def evidence_list(request):
    almo = almo_from_query(request)
    evidence = (
        Evidence.objects.restrict(request.user)
        .select_related("almo")
        .annotate(version_count=Count("versions", distinct=True), links=Count("answers", distinct=True))
        .annotate(updated=Max("versions__uploaded_at"))
        .order_by("almo__name", "title", "pk")
    )
    if almo is not None:
        evidence = evidence.filter(almo=almo)
    today = clock.today()
    context = paginate(request, evidence)
    return render(
        request,
        "inspections/evidence_list.html",
        {
            **context,
            "almo": almo,
            "today": today,
            "soon": today + dt.timedelta(days=REVIEW_WARNING_DAYS),
            "add_to": _addable(request.user, almo),
        },
    )


def evidence_add(request, almo_pk):
    almo = almo_for(request, almo_pk)
    require_almo_staff(request.user, almo)
    form = EvidenceAddForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            evidence = services.evidence_add(actor=request.user, almo=almo, upload=data.pop("file"), **data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{evidence.title} is in the evidence library.")
            return HttpResponseRedirect(evidence.get_absolute_url())
    return form_page(request, "inspections/evidence_add.html", {"almo": almo, "form": form})


def evidence_detail(request, pk):
    evidence = get_object_for(request.user, Evidence.objects.select_related("almo"), pk=pk)
    can_edit = Evidence.objects.allows(request.user, "change", evidence)
    form = EvidenceDetailsForm(
        request.POST or None,
        initial={"title": evidence.title, "description": evidence.description, "review_due": evidence.review_due},
    )
    if request.method == "POST":
        get_object_for(request.user, Evidence, "change", pk=pk)
        if form.is_valid():
            try:
                services.evidence_update(actor=request.user, evidence=evidence, **form.cleaned_data)
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, "The details are saved.")
                return HttpResponseRedirect(evidence.get_absolute_url())
    versions = evidence.versions.select_related("uploaded_by").order_by("-number")
    links = Answer.objects.filter(evidence=evidence).select_related("question", "assessment__framework")
    return form_page(
        request,
        "inspections/evidence_detail.html",
        {
            "evidence": evidence,
            "versions": versions,
            "links": links,
            "form": form,
            "version_form": EvidenceVersionForm(),
            "can_edit": can_edit,
            "today": clock.today(),
        },
    )


def evidence_add_version(request, pk):
    evidence = get_object_for(request.user, Evidence.objects.select_related("almo"), "change", pk=pk)
    form = EvidenceVersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.evidence_add_version(
                actor=request.user, evidence=evidence, upload=form.cleaned_data["file"], note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"Version {version.number} is uploaded. Earlier versions are kept.")
            return HttpResponseRedirect(evidence.get_absolute_url())
    return form_page(request, "inspections/evidence_version_form.html", {"evidence": evidence, "form": form})


@require_POST
def evidence_remove(request, pk):
    evidence = get_object_for(request.user, Evidence.objects.select_related("almo"), "change", pk=pk)
    try:
        services.evidence_delete(actor=request.user, evidence=evidence)
    except ValidationError as error:
        flash_errors(request, error)
        return HttpResponseRedirect(evidence.get_absolute_url())
    messages.success(request, f"{evidence.title} is removed from the evidence library.")
    return HttpResponseRedirect(reverse("inspections:evidence_list") + f"?almo={evidence.almo_id}")


def evidence_download(request, pk):
    version = get_object_for(request.user, EvidenceVersion.objects.select_related("evidence"), pk=pk)
    return attachment_response(
        version.file, download_name=version.original_name, user=request.user, what=f"evidence version {version.pk}"
    )


def _addable(user, almo):
    """The ALMO the list offers to add to: the one shown, or the person's own, if they are its staff."""
    target = almo or own_almo(user)
    return target if target is not None and acting_party(user, target) == Party.ALMO else None
