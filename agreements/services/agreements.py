"""Writing management agreements: the council drafts a version, both parties agree it, and it comes into force."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from agreements.models import Clause, DelegatedFunction, FinancialLimit, ManagementAgreement
from core.history import delete_as, save_as
from organisations.access import Party
from organisations.joint_agreement import clear_agreement, other_party, party_name, record_agreement
from organisations.models import Almo
from organisations.notifications import notify_party

TERMS = [
    "title",
    "starts_on",
    "initial_end_on",
    "renewal_years",
    "renewal_notice_on",
    "break_on",
    "review_on",
    "management_fee",
    "indexation",
    "indexation_rate",
    "indexation_notes",
]
# The parts of an agreement a draft may change, by the name pages and the API use.
PARTS = {"functions": DelegatedFunction, "limits": FinancialLimit, "clauses": Clause}


def _locked(actor, agreement: ManagementAgreement, action: str = "change") -> ManagementAgreement:
    return (
        ManagementAgreement.objects.select_for_update(of=("self",))
        .select_related("almo")
        .get_for(actor, action, pk=agreement.pk)
    )


def _draft(agreement: ManagementAgreement) -> None:
    if agreement.is_locked:
        raise ValidationError("This version is agreed and cannot change. Start a new version to change the agreement.")


def _reopen(actor, agreement: ManagementAgreement, *, save: bool = True) -> None:
    """The terms changed: anyone who had agreed must agree again, and is told so."""
    if clear_agreement(agreement):
        if save:
            save_as(actor, agreement)
        notify_party(
            almo=agreement.almo,
            party=Party.ALMO,
            subject="A management agreement changed after it was agreed",
            message=f"{agreement} changed after it was agreed. Both parties need to agree it again.",
            link=agreement.get_absolute_url(),
            except_user=actor,
        )


def _attach(agreement: ManagementAgreement, document) -> None:
    if document is not None:
        agreement.document = document
        agreement.document_name = getattr(getattr(document, "checked", None), "original_name", "") or document.name


@transaction.atomic
def agreement_create(*, actor, almo: Almo, document=None, **terms) -> ManagementAgreement:
    """The council drafts a version of an ALMO's agreement. Only one draft at a time, so nobody agrees the wrong one."""
    almo = Almo.objects.select_for_update().get_for(actor, "change", pk=almo.pk)
    if ManagementAgreement.objects.filter(almo=almo, status=ManagementAgreement.Status.DRAFT).exists():
        raise ValidationError("This ALMO already has a draft agreement. Change that draft instead.")
    latest = ManagementAgreement.objects.filter(almo=almo).aggregate(n=Max("version"))["n"] or 0
    agreement = ManagementAgreement(almo=almo, version=latest + 1, **{k: v for k, v in terms.items() if k in TERMS})
    _attach(agreement, document)
    return save_as(actor, agreement)


@transaction.atomic
def agreement_update(*, actor, agreement: ManagementAgreement, document=None, **terms) -> ManagementAgreement:
    agreement = _locked(actor, agreement)
    _draft(agreement)
    for name in TERMS:
        if name in terms:
            setattr(agreement, name, terms[name])
    _attach(agreement, document)
    _reopen(actor, agreement, save=False)
    return save_as(actor, agreement)


@transaction.atomic
def agreement_agree(*, actor, agreement: ManagementAgreement) -> ManagementAgreement:
    """One party agrees the draft; once both have, it comes into force and replaces the version before it."""
    agreement = _locked(actor, agreement, "agree")
    _draft(agreement)
    if not agreement.functions.exists():
        raise ValidationError("Add the delegated functions before agreeing: the register is part of the agreement.")
    party = record_agreement(actor, agreement, agreement.almo)
    if agreement.agreed_by_both:
        for previous in ManagementAgreement.objects.select_for_update().filter(
            almo=agreement.almo, status=ManagementAgreement.Status.IN_FORCE
        ):
            previous.status = ManagementAgreement.Status.SUPERSEDED
            save_as(actor, previous, update_fields=["status"])
        agreement.status = ManagementAgreement.Status.IN_FORCE
    save_as(actor, agreement)
    if agreement.agreed_by_both:
        message = f"{agreement} is agreed by both parties and is now in force."
    else:
        message = f"{party_name(party).capitalize()} agreed {agreement}. It needs your agreement to come into force."
    notify_party(
        almo=agreement.almo,
        party=other_party(party),
        subject="Management agreement",
        message=message,
        link=agreement.get_absolute_url(),
        except_user=actor,
    )
    return agreement


@transaction.atomic
def agreement_new_version(*, actor, agreement: ManagementAgreement) -> ManagementAgreement:
    """A new draft that starts as a copy of this version, its register, limits and clauses included."""
    source = ManagementAgreement.objects.select_related("almo").get_for(actor, "change", pk=agreement.pk)
    copy = agreement_create(actor=actor, almo=source.almo, **{name: getattr(source, name) for name in TERMS})
    if source.document:
        copy.document, copy.document_name = source.document.name, source.document_name
        save_as(actor, copy, update_fields=["document", "document_name"])
    for model in PARTS.values():
        for part in model.objects.filter(agreement=source):
            part.pk = None
            part.agreement = copy
            save_as(actor, part)
    return copy


@transaction.atomic
def part_save(*, actor, agreement: ManagementAgreement, kind: str, part=None, **fields):
    """Add or change a delegated function, financial limit or clause of a draft."""
    model = PARTS[kind]
    agreement = _locked(actor, agreement)
    _draft(agreement)
    if part is None:
        part = model(agreement=agreement)
    else:
        part = model.objects.select_for_update().get_for(actor, "change", pk=part.pk, agreement=agreement)
    editable = {f.name for f in model._meta.concrete_fields if f.editable} - {"id", "agreement"}
    for name, value in fields.items():
        if name in editable:
            setattr(part, name, value)
    save_as(actor, part)
    _reopen(actor, agreement)
    return part


@transaction.atomic
def part_remove(*, actor, agreement: ManagementAgreement, kind: str, part) -> None:
    model = PARTS[kind]
    agreement = _locked(actor, agreement)
    _draft(agreement)
    part = model.objects.select_for_update().get_for(actor, "change", pk=part.pk, agreement=agreement)
    delete_as(actor, part)
    _reopen(actor, agreement)
