"""The evidence library: adding documents, new versions of them, their details, and removing unused ones.

Every file goes through `core.uploads` (checked by content, stored privately under a random name). A file is kept
while any self-assessment links it; a new version never replaces an old one.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from core.history import create_as, delete_as, save_as
from core.uploads import prepare_upload
from inspections.models import Evidence, EvidenceVersion
from inspections.services.parties import require_almo_staff


def _checked(upload):
    """The upload with its content checked, whether or not a form already did it (the API, a command)."""
    if upload is None:
        raise ValidationError({"file": "Select a file to upload."})
    if getattr(upload, "checked", None) is None:
        try:
            prepare_upload(upload)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from error
    return upload


def _add_version(actor, evidence: Evidence, upload, note: str) -> EvidenceVersion:
    checked = upload.checked
    latest = evidence.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return create_as(
        actor,
        EvidenceVersion,
        evidence=evidence,
        number=latest + 1,
        file=upload,
        original_name=checked.original_name,
        content_type=checked.kind.content_type,
        size=checked.size,
        sha256=checked.sha256,
        note=(note or "").strip(),
        uploaded_by=actor,
    )


@transaction.atomic
def evidence_add(
    *, actor, almo, title: str, upload, description: str = "", review_due: dt.date | None = None
) -> Evidence:
    require_almo_staff(actor, almo)
    upload = _checked(upload)
    if not (title or "").strip():
        raise ValidationError({"title": "Enter a title for the evidence."})
    evidence = create_as(
        actor, Evidence, almo=almo, title=title.strip(), description=(description or "").strip(), review_due=review_due
    )
    _add_version(actor, evidence, upload, "First version")
    return evidence


@transaction.atomic
def evidence_add_version(*, actor, evidence: Evidence, upload, note: str = "") -> EvidenceVersion:
    evidence = Evidence.objects.select_for_update().get_for(actor, "change", pk=evidence.pk)
    return _add_version(actor, evidence, _checked(upload), note)


@transaction.atomic
def evidence_update(
    *, actor, evidence: Evidence, title: str, description: str = "", review_due: dt.date | None = None
) -> Evidence:
    evidence = Evidence.objects.select_for_update().get_for(actor, "change", pk=evidence.pk)
    evidence.title, evidence.description = (title or "").strip(), (description or "").strip()
    if evidence.review_due != review_due:
        evidence.review_due, evidence.review_warned_for = review_due, None
    return save_as(actor, evidence)


@transaction.atomic
def evidence_delete(*, actor, evidence: Evidence) -> None:
    """Remove evidence nobody links to any more, with its files; evidence in use is kept."""
    evidence = Evidence.objects.select_for_update().get_for(actor, "change", pk=evidence.pk)
    linked = evidence.answers.count()
    if linked:
        raise ValidationError(
            f"This evidence is linked to {linked} question{'s' if linked != 1 else ''} in a self-assessment. "
            "Unlink it from each question before removing it."
        )
    files = [version.file.name for version in evidence.versions.all()]
    for version in evidence.versions.all():
        delete_as(actor, version)
    delete_as(actor, evidence)
    storage = EvidenceVersion._meta.get_field("file").storage
    # Files go only once the records are gone for good: a rolled-back delete keeps them.
    transaction.on_commit(lambda: [storage.delete(name) for name in files])
