"""Pages for consultations: the list, setting one up, its options, timetable and project group, and its stages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from consultations import selectors, services
from consultations.forms.consultations import (
    ConsultationForm,
    DecisionForm,
    FoundingTestForm,
    MemberForm,
    OptionForm,
    StageForm,
)
from consultations.models import Consultation, FoundingTest, Option, ProjectGroupMember, TimetableStage
from core.forms import attach_errors, flash_errors
from core.pages import paginate
from organisations.access import can, get_object_for
from organisations.models import Almo


def consultation_list(request):
    consultations = (
        Consultation.objects.restrict(request.user).select_related("almo", "ballot").order_by("-created_at", "-pk")
    )
    context = paginate(request, consultations)
    context["can_start"] = Almo.objects.restrict(request.user, "change").exists()
    return render(request, "consultations/consultation_list.html", context)


def _form_page(request, template, context, form):
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)


def consultation_create(request):
    almos = Almo.objects.restrict(request.user, "change").order_by("name")
    if not almos.exists():
        raise Http404("Only council officers can start a consultation.")
    form = ConsultationForm(request.POST or None, almos=almos)
    if request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "almo"}
        try:
            consultation = services.consultation_create(actor=request.user, almo=form.cleaned_data["almo"], **fields)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The consultation is set up. Add its options, timetable and project group.")
            return HttpResponseRedirect(consultation.get_absolute_url())
    return _form_page(request, "consultations/consultation_form.html", {}, form)


def consultation_edit(request, pk):
    consultation = get_object_for(request.user, Consultation.objects.select_related("almo"), "change", pk=pk)
    form = ConsultationForm(request.POST or None, instance=Consultation.objects.get(pk=consultation.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_update(actor=request.user, consultation=consultation, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The consultation's details are saved.")
            return HttpResponseRedirect(consultation.get_absolute_url())
    return _form_page(request, "consultations/consultation_form.html", {"consultation": consultation}, form)


def consultation_detail(request, pk):
    consultation = get_object_for(
        request.user,
        Consultation.objects.select_related("almo__council", "almo__founding_test", "created_by"),
        pk=pk,
    )
    ballot = getattr(consultation, "ballot", None)
    return render(
        request,
        "consultations/consultation_detail.html",
        {
            "consultation": consultation,
            "founding": getattr(consultation.almo, "founding_test", None),
            "options": consultation.options.all(),
            "stages": consultation.stages.all(),
            "members": consultation.project_group.all(),
            "progress": selectors.checklist_progress(consultation),
            "ballot": ballot,
            "turnout": selectors.turnout(ballot) if ballot else None,
            "can_change": can(request.user, consultation, "change"),
            "next_status": _next_status(consultation),
            "decision_form": DecisionForm(),
        },
    )


def _next_status(consultation):
    order = [value for value, _label in Consultation.Status.choices]
    index = order.index(consultation.status)
    if index + 1 >= len(order):
        return None
    value = order[index + 1]
    return (value, Consultation.Status(value).label)


@require_POST
def consultation_advance(request, pk):
    consultation = get_object_for(request.user, Consultation, "change", pk=pk)
    try:
        services.consultation_advance(actor=request.user, consultation=consultation, status=request.POST.get("status"))
    except ValidationError as error:
        flash_errors(request, error)
    else:
        label = Consultation.Status(request.POST["status"]).label.lower()
        messages.success(request, f"The consultation is now {label}.")
    return HttpResponseRedirect(consultation.get_absolute_url())


@require_POST
def consultation_decide(request, pk):
    consultation = get_object_for(request.user, Consultation, "change", pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        flash_errors(request, ValidationError(form.errors["decision"]))
        return HttpResponseRedirect(consultation.get_absolute_url())
    try:
        services.consultation_decide(actor=request.user, consultation=consultation, **form.cleaned_data)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, "The council's decision is recorded and the consultation is decided.")
    return HttpResponseRedirect(consultation.get_absolute_url())


PARTS = {
    "option": (OptionForm, services.option_add, "Add an option", "The option is added."),
    "stage": (StageForm, services.stage_add, "Add a stage to the timetable", "The stage is added to the timetable."),
    "member": (MemberForm, services.member_add, "Add a member of the project group", "The member is added."),
}


def part_add(request, pk, part):
    """Add an option, a timetable stage or a project group member."""
    if part not in PARTS:
        raise Http404("There is no such page.")
    form_class, service, title, done = PARTS[part]
    consultation = get_object_for(request.user, Consultation.objects.select_related("almo"), "change", pk=pk)
    extra = {"consultation": consultation} if part == "option" else {}
    form = form_class(request.POST or None, **extra)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, consultation=consultation, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, done)
            return HttpResponseRedirect(consultation.get_absolute_url())
    context = {"consultation": consultation, "title": title}
    return _form_page(request, "consultations/part_form.html", context, form)


REMOVABLE = {"option": Option, "stage": TimetableStage, "member": ProjectGroupMember}


@require_POST
def part_remove(request, part, pk):
    if part not in REMOVABLE:
        raise Http404("There is no such page.")
    record = get_object_for(request.user, REMOVABLE[part].objects.select_related("consultation"), "change", pk=pk)
    try:
        if part == "option":
            services.option_remove(actor=request.user, option=record)
        else:
            services.part_remove(actor=request.user, record=record)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, f"{record} is removed.")
    return HttpResponseRedirect(record.consultation.get_absolute_url())


def _safe_next(data) -> str:
    """A page of this app to go back to; anything else (another site, another app) is dropped."""
    value = data.get("next_url", "")
    return value if value.startswith("/consultations/") and "//" not in value and "\\" not in value else ""


def founding_test_edit(request, slug):
    almo = get_object_for(request.user, Almo, "change", slug=slug)
    founding = FoundingTest.objects.filter(almo=almo).first()
    form = FoundingTestForm(request.POST or None, instance=founding or FoundingTest(almo=almo))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.founding_test_record(
                actor=request.user, almo=almo, kind=data["kind"], held_in=data["held_in"], notes=data["notes"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"How tenants were asked when {almo} was set up is saved.")
            return HttpResponseRedirect(_safe_next(request.POST) or reverse("consultations:consultation_list"))
    next_url = _safe_next(request.POST or request.GET)
    return _form_page(request, "consultations/founding_form.html", {"almo": almo, "next_url": next_url}, form)
