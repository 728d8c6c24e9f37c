"""Pages for the SLA register: the list, an SLA's page, drafting, terms, agreement, renegotiation and ending."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core import clock
from core.forms import attach_errors, flash_errors
from core.pages import paginate
from organisations.access import acting_party
from organisations.models import Almo
from slas import selectors, services
from slas.forms.agreements import DetailsForm, EndForm, ReasonForm, SlaCreateForm, TermsForm
from slas.models import Benchmark, Dispute, Service, ServiceLevelAgreement, SlaVersion
from slas.views.common import call_service, form_page, sla_for


def sla_list(request):
    """Every SLA a person can see; `?status=` and `?service=` narrow it."""
    slas = ServiceLevelAgreement.objects.restrict(request.user)
    status, service = request.GET.get("status", ""), request.GET.get("service", "")
    if status in ServiceLevelAgreement.Status.values:
        slas = slas.filter(status=status)
    if service in Service.values:
        slas = slas.filter(service=service)
    page = paginate(request, selectors.with_register_details(slas).order_by("almo__name", "title", "pk"))
    page["object_list"] = selectors.with_value(page["object_list"])
    can_draft = bool(_almos_for(request.user))
    context = {
        **page,
        "status": status,
        "service": service,
        "statuses": ServiceLevelAgreement.Status.choices,
        "services": Service.choices,
        "can_draft": can_draft,
    }
    return render(request, "slas/sla_list.html", context)


def _almos_for(user):
    """The ALMOs a person may draft an SLA for: their own as ALMO staff, their council's as an officer."""
    return [almo for almo in Almo.objects.restrict(user).order_by("name") if acting_party(user, almo)]


def sla_create(request):
    almos = _almos_for(request.user)
    if not almos:
        raise PermissionDenied("Only an ALMO's staff or its council's officers can draft an SLA.")
    queryset = Almo.objects.filter(pk__in=[almo.pk for almo in almos])
    form = SlaCreateForm(request.POST or None, almos=queryset, initial={"almo": almos[0] if len(almos) == 1 else None})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sla = services.sla_create(
                actor=request.user,
                almo=data["almo"],
                details={name: data[name] for name in services.DETAILS},
                terms={name: data[name] for name in services.TERMS},
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The SLA is drafted. Add its service standards, then both sides agree it.")
            return HttpResponseRedirect(sla.get_absolute_url())
    return form_page(
        request,
        form,
        {
            "title": "Draft a service level agreement",
            "button": "Draft the SLA",
            "intro": "The SLA comes into force when the council and the ALMO have both agreed its terms.",
            "back_url": reverse("slas:sla_list"),
        },
    )


def sla_detail(request, pk):
    sla = sla_for(request, pk)
    party = acting_party(request.user, sla.almo)
    versions = list(
        SlaVersion.objects.restrict(request.user)
        .filter(sla=sla)
        .select_related("council_agreed_by", "almo_agreed_by")
        .order_by("-number")
    )
    open_version = next((v for v in versions if v.is_open), None)
    benchmarks = list(Benchmark.objects.restrict(request.user).filter(sla=sla).order_by("cost_per_home", "pk"))
    terms = sla.current_version or open_version
    for benchmark in benchmarks:
        benchmark.difference = selectors.difference_percent(
            terms.cost_per_home(sla.almo.homes_managed) if terms else None, benchmark.cost_per_home
        )
    context = {
        "sla": sla,
        "party": party,
        "terms": terms,
        "open_version": open_version,
        "versions": versions,
        "standards": selectors.standards_with_results(sla.current_version) if sla.current_version else [],
        "open_standards": list(open_version.standards.all()) if open_version else [],
        "benchmarks": benchmarks,
        "value": selectors.value_for_money(sla, benchmarks),
        "disputes": Dispute.objects.restrict(request.user).filter(sla=sla).order_by("-raised_at"),
        "can_agree": party is not None and open_version is not None and not open_version.agreed_at(party),
        "today": clock.today(),
    }
    return render(request, "slas/sla_detail.html", context)


def sla_edit(request, pk):
    sla = sla_for(request, pk, "change")
    initial = {name: getattr(sla, name) for name in services.DETAILS}
    form = DetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.sla_update, actor=request.user, sla=sla, details=form.cleaned_data):
            messages.success(request, "The SLA's details are saved.")
            return HttpResponseRedirect(sla.get_absolute_url())
    return form_page(request, form, {"sla": sla, "title": "Change the SLA's details", "button": "Save the details"})


def terms_edit(request, pk):
    sla = sla_for(request, pk, "change")
    version = SlaVersion.objects.filter(sla=sla, status=SlaVersion.Status.OPEN).first()
    if version is None:
        messages.error(request, "These terms are agreed. Start a renegotiation to change them.")
        return HttpResponseRedirect(sla.get_absolute_url())
    form = TermsForm(request.POST or None, initial={name: getattr(version, name) for name in services.TERMS})
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.terms_update, actor=request.user, version=version, terms=form.cleaned_data):
            messages.success(request, "The terms are saved. Both sides must agree them.")
            return HttpResponseRedirect(sla.get_absolute_url())
    return form_page(
        request,
        form,
        {
            "sla": sla,
            "title": f"Change the terms of version {version.number}",
            "button": "Save the terms",
            "intro": "If either side has already agreed these terms, both must agree them again.",
        },
    )


@require_POST
def terms_agree(request, pk):
    sla = sla_for(request, pk, "change")
    try:
        version = services.terms_agree(actor=request.user, sla=sla)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        if version.agreed_by_both:
            messages.success(request, f"Both sides have agreed version {version.number}: it is now in force.")
        else:
            messages.success(request, "You have agreed the terms. The other side must agree them too.")
    return HttpResponseRedirect(sla.get_absolute_url())


def renegotiate(request, pk):
    sla = sla_for(request, pk, "change")
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.renegotiation_start, actor=request.user, sla=sla, **form.cleaned_data):
            messages.success(request, "The renegotiation is open. Change the terms, then both sides agree them.")
            return HttpResponseRedirect(sla.get_absolute_url())
    return form_page(
        request,
        form,
        {
            "sla": sla,
            "title": "Renegotiate the terms",
            "button": "Start the renegotiation",
            "intro": "The new terms start as a copy of those in force, which stay in force until both sides agree.",
        },
    )


@require_POST
def renegotiation_withdraw(request, pk):
    sla = sla_for(request, pk, "change")
    try:
        services.renegotiation_withdraw(actor=request.user, sla=sla)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, "The renegotiation is closed. The terms in force are unchanged.")
    return HttpResponseRedirect(sla.get_absolute_url())


def sla_end(request, pk):
    sla = sla_for(request, pk, "change")
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.sla_end, actor=request.user, sla=sla, **form.cleaned_data):
            messages.success(request, "The SLA has ended.")
            return HttpResponseRedirect(sla.get_absolute_url())
    return form_page(request, form, {"sla": sla, "title": "End the SLA", "button": "End the SLA"})
