"""The intervention ladder: either party puts the other on it, climbs it stage by stage, and takes it off.

The party that opened an intervention holds the other to account: it escalates, serves notices, extends deadlines
and closes it. The party on the ladder answers notices. Either side records a deadline as met, as a fact both see.
Deadlines are counted in working days, so weekends and bank holidays never count.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction

from agreements.models import Deadline, Intervention, InterventionStage, InterventionStep, Notice, StageDeadline
from core import clock
from core.dates import govuk_date
from core.history import create_as, save_as
from core.working_days import add_working_days, is_working_day
from organisations.joint_agreement import other_party, party_for, party_name
from organisations.models import Almo
from organisations.notifications import notify_party


def _tell(intervention: Intervention, party: str, message: str, actor, subject: str = "Intervention ladder") -> None:
    notify_party(
        almo=intervention.almo,
        party=party,
        subject=subject,
        message=message,
        link=intervention.get_absolute_url(),
        except_user=actor,
    )


def _check_day(day: dt.date | None, field: str, *, not_before: dt.date | None = None) -> dt.date:
    day = day or clock.today()
    if day > clock.today():
        raise ValidationError({field: "The date cannot be in the future."})
    if not_before and day < not_before:
        raise ValidationError({field: f"The date cannot be before {govuk_date(not_before)}."})
    return day


def _skipped(about_party: str, below: InterventionStage | None, stage: InterventionStage) -> list[str]:
    """Names of the stages that apply to this party between `below` (exclusive) and `stage` (exclusive)."""
    stages = InterventionStage.objects.filter(position__lt=stage.position)
    if below is not None:
        stages = stages.filter(position__gt=below.position)
    return [s.name for s in stages.order_by("position") if s.applies_to(about_party)]


def _start_step(actor, intervention: Intervention, stage: InterventionStage, day: dt.date, reason: str):
    step = create_as(
        actor, InterventionStep, intervention=intervention, stage=stage, started_on=day, started_by=actor, reason=reason
    )
    for template in StageDeadline.objects.filter(stage=stage).order_by("position"):
        owed_by = (
            intervention.about_party if template.owed_by == StageDeadline.Owes.FAILING else intervention.opened_by_party
        )
        counted = template.counts_from == StageDeadline.CountsFrom.STAGE_START
        create_as(
            actor,
            Deadline,
            step=step,
            position=template.position,
            name=template.name,
            working_days=template.working_days,
            counts_from=template.counts_from,
            owed_by=owed_by,
            due_on=add_working_days(day, template.working_days) if counted else None,
        )
    return step


def _recurrence(almo: Almo, about_party: str, day: dt.date) -> Intervention | None:
    """A resolved intervention about the same party whose watch period this failure falls in."""
    return (
        Intervention.objects.filter(
            almo=almo, about_party=about_party, status=Intervention.Status.CLOSED, watch_until__gte=day
        )
        .select_related("current_stage")
        .order_by("-closed_on")
        .first()
    )


@transaction.atomic
def intervention_start(
    *,
    actor,
    almo: Almo,
    about_party: str,
    title: str,
    failure: str,
    stage: InterventionStage | None = None,
    reason: str = "",
    concern_title: str = "",
    started_on: dt.date | None = None,
) -> Intervention:
    """Put the other party on the ladder, by hand or from a performance concern, at the first stage unless a
    reason is given for starting higher. A failure that recurs soon after one was resolved starts a stage higher."""
    almo = Almo.objects.select_for_update().get_for(actor, pk=almo.pk)
    party = party_for(actor, almo)
    if about_party == party:
        raise ValidationError(
            {"about_party": f"Only {party_name(other_party(party))} can put your side on the ladder."}
        )
    day = _check_day(started_on, "started_on")
    applicable = [s for s in InterventionStage.objects.order_by("position") if s.applies_to(about_party)]
    if not applicable:
        raise ValidationError("The ladder has no stages. Ask an administrator to set them up.")
    first, reason = applicable[0], (reason or "").strip()
    previous = _recurrence(almo, about_party, day)
    if previous is not None:
        higher = [s for s in applicable if s.position > previous.current_stage.position]
        first = higher[0] if higher else previous.current_stage
        reason = reason or (
            f"The failure came back within the watch period after '{previous}' was resolved on "
            f"{govuk_date(previous.closed_on)}, so it starts one stage higher."
        )
    stage = stage or first
    if not stage.applies_to(about_party):
        raise ValidationError({"stage": f"{stage.name} applies only to the ALMO's failures."})
    if stage.position > first.position and not reason:
        raise ValidationError({"reason": f"Say why the stages before {stage.name} are skipped."})
    intervention = create_as(
        actor,
        Intervention,
        almo=almo,
        about_party=about_party,
        opened_by_party=party,
        opened_by=actor,
        title=(title or "").strip(),
        failure=(failure or "").strip(),
        concern_title=(concern_title or "").strip(),
        current_stage=stage,
        started_on=day,
    )
    _start_step(actor, intervention, stage, day, reason)
    _tell(
        intervention,
        about_party,
        f"{party_name(party).capitalize()} put your side on the intervention ladder: "
        f"{intervention.title}. Stage: {stage.name}.",
        actor,
    )
    return intervention


def _held_to_account(actor, intervention: Intervention, action: str) -> str:
    party = party_for(actor, intervention.almo)
    if party != intervention.opened_by_party:
        raise ValidationError(f"Only {party_name(intervention.opened_by_party)}, which opened this, can {action}.")
    if not intervention.is_open:
        raise ValidationError("This intervention is resolved.")
    return party


def _locked(actor, intervention: Intervention) -> Intervention:
    return (
        Intervention.objects.select_for_update(of=("self",))
        .select_related("almo", "current_stage")
        .get_for(actor, "change", pk=intervention.pk)
    )


@transaction.atomic
def intervention_escalate(
    *, actor, intervention: Intervention, stage: InterventionStage, reason: str = "", started_on=None
) -> Intervention:
    """Move up the ladder. Skipping a stage needs a reason; moving down is done by resolving the intervention."""
    intervention = _locked(actor, intervention)
    _held_to_account(actor, intervention, "escalate it")
    current = intervention.current_stage
    if stage.position <= current.position:
        raise ValidationError({"stage": f"Choose a stage above {current.name}."})
    if not stage.applies_to(intervention.about_party):
        raise ValidationError({"stage": f"{stage.name} applies only to the ALMO's failures."})
    reason = (reason or "").strip()
    skipped = _skipped(intervention.about_party, current, stage)
    if skipped and not reason:
        raise ValidationError({"reason": f"Say why you are skipping: {', '.join(skipped)}."})
    current_step = InterventionStep.objects.select_for_update().get(intervention=intervention, stage=current)
    day = _check_day(started_on, "started_on", not_before=current_step.started_on)
    current_step.ended_on = day
    save_as(actor, current_step, update_fields=["ended_on"])
    _start_step(actor, intervention, stage, day, reason)
    intervention.current_stage = stage
    save_as(actor, intervention, update_fields=["current_stage"])
    message = f"{intervention.title} moved to: {stage.name}."
    if stage.is_options_appraisal:
        message += " Tenants must be consulted on any option for the ALMO's future."
    for party in (intervention.about_party, intervention.opened_by_party):
        _tell(intervention, party, message, actor)
    return intervention


@transaction.atomic
def deadline_meet(*, actor, deadline: Deadline, met_on=None, note: str = "") -> Deadline:
    """Record a deadline as met; the deadline after it, if it counts from this one, now has its date."""
    deadline = (
        Deadline.objects.select_for_update()
        .select_related("step__intervention__almo")
        .get_for(actor, "change", pk=deadline.pk)
    )
    party_for(actor, deadline.step.intervention.almo)
    if deadline.met_on:
        raise ValidationError("This deadline is already recorded as met.")
    if deadline.due_on is None:
        raise ValidationError("This deadline starts when the one before it is met.")
    deadline.met_on = _check_day(met_on, "met_on", not_before=deadline.step.started_on)
    deadline.note = (note or "").strip()
    save_as(actor, deadline, update_fields=["met_on", "note"])
    following = Deadline.objects.filter(step=deadline.step, position=deadline.position + 1, due_on__isnull=True).first()
    if following is not None and following.counts_from == StageDeadline.CountsFrom.PREVIOUS_MET:
        following.due_on = add_working_days(deadline.met_on, following.working_days)
        save_as(actor, following, update_fields=["due_on"])
    return deadline


@transaction.atomic
def deadline_extend(*, actor, deadline: Deadline, due_on: dt.date, reason: str) -> Deadline:
    """The party holding the other to account may give more time, to a working day, with a reason."""
    deadline = (
        Deadline.objects.select_for_update()
        .select_related("step__intervention__almo")
        .get_for(actor, "change", pk=deadline.pk)
    )
    _held_to_account(actor, deadline.step.intervention, "give more time")
    if deadline.met_on:
        raise ValidationError("This deadline is already met.")
    if due_on is None or due_on < clock.today():
        raise ValidationError({"due_on": "The new date cannot be in the past."})
    if not is_working_day(due_on):
        raise ValidationError({"due_on": f"{govuk_date(due_on)} is a weekend or a bank holiday. Choose a working day."})
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why more time is given."})
    deadline.note = f"Moved from {govuk_date(deadline.due_on)}: {reason.strip()}"
    deadline.due_on = due_on
    return save_as(actor, deadline, update_fields=["due_on", "note"])


@transaction.atomic
def notice_serve(
    *, actor, intervention: Intervention, subject: str, text: str, response_working_days: int = 20, served_on=None
) -> Notice:
    """A notice on the party on the ladder, at the current stage; its reply is due in working days."""
    intervention = _locked(actor, intervention)
    party = _held_to_account(actor, intervention, "serve a notice")
    step = InterventionStep.objects.get(intervention=intervention, stage=intervention.current_stage)
    day = _check_day(served_on, "served_on", not_before=step.started_on)
    days = response_working_days or 0
    notice = Notice(
        step=step,
        served_by_party=party,
        served_by=actor,
        served_on=day,
        subject=(subject or "").strip(),
        text=(text or "").strip(),
        response_working_days=days,
        response_due_on=add_working_days(day, days) if 0 < days <= 120 else day,
    )
    save_as(actor, notice)
    _tell(
        intervention,
        intervention.about_party,
        f"A notice was served on your side: {notice.subject}. Respond by {govuk_date(notice.response_due_on)}.",
        actor,
    )
    return notice


@transaction.atomic
def notice_respond(*, actor, notice: Notice, response: str, responded_on=None) -> Notice:
    notice = (
        Notice.objects.select_for_update()
        .select_related("step__intervention__almo")
        .get_for(actor, "change", pk=notice.pk)
    )
    intervention = notice.step.intervention
    if party_for(actor, intervention.almo) != intervention.about_party:
        raise ValidationError(f"Only {party_name(intervention.about_party)}, on whom it was served, can respond.")
    if notice.responded_on:
        raise ValidationError("This notice already has a response.")
    if not (response or "").strip():
        raise ValidationError({"response": "Enter the response to the notice."})
    notice.response = response.strip()
    notice.responded_on = _check_day(responded_on, "responded_on", not_before=notice.served_on)
    notice.responded_by = actor
    save_as(actor, notice, update_fields=["response", "responded_on", "responded_by"])
    _tell(
        intervention,
        intervention.opened_by_party,
        f"{party_name(intervention.about_party).capitalize()} responded to the notice: {notice.subject}.",
        actor,
    )
    return notice


@transaction.atomic
def intervention_close(*, actor, intervention: Intervention, resolution: str, closed_on=None) -> Intervention:
    """Resolved: off the ladder. A recurrence within the stage's watch period starts one stage higher."""
    intervention = _locked(actor, intervention)
    _held_to_account(actor, intervention, "resolve it")
    if not (resolution or "").strip():
        raise ValidationError({"resolution": "Say how the failure was put right."})
    day = _check_day(closed_on, "closed_on", not_before=intervention.started_on)
    step = InterventionStep.objects.select_for_update().get(intervention=intervention, stage=intervention.current_stage)
    step.ended_on = day
    save_as(actor, step, update_fields=["ended_on"])
    months = intervention.current_stage.recurrence_months
    intervention.status, intervention.closed_on, intervention.resolution = (
        Intervention.Status.CLOSED,
        day,
        resolution.strip(),
    )
    intervention.watch_until = day + relativedelta(months=months) if months else None
    save_as(actor, intervention, update_fields=["status", "closed_on", "resolution", "watch_until"])
    _tell(intervention, intervention.about_party, f"{intervention.title} is resolved and off the ladder.", actor)
    return intervention
