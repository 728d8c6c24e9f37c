"""Pages for the intervention ladder: the stages, interventions either way, and each step's deadlines and notices."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from agreements import services
from agreements.agenda import open_concern_choices
from agreements.forms import (
    CloseForm,
    DeadlineExtendForm,
    DeadlineMetForm,
    EscalateForm,
    InterventionStartForm,
    NoticeForm,
    NoticeResponseForm,
)
from agreements.models import Deadline, Intervention, InterventionStage, InterventionStep, Notice
from agreements.views.common import almos_acted_for, form_page
from core.clock import today
from core.forms import attach_errors
from organisations.access import acting_party, get_object_for
from organisations.models import Almo


def _crumbs(intervention=None):
    crumbs = [("Intervention ladder", reverse("agreements:intervention_list"))]
    if intervention is not None:
        crumbs.append((str(intervention), intervention.get_absolute_url()))
    return crumbs


def intervention_list(request):
    interventions = Intervention.objects.restrict(request.user).select_related("almo", "current_stage")
    only_open = request.GET.get("status") != "all"
    if only_open:
        interventions = interventions.open()
    return render(
        request,
        "agreements/intervention_list.html",
        {
            "interventions": interventions,
            "only_open": only_open,
            "stages": InterventionStage.objects.prefetch_related("deadlines"),
            "can_start": bool(almos_acted_for(request.user)),
        },
    )


def intervention_start(request):
    almos = almos_acted_for(request.user)
    if not almos:
        raise PermissionDenied("Only the ALMO's staff or its council's officers can use the intervention ladder.")
    # A concern is offered as "<ALMO id>:<title>", so it can be checked against the ALMO chosen.
    concerns = [
        (f"{almo.pk}:{c['title']}", f"{almo.name}: {c['title']}")
        for almo in almos
        for c in open_concern_choices(almo, today())
    ]
    form = InterventionStartForm(
        request.POST or None,
        almos=Almo.objects.filter(pk__in=[a.pk for a in almos]).order_by("name"),
        concerns=concerns,
        initial={"almo": request.GET.get("almo", "")},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        almo_id, _, title = data.pop("concern_title").partition(":")
        try:
            if title and int(almo_id) != data["almo"].pk:
                raise ValidationError({"concern_title": "Choose a concern about the ALMO you chose, or none."})
            intervention = services.intervention_start(actor=request.user, concern_title=title, **data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The intervention is on the ladder. Its deadlines are set in working days.")
            return HttpResponseRedirect(intervention.get_absolute_url())
    return form_page(
        request,
        form,
        title="Start an intervention",
        caption="Intervention ladder",
        button="Start the intervention",
        back=reverse("agreements:intervention_list"),
        crumbs=_crumbs(),
    )


def intervention_detail(request, pk):
    intervention = get_object_for(
        request.user, Intervention.objects.select_related("almo", "current_stage", "opened_by"), pk=pk
    )
    party = acting_party(request.user, intervention.almo)
    steps = InterventionStep.objects.filter(intervention=intervention).select_related("stage", "started_by")
    steps = steps.prefetch_related(
        Prefetch("deadlines", Deadline.objects.order_by("position")),
        Prefetch("notices", Notice.objects.select_related("served_by", "responded_by")),
    )
    holds_to_account = intervention.is_open and party == intervention.opened_by_party
    return render(
        request,
        "agreements/intervention_detail.html",
        {
            "intervention": intervention,
            "steps": steps,
            "party": party,
            "holds_to_account": holds_to_account,
            "on_the_ladder": intervention.is_open and party == intervention.about_party,
            "may_record": intervention.is_open and party is not None,
            "crumbs": _crumbs(),
        },
    )


def _intervention_form(request, pk, form_class, service, *, title, button, done, **form_kwargs):
    intervention = get_object_for(request.user, Intervention.objects.select_related("almo"), "change", pk=pk)
    form = form_class(request.POST or None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, intervention=intervention, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, done)
            return HttpResponseRedirect(intervention.get_absolute_url())
    return form_page(
        request,
        form,
        title=title,
        caption=str(intervention),
        button=button,
        back=intervention.get_absolute_url(),
        crumbs=_crumbs(intervention),
    )


def intervention_escalate(request, pk):
    return _intervention_form(
        request,
        pk,
        EscalateForm,
        services.intervention_escalate,
        title="Move up the ladder",
        button="Move to this stage",
        done="The intervention moved up the ladder. The new stage's deadlines are set.",
    )


def notice_serve(request, pk):
    return _intervention_form(
        request,
        pk,
        NoticeForm,
        services.notice_serve,
        title="Serve a notice",
        button="Serve the notice",
        done="The notice is served. The other party is told and its response is due in working days.",
    )


def intervention_close(request, pk):
    return _intervention_form(
        request,
        pk,
        CloseForm,
        services.intervention_close,
        title="Resolve the intervention",
        button="Resolve it",
        done="The intervention is resolved and off the ladder.",
    )


def _deadline_form(request, pk, form_class, service, *, title, button, done):
    deadline = get_object_for(
        request.user, Deadline.objects.select_related("step__intervention__almo"), "change", pk=pk
    )
    intervention = deadline.step.intervention
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, deadline=deadline, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, done)
            return HttpResponseRedirect(intervention.get_absolute_url())
    return form_page(
        request,
        form,
        title=title,
        caption=f"{deadline.name}, {intervention}",
        button=button,
        back=intervention.get_absolute_url(),
        crumbs=_crumbs(intervention),
    )


def deadline_met(request, pk):
    return _deadline_form(
        request,
        pk,
        DeadlineMetForm,
        services.deadline_meet,
        title="Record a deadline as met",
        button="Record it",
        done="The deadline is recorded as met.",
    )


def deadline_extend(request, pk):
    return _deadline_form(
        request,
        pk,
        DeadlineExtendForm,
        services.deadline_extend,
        title="Give more time",
        button="Move the deadline",
        done="The deadline is moved.",
    )


def notice_respond(request, pk):
    notice = get_object_for(request.user, Notice.objects.select_related("step__intervention__almo"), "change", pk=pk)
    intervention = notice.step.intervention
    form = NoticeResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.notice_respond(actor=request.user, notice=notice, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Your response is recorded and the other party is told.")
            return HttpResponseRedirect(intervention.get_absolute_url())
    return form_page(
        request,
        form,
        title="Respond to the notice",
        caption=notice.subject,
        button="Send the response",
        back=intervention.get_absolute_url(),
        crumbs=_crumbs(intervention),
    )
