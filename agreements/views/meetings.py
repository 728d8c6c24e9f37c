"""Pages for meetings: series, a meeting's agenda and minutes, actions, and the agenda pack as a PDF."""

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from agreements import services
from agreements.forms import ActionForm, AgendaItemForm, MeetingForm, MinutesForm, SeriesForm
from agreements.models import Meeting, MeetingSeries
from agreements.selectors import meeting_people
from agreements.views.common import almos_acted_for, form_page
from core import clock
from core.forms import attach_errors, flash_errors
from organisations.access import acting_party, can, get_object_for
from organisations.models import Almo


def _crumbs(*records):
    crumbs = [("Meetings", reverse("agreements:meeting_list"))]
    crumbs += [(str(record), record.get_absolute_url()) for record in records]
    return crumbs


def meeting_list(request):
    user = request.user
    series = list(MeetingSeries.objects.restrict(user).select_related("almo", "chair").order_by("almo__name", "name"))
    upcoming = Meeting.objects.restrict(user).upcoming().select_related("series__almo").order_by("held_on", "pk")[:20]
    return render(
        request,
        "agreements/meeting_list.html",
        {"series": series, "upcoming": upcoming, "almos": almos_acted_for(user), "today": clock.today()},
    )


def series_form(request, almo_pk=None, pk=None):
    """Set up a standing meeting for an ALMO, or (with `pk`) change one."""
    series = None
    if pk is not None:
        series = get_object_for(request.user, MeetingSeries.objects.select_related("almo"), "change", pk=pk)
        almo = series.almo
    else:
        almo = get_object_for(request.user, Almo, pk=almo_pk)
        if acting_party(request.user, almo) is None:
            raise PermissionDenied("Only the ALMO's staff or its council's officers set up its meetings.")
    form = SeriesForm(request.POST or None, instance=series, people=meeting_people(almo))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        members = data.pop("members")
        try:
            series = services.series_save(actor=request.user, almo=almo, series=series, members=members, **data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The meeting is saved. Add its dates to make their agendas.")
            return HttpResponseRedirect(series.get_absolute_url())
    return form_page(
        request,
        form,
        title="Change the meeting" if series else "Set up a meeting",
        caption=almo.name,
        button="Save the meeting",
        back=series.get_absolute_url() if series else reverse("agreements:meeting_list"),
        crumbs=_crumbs(*([series] if series else [])),
    )


def series_detail(request, pk):
    series = get_object_for(request.user, MeetingSeries.objects.select_related("almo", "chair"), pk=pk)
    return render(
        request,
        "agreements/series_detail.html",
        {
            "series": series,
            "members": series.members.order_by("last_name", "first_name"),
            "meetings": series.meetings.order_by("-held_on"),
            "actions": series.actions.open().select_related("owner", "raised_at"),
            "can_change": can(request.user, series, "change"),
            "crumbs": _crumbs(),
        },
    )


def meeting_schedule(request, pk):
    series = get_object_for(request.user, MeetingSeries.objects.select_related("almo"), "change", pk=pk)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(actor=request.user, series=series, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The meeting is in the diary, with an agenda made from the latest figures.")
            return HttpResponseRedirect(meeting.get_absolute_url())
    return form_page(
        request,
        form,
        title="Add a meeting date",
        caption=str(series),
        button="Add the date and make the agenda",
        back=series.get_absolute_url(),
        crumbs=_crumbs(series),
    )


def meeting_detail(request, pk):
    meeting = get_object_for(request.user, Meeting.objects.select_related("series__almo", "minuted_by"), pk=pk)
    items = list(meeting.items.order_by("position", "pk"))
    may_change = can(request.user, meeting, "change")
    return render(
        request,
        "agreements/meeting_detail.html",
        {
            "meeting": meeting,
            "series": meeting.series,
            "agenda": [(heading, list(group)) for heading, group in groupby(items, key=lambda i: i.heading)],
            "raised": meeting.actions_raised.select_related("owner").order_by("due_on", "pk"),
            "can_change": may_change and meeting.is_open,
            "can_minute": may_change and meeting.is_open and meeting.has_happened,
            "can_act": may_change and meeting.status != Meeting.Status.CANCELLED,
            "crumbs": _crumbs(meeting.series),
        },
    )


@require_POST
def agenda_refresh(request, pk):
    meeting = get_object_for(request.user, Meeting, "change", pk=pk)
    try:
        made = services.agenda_build(actor=request.user, meeting=meeting)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, f"The agenda is made again from the latest figures: {made} items from live data.")
    return HttpResponseRedirect(meeting.get_absolute_url())


def agenda_item_add(request, pk):
    meeting = get_object_for(request.user, Meeting.objects.select_related("series"), "change", pk=pk)
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_add(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The item is on the agenda.")
            return HttpResponseRedirect(meeting.get_absolute_url())
    return form_page(
        request,
        form,
        title="Add an agenda item",
        caption=str(meeting),
        button="Add the item",
        back=meeting.get_absolute_url(),
        crumbs=_crumbs(meeting.series, meeting),
    )


def minutes_record(request, pk):
    meeting = get_object_for(request.user, Meeting.objects.select_related("series"), "change", pk=pk)
    items = meeting.items.order_by("position", "pk")
    form = MinutesForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("summary", "attendees", "apologies")}
        try:
            services.minutes_record(actor=request.user, meeting=meeting, items=form.item_notes(), **data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The minutes are recorded.")
            return HttpResponseRedirect(meeting.get_absolute_url())
    return form_page(
        request,
        form,
        title="Record the minutes",
        caption=str(meeting),
        button="Save the minutes",
        back=meeting.get_absolute_url(),
        crumbs=_crumbs(meeting.series, meeting),
    )


def action_raise(request, pk):
    meeting = get_object_for(request.user, Meeting.objects.select_related("series__almo"), "change", pk=pk)
    form = ActionForm(request.POST or None, people=meeting_people(meeting.series.almo))
    if request.method == "POST" and form.is_valid():
        try:
            services.action_raise(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The action is recorded. It will be on every agenda until it is closed.")
            return HttpResponseRedirect(meeting.get_absolute_url())
    return form_page(
        request,
        form,
        title="Raise an action",
        caption=str(meeting),
        button="Raise the action",
        back=meeting.get_absolute_url(),
        crumbs=_crumbs(meeting.series, meeting),
    )
