"""Writes for disputes: raised by either party, moved forward through their stages to an outcome, every step logged."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.history import create_as, save_as
from organisations.joint_agreement import party_for
from slas.models import Dispute, DisputeEvent, Outcome, ServiceLevelAgreement, Stage
from slas.services import notifying
from slas.services.agreements import lock_sla

# Outcomes where money may go back to the ALMO.
CREDIT_OUTCOMES = {Outcome.ALMO_FAVOUR, Outcome.COMPROMISE}


@transaction.atomic
def dispute_raise(
    *, actor, sla: ServiceLevelAgreement, title: str, description: str, amount_disputed: Decimal | None = None
) -> Dispute:
    sla = lock_sla(actor, sla.pk)
    party = party_for(actor, sla.almo)
    errors = {}
    if not (title or "").strip():
        errors["title"] = "Enter a short title for the dispute."
    if not (description or "").strip():
        errors["description"] = "Say what is disputed and what you want to happen."
    if errors:
        raise ValidationError(errors)
    dispute = create_as(
        actor,
        Dispute,
        sla=sla,
        title=title.strip(),
        description=description.strip(),
        amount_disputed=amount_disputed,
        raised_by=actor,
        raised_by_party=party,
    )
    create_as(actor, DisputeEvent, dispute=dispute, stage=Stage.RAISED, note=dispute.description, by=actor, party=party)
    notifying.dispute_raised(dispute, actor)
    return dispute


def _move_errors(dispute: Dispute, stage: str, note: str, outcome: str, credit: Decimal | None) -> dict:
    errors = {}
    if stage not in dispute.next_stages():
        if dispute.is_resolved:
            return {"stage": "This dispute is resolved, so it cannot move again."}
        choices = ", ".join(Stage(s).label.lower() for s in dispute.next_stages())
        errors["stage"] = (
            f"A dispute only moves forward: from {dispute.get_stage_display().lower()} it can go to {choices}."
        )
    if not (note or "").strip():
        errors["note"] = "Say what was discussed or decided."
    if stage == Stage.RESOLVED and outcome not in Outcome.values:
        errors["outcome"] = "Choose the outcome of the dispute."
    if stage != Stage.RESOLVED and outcome:
        errors["outcome"] = "Record an outcome only when the dispute is resolved."
    if credit is not None and (stage != Stage.RESOLVED or outcome not in CREDIT_OUTCOMES):
        errors["credit_agreed"] = (
            "A credit is agreed only when the dispute is settled in the ALMO's favour or by compromise."
        )
    return errors


@transaction.atomic
def dispute_move(
    *, actor, dispute: Dispute, stage: str, note: str, outcome: str = "", credit_agreed: Decimal | None = None
) -> Dispute:
    """Either party moves the dispute on: into discussion, up to chief officers, or resolved with an outcome."""
    dispute = Dispute.objects.select_for_update().get_for(actor, "change", pk=dispute.pk)
    party = party_for(actor, dispute.sla.almo)
    errors = _move_errors(dispute, stage, note, outcome or "", credit_agreed)
    if errors:
        raise ValidationError(errors)
    dispute.stage = stage
    fields = ["stage"]
    if stage == Stage.RESOLVED:
        dispute.outcome, dispute.outcome_detail = outcome, note.strip()
        dispute.credit_agreed, dispute.resolved_at = credit_agreed, timezone.now()
        fields += ["outcome", "outcome_detail", "credit_agreed", "resolved_at"]
    save_as(actor, dispute, update_fields=fields)
    create_as(actor, DisputeEvent, dispute=dispute, stage=stage, note=note.strip(), by=actor, party=party)
    notifying.dispute_moved(dispute, party, actor)
    return dispute
