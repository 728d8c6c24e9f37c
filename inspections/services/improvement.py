"""The improvement plan, the support the ALMO takes, progress meetings, and extending the deadline by agreement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.dates import govuk_date
from core.history import create_as, save_as
from inspections.models import (
    Answer,
    DeadlineExtension,
    ImprovementAction,
    ProgressNote,
    Recommendation,
    SupportMeeting,
    SupportRecord,
)
from inspections.services.parties import party_for, require_almo_staff
from organisations import joint_agreement
from organisations.notifications import notify_party


@transaction.atomic
def action_create(
    *,
    actor,
    almo,
    title: str,
    owner: str,
    due_on: dt.date,
    detail: str = "",
    answer: Answer | None = None,
    recommendation: Recommendation | None = None,
) -> ImprovementAction:
    """An action in the ALMO's improvement plan, from a gap in a self-assessment, a recommendation, or neither."""
    require_almo_staff(actor, almo)
    if answer is not None and answer.assessment.almo_id != almo.pk:
        raise ValidationError({"answer": "Choose a gap in this ALMO's own self-assessment."})
    if recommendation is not None and recommendation.inspection.almo_id != almo.pk:
        raise ValidationError({"recommendation": "Choose a recommendation made to this ALMO."})
    origin = ImprovementAction.Origin.OTHER
    if answer is not None:
        origin = ImprovementAction.Origin.GAP
    elif recommendation is not None:
        origin = ImprovementAction.Origin.RECOMMENDATION
    return create_as(
        actor,
        ImprovementAction,
        almo=almo,
        title=(title or "").strip(),
        detail=(detail or "").strip(),
        owner=(owner or "").strip(),
        due_on=due_on,
        origin=origin,
        answer=answer,
        recommendation=recommendation,
    )


@transaction.atomic
def action_progress(*, actor, action: ImprovementAction, status: str, note: str = "", due_on=None):
    """Record progress: a new status, a note, perhaps a new due date. Something must change."""
    action = ImprovementAction.objects.select_for_update().get_for(actor, "change", pk=action.pk)
    note = (note or "").strip()
    if status not in ImprovementAction.Status.values:
        raise ValidationError({"status": "Choose not started, in progress or done."})
    due_on = due_on or action.due_on
    if status == action.status and not note and due_on == action.due_on:
        raise ValidationError({"note": "Add a progress note, or change the status or due date."})
    if status == ImprovementAction.Status.DONE and action.status != status:
        action.completed_on = timezone.localdate()
    elif status != ImprovementAction.Status.DONE:
        action.completed_on = None
    action.status, action.due_on = status, due_on
    save_as(actor, action)
    if note:
        create_as(actor, ProgressNote, action=action, text=note, author=actor)
    return action


@transaction.atomic
def support_record_add(
    *,
    actor,
    almo,
    source: str,
    support_type: str,
    provider: str,
    requested_on: dt.date,
    basis: str,
    cost: Decimal | None = None,
    description: str = "",
    agreed_with_government_office: bool = False,
    status: str = SupportRecord.Status.REQUESTED,
) -> SupportRecord:
    require_almo_staff(actor, almo)
    return create_as(
        actor,
        SupportRecord,
        almo=almo,
        source=source,
        support_type=support_type,
        provider=(provider or "").strip(),
        requested_on=requested_on,
        basis=basis,
        cost=cost or Decimal("0"),
        description=(description or "").strip(),
        agreed_with_government_office=agreed_with_government_office,
        status=status,
    )


@transaction.atomic
def support_meeting_add(
    *, actor, almo, held_on: dt.date, attendees: str, notes: str, next_meeting_on=None
) -> SupportMeeting:
    party_for(actor, almo)
    if next_meeting_on and next_meeting_on <= held_on:
        raise ValidationError({"next_meeting_on": "The next meeting must be after this one."})
    return create_as(
        actor,
        SupportMeeting,
        almo=almo,
        held_on=held_on,
        attendees=(attendees or "").strip(),
        notes=(notes or "").strip(),
        next_meeting_on=next_meeting_on,
    )


@transaction.atomic
def extension_propose(*, actor, almo, new_deadline: dt.date, project_plan: str, current_deadline: dt.date | None):
    """Propose a later deadline with its project plan; the other party decides. One open proposal at a time."""
    party_for(actor, almo)
    if DeadlineExtension.objects.select_for_update().filter(almo=almo).open().exists():
        raise ValidationError("A deadline extension is already waiting for a decision.")
    errors = {}
    if current_deadline and new_deadline <= current_deadline:
        errors["new_deadline"] = f"The new deadline must be after the current one, {govuk_date(current_deadline)}."
    if not (project_plan or "").strip():
        errors["project_plan"] = "Describe the project plan and improvement strategy behind the new date."
    if errors:
        raise ValidationError(errors)
    extension = DeadlineExtension(almo=almo, new_deadline=new_deadline, project_plan=project_plan.strip())
    deciding = joint_agreement.propose(actor, extension, almo)
    save_as(actor, extension)
    notify_party(
        almo=almo,
        party=deciding,
        subject="A deadline extension needs your decision",
        message=f"A later deadline of {govuk_date(new_deadline)} for {almo.name}'s successful inspection is proposed.",
        link=reverse("inspections:deadline", args=[almo.pk]),
        except_user=actor,
    )
    return extension


@transaction.atomic
def extension_decide(*, actor, extension: DeadlineExtension, agree: bool, reason: str = "") -> DeadlineExtension:
    extension = (
        DeadlineExtension.objects.select_for_update().select_related("almo").get_for(actor, "decide", pk=extension.pk)
    )
    joint_agreement.decide(actor, extension, extension.almo, agree=agree, reason=reason)
    save_as(actor, extension)
    notify_party(
        almo=extension.almo,
        party=extension.proposed_by_party,
        subject="Your deadline extension has been decided",
        message=f"The deadline extension to {govuk_date(extension.new_deadline)} was "
        f"{'agreed' if agree else 'declined'}.",
        link=reverse("inspections:deadline", args=[extension.almo_id]),
        except_user=actor,
    )
    return extension


@transaction.atomic
def extension_withdraw(*, actor, extension: DeadlineExtension) -> DeadlineExtension:
    extension = (
        DeadlineExtension.objects.select_for_update().select_related("almo").get_for(actor, "withdraw", pk=extension.pk)
    )
    joint_agreement.withdraw(actor, extension, extension.almo)
    return save_as(actor, extension)
