"""Writes for service standards and the quarterly performance recorded against them.

Standards are part of an SLA's terms: they change only while terms are being negotiated, and a change clears any
agreement already given. Performance is recorded against the standards of the terms in force and judged by the
shared variance engine (`core.variance`).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from core import clock, variance
from core.dates import govuk_date
from core.history import create_as, delete_as, save_as
from core.periods import period_label, quarter_end, quarter_start, year_in_range
from organisations.joint_agreement import AGREEMENT_FIELDS, clear_agreement, party_for
from slas.models import ServiceLevelAgreement, ServiceStandard, StandardResult
from slas.services import notifying
from slas.services.agreements import lock_sla, open_version

STANDARD_FIELDS = ["title", "description", "unit", "polarity", "target", "tolerance"]
COMMENTARY = {"what_happened": "what happened", "why": "why it happened", "action": "what is being done"}


def _version_to_change(actor, sla_pk: int):
    sla = lock_sla(actor, sla_pk)
    party = party_for(actor, sla.almo)
    version = open_version(sla)
    if version is None:
        raise ValidationError("Standards are part of the agreed terms. Start a renegotiation to change them.")
    return sla, party, version


def _terms_changed(actor, version, party) -> None:
    if clear_agreement(version):
        save_as(actor, version, update_fields=AGREEMENT_FIELDS)
        notifying.terms_changed(version, party, actor)


@transaction.atomic
def standard_add(*, actor, sla: ServiceLevelAgreement, values: dict) -> ServiceStandard:
    sla, party, version = _version_to_change(actor, sla.pk)
    standard = create_as(
        actor, ServiceStandard, version=version, **{name: values.get(name) for name in STANDARD_FIELDS}
    )
    _terms_changed(actor, version, party)
    return standard


@transaction.atomic
def standard_update(*, actor, standard: ServiceStandard, values: dict) -> ServiceStandard:
    standard = ServiceStandard.objects.get_for(actor, "change", pk=standard.pk)
    sla, party, version = _version_to_change(actor, standard.version.sla_id)
    if standard.version_id != version.pk:
        raise ValidationError("This standard belongs to earlier terms. Change the one in the terms being negotiated.")
    changed = [name for name in STANDARD_FIELDS if name in values and getattr(standard, name) != values[name]]
    for name in changed:
        setattr(standard, name, values[name])
    if changed:
        save_as(actor, standard)
        _terms_changed(actor, version, party)
    return standard


@transaction.atomic
def standard_remove(*, actor, standard: ServiceStandard) -> None:
    standard = ServiceStandard.objects.get_for(actor, "change", pk=standard.pk)
    sla, party, version = _version_to_change(actor, standard.version.sla_id)
    if standard.version_id != version.pk:
        raise ValidationError("This standard belongs to earlier terms. Remove the one in the terms being negotiated.")
    delete_as(actor, standard)
    _terms_changed(actor, version, party)


def field_name(standard_id: int, name: str) -> str:
    """How one standard's figure or commentary is named in forms and in errors: `standard-12-actual`."""
    return f"standard-{standard_id}-{name}"


def _period_errors(sla: ServiceLevelAgreement, year: int, quarter: int) -> dict:
    if not year_in_range(year or 0) or quarter not in (1, 2, 3, 4):
        return {"quarter": "Choose a quarter, from Q1 (April to June) to Q4 (January to March), of a financial year."}
    label = period_label(year, quarter)
    if quarter_end(year, quarter) > clock.today():
        return {"quarter": f"{label} has not ended yet: record it after {govuk_date(quarter_end(year, quarter))}."}
    terms = sla.current_version
    if quarter_end(year, quarter) < terms.starts_on or quarter_start(year, quarter) > terms.ends_on:
        run = f"{govuk_date(terms.starts_on)} to {govuk_date(terms.ends_on)}"
        return {"quarter": f"The terms in force did not cover {label}: they run from {run}."}
    return {}


def _judge(standard, row: dict, errors: dict) -> variance.Assessment | None:
    actual = row.get("actual")
    if actual is None:
        return None
    assessment = variance.assess(actual, standard.target, standard.tolerance, standard.polarity)
    if assessment.needs_commentary:
        for name, words in COMMENTARY.items():
            if not (row.get(name) or "").strip():
                errors[field_name(standard.pk, name)] = f"{standard.title} is {assessment.rag}: say {words}."
    return assessment


@transaction.atomic
def results_record(*, actor, sla: ServiceLevelAgreement, year: int, quarter: int, rows: dict) -> list[StandardResult]:
    """Record a quarter's performance against the standards in force: all the figures given, or none if any is wrong.

    `rows` maps a standard's id to its `actual` (a Decimal, or None to leave it) and commentary; red and amber
    need all three commentary fields. A red standard is flagged to the other side.
    """
    sla = lock_sla(actor, sla.pk)
    party = party_for(actor, sla.almo)
    if sla.current_version_id is None or sla.is_ended:
        raise ValidationError("Performance is recorded against terms in force, which this SLA does not have.")
    errors = _period_errors(sla, year, quarter)
    standards = {s.pk: s for s in ServiceStandard.objects.filter(version_id=sla.current_version_id)}
    for standard_id in rows:
        if standard_id not in standards:
            errors[field_name(standard_id, "actual")] = "This standard is not in the terms in force."
    judged = {pk: _judge(standards[pk], row, errors) for pk, row in rows.items() if pk in standards}
    if not any(judged.values()) and not errors:
        errors["__all__"] = "Enter a figure for at least one standard."
    if errors:
        raise ValidationError(errors)
    saved = [_save_result(actor, party, standards[pk], year, quarter, rows[pk], a) for pk, a in judged.items() if a]
    reds = [result.standard.title for result in saved if result.rag == variance.RED]
    if reds:
        notifying.standards_red(sla, party, actor, period_label(year, quarter), reds)
    return saved


def _save_result(actor, party, standard, year, quarter, row, assessment) -> StandardResult:
    result = StandardResult.objects.select_for_update().filter(standard=standard, year=year, quarter=quarter).first()
    result = result or StandardResult(standard=standard, year=year, quarter=quarter)
    result.actual = Decimal(row["actual"])
    result.target, result.tolerance, result.rag = standard.target, standard.tolerance, assessment.rag
    for name in COMMENTARY:
        setattr(result, name, (row.get(name) or "").strip())
    result.recorded_by, result.recorded_by_party = actor, party
    save_as(actor, result)
    latest = StandardResult.objects.filter(standard=standard).order_by("-year", "-quarter").values("rag").first()
    if standard.latest_rag != latest["rag"]:
        standard.latest_rag = latest["rag"]
        save_as(actor, standard, update_fields=["latest_rag"])
    return result
