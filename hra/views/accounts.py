"""Pages for the HRA: the front page, a year with its lines, checks and variances, and the lines themselves."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.forms import attach_errors, flash_errors
from hra import selectors, services
from hra.forms.accounts import HraYearForm, LineForm, LineReportForm
from hra.models import (
    AllocationAgreement,
    DecentHomesProgramme,
    HraLine,
    HraYear,
    InvestmentPlan,
    LineCategory,
    StockCondition,
)
from hra.views.common import councils_for_change, crumbs, form_page
from organisations.access import Party, acting_party, acts_for_a_party, can, get_object_for
from organisations.models import Almo


def index(request):
    user = request.user
    context = {
        "years": HraYear.objects.restrict(user).select_related("council").order_by("council__name", "-year"),
        "allocations": AllocationAgreement.objects.restrict(user)
        .select_related("almo", "hra_year")
        .order_by("almo__name", "-hra_year__year"),
        "programmes": DecentHomesProgramme.objects.restrict(user)
        .select_related("almo")
        .order_by("almo__name", "-year"),
        "stocks": StockCondition.objects.restrict(user).select_related("almo").order_by("almo__name", "-year"),
        "plans": InvestmentPlan.objects.restrict(user).select_related("almo").order_by("almo__name", "-first_year"),
        "councils": list(councils_for_change(user)),
        "can_record_stock": Almo.objects.restrict(user).filter(pk__in=_staff_almo_ids(user)).exists(),
        "can_plan": acts_for_a_party(user) and not user.is_superuser,
        "crumbs": [("Housing Revenue Account", "")],
    }
    return render(request, "hra/index.html", context)


def _staff_almo_ids(user) -> list[int]:
    """The ALMOs the user works for as staff (at most a few): those whose stock condition they record."""
    return [almo.pk for almo in Almo.objects.restrict(user) if acting_party(user, almo) == Party.ALMO]


def _year_lines(hra_year: HraYear) -> list[HraLine]:
    return list(hra_year.lines.select_related("category", "holder", "hra_year"))


def year_detail(request, pk):
    hra_year = get_object_for(request.user, HraYear.objects.select_related("council"), pk=pk)
    lines = _year_lines(hra_year)
    allocations = list(
        AllocationAgreement.objects.restrict(request.user).filter(hra_year=hra_year).select_related("almo")
    )
    every_allocation = list(hra_year.allocations.select_related("almo"))  # the checks reconcile every ALMO's fee
    all_measures = selectors.all_totals(hra_year, lines)
    context = {
        "hra_year": hra_year,
        "rows": selectors.line_rows(lines),
        "totals": all_measures,
        "categories": selectors.category_rows(list(LineCategory.objects.all()), all_measures),
        "flags": selectors.hra_checks(hra_year, lines, every_allocation, selectors.previous_closing(hra_year)),
        "allocations": allocations,
        "can_change": can(request.user, hra_year, "change"),
        "crumbs": crumbs((hra_year.council.name + " " + hra_year.label, "")),
    }
    return render(request, "hra/year_detail.html", context)


def year_create(request):
    councils = list(councils_for_change(request.user))
    if not councils:
        raise Http404("Only a council's officers set up its HRA.")
    form = HraYearForm(request.POST or None, initial={"tolerance_percent": 2})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            hra_year = services.hra_year_create(actor=request.user, council=councils[0], **data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"The HRA for {hra_year.label} is set up. Add its lines next.")
            return HttpResponseRedirect(hra_year.get_absolute_url())
    return form_page(request, form, title="Set up a year's HRA", caption=councils[0].name, submit="Set up the year")


def year_edit(request, pk):
    hra_year = get_object_for(request.user, HraYear.objects.select_related("council"), "change", pk=pk)
    names = ("opening_balance", "minimum_balance", "general_fund_recharge_limit", "tolerance_percent")
    form = HraYearForm(request.POST or None, editing=True, initial={n: getattr(hra_year, n) for n in names})
    if request.method == "POST" and form.is_valid():
        try:
            services.hra_year_update(actor=request.user, hra_year=hra_year, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The year's balances and limits are saved.")
            return HttpResponseRedirect(hra_year.get_absolute_url())
    trail = [(f"{hra_year.council.name} {hra_year.label}", hra_year.get_absolute_url())]
    return form_page(request, form, title="Change the balances and limits", caption=str(hra_year), trail=trail)


def line_create(request, pk):
    hra_year = get_object_for(request.user, HraYear.objects.select_related("council"), "change", pk=pk)
    form = LineForm(request.POST or None, council=hra_year.council)
    if request.method == "POST" and form.is_valid():
        try:
            line = services.line_save(actor=request.user, hra_year=hra_year, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"The line {line.name} is added.")
            return HttpResponseRedirect(hra_year.get_absolute_url())
    trail = [(f"{hra_year.council.name} {hra_year.label}", hra_year.get_absolute_url())]
    return form_page(request, form, title="Add a line", caption=str(hra_year), trail=trail, submit="Add the line")


def _line(request, pk, action="view") -> HraLine:
    related = HraLine.objects.select_related("hra_year__council", "category", "holder")
    return get_object_for(request.user, related, action, pk=pk)


def line_detail(request, pk):
    line = _line(request, pk)
    may_report = can(request.user, line, "report")
    latest = line.latest_quarter or 1
    form = LineReportForm(
        initial={
            "quarter": min(latest + 1, 4) if line.figure_at(latest) is not None else latest,
            "commentary": line.commentary,
        }
    )
    return _line_page(request, line, form if may_report else None)


def _line_page(request, line, form, status=200):
    rows = [
        {
            "label": selectors.measure_title(q),
            "figure": line.figure_at(q),
            "assessment": selectors.line_assessment(line, q) if line.figure_at(q) is not None else None,
        }
        for q in (1, 2, 3, 4)
    ]
    context = {
        "line": line,
        "rows": rows,
        "form": form,
        "can_change": can(request.user, line, "change"),
        "crumbs": crumbs(
            (f"{line.hra_year.council.name} {line.hra_year.label}", line.hra_year.get_absolute_url()), (line.name, "")
        ),
    }
    return render(request, "hra/line_detail.html", context, status=status)


def _line_trail(user, line: HraLine) -> list:
    """The year's page for the council's people; the ALMO's allocation for the ALMO's, who do not see the year."""
    if HraYear.objects.allows(user, "view", line.hra_year):
        return [(f"{line.hra_year.council.name} {line.hra_year.label}", line.hra_year.get_absolute_url())]
    allocation = AllocationAgreement.objects.restrict(user).filter(hra_year=line.hra_year, almo=line.holder).first()
    return [(str(allocation), allocation.get_absolute_url())] if allocation else []


@require_POST
def line_report(request, pk):
    line = _line(request, pk, "report")
    form = LineReportForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.line_report(
                actor=request.user,
                line=line,
                quarter=data["quarter"],
                figure=data["figure"],
                commentary=data["commentary"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"The {selectors.measure_name(data['quarter'])} for {line.name} is saved.")
            return HttpResponseRedirect(line.get_absolute_url())
    line.refresh_from_db()
    return _line_page(request, line, form, status=400)


def line_edit(request, pk):
    line = _line(request, pk, "change")
    initial = {"category": line.category, "name": line.name, "holder": line.holder, "budget": line.budget}
    form = LineForm(request.POST or None, council=line.hra_year.council, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.line_save(actor=request.user, hra_year=line.hra_year, line=line, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The line is saved.")
            return HttpResponseRedirect(line.get_absolute_url())
    trail = [
        (f"{line.hra_year.council.name} {line.hra_year.label}", line.hra_year.get_absolute_url()),
        (line.name, line.get_absolute_url()),
    ]
    return form_page(request, form, title="Change the line", caption=line.name, trail=trail)


@require_POST
def line_remove(request, pk):
    line = _line(request, pk, "change")
    try:
        services.line_delete(actor=request.user, line=line)
    except ValidationError as error:
        flash_errors(request, error)
        return HttpResponseRedirect(line.get_absolute_url())
    messages.success(request, f"The line {line.name} is removed.")
    return HttpResponseRedirect(reverse("hra:year_detail", args=[line.hra_year_id]))
