"""The 2011 checklist: made from the data for each review, evidence added by either side, confirmed by the council."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from consultations import checklist
from consultations.models import ChecklistItem, Consultation
from core.history import create_as, save_as


def checklist_create(*, actor, consultation: Consultation) -> None:
    """One row per item of the 2011 checklist; call inside the service that made or changed the consultation."""
    existing = set(consultation.checklist.values_list("key", flat=True))
    for position, (key, text, reference, required) in enumerate(checklist.ITEMS, start=1):
        if key not in existing:
            create_as(
                actor,
                ChecklistItem,
                consultation=consultation,
                key=key,
                text=text,
                reference=reference,
                required=required,
                position=position,
            )


def _locked(actor, item: ChecklistItem, action: str) -> ChecklistItem:
    item = (
        ChecklistItem.objects.select_for_update(of=("self",))
        .select_related("consultation")
        .get_for(actor, action, pk=item.pk)
    )
    if item.consultation.status == Consultation.Status.DECIDED:
        raise ValidationError("This consultation has been decided, so its checklist can no longer change.")
    return item


@transaction.atomic
def checklist_evidence_add(*, actor, item: ChecklistItem, upload) -> ChecklistItem:
    """Attach a checked document (see core.uploads) as the item's evidence, replacing any before it."""
    item = _locked(actor, item, "add_evidence")
    if getattr(upload, "checked", None) is None:
        raise ValidationError({"evidence": "Choose a document to upload."})
    previous = item.evidence.name if item.evidence else ""
    item.evidence = upload
    item.evidence_name = upload.checked.original_name
    item.evidence_added_by = actor
    if item.status == ChecklistItem.Status.TO_DO:
        item.status = ChecklistItem.Status.IN_PROGRESS
    if item.status == ChecklistItem.Status.CONFIRMED:
        # New evidence has not been confirmed by anyone.
        item.status, item.confirmed_by, item.confirmed_at = ChecklistItem.Status.IN_PROGRESS, None, None
    save_as(actor, item)
    if previous:
        storage = item.evidence.storage
        transaction.on_commit(lambda: storage.delete(previous))
    return item


@transaction.atomic
def checklist_item_update(*, actor, item: ChecklistItem, status: str, notes: str = "") -> ChecklistItem:
    """The council sets an item's status; confirming names the officer and needs evidence first."""
    item = _locked(actor, item, "change")
    if status not in ChecklistItem.Status.values:
        raise ValidationError({"status": "Choose a status from the list."})
    if status == ChecklistItem.Status.CONFIRMED and not item.evidence:
        raise ValidationError({"status": "Add evidence before confirming this item."})
    if status == ChecklistItem.Status.NOT_APPLICABLE and item.required:
        raise ValidationError({"status": "This item is required, so it always applies. Confirm it with evidence."})
    item.status, item.notes = status, (notes or "").strip()
    if status == ChecklistItem.Status.CONFIRMED:
        item.confirmed_by, item.confirmed_at = actor, timezone.now()
    else:
        item.confirmed_by = item.confirmed_at = None
    return save_as(actor, item)
