"""Writes for Decent Homes: the programme and its agreed profile, spend, re-profiling, and stock condition."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from core.history import create_as, save_as
from hra import selectors
from hra.models import QUARTERS, DecentHomesProgramme, ProgrammeQuarter, ReprofileRequest, StockCondition
from hra.money import format_accounting
from hra.services import notifying
from organisations.access import Party, acting_party
from organisations.joint_agreement import clear_agreement, decide, propose, record_agreement, withdraw
from organisations.models import Almo

PROGRAMME_FIELDS = ("allocation", "sustainability_cap_percent", "tolerance_percent")


def _check_profile(profile: dict[int, Decimal], allocation: Decimal, prefix: str = "profile_q") -> None:
    errors = {f"{prefix}{q}": "Enter an amount of zero or more." for q, amount in profile.items() if amount is None}
    errors |= {f"{prefix}{q}": "A profile cannot be negative." for q, a in profile.items() if a is not None and a < 0}
    if errors:
        raise ValidationError(errors)
    total = sum(profile.values(), Decimal(0))
    if allocation is not None and total > allocation:
        raise ValidationError(
            f"The profile for Q1 to Q4 adds up to {format_accounting(total)}, more than the allocation of "
            f"{format_accounting(allocation)}. Profile no more than the allocation."
        )


@transaction.atomic
def programme_create(*, actor, almo: Almo, year: int, profile: dict[int, Decimal], **fields) -> DecentHomesProgramme:
    """The council sets an ALMO's Decent Homes allocation for a year with its quarterly profile; both then agree it."""
    almo = Almo.objects.get_for(actor, "change", pk=almo.pk)
    programme = DecentHomesProgramme(almo=almo, year=year, **{k: v for k, v in fields.items() if k in PROGRAMME_FIELDS})
    _check_profile(profile, programme.allocation)
    save_as(actor, programme)
    for quarter in QUARTERS:
        create_as(actor, ProgrammeQuarter, programme=programme, quarter=quarter, profile=profile[quarter])
    notifying.programme_changed(programme, actor)
    return programme


@transaction.atomic
def programme_update(*, actor, programme: DecentHomesProgramme, profile: dict[int, Decimal], **fields):
    """The council changes the allocation or profile before both have agreed; after that, the profile is re-profiled."""
    programme = DecentHomesProgramme.objects.select_for_update().get_for(actor, "change", pk=programme.pk)
    quarters = {q.quarter: q for q in programme.quarters.select_for_update()}
    profile_changed = any(quarters[q].profile != profile[q] for q in QUARTERS)
    if profile_changed and programme.agreed_by_both:
        raise ValidationError("Both sides have agreed this programme: propose a re-profile to change its profile.")
    changed = profile_changed
    for name in PROGRAMME_FIELDS:
        if name in fields and getattr(programme, name) != fields[name]:
            setattr(programme, name, fields[name])
            changed = True
    if not changed:
        return programme
    _check_profile(profile, programme.allocation)
    spent = sum((q.spend or 0 for q in quarters.values()), Decimal(0))
    if programme.allocation is not None and programme.allocation < spent:
        raise ValidationError({"allocation": f"The ALMO has already spent {format_accounting(spent)}."})
    clear_agreement(programme)
    save_as(actor, programme)
    for quarter in QUARTERS:
        if quarters[quarter].profile != profile[quarter]:
            quarters[quarter].profile = profile[quarter]
            save_as(actor, quarters[quarter], update_fields=["profile"])
    notifying.programme_changed(programme, actor)
    return programme


@transaction.atomic
def programme_agree(*, actor, programme: DecentHomesProgramme) -> DecentHomesProgramme:
    programme = (
        DecentHomesProgramme.objects.select_for_update().select_related("almo").get_for(actor, "agree", pk=programme.pk)
    )
    party = record_agreement(actor, programme, programme.almo)
    save_as(actor, programme)
    notifying.programme_agreed(programme, party, actor)
    return programme


@transaction.atomic
def quarter_report(
    *, actor, quarter: ProgrammeQuarter, spend, sustainability_spend=None, commentary: str = "", require_commentary=True
):
    """The ALMO reports a quarter's spend; spend behind the profile (red or amber) needs commentary."""
    quarter = ProgrammeQuarter.objects.select_for_update().get_for(actor, "report", pk=quarter.pk)
    programme = DecentHomesProgramme.objects.select_for_update().get(pk=quarter.programme_id)
    if not programme.agreed_by_both:
        raise ValidationError("Both sides must agree the programme before spend is reported against its profile.")
    if spend is None:
        raise ValidationError({"spend": "Enter the actual spend for the quarter."})
    quarter.spend, quarter.sustainability_spend = spend, sustainability_spend
    quarter.commentary = (commentary or "").strip()
    quarters = [q if q.pk != quarter.pk else quarter for q in programme.quarters.all()]
    row = selectors.programme_rows(programme, quarters)[quarter.quarter - 1]
    if require_commentary and row.needs_commentary:
        raise ValidationError(
            {
                "commentary": f"Spend to date is {row.assessment.rag} against the profile to date: explain what "
                "happened, why, and what is being done about it."
            }
        )
    return save_as(actor, quarter, update_fields=["spend", "sustainability_spend", "commentary"])


def _check_reprofile(request: ReprofileRequest, programme: DecentHomesProgramme) -> None:
    """A re-profile moves money between quarters: never more than the allocation, never a reported quarter's."""
    _check_profile(request.new_profile, programme.allocation, prefix="new_q")
    errors = {}
    for quarter in programme.quarters.all():
        if quarter.spend is not None and request.new_profile[quarter.quarter] != quarter.profile:
            errors[f"new_q{quarter.quarter}"] = (
                f"Q{quarter.quarter} has its spend reported, so its profile stays at "
                f"{format_accounting(quarter.profile)}."
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def reprofile_propose(*, actor, programme: DecentHomesProgramme, new_profile: dict[int, Decimal], reason: str):
    """Either side proposes a new quarterly profile for an agreed programme; the other side decides."""
    programme = DecentHomesProgramme.objects.select_for_update().get_for(actor, "propose", pk=programme.pk)
    if not programme.agreed_by_both:
        raise ValidationError("The programme is not agreed yet: change its profile directly, then agree it.")
    if programme.reprofiles.filter(status=ReprofileRequest.Status.PROPOSED).exists():
        raise ValidationError("A re-profile of this programme is already waiting for a decision.")
    request = ReprofileRequest(programme=programme, reason=(reason or "").strip())
    for quarter in QUARTERS:
        setattr(request, f"new_q{quarter}", new_profile.get(quarter))
    if not request.reason:
        raise ValidationError({"reason": "Explain why the profile should change."})
    _check_reprofile(request, programme)
    propose(actor, request, programme.almo)
    save_as(actor, request)
    notifying.reprofile_proposed(request, actor)
    return request


@transaction.atomic
def reprofile_decide(*, actor, request: ReprofileRequest, agree: bool, reason: str = "") -> ReprofileRequest:
    """The other side agrees (the profile changes) or declines with a reason."""
    request = ReprofileRequest.objects.select_for_update().get_for(actor, "decide", pk=request.pk)
    programme = DecentHomesProgramme.objects.select_for_update().select_related("almo").get(pk=request.programme_id)
    decide(actor, request, programme.almo, agree=agree, reason=reason)
    if agree:
        _check_reprofile(request, programme)  # spend may have been reported since it was proposed
        for quarter in programme.quarters.select_for_update():
            new = request.new_profile[quarter.quarter]
            if quarter.profile != new:
                quarter.profile = new
                save_as(actor, quarter, update_fields=["profile"])
    save_as(actor, request)
    notifying.reprofile_decided(request, actor)
    return request


@transaction.atomic
def reprofile_withdraw(*, actor, request: ReprofileRequest) -> ReprofileRequest:
    request = ReprofileRequest.objects.select_for_update().get_for(actor, "withdraw", pk=request.pk)
    withdraw(actor, request, request.programme.almo)
    return save_as(actor, request)


STOCK_FIELDS = [
    field.name for field in StockCondition._meta.concrete_fields if field.name not in ("id", "almo", "year")
]


@transaction.atomic
def stock_condition_save(*, actor, almo: Almo, year: int, **counts) -> StockCondition:
    """The ALMO records its homes against the Decent Homes Standard for a year: 1 April and the year's movements."""
    almo = Almo.objects.get_for(actor, "view", pk=almo.pk)
    if acting_party(actor, almo) != Party.ALMO:
        raise Http404("No ALMO matches the given query.")
    stock = StockCondition.objects.select_for_update().filter(almo=almo, year=year).first()
    stock = stock or StockCondition(almo=almo, year=year)
    for name in STOCK_FIELDS:
        if name in counts:
            setattr(stock, name, counts[name])
    return save_as(actor, stock)
