"""Pages for meeting actions: every action a person can see, overdue ones first, and closing one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from agreements import services
from agreements.forms import ActionUpdateForm
from agreements.models import MeetingAction
from agreements.views.common import form_page
from core import clock
from core.forms import attach_errors
from core.pages import paginate
from organisations.access import can, get_object_for


def action_list(request):
    """`?show=overdue` for the overdue ones, `?show=all` for closed ones too; open ones by default. `?almo=<slug>`
    keeps one ALMO's, as the dashboards link to."""
    show = request.GET.get("show") or "open"
    actions = MeetingAction.objects.restrict(request.user).select_related("series__almo", "owner", "raised_at")
    if show == "overdue":
        actions = actions.overdue()
    elif show != "all":
        show, actions = "open", actions.open()
    if request.GET.get("almo"):
        actions = actions.filter(series__almo__slug=request.GET["almo"])
    return render(
        request,
        "agreements/action_list.html",
        {**paginate(request, actions.order_by("due_on", "pk")), "show": show, "today": clock.today()},
    )


def action_detail(request, pk):
    action = get_object_for(
        request.user, MeetingAction.objects.select_related("series__almo", "owner", "raised_at"), pk=pk
    )
    return render(
        request,
        "agreements/action_detail.html",
        {
            "action": action,
            "can_change": can(request.user, action, "change"),
            "crumbs": [
                ("Meetings", reverse("agreements:meeting_list")),
                (str(action.series), action.series.get_absolute_url()),
            ],
        },
    )


def action_update(request, pk):
    action = get_object_for(request.user, MeetingAction.objects.select_related("series"), "change", pk=pk)
    form = ActionUpdateForm(request.POST or None, initial={"status": action.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(actor=request.user, action=action, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The action is updated.")
            return HttpResponseRedirect(action.get_absolute_url())
    return form_page(
        request,
        form,
        title="Update the action",
        caption=str(action),
        button="Save",
        back=action.get_absolute_url(),
        crumbs=[
            ("Meetings", reverse("agreements:meeting_list")),
            (str(action.series), action.series.get_absolute_url()),
        ],
    )
