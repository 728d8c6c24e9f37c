"""Writing meetings: series, dates with an agenda made from live data, minutes, and actions that carry over."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from agreements.agenda import agenda_for
from agreements.models import AgendaItem, Meeting, MeetingAction, MeetingSeries
from agreements.selectors import meeting_people
from core import clock
from core.dates import govuk_date
from core.history import create_as, delete_as, save_as
from core.registries import agenda_sources
from organisations.joint_agreement import party_for
from organisations.models import Almo
from organisations.notifications import notify

SERIES_FIELDS = ["kind", "name", "frequency", "chair", "chair_name", "outside_members", "is_active"]
# Added items follow the generated ones, which take positions below this.
ADDED_FROM = 10_000


def _check_people(almo, chair=None, members=(), owner=None) -> None:
    allowed = set(meeting_people(almo).values_list("pk", flat=True))
    if chair is not None and chair.pk not in allowed:
        raise ValidationError({"chair": "Choose a chair from the ALMO's staff or the council's officers."})
    if any(member.pk not in allowed for member in members):
        raise ValidationError({"members": "Members must be the ALMO's staff or the council's officers."})
    if owner is not None and owner.pk not in allowed:
        raise ValidationError({"owner": "Choose an owner from the ALMO's staff or the council's officers."})


@transaction.atomic
def series_save(*, actor, almo: Almo, series: MeetingSeries | None = None, members=(), **fields) -> MeetingSeries:
    """Set up a standing meeting, or change one: either party's officers keep the meetings."""
    almo = Almo.objects.get_for(actor, pk=almo.pk)
    party_for(actor, almo)
    if series is None:
        series = MeetingSeries(almo=almo)
    else:
        series = MeetingSeries.objects.select_for_update().get_for(actor, "change", pk=series.pk, almo=almo)
    for name in SERIES_FIELDS:
        if name in fields:
            setattr(series, name, fields[name])
    _check_people(almo, chair=series.chair, members=members)
    save_as(actor, series)
    series.members.set(members)
    return series


@transaction.atomic
def meeting_schedule(*, actor, series: MeetingSeries, held_on: dt.date, location: str = "") -> Meeting:
    """Put a date in the series' diary; the agenda is made at once from live data."""
    series = MeetingSeries.objects.select_for_update().select_related("almo").get_for(actor, "change", pk=series.pk)
    if not series.is_active:
        raise ValidationError("This meeting series has stopped. Start it again before adding dates.")
    if Meeting.objects.filter(series=series, held_on=held_on).exists():
        raise ValidationError({"held_on": "This meeting already has a date on this day."})
    meeting = create_as(actor, Meeting, series=series, held_on=held_on, location=location)
    agenda_build(actor=actor, meeting=meeting)
    return meeting


@transaction.atomic
def agenda_build(*, actor, meeting: Meeting) -> int:
    """Make the agenda's items again from every source; items people added stay. Returns how many were made."""
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("series__almo")
        .get_for(actor, "change", pk=meeting.pk)
    )
    if not meeting.is_open:
        raise ValidationError("The minutes are recorded, so the agenda is kept as it was at the meeting.")
    for item in AgendaItem.objects.filter(meeting=meeting).exclude(source=AgendaItem.ADDED):
        delete_as(actor, item)
    made = 0
    asked = agenda_for(meeting)
    for source in agenda_sources:
        for index, line in enumerate(source.lines(asked)):
            create_as(
                actor,
                AgendaItem,
                meeting=meeting,
                source=source.key,
                heading=source.heading,
                position=source.order * 100 + index,
                title=line.title[:300],
                detail=line.detail,
                reference=line.reference[:300],
                rag=line.rag,
            )
            made += 1
    meeting.agenda_made_at = timezone.now()
    save_as(actor, meeting, update_fields=["agenda_made_at"])
    return made


@transaction.atomic
def agenda_item_add(*, actor, meeting: Meeting, title: str, detail: str = "", reference: str = "") -> AgendaItem:
    meeting = Meeting.objects.select_for_update().get_for(actor, "change", pk=meeting.pk)
    if not meeting.is_open:
        raise ValidationError("The minutes are recorded, so the agenda cannot change.")
    last = AgendaItem.objects.filter(meeting=meeting, position__gte=ADDED_FROM).aggregate(n=Max("position"))["n"]
    return create_as(
        actor,
        AgendaItem,
        meeting=meeting,
        heading="Other business",
        position=(last or ADDED_FROM - 1) + 1,
        title=title,
        detail=detail,
        reference=reference,
    )


@transaction.atomic
def minutes_record(
    *, actor, meeting: Meeting, summary: str, attendees: str = "", apologies: str = "", items: dict | None = None
) -> Meeting:
    """Record what was said and decided, item by item. Only once the meeting has happened."""
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("series__almo")
        .get_for(actor, "change", pk=meeting.pk)
    )
    party_for(actor, meeting.series.almo)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("This meeting was cancelled, so it has no minutes.")
    if not meeting.has_happened:
        raise ValidationError(
            {"summary": f"The meeting is on {govuk_date(meeting.held_on)}. Record its minutes once it has happened."}
        )
    if not (summary or "").strip():
        raise ValidationError({"summary": "Enter the minutes of the meeting."})
    for item in AgendaItem.objects.filter(meeting=meeting, pk__in=list(items or {})):
        notes = items[item.pk]
        item.minutes, item.decision = notes.get("minutes", "").strip(), notes.get("decision", "").strip()
        save_as(actor, item, update_fields=["minutes", "decision"])
    meeting.summary, meeting.attendees, meeting.apologies = summary.strip(), attendees.strip(), apologies.strip()
    meeting.status, meeting.minuted_at, meeting.minuted_by = Meeting.Status.MINUTED, timezone.now(), actor
    save_as(actor, meeting)
    return meeting


@transaction.atomic
def action_raise(
    *, actor, meeting: Meeting, description: str, due_on: dt.date, owner=None, owner_name: str = ""
) -> MeetingAction:
    """An action from a meeting: it appears on every later agenda of the series until it is closed."""
    meeting = Meeting.objects.select_related("series__almo").get_for(actor, "change", pk=meeting.pk)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("This meeting was cancelled, so it raises no actions.")
    if due_on is not None and due_on < meeting.held_on:
        raise ValidationError({"due_on": "The action cannot be due before the meeting that raised it."})
    _check_people(meeting.series.almo, owner=owner)
    action = create_as(
        actor,
        MeetingAction,
        series=meeting.series,
        raised_at=meeting,
        description=(description or "").strip(),
        due_on=due_on,
        owner=owner,
        owner_name=(owner_name or "").strip(),
    )
    if owner is not None and owner != actor:
        notify(
            people=[owner],
            subject="An action for you",
            message=f"You own an action from {meeting}, due {govuk_date(due_on)}.",
            link=action.get_absolute_url(),
        )
    return action


@transaction.atomic
def action_update(*, actor, action: MeetingAction, status: str, closing_note: str = "", due_on=None) -> MeetingAction:
    """Close an action (done, or no longer needed), open it again, or move its due date."""
    action = MeetingAction.objects.select_for_update().get_for(actor, "change", pk=action.pk)
    if status not in MeetingAction.Status.values:
        raise ValidationError({"status": "Choose whether the action is open, done or no longer needed."})
    if status != MeetingAction.Status.OPEN and not (closing_note or "").strip():
        raise ValidationError({"closing_note": "Say what was done, or why the action is no longer needed."})
    action.status = status
    action.closing_note = (closing_note or "").strip()
    action.closed_on = None if status == MeetingAction.Status.OPEN else clock.today()
    if due_on is not None:
        action.due_on = due_on
    return save_as(actor, action)
