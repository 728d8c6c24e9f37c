"""Pages for service standards (while terms are negotiated) and a quarter's performance against them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_POST

from core import clock
from core.forms import attach_errors, flash_errors
from core.periods import period_label, period_of, previous_period
from organisations.access import get_object_for
from slas import services
from slas.forms.standards import ResultsForm, StandardForm
from slas.models import ServiceStandard
from slas.services.standards import STANDARD_FIELDS
from slas.views.common import call_service, form_page, sla_for


def standard_add(request, pk):
    sla = sla_for(request, pk, "change")
    form = StandardForm(request.POST or None, initial={"tolerance": 0})
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.standard_add, actor=request.user, sla=sla, values=form.cleaned_data):
            messages.success(request, "The standard is added to the terms being negotiated.")
            return HttpResponseRedirect(sla.get_absolute_url() + "#terms-negotiated")
    return form_page(
        request,
        form,
        {
            "sla": sla,
            "title": "Add a service standard",
            "button": "Add the standard",
            "intro": "A standard is measurable: a target, and whether a higher or lower figure is better.",
        },
    )


def _standard_for(request, pk) -> ServiceStandard:
    return get_object_for(request.user, ServiceStandard.objects.select_related("version__sla__almo"), "change", pk=pk)


def standard_edit(request, pk):
    standard = _standard_for(request, pk)
    sla = standard.version.sla
    form = StandardForm(request.POST or None, initial={name: getattr(standard, name) for name in STANDARD_FIELDS})
    if request.method == "POST" and form.is_valid():
        if call_service(
            form, services.standard_update, actor=request.user, standard=standard, values=form.cleaned_data
        ):
            messages.success(request, "The standard is saved.")
            return HttpResponseRedirect(sla.get_absolute_url() + "#terms-negotiated")
    return form_page(request, form, {"sla": sla, "title": "Change a service standard", "button": "Save the standard"})


@require_POST
def standard_remove(request, pk):
    standard = _standard_for(request, pk)
    sla = standard.version.sla
    try:
        services.standard_remove(actor=request.user, standard=standard)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, f"{standard.title} is removed from the terms being negotiated.")
    return HttpResponseRedirect(sla.get_absolute_url() + "#terms-negotiated")


def results_record(request, pk):
    """A quarter's figures for every standard in force; red and amber ones need commentary. All or nothing."""
    sla = sla_for(request, pk, "change")
    if sla.current_version is None or sla.is_ended:
        messages.error(request, "Performance is recorded against terms in force, which this SLA does not have.")
        return HttpResponseRedirect(sla.get_absolute_url())
    standards = list(sla.current_version.standards.order_by("title"))
    year, quarter = previous_period(*period_of(clock.today()))
    form = ResultsForm(request.POST or None, standards=standards, initial={"year": year, "quarter": quarter})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            results = services.results_record(
                actor=request.user, sla=sla, year=data["year"], quarter=data["quarter"], rows=form.rows()
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            reds = sum(1 for result in results if result.rag == "red")
            label = period_label(data["year"], data["quarter"])
            note = f" {reds} red: the other side has been told." if reds else ""
            messages.success(request, f"Performance for {label} is saved.{note}")
            return HttpResponseRedirect(sla.get_absolute_url() + "#performance")
    context = {"sla": sla, "form": form, "groups": form.groups()}
    return render(request, "slas/results_form.html", context, status=400 if form.errors else 200)
