"""Involvement structures: the ALMO's staff keep its groups, members and meetings, and respond to recommendations.

A response to a recommendation is the ALMO's answer to its tenants; the council is told, since it monitors how
the ALMO involves them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from core import clock
from core.history import create_as, save_as
from organisations.access import Party, acting_party
from organisations.models import Almo, BoardMember
from organisations.notifications import notify_party
from tenants.models import GroupMeeting, GroupMember, InvolvementGroup, Recommendation

GROUP_FIELDS = ["name", "kind", "purpose", "founded_on", "is_active"]


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _group_for_change(actor, group: InvolvementGroup) -> InvolvementGroup:
    return InvolvementGroup.objects.select_for_update(of=("self",)).get_for(actor, "change", pk=group.pk)


@transaction.atomic
def group_create(*, actor, almo: Almo, **fields) -> InvolvementGroup:
    almo = Almo.objects.get_for(actor, pk=almo.pk)
    if acting_party(actor, almo) != Party.ALMO:
        raise PermissionDenied("Only the ALMO's staff can record its involvement groups.")
    values = {name: _strip(fields[name]) for name in GROUP_FIELDS if name in fields}
    return create_as(actor, InvolvementGroup, almo=almo, **values)


@transaction.atomic
def group_update(*, actor, group: InvolvementGroup, **fields) -> InvolvementGroup:
    group = _group_for_change(actor, group)
    for name in GROUP_FIELDS:
        if name in fields:
            setattr(group, name, _strip(fields[name]))
    return save_as(actor, group)


@transaction.atomic
def member_add(
    *, actor, group: InvolvementGroup, name: str, tenure: str, office: str, joined_on, board_seat=None
) -> GroupMember:
    group = _group_for_change(actor, group)
    if board_seat is not None:
        board_seat = BoardMember.objects.get_for(actor, pk=board_seat.pk)
    return create_as(
        actor,
        GroupMember,
        group=group,
        name=_strip(name),
        tenure=tenure,
        office=office,
        joined_on=joined_on,
        board_seat=board_seat,
    )


@transaction.atomic
def member_leave(*, actor, member: GroupMember, left_on) -> GroupMember:
    member = GroupMember.objects.select_for_update(of=("self",)).get_for(actor, "change", pk=member.pk)
    if member.left_on is not None:
        raise ValidationError("This member has already left the group.")
    member.left_on = left_on
    return save_as(actor, member)  # all fields: the check that a member leaves after joining spans two


@transaction.atomic
def meeting_record(*, actor, group: InvolvementGroup, held_on, subject: str, attendance=None, notes="") -> GroupMeeting:
    group = _group_for_change(actor, group)
    return create_as(
        actor, GroupMeeting, group=group, held_on=held_on, subject=_strip(subject), attendance=attendance, notes=notes
    )


@transaction.atomic
def recommendation_record(
    *, actor, group: InvolvementGroup, title: str, detail: str, made_on, respond_by=None, meeting=None
) -> Recommendation:
    """Record a group's recommendation; the ALMO then owes it a response."""
    group = _group_for_change(actor, group)
    if meeting is not None and meeting.group_id != group.pk:
        raise ValidationError({"meeting": "Choose one of this group's own meetings."})
    return create_as(
        actor,
        Recommendation,
        group=group,
        meeting=meeting,
        title=_strip(title),
        detail=_strip(detail),
        made_on=made_on,
        respond_by=respond_by,
    )


@transaction.atomic
def recommendation_respond(*, actor, recommendation: Recommendation, status: str, response: str) -> Recommendation:
    """The ALMO's response: accepted, partly accepted or not accepted, and why. It can be revised later."""
    recommendation = (
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("group__almo")
        .get_for(actor, "respond", pk=recommendation.pk)
    )
    errors = {}
    if status not in (
        Recommendation.Status.ACCEPTED,
        Recommendation.Status.PARTLY_ACCEPTED,
        Recommendation.Status.NOT_ACCEPTED,
    ):
        errors["status"] = "Choose whether the ALMO accepts the recommendation."
    if not _strip(response):
        errors["response"] = "Enter the ALMO's response, saying what it will do and by when, or why not."
    if errors:
        raise ValidationError(errors)
    recommendation.status, recommendation.response = status, _strip(response)
    recommendation.responded_by, recommendation.responded_on = actor, clock.today()
    save_as(actor, recommendation)
    notify_party(
        almo=recommendation.group.almo,
        party=Party.COUNCIL,
        subject="An ALMO responded to its tenants",
        message=(
            f"{recommendation.group.almo.name} responded to {recommendation.group.name}'s recommendation "
            f"'{recommendation.title}': {recommendation.get_status_display().lower()}."
        ),
        link=reverse("tenants:recommendation_detail", args=[recommendation.pk]),
        except_user=actor,
    )
    return recommendation
