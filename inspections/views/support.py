"""The ALMO Support Framework: support records, progress meetings, and the deadline with its extensions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render

from core import clock
from core.forms import attach_errors
from inspections import selectors, services
from inspections.forms.improvement import DecisionForm, ExtensionForm, SupportMeetingForm, SupportRecordForm
from inspections.models import SUPPORT_OFFERED, DeadlineExtension, SupportMeeting, SupportRecord, SupportSource
from inspections.services.parties import party_for, require_almo_staff
from inspections.views.common import almo_for, almo_from_query, form_page, own_almo
from organisations.access import Party, acting_party, get_object_for


def support_list(request):
    almo = almo_from_query(request)
    records = (
        SupportRecord.objects.restrict(request.user).select_related("almo").order_by("almo__name", "-requested_on")
    )
    meetings = SupportMeeting.objects.restrict(request.user).select_related("almo").order_by("almo__name", "-held_on")
    if almo is not None:
        records, meetings = records.filter(almo=almo), meetings.filter(almo=almo)
    almo = almo or own_almo(request.user)
    party = acting_party(request.user, almo) if almo else None
    offered = [
        (SupportSource(source).label, [kind.label for kind in kinds]) for source, kinds in SUPPORT_OFFERED.items()
    ]
    return render(
        request,
        "inspections/support_list.html",
        {
            "almo": almo,
            "records": records,
            "meetings": meetings,
            "offered": offered,
            "can_add_support": party == Party.ALMO,
            "can_add_meeting": party is not None,
        },
    )


def support_add(request, almo_pk):
    almo = almo_for(request, almo_pk)
    require_almo_staff(request.user, almo)
    initial = {"requested_on": clock.today(), "basis": SupportRecord.Basis.FREE_ADVICE, "cost": 0}
    form = SupportRecordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.support_record_add(actor=request.user, almo=almo, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"The request for {record.get_support_type_display().lower()} is recorded.")
            return HttpResponseRedirect(record.get_absolute_url())
    return form_page(request, "inspections/support_form.html", {"form": form, "almo": almo})


def meeting_add(request, almo_pk):
    almo = almo_for(request, almo_pk)
    party_for(request.user, almo)
    form = SupportMeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.support_meeting_add(actor=request.user, almo=almo, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The meeting notes are saved.")
            return HttpResponseRedirect(meeting.get_absolute_url())
    return form_page(request, "inspections/meeting_form.html", {"form": form, "almo": almo})


def deadline(request, almo_pk):
    """The deadline for a successful inspection, and proposing or deciding a later one with a project plan."""
    almo = almo_for(request, almo_pk)
    today = clock.today()
    current = selectors.almo_deadline(almo, today)
    party = acting_party(request.user, almo)
    extensions = DeadlineExtension.objects.filter(almo=almo).select_related("proposed_by", "decided_by")
    open_extension = next((e for e in extensions if e.is_open), None)
    form = ExtensionForm(request.POST or None)
    if request.method == "POST":
        party_for(request.user, almo)
        if form.is_valid():
            try:
                services.extension_propose(
                    actor=request.user, almo=almo, current_deadline=current.effective, **form.cleaned_data
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, "Your proposal is sent. The other party must agree it.")
                return HttpResponseRedirect(request.path)
    return form_page(
        request,
        "inspections/deadline.html",
        {
            "almo": almo,
            "deadline": current,
            "extensions": extensions,
            "open_extension": open_extension,
            "form": form,
            "decision_form": DecisionForm(),
            "can_propose": party is not None and open_extension is None and current.applies and not current.is_met,
            "can_decide": open_extension is not None
            and party is not None
            and party != open_extension.proposed_by_party,
            "can_withdraw": open_extension is not None and party == open_extension.proposed_by_party,
        },
    )


def extension_decide(request, pk):
    extension = get_object_for(request.user, DeadlineExtension.objects.select_related("almo"), "decide", pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        agree = "agree" in request.POST
        try:
            if "withdraw" in request.POST:
                services.extension_withdraw(actor=request.user, extension=extension)
                messages.success(request, "Your proposal is withdrawn.")
            else:
                services.extension_decide(
                    actor=request.user, extension=extension, agree=agree, reason=form.cleaned_data["reason"]
                )
                messages.success(request, "The new deadline is agreed." if agree else "The proposal is declined.")
        except ValidationError as error:
            attach_errors(form, error)
        else:
            return HttpResponseRedirect(extension.get_absolute_url())
    return form_page(
        request, "inspections/extension_decide.html", {"form": form, "extension": extension, "almo": extension.almo}
    )
