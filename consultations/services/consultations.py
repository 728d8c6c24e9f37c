"""Setting up a consultation: its options, timetable and project group; moving it through its stages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from consultations.models import (
    Ballot,
    ChecklistItem,
    Consultation,
    FoundingTest,
    Option,
    ProjectGroupMember,
    TimetableStage,
)
from consultations.services.checklist import checklist_create
from core import clock
from core.history import create_as, delete_as, save_as
from organisations.access import Party
from organisations.models import Almo
from organisations.notifications import notify_party

EDITABLE = ["subject", "purpose", "decision_criteria", "is_future_review", "method"]
EDITABLE += ["overseeing_organisation", "independent_tenant_adviser"]
ORDER = [choice for choice, _label in Consultation.Status.choices]


@transaction.atomic
def consultation_create(*, actor, almo: Almo, **fields) -> Consultation:
    """A council officer starts a consultation; a review of the ALMO's future gets the 2011 checklist."""
    almo = Almo.objects.get_for(actor, "change", pk=almo.pk)
    consultation = create_as(actor, Consultation, almo=almo, created_by=actor, **_only(fields))
    if consultation.is_future_review:
        checklist_create(actor=actor, consultation=consultation)
    notify_party(
        almo=almo,
        party=Party.ALMO,
        subject="A consultation on your ALMO has started",
        message=f"{almo.council} has started a consultation: {consultation.subject}. Your board and staff can "
        "contribute and add evidence to its checklist.",
        link=consultation.get_absolute_url(),
        except_user=actor,
    )
    return consultation


@transaction.atomic
def consultation_update(*, actor, consultation: Consultation, **fields) -> Consultation:
    consultation = _locked(actor, consultation)
    _editable(consultation)
    if (
        hasattr(consultation, "ballot")
        and fields.get("method")
        and fields["method"] not in ("ballot", "ballot_and_other")
    ):
        raise ValidationError({"method": "This consultation has a ballot, so its method must include a ballot."})
    for name, value in _only(fields).items():
        setattr(consultation, name, value)
    save_as(actor, consultation)
    if consultation.is_future_review and not consultation.checklist.exists():
        checklist_create(actor=actor, consultation=consultation)
    return consultation


@transaction.atomic
def founding_test_record(*, actor, almo: Almo, kind: str, held_in: int | None, notes: str) -> FoundingTest:
    """Record how tenants were asked when the ALMO was set up (for the council)."""
    almo = Almo.objects.get_for(actor, "change", pk=almo.pk)
    founding = FoundingTest.objects.select_for_update().filter(almo=almo).first() or FoundingTest(almo=almo)
    founding.kind, founding.held_in, founding.notes = kind, held_in, notes.strip()
    return save_as(actor, founding)


def _only(fields: dict) -> dict:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"Unknown consultation fields: {sorted(unknown)}")
    return fields


def _locked(actor, consultation: Consultation) -> Consultation:
    return (
        Consultation.objects.select_for_update(of=("self",))
        .select_related("almo__council")
        .get_for(actor, "change", pk=consultation.pk)
    )


def _editable(consultation: Consultation) -> None:
    if consultation.status == Consultation.Status.DECIDED:
        raise ValidationError("This consultation has been decided, so it can no longer be changed.")


def _options_fixed(consultation: Consultation) -> None:
    ballot = Ballot.objects.filter(consultation=consultation).first()
    if ballot and ballot.status != Ballot.Status.DRAFT:
        raise ValidationError("The ballot has opened, so its options cannot change.")


@transaction.atomic
def option_add(*, actor, consultation: Consultation, **fields) -> Option:
    consultation = _locked(actor, consultation)
    _editable(consultation)
    _options_fixed(consultation)
    position = consultation.options.count() + 1
    return create_as(actor, Option, consultation=consultation, position=position, **fields)


@transaction.atomic
def option_remove(*, actor, option: Option) -> None:
    option = Option.objects.get_for(actor, "change", pk=option.pk)
    consultation = _locked(actor, option.consultation)
    _editable(consultation)
    _options_fixed(consultation)
    delete_as(actor, option)


@transaction.atomic
def stage_add(*, actor, consultation: Consultation, **fields) -> TimetableStage:
    consultation = _locked(actor, consultation)
    _editable(consultation)
    return create_as(actor, TimetableStage, consultation=consultation, **fields)


@transaction.atomic
def member_add(*, actor, consultation: Consultation, **fields) -> ProjectGroupMember:
    consultation = _locked(actor, consultation)
    _editable(consultation)
    return create_as(actor, ProjectGroupMember, consultation=consultation, **fields)


@transaction.atomic
def part_remove(*, actor, record: TimetableStage | ProjectGroupMember) -> None:
    """Remove a timetable stage or a project group place."""
    record = type(record).objects.get_for(actor, "change", pk=record.pk)
    _editable(_locked(actor, record.consultation))
    delete_as(actor, record)


@transaction.atomic
def consultation_advance(*, actor, consultation: Consultation, status: str) -> Consultation:
    """Move a consultation to the next stage: open, closed, reported. Deciding has its own service."""
    consultation = _locked(actor, consultation)
    current = ORDER.index(consultation.status)
    if status not in ORDER or ORDER.index(status) != current + 1 or status == Consultation.Status.DECIDED:
        raise ValidationError(f"A consultation that is {consultation.get_status_display().lower()} cannot move there.")
    if status == Consultation.Status.OPEN and not consultation.options.exists():
        raise ValidationError("Add the options tenants are asked about before opening the consultation.")
    ballot = Ballot.objects.filter(consultation=consultation).first()
    if status == Consultation.Status.REPORTED and consultation.uses_ballot:
        if ballot is None or ballot.status != Ballot.Status.PUBLISHED:
            raise ValidationError("The ballot's result must be published before the consultation is reported.")
    consultation.status = status
    return save_as(actor, consultation, update_fields=["status"])


@transaction.atomic
def consultation_decide(*, actor, consultation: Consultation, decision: str) -> Consultation:
    """Record the council's decision. A review of the ALMO's future needs every required checklist item confirmed."""
    consultation = _locked(actor, consultation)
    if consultation.status != Consultation.Status.REPORTED:
        raise ValidationError("Report the consultation's findings before recording the decision.")
    if not decision or not decision.strip():
        raise ValidationError({"decision": "Enter the decision the council took."})
    if consultation.is_future_review:
        missing = ChecklistItem.objects.filter(consultation=consultation).required_unconfirmed()
        if missing.exists():
            count = missing.count()
            raise ValidationError(
                f"{count} required checklist item{'s are' if count != 1 else ' is'} not confirmed. "
                "Confirm every required item of the 2011 checklist before recording the decision."
            )
    consultation.status = Consultation.Status.DECIDED
    consultation.decision, consultation.decided_on = decision.strip(), clock.today()
    save_as(actor, consultation, update_fields=["status", "decision", "decided_on"])
    notify_party(
        almo=consultation.almo,
        party=Party.ALMO,
        subject="The council has decided",
        message=f"The council has recorded its decision on {consultation.subject}.",
        link=reverse("consultations:consultation_detail", args=[consultation.pk]),
        except_user=actor,
    )
    return consultation
