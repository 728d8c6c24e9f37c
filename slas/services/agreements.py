"""Writes for the SLA register: draft an SLA, change and agree its terms, renegotiate them, end it.

Terms are versions (`SlaVersion`, a `JointlyAgreed` record): a version takes effect only when the council and
the ALMO have both agreed it, and changing terms one side has agreed clears both agreements.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from core.history import create_as, save_as
from organisations.access import VIEW
from organisations.joint_agreement import AGREEMENT_FIELDS, clear_agreement, party_for, record_agreement
from organisations.models import Almo
from slas.models import ServiceLevelAgreement, ServiceStandard, SlaVersion
from slas.services import notifying

# The fields of a version a person sets: the terms.
TERMS = ["starts_on", "ends_on", "annual_charge", "charging_basis", "unit", "unit_rate", "notice_months", "review_date"]
DETAILS = ["service", "title", "provider_team", "value_margin_percent"]


def lock_sla(actor, pk: int) -> ServiceLevelAgreement:
    """The SLA, locked for this transaction so two people's changes to it and its parts queue; 404 if not theirs."""
    return ServiceLevelAgreement.objects.select_for_update(of=("self",)).get_for(actor, "change", pk=pk)


def open_version(sla: ServiceLevelAgreement) -> SlaVersion | None:
    return SlaVersion.objects.select_for_update().filter(sla=sla, status=SlaVersion.Status.OPEN).first()


def _errors_of(record, exclude=()) -> dict:
    try:
        record.full_clean(exclude=list(exclude) or None)
    except ValidationError as error:
        return error.message_dict
    return {}


@transaction.atomic
def sla_create(*, actor, almo: Almo, details: dict, terms: dict) -> ServiceLevelAgreement:
    """Either party drafts an SLA with its first terms; the other side is asked to agree them."""
    almo = Almo.objects.get_for(actor, VIEW, pk=almo.pk)
    party = party_for(actor, almo)
    sla = ServiceLevelAgreement(almo=almo, **{name: details[name] for name in DETAILS if name in details})
    version = SlaVersion(number=1, **{name: _term(terms, name) for name in TERMS if name in terms})
    # Both records are checked before either is saved, so every mistake is named at once and nothing is half made.
    errors = {**_errors_of(sla), **_errors_of(version, exclude=["sla"])}
    if errors:
        raise ValidationError(errors)
    save_as(actor, sla)
    version.sla = sla
    save_as(actor, version)
    notifying.terms_drafted(version, party, actor)
    return sla


@transaction.atomic
def sla_update(*, actor, sla: ServiceLevelAgreement, details: dict) -> ServiceLevelAgreement:
    """Change the SLA's title, team, service or value-for-money margin: the register's details, not its terms."""
    sla = lock_sla(actor, sla.pk)
    party_for(actor, sla.almo)
    if sla.is_ended:
        raise ValidationError("This SLA has ended, so its details can no longer change.")
    for name in DETAILS:
        if name in details:
            setattr(sla, name, details[name])
    return save_as(actor, sla)


@transaction.atomic
def terms_update(*, actor, version: SlaVersion, terms: dict) -> SlaVersion:
    """Change terms being negotiated. If either side had agreed them, both must agree again."""
    sla = lock_sla(actor, version.sla_id)
    party = party_for(actor, sla.almo)
    version = open_version(sla)
    if version is None:
        raise ValidationError("These terms are agreed. Start a renegotiation to change them.")
    given = {name: _term(terms, name) for name in TERMS if name in terms}
    changed = [name for name, value in given.items() if getattr(version, name) != value]
    for name in changed:
        setattr(version, name, given[name])
    if not changed:
        return version
    had_agreed = clear_agreement(version)
    save_as(actor, version)
    if had_agreed:
        notifying.terms_changed(version, party, actor)
    return version


def _term(terms: dict, name: str):
    value = terms[name]
    return (value or "").strip() if name == "unit" else value


@transaction.atomic
def terms_agree(*, actor, sla: ServiceLevelAgreement) -> SlaVersion:
    """One side agrees the terms being negotiated; with both, they come into force and replace the last version."""
    sla = lock_sla(actor, sla.pk)
    version = open_version(sla)
    if version is None:
        raise ValidationError("There are no terms waiting to be agreed.")
    if not version.standards.exists():
        raise ValidationError(
            "Add at least one service standard before agreeing the terms: an SLA needs measurable standards."
        )
    party = record_agreement(actor, version, sla.almo)
    if version.agreed_by_both:
        if sla.current_version_id:
            previous = SlaVersion.objects.select_for_update().get(pk=sla.current_version_id)
            previous.status = SlaVersion.Status.SUPERSEDED
            save_as(actor, previous, update_fields=["status"])
        version.status = SlaVersion.Status.AGREED
        sla.current_version, sla.status = version, ServiceLevelAgreement.Status.IN_FORCE
        save_as(actor, sla, update_fields=["current_version", "status"])
    save_as(actor, version, update_fields=[*AGREEMENT_FIELDS, "status"])
    notifying.terms_agreed(version, party, actor)
    return version


@transaction.atomic
def renegotiation_start(*, actor, sla: ServiceLevelAgreement, reason: str) -> SlaVersion:
    """Either party opens a renegotiation: new terms start as a copy of those in force, standards included."""
    sla = lock_sla(actor, sla.pk)
    party = party_for(actor, sla.almo)
    if sla.status != ServiceLevelAgreement.Status.IN_FORCE:
        raise ValidationError(
            f"Only an SLA in force can be renegotiated; this one is {sla.get_status_display().lower()}."
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why the terms are being renegotiated."})
    current = sla.current_version
    version = create_as(
        actor,
        SlaVersion,
        sla=sla,
        number=current.number + 1,
        reason=reason.strip(),
        **{name: getattr(current, name) for name in TERMS},
    )
    for standard in current.standards.all():
        create_as(
            actor,
            ServiceStandard,
            version=version,
            **{
                name: getattr(standard, name)
                for name in ("title", "description", "unit", "polarity", "target", "tolerance")
            },
        )
    sla.status = ServiceLevelAgreement.Status.UNDER_REVIEW
    save_as(actor, sla, update_fields=["status"])
    notifying.terms_drafted(version, party, actor)
    return version


@transaction.atomic
def renegotiation_withdraw(*, actor, sla: ServiceLevelAgreement) -> ServiceLevelAgreement:
    """Close a renegotiation without agreement: the terms in force stay as they were."""
    sla = lock_sla(actor, sla.pk)
    party_for(actor, sla.almo)
    version = open_version(sla)
    if version is None or sla.current_version_id is None:
        raise ValidationError("There is no renegotiation to withdraw.")
    version.status = SlaVersion.Status.WITHDRAWN
    save_as(actor, version, update_fields=["status"])
    sla.status = ServiceLevelAgreement.Status.IN_FORCE
    return save_as(actor, sla, update_fields=["status"])


@transaction.atomic
def sla_end(*, actor, sla: ServiceLevelAgreement, ended_on: dt.date | None, reason: str) -> ServiceLevelAgreement:
    """Either party ends the SLA (notice given, service brought in-house or bought elsewhere)."""
    sla = lock_sla(actor, sla.pk)
    party = party_for(actor, sla.almo)
    errors = {}
    if sla.is_ended:
        raise ValidationError("This SLA has already ended.")
    if ended_on is None:
        errors["ended_on"] = "Enter the date the SLA ends."
    elif sla.current_version_id and ended_on < sla.current_version.starts_on:
        errors["ended_on"] = "The SLA cannot end before its term starts."
    if not (reason or "").strip():
        errors["reason"] = "Say why the SLA is ending."
    if errors:
        raise ValidationError(errors)
    version = open_version(sla)
    if version is not None:
        version.status = SlaVersion.Status.WITHDRAWN
        save_as(actor, version, update_fields=["status"])
    sla.status, sla.ended_on, sla.end_reason = ServiceLevelAgreement.Status.ENDED, ended_on, reason.strip()
    save_as(actor, sla, update_fields=["status", "ended_on", "end_reason"])
    notifying.sla_ended(sla, party, actor)
    return sla
