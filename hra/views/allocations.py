"""Pages for the allocation agreed with each ALMO (its fee and share of receipts) and its capital receipts."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_POST

from core.forms import attach_errors, flash_errors
from hra import services
from hra.forms.accounts import AllocationForm, ReceiptForm
from hra.models import AllocationAgreement, HraYear, LineCategory
from hra.views.common import crumbs, form_page
from organisations.access import acting_party, can, get_object_for

TERMS = ("management_fee", "almo_share_percent", "council_share_percent", "pooled_percent", "notes")


def _year_trail(hra_year, user=None):
    """The year's page, for those who may see it: the council's people."""
    if user is not None and not HraYear.objects.allows(user, "view", hra_year):
        return []
    return [(f"{hra_year.council.name} {hra_year.label}", hra_year.get_absolute_url())]


def allocation_create(request, pk):
    hra_year = get_object_for(request.user, HraYear.objects.select_related("council"), "change", pk=pk)
    form = AllocationForm(request.POST or None, council=hra_year.council)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            allocation = services.allocation_set(actor=request.user, hra_year=hra_year, **data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The allocation is set. Agree it, then the ALMO agrees it too.")
            return HttpResponseRedirect(allocation.get_absolute_url())
    return form_page(
        request,
        form,
        title="Set an ALMO's allocation",
        caption=str(hra_year),
        trail=_year_trail(hra_year),
        intro="The management fee and the share of capital receipts hold once the council and the ALMO both agree.",
    )


def _allocation(request, pk, action="view") -> AllocationAgreement:
    related = AllocationAgreement.objects.select_related(
        "almo", "hra_year__council", "council_agreed_by", "almo_agreed_by"
    )
    return get_object_for(request.user, related, action, pk=pk)


def allocation_detail(request, pk):
    allocation = _allocation(request, pk)
    party = acting_party(request.user, allocation.almo)
    lines = list(
        allocation.hra_year.lines.filter(holder=allocation.almo)
        .select_related("category")
        .order_by("category__position")
    )
    fee_lines = sum(line.budget for line in lines if line.category.role == LineCategory.Role.MANAGEMENT_FEE)
    context = {
        "allocation": allocation,
        "lines": lines,
        "fee_lines": fee_lines,
        "fee_matches": fee_lines == allocation.management_fee,
        "receipts": allocation.receipts.all(),
        "can_agree": party is not None and not allocation.agreed_at(party),
        "can_change": can(request.user, allocation, "change"),
        "crumbs": crumbs(*_year_trail(allocation.hra_year, request.user), (allocation.almo.name, "")),
    }
    return render(request, "hra/allocation_detail.html", context)


def allocation_edit(request, pk):
    allocation = _allocation(request, pk, "change")
    form = AllocationForm(
        request.POST or None,
        council=allocation.hra_year.council,
        almo=allocation.almo,
        initial={name: getattr(allocation, name) for name in TERMS},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.allocation_set(
                actor=request.user, hra_year=allocation.hra_year, almo=allocation.almo, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The allocation is saved. If its terms changed, both sides agree it again.")
            return HttpResponseRedirect(allocation.get_absolute_url())
    trail = [*_year_trail(allocation.hra_year), (allocation.almo.name, allocation.get_absolute_url())]
    return form_page(
        request,
        form,
        title="Change the allocation",
        caption=str(allocation),
        trail=trail,
        intro="Changing the fee or the shares means both sides must agree the allocation again.",
    )


@require_POST
def allocation_agree(request, pk):
    allocation = _allocation(request, pk, "agree")
    try:
        allocation = services.allocation_agree(actor=request.user, allocation=allocation)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            "The allocation is agreed by both sides."
            if allocation.agreed_by_both
            else "Your agreement is recorded. The other side must agree too.",
        )
    return HttpResponseRedirect(allocation.get_absolute_url())


def receipt_create(request, pk):
    allocation = _allocation(request, pk)
    get_object_for(request.user, HraYear, "change", pk=allocation.hra_year_id)
    form = ReceiptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.receipt_record(actor=request.user, allocation=allocation, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The receipt is recorded and shared by the agreed split.")
            return HttpResponseRedirect(allocation.get_absolute_url())
    trail = [*_year_trail(allocation.hra_year), (allocation.almo.name, allocation.get_absolute_url())]
    return form_page(
        request,
        form,
        title="Record a capital receipt",
        caption=str(allocation),
        trail=trail,
        submit="Record the receipt",
    )
