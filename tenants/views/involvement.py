"""Involvement pages: an ALMO's groups, their members, meetings and recommendations, and its board places."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from core.forms import attach_errors
from core.pages import paginate
from organisations.access import can, get_object_for
from organisations.models import Almo, BoardMember
from tenants import services
from tenants.forms.involvement import GroupForm, LeaveForm, MeetingForm, MemberForm, RecommendationForm, ResponseForm
from tenants.models import GroupMeeting, GroupMember, InvolvementGroup, Recommendation
from tenants.views import chosen_almo, staff_almos, status_for

LIST_CRUMB = ("Tenant involvement", reverse_lazy("tenants:group_list"))


def _group_crumbs(group: InvolvementGroup, *extra) -> list:
    return [LIST_CRUMB, (group.name, group.get_absolute_url()), *extra]


def group_list(request):
    groups = (
        InvolvementGroup.objects.restrict(request.user)
        .select_related("almo")
        .annotate(
            current_members=Count("members", filter=Q(members__left_on__isnull=True), distinct=True),
            awaiting=Count("recommendations", filter=Q(recommendations__status="awaiting"), distinct=True),
        )
        .order_by("almo__name", "name")
    )
    almos = Almo.objects.restrict(request.user).order_by("name")
    return render(
        request,
        "tenants/group_list.html",
        {**paginate(request, groups), "almos": almos, "can_create": bool(staff_almos(request.user))},
    )


@require_http_methods(["GET", "POST"])
def group_create(request):
    almo = chosen_almo(request)
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(actor=request.user, almo=almo, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{group.name} is added. Add its members and meetings.")
            return HttpResponseRedirect(group.get_absolute_url())
    context = {"form": form, "almo": almo, "crumbs": [LIST_CRUMB, ("Add a group", None)], "heading": "Add a group"}
    return render(request, "tenants/form_page.html", context, status=status_for(form))


@require_http_methods(["GET", "POST"])
def group_edit(request, pk):
    group = get_object_for(request.user, InvolvementGroup.objects.select_related("almo"), "change", pk=pk)
    fields = ["name", "kind", "purpose", "founded_on", "is_active"]
    form = GroupForm(request.POST or None, initial={name: getattr(group, name) for name in fields})
    if request.method == "POST" and form.is_valid():
        try:
            services.group_update(actor=request.user, group=group, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The group's details are saved.")
            return HttpResponseRedirect(group.get_absolute_url())
    context = {
        "form": form,
        "almo": group.almo,
        "crumbs": _group_crumbs(group, ("Change details", None)),
        "heading": f"Change {group.name}",
    }
    return render(request, "tenants/form_page.html", context, status=status_for(form))


def group_detail(request, pk):
    group = get_object_for(
        request.user,
        InvolvementGroup.objects.select_related("almo").prefetch_related(
            Prefetch("members", queryset=GroupMember.objects.select_related("board_seat")),
            "meetings",
            Prefetch("recommendations", queryset=Recommendation.objects.select_related("meeting")),
        ),
        pk=pk,
    )
    return render(
        request,
        "tenants/group_detail.html",
        {"group": group, "can_change": can(request.user, group, "change"), "crumbs": _group_crumbs(group)},
    )


def _group_form_page(request, pk, form_class, heading, save, form_kwargs=None):
    """A page adding one thing to a group: a member, a meeting or a recommendation."""
    group = get_object_for(request.user, InvolvementGroup.objects.select_related("almo"), "change", pk=pk)
    kwargs = form_kwargs(group) if form_kwargs else {}
    form = form_class(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            message = save(group, form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, message)
            return HttpResponseRedirect(group.get_absolute_url())
    context = {"form": form, "almo": group.almo, "crumbs": _group_crumbs(group, (heading, None)), "heading": heading}
    return render(request, "tenants/form_page.html", context, status=status_for(form))


def _seats(group: InvolvementGroup):
    categories = [BoardMember.Category.TENANT, BoardMember.Category.LEASEHOLDER]
    return BoardMember.objects.filter(board__almo=group.almo, category__in=categories).order_by("name")


@require_http_methods(["GET", "POST"])
def member_add(request, pk):
    def save(group, data):
        services.member_add(actor=request.user, group=group, **data)
        return f"{data['name']} is added to the group."

    return _group_form_page(request, pk, MemberForm, "Add a member", save, lambda g: {"seats": _seats(g)})


@require_http_methods(["GET", "POST"])
def meeting_add(request, pk):
    def save(group, data):
        services.meeting_record(actor=request.user, group=group, **data)
        return "The meeting is recorded."

    return _group_form_page(request, pk, MeetingForm, "Record a meeting", save)


@require_http_methods(["GET", "POST"])
def recommendation_add(request, pk):
    def save(group, data):
        services.recommendation_record(actor=request.user, group=group, **data)
        return "The recommendation is recorded. The ALMO now owes the group a response."

    def meetings(group):
        return {"meetings": GroupMeeting.objects.filter(group=group)}

    return _group_form_page(request, pk, RecommendationForm, "Record a recommendation", save, meetings)


@require_http_methods(["GET", "POST"])
def member_leave(request, pk):
    member = get_object_for(request.user, GroupMember.objects.select_related("group__almo"), "change", pk=pk)
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_leave(actor=request.user, member=member, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{member.name} is recorded as having left the group.")
            return HttpResponseRedirect(member.group.get_absolute_url())
    heading = f"{member.name} leaves the group"
    context = {
        "form": form,
        "almo": member.group.almo,
        "crumbs": _group_crumbs(member.group, (heading, None)),
        "heading": heading,
    }
    return render(request, "tenants/form_page.html", context, status=status_for(form))


@require_http_methods(["GET", "POST"])
def recommendation_detail(request, pk):
    recommendation = get_object_for(
        request.user,
        Recommendation.objects.select_related("group__almo", "meeting", "responded_by"),
        pk=pk,
    )
    may_respond = can(request.user, recommendation, "respond")
    form = ResponseForm(request.POST or None, initial={"status": None, "response": recommendation.response})
    if request.method == "POST":
        get_object_for(request.user, Recommendation, "respond", pk=pk)
        if form.is_valid():
            try:
                services.recommendation_respond(actor=request.user, recommendation=recommendation, **form.cleaned_data)
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, "The ALMO's response is saved, and the council is told.")
                return HttpResponseRedirect(recommendation.get_absolute_url())
    context = {
        "recommendation": recommendation,
        "form": form,
        "may_respond": may_respond,
        "crumbs": _group_crumbs(recommendation.group, (recommendation.title, None)),
    }
    return render(request, "tenants/recommendation_detail.html", context, status=status_for(form))


def board_places(request, slug):
    """The tenant and leaseholder places on an ALMO's board, and the involved tenants who hold them."""
    almo = get_object_for(request.user, Almo, slug=slug)
    categories = [BoardMember.Category.TENANT, BoardMember.Category.LEASEHOLDER]
    seats = (
        BoardMember.objects.restrict(request.user)
        .filter(board__almo=almo, category__in=categories)
        .prefetch_related(Prefetch("involvement_memberships", queryset=GroupMember.objects.select_related("group")))
        .order_by("term_end", "name")
    )
    return render(
        request,
        "tenants/board_places.html",
        {"almo": almo, "seats": seats, "crumbs": [LIST_CRUMB, (f"{almo.name} board places", None)]},
    )
