"""Writes for the HRA: a council's year and its lines, forecasts by whoever holds a line, allocations, receipts."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from core.history import delete_as, save_as
from hra import selectors
from hra.models import AllocationAgreement, CapitalReceipt, HraLine, HraYear
from hra.money import split_money
from hra.services import notifying
from organisations.joint_agreement import clear_agreement, record_agreement
from organisations.models import Council

YEAR_FIELDS = ("opening_balance", "minimum_balance", "general_fund_recharge_limit", "tolerance_percent")
LINE_FIELDS = ("category", "name", "holder", "budget")


@transaction.atomic
def hra_year_create(*, actor, council: Council, year: int, **fields) -> HraYear:
    """The council sets up its HRA for a financial year."""
    council = Council.objects.get_for(actor, "change", pk=council.pk)
    unknown = set(fields) - set(YEAR_FIELDS)
    if unknown:
        raise ValueError(f"Unknown HRA year fields: {sorted(unknown)}")
    return save_as(actor, HraYear(council=council, year=year, **fields))


@transaction.atomic
def hra_year_update(*, actor, hra_year: HraYear, **fields) -> HraYear:
    hra_year = HraYear.objects.select_for_update().get_for(actor, "change", pk=hra_year.pk)
    for name in YEAR_FIELDS:
        if name in fields:
            setattr(hra_year, name, fields[name])
    return save_as(actor, hra_year)


def _unsettle_allocations(actor, hra_year: HraYear, almo_ids: set[int]) -> None:
    """The lines an ALMO holds are part of its allocation: a change means both sides agree it again."""
    allocations = AllocationAgreement.objects.select_for_update().filter(hra_year=hra_year, almo_id__in=almo_ids)
    for allocation in allocations.select_related("almo", "hra_year"):
        if clear_agreement(allocation):
            save_as(actor, allocation)
            notifying.allocation_changed(allocation, actor, had_agreed=True)


@transaction.atomic
def line_save(*, actor, hra_year: HraYear, line: HraLine | None = None, **fields) -> HraLine:
    """The council adds a line to its HRA, or changes one's category, name, holder or budget."""
    hra_year = HraYear.objects.select_for_update().get_for(actor, "change", pk=hra_year.pk)
    if line is None:
        line, before = HraLine(hra_year=hra_year), None
    else:
        line = HraLine.objects.select_for_update().get_for(actor, "change", pk=line.pk, hra_year=hra_year)
        before = (line.holder_id, line.budget, line.category_id)
    for name in LINE_FIELDS:
        if name in fields:
            setattr(line, name, fields[name])
    save_as(actor, line)
    if before != (line.holder_id, line.budget, line.category_id):
        _unsettle_allocations(actor, hra_year, {before[0] if before else None, line.holder_id} - {None})
    return line


@transaction.atomic
def line_delete(*, actor, line: HraLine) -> None:
    line = HraLine.objects.select_for_update().select_related("hra_year").get_for(actor, "change", pk=line.pk)
    holder_id = line.holder_id
    delete_as(actor, line)
    if holder_id:
        _unsettle_allocations(actor, line.hra_year, {holder_id})


@transaction.atomic
def line_report(
    *, actor, line: HraLine, quarter: int, figure: Decimal | None, commentary: str = "", require_commentary=True
) -> HraLine:
    """The forecast at the end of a quarter (or the outturn, for Q4), by the side that holds the line.

    A figure that comes out red or amber needs commentary, so the other side reads why with the number.
    """
    line = (
        HraLine.objects.select_for_update(of=("self",))
        .select_related("hra_year", "category", "holder")
        .get_for(actor, "report", pk=line.pk)
    )
    if quarter not in HraLine.QUARTER_FIELDS:
        raise ValidationError({"quarter": "Choose a quarter from 1 to 4."})
    field = HraLine.QUARTER_FIELDS[quarter]
    setattr(line, field, figure)
    line.commentary = (commentary or "").strip()
    assessment = selectors.line_assessment(line, quarter)
    if require_commentary and assessment.needs_commentary and not line.commentary:
        raise ValidationError(
            {
                "commentary": f"The {selectors.measure_name(quarter)} is {assessment.rag} against the budget: "
                "explain what happened, why, and what is being done about it."
            }
        )
    return save_as(actor, line, update_fields=[field, "commentary"])


@transaction.atomic
def allocation_set(*, actor, hra_year: HraYear, almo, **terms) -> AllocationAgreement:
    """The council sets an ALMO's management fee and share of capital receipts; the ALMO must then agree."""
    hra_year = HraYear.objects.select_for_update().get_for(actor, "change", pk=hra_year.pk)
    if almo.council_id != hra_year.council_id:
        raise ValidationError({"almo": "Choose one of the council's own ALMOs."})
    allocation = AllocationAgreement.objects.select_for_update().filter(
        hra_year=hra_year, almo=almo
    ).first() or AllocationAgreement(hra_year=hra_year, almo=almo)
    names = ("management_fee", "almo_share_percent", "council_share_percent", "pooled_percent", "notes")
    changed = allocation.pk is None or any(getattr(allocation, n) != terms[n] for n in names if n in terms)
    for name in names:
        if name in terms:
            setattr(allocation, name, terms[name])
    _check_split(allocation)
    if not changed:
        return allocation
    had_agreed = clear_agreement(allocation)
    save_as(actor, allocation)
    notifying.allocation_changed(allocation, actor, had_agreed=had_agreed)
    return allocation


def _check_split(allocation: AllocationAgreement) -> None:
    shares = [allocation.almo_share_percent, allocation.council_share_percent, allocation.pooled_percent]
    if any(share is None for share in shares):
        return  # the missing share has its own error
    total = sum(shares, Decimal(0))
    if total != 100:
        raise ValidationError(
            {
                "pooled_percent": f"The ALMO, council and pooled shares add up to {total.normalize():f} per cent: "
                "they must add up to 100 per cent."
            }
        )


@transaction.atomic
def allocation_agree(*, actor, allocation: AllocationAgreement) -> AllocationAgreement:
    """One side agrees the allocation; it holds once both have."""
    allocation = (
        AllocationAgreement.objects.select_for_update()
        .select_related("almo", "hra_year")
        .get_for(actor, "agree", pk=allocation.pk)
    )
    party = record_agreement(actor, allocation, allocation.almo)
    save_as(actor, allocation)
    notifying.allocation_agreed(allocation, party, actor)
    return allocation


@transaction.atomic
def receipt_record(
    *, actor, allocation: AllocationAgreement, quarter: int, kind: str, homes: int, amount, description=""
):
    """The council records a quarter's capital receipt, shared by the split both sides agreed."""
    allocation = AllocationAgreement.objects.select_for_update().get_for(actor, "view", pk=allocation.pk)
    HraYear.objects.get_for(actor, "change", pk=allocation.hra_year_id)
    if not allocation.agreed_by_both:
        raise ValidationError(
            "Both sides must agree the allocation before receipts are recorded: the split of receipts comes from it."
        )
    if amount is None or amount <= 0:
        raise ValidationError({"amount": "Enter the receipt, an amount more than zero."})
    almo_share, council_share, pooled = split_money(amount, allocation.split)
    receipt = CapitalReceipt(
        allocation=allocation,
        quarter=quarter,
        kind=kind,
        homes=homes,
        amount=amount,
        almo_share=almo_share,
        council_share=council_share,
        pooled=pooled,
        description=(description or "").strip(),
    )
    return save_as(actor, receipt)
