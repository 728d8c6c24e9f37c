"""The improvement plan: actions from gaps and recommendations, their progress, overdue ones in red."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render

from core import clock
from core.forms import attach_errors
from core.pages import paginate
from core.working_days import add_working_days
from inspections import services
from inspections.forms.improvement import ActionForm, ProgressForm
from inspections.models import Answer, ImprovementAction, Recommendation
from inspections.services.parties import require_almo_staff
from inspections.views.common import almo_for, almo_from_query, form_page, own_almo
from organisations.access import Party, acting_party, get_object_for

# A remedial plan is due within 20 working days: the default for an action made from a gap or recommendation.
ACTION_WORKING_DAYS = 20


def action_list(request):
    almo = almo_from_query(request)
    today = clock.today()
    actions = (
        ImprovementAction.objects.restrict(request.user)
        .with_overdue(today)
        .select_related("almo", "answer__question", "recommendation__inspection")
        .order_by("almo__name", "due_on", "pk")
    )
    if almo is not None:
        actions = actions.filter(almo=almo)
    status = request.GET.get("status") or ""
    if status == "open":
        actions = actions.open()
    elif status == "overdue":
        actions = actions.overdue(today)
    return render(
        request,
        "inspections/action_list.html",
        {
            **paginate(request, actions),
            "almo": almo,
            "status": status,
            "add_to": _addable(request.user, almo),
        },
    )


def _action_form(request, almo, *, initial: dict, source: dict):
    form = ActionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_create(actor=request.user, almo=almo, **source, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"“{action.title}” is in the improvement plan.")
            return HttpResponseRedirect(action.get_absolute_url())
    return form_page(request, "inspections/action_form.html", {"form": form, "almo": almo, **source})


def action_create(request, almo_pk):
    almo = almo_for(request, almo_pk)
    require_almo_staff(request.user, almo)
    return _action_form(request, almo, initial={}, source={})


def action_from_gap(request, pk):
    answer = get_object_for(
        request.user, Answer.objects.select_related("assessment__almo", "question"), "change", pk=pk
    )
    due = add_working_days(clock.today(), ACTION_WORKING_DAYS)
    initial = {"title": f"Close the gap on {answer.question.code}", "owner": answer.owner, "due_on": due}
    return _action_form(request, answer.assessment.almo, initial=initial, source={"answer": answer})


def action_from_recommendation(request, pk):
    recommendation = get_object_for(request.user, Recommendation.objects.select_related("inspection__almo"), pk=pk)
    almo = recommendation.inspection.almo
    require_almo_staff(request.user, almo)
    start = max(recommendation.inspection.ends_on, clock.today())
    initial = {"title": recommendation.text[:200], "due_on": add_working_days(start, ACTION_WORKING_DAYS)}
    return _action_form(request, almo, initial=initial, source={"recommendation": recommendation})


def action_detail(request, pk):
    action = get_object_for(
        request.user,
        ImprovementAction.objects.with_overdue(clock.today()).select_related(
            "almo", "answer__question", "answer__assessment", "recommendation__inspection"
        ),
        pk=pk,
    )
    can_change = ImprovementAction.objects.allows(request.user, "change", action)
    form = ProgressForm(request.POST or None, initial={"status": action.status, "due_on": action.due_on})
    if request.method == "POST":
        get_object_for(request.user, ImprovementAction, "change", pk=pk)
        if form.is_valid():
            try:
                services.action_progress(actor=request.user, action=action, **form.cleaned_data)
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, "Your progress is recorded.")
                return HttpResponseRedirect(action.get_absolute_url())
    return form_page(
        request,
        "inspections/action_detail.html",
        {
            "action": action,
            "notes": action.notes.select_related("author"),
            "form": form,
            "can_change": can_change,
        },
    )


def _addable(user, almo):
    """The ALMO the list offers to add to: the one shown, or the person's own, if they are its staff."""
    target = almo or own_almo(user)
    return target if target is not None and acting_party(user, target) == Party.ALMO else None
