"""Pages for Decent Homes: programmes, quarterly spend, re-profiling by joint agreement, and stock condition."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_POST

from core.forms import attach_errors, flash_errors
from hra import selectors, services
from hra.forms.decent_homes import (
    DecisionForm,
    ProgrammeForm,
    QuarterReportForm,
    ReprofileForm,
    StockConditionForm,
)
from hra.models import DecentHomesProgramme, ProgrammeQuarter, ReprofileRequest, StockCondition
from hra.money import format_accounting
from hra.views.common import almos_for_change, crumbs, form_page
from organisations.access import Party, acting_party, can, get_object_for
from organisations.models import Almo


def _programme(request, pk, action="view") -> DecentHomesProgramme:
    related = DecentHomesProgramme.objects.select_related("almo__council", "council_agreed_by", "almo_agreed_by")
    return get_object_for(request.user, related, action, pk=pk)


def _trail(programme):
    return [(f"{programme.almo.name}: Decent Homes {programme.label}", programme.get_absolute_url())]


def programme_create(request):
    almos = almos_for_change(request.user)
    if not almos.exists():
        raise Http404("Only a council's officers set up a Decent Homes programme.")
    form = ProgrammeForm(
        request.POST or None, almos=almos, initial={"sustainability_cap_percent": 5, "tolerance_percent": 10}
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("profile_q")}
        try:
            programme = services.programme_create(actor=request.user, profile=form.profile(), **data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The programme is set up. Agree it, then the ALMO agrees it too.")
            return HttpResponseRedirect(programme.get_absolute_url())
    return form_page(
        request,
        form,
        title="Set up a Decent Homes programme",
        submit="Set up the programme",
        intro="The allocation and its quarterly profile hold once the council and the ALMO both agree.",
    )


def programme_detail(request, pk):
    programme = _programme(request, pk)
    rows = selectors.programme_rows(programme, list(programme.quarters.all()))
    party = acting_party(request.user, programme.almo)
    stock = StockCondition.objects.restrict(request.user).filter(almo=programme.almo, year=programme.year).first()
    spend = (
        sum((row.spend for row in rows if row.spend is not None), Decimal(0))
        if any(r.spend is not None for r in rows)
        else None
    )
    context = {
        "programme": programme,
        "rows": rows,
        "totals": {
            "profile": sum((r.profile for r in rows), Decimal(0)),
            "spend": spend,
            "sustainability": sum((r.sustainability or 0 for r in rows), Decimal(0)),
        },
        "flags": selectors.programme_checks(programme, rows),
        "stock": stock,
        "decency": selectors.decency_figures(stock, spend) if stock else None,
        "reprofiles": programme.reprofiles.select_related("proposed_by", "decided_by"),
        "party": party,
        "Party": Party,
        "can_agree": party is not None and not programme.agreed_at(party),
        "can_change": can(request.user, programme, "change"),
        "crumbs": crumbs((f"{programme.almo.name}: Decent Homes {programme.label}", "")),
    }
    return render(request, "hra/programme_detail.html", context)


def programme_edit(request, pk):
    programme = _programme(request, pk, "change")
    initial = {
        "allocation": programme.allocation,
        "sustainability_cap_percent": programme.sustainability_cap_percent,
        "tolerance_percent": programme.tolerance_percent,
    }
    initial |= {f"profile_q{q.quarter}": q.profile for q in programme.quarters.all()}
    form = ProgrammeForm(request.POST or None, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("profile_q")}
        try:
            services.programme_update(actor=request.user, programme=programme, profile=form.profile(), **data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The programme is saved. Both sides agree it again.")
            return HttpResponseRedirect(programme.get_absolute_url())
    return form_page(request, form, title="Change the programme", caption=str(programme), trail=_trail(programme))


@require_POST
def programme_agree(request, pk):
    programme = _programme(request, pk, "agree")
    try:
        programme = services.programme_agree(actor=request.user, programme=programme)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            "The programme is agreed by both sides."
            if programme.agreed_by_both
            else "Your agreement is recorded. The other side must agree too.",
        )
    return HttpResponseRedirect(programme.get_absolute_url())


def quarter_report(request, pk):
    quarter = get_object_for(request.user, ProgrammeQuarter.objects.select_related("programme__almo"), "report", pk=pk)
    initial = {
        "spend": quarter.spend,
        "sustainability_spend": quarter.sustainability_spend,
        "commentary": quarter.commentary,
    }
    form = QuarterReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.quarter_report(actor=request.user, quarter=quarter, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"Spend for {quarter.period_label} is saved.")
            return HttpResponseRedirect(quarter.programme.get_absolute_url())
    return form_page(
        request,
        form,
        title=f"Report spend for {quarter.period_label}",
        caption=str(quarter.programme),
        trail=_trail(quarter.programme),
        intro=f"The profile for the quarter is {format_accounting(quarter.profile)}.",
    )


def reprofile_propose(request, pk):
    programme = _programme(request, pk, "propose")
    initial = {f"new_q{q.quarter}": q.profile for q in programme.quarters.all()}
    form = ReprofileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            reprofile = services.reprofile_propose(
                actor=request.user,
                programme=programme,
                new_profile=form.new_profile(),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The re-profile is proposed. The other side must agree it before it applies.")
            return HttpResponseRedirect(reprofile.get_absolute_url())
    return form_page(
        request,
        form,
        title="Propose a re-profile",
        caption=str(programme),
        trail=_trail(programme),
        submit="Propose the re-profile",
        intro=f"Move spend between quarters. The new profile cannot add up to more than the allocation of "
        f"{format_accounting(programme.allocation)}, and a quarter with its spend reported keeps its profile.",
    )


def reprofile_detail(request, pk):
    reprofile = get_object_for(
        request.user,
        ReprofileRequest.objects.select_related("programme__almo", "proposed_by", "decided_by"),
        pk=pk,
    )
    programme = reprofile.programme
    party = acting_party(request.user, programme.almo)
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        if party is None:
            raise Http404("No re-profiling request matches the given query.")
        try:
            if "withdraw" in request.POST:
                services.reprofile_withdraw(actor=request.user, request=reprofile)
            elif form.is_valid():
                services.reprofile_decide(
                    actor=request.user,
                    request=reprofile,
                    agree="agree" in request.POST,
                    reason=form.cleaned_data["reason"],
                )
        except ValidationError as error:
            attach_errors(form, error)
        if not form.errors:
            reprofile.refresh_from_db()
            messages.success(request, f"The re-profile is {reprofile.get_status_display().lower()}.")
            return HttpResponseRedirect(reprofile.get_absolute_url())
    current = {q.quarter: q.profile for q in programme.quarters.all()}
    context = {
        "reprofile": reprofile,
        "programme": programme,
        "changes": [(q, current.get(q), reprofile.new_profile[q]) for q in (1, 2, 3, 4)],
        "current_total": sum(current.values(), Decimal(0)),
        "form": form,
        "can_decide": reprofile.is_open and party is not None and party == reprofile.deciding_party,
        "can_withdraw": reprofile.is_open and party is not None and party == reprofile.proposed_by_party,
        "crumbs": crumbs(*_trail(programme), ("Re-profile", "")),
    }
    return render(request, "hra/reprofile_detail.html", context, status=400 if form.errors else 200)


# Stock condition ---------------------------------------------------------------------------------


def stock_detail(request, pk):
    stock = get_object_for(request.user, StockCondition.objects.select_related("almo"), pk=pk)
    history = list(StockCondition.objects.restrict(request.user).filter(almo=stock.almo).order_by("year"))
    programme = DecentHomesProgramme.objects.restrict(request.user).filter(almo=stock.almo, year=stock.year).first()
    spend = None
    if programme:
        spent = [q.spend for q in programme.quarters.all() if q.spend is not None]
        spend = sum(spent, Decimal(0)) if spent else None
    context = {
        "stock": stock,
        "figures": selectors.decency_figures(stock, spend),
        "programme": programme,
        "history": [(s, selectors.decency_figures(s)) for s in history],
        "forecast": selectors.full_decency_forecast(history),
        "can_change": can(request.user, stock, "change"),
        "crumbs": crumbs((str(stock), "")),
    }
    return render(request, "hra/stock_detail.html", context)


def _staff_almo(request) -> Almo:
    """The ALMO the user works for as staff: its stock condition is theirs to record."""
    for almo in Almo.objects.restrict(request.user).order_by("name"):
        if acting_party(request.user, almo) == Party.ALMO:
            return almo
    raise Http404("Only an ALMO's staff record its stock condition.")


def stock_create(request):
    almo = _staff_almo(request)
    form = StockConditionForm(request.POST or None, creating=True)
    if request.method == "POST" and form.is_valid():
        if StockCondition.objects.filter(almo=almo, year=form.cleaned_data["year"]).exists():
            form.add_error("year", "The stock condition for that year is already recorded: change it instead.")
        else:
            return _save_stock(request, form, almo, form.cleaned_data["year"])
    return form_page(
        request, form, title="Record the stock condition", caption=almo.name, submit="Save the stock condition"
    )


def stock_edit(request, pk):
    stock = get_object_for(request.user, StockCondition.objects.select_related("almo"), "change", pk=pk)
    initial = {f.name: getattr(stock, f.name) for f in StockCondition._meta.concrete_fields}
    form = StockConditionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        return _save_stock(request, form, stock.almo, stock.year)
    return form_page(
        request,
        form,
        title="Change the stock condition",
        caption=str(stock),
        trail=[(str(stock), stock.get_absolute_url())],
    )


def _save_stock(request, form, almo, year):
    try:
        stock = services.stock_condition_save(actor=request.user, almo=almo, year=year, **form.counts())
    except ValidationError as error:
        attach_errors(form, error)
        return form_page(request, form, title="Record the stock condition", caption=almo.name)
    messages.success(request, "The stock condition is saved.")
    return HttpResponseRedirect(stock.get_absolute_url())
