"""Delivery Plan pages. Each starts from the access rule and hands writes to a service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.forms import attach_errors, flash_errors
from delivery_plans import selectors, services
from delivery_plans.forms import (
    AmendmentForm,
    AnswerForm,
    ConcernForm,
    DecisionForm,
    QueryForm,
    RecoveryForm,
    ReturnStartForm,
)
from delivery_plans.models import Actual, Amendment, Concern, DeliveryPlan, PlanVersion, Query, Return
from organisations.access import Party, acting_party, get_object_for

# Plans -----------------------------------------------------------------------------------------


def plan_list(request):
    plans = (
        DeliveryPlan.objects.restrict(request.user)
        .select_related("almo", "almo__council")
        .annotate(
            open_amendments=Count("amendments", filter=Q(amendments__status="proposed"), distinct=True),
            open_concerns=Count("concerns", filter=~Q(concerns__status="closed"), distinct=True),
        )
        .order_by("almo__name", "-first_year")
    )
    return render(request, "delivery_plans/plan_list.html", {"plans": plans})


def plan_detail(request, pk):
    plan = get_object_for(request.user, DeliveryPlan.objects.select_related("almo", "almo__council"), pk=pk)
    party = acting_party(request.user, plan.almo)
    next_quarter = _next_quarter(plan)
    returns = (
        Return.objects.restrict(request.user)
        .filter(plan=plan)
        .annotate(
            reds=Count("actuals", filter=Q(actuals__rag="red")),
            ambers=Count("actuals", filter=Q(actuals__rag="amber")),
            greens=Count("actuals", filter=Q(actuals__rag="green")),
        )
    )
    context = {
        "plan": plan,
        "party": party,
        "Party": Party,
        "objectives": plan.objectives.prefetch_related("indicators__indicator"),
        "unassigned": plan.plan_indicators.filter(objective__isnull=True, is_active=True).select_related("indicator"),
        "delegations": plan.delegations.all(),
        "returns": returns,
        "amendments": Amendment.objects.restrict(request.user).filter(plan=plan).open(),
        "concerns": Concern.objects.restrict(request.user)
        .filter(plan=plan)
        .open()
        .select_related("plan_indicator__indicator"),
        "start_form": ReturnStartForm(plan=plan, initial=next_quarter)
        if party == Party.ALMO and plan.is_in_force and next_quarter
        else None,
        "can_sign": party is not None
        and plan.status == DeliveryPlan.Status.DRAFT
        and not (plan.council_signed_at if party == Party.COUNCIL else plan.almo_signed_at),
    }
    return render(request, "delivery_plans/plan_detail.html", context)


def _next_quarter(plan) -> dict | None:
    """The quarter after the plan's latest return, to start the next one; None once the plan's last is done."""
    latest = plan.returns.order_by("-year", "-quarter").first()
    if latest is None:
        return {"year": plan.first_year, "quarter": 1}
    year, quarter = (latest.year, latest.quarter + 1) if latest.quarter < 4 else (latest.year + 1, 1)
    return {"year": year, "quarter": quarter} if year <= plan.last_year else None


@require_POST
def plan_sign(request, pk):
    plan = get_object_for(request.user, DeliveryPlan, "sign", pk=pk)
    try:
        plan = services.plan_sign(actor=request.user, plan=plan)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            "The plan is now in force."
            if plan.is_in_force
            else "Your sign-off is recorded. The other party must sign too.",
        )
    return HttpResponseRedirect(plan.get_absolute_url())


def plan_targets(request, pk):
    plan = get_object_for(request.user, DeliveryPlan.objects.select_related("almo"), pk=pk)
    return render(request, "delivery_plans/plan_targets.html", {"plan": plan, "grid": selectors.targets_grid(plan)})


def plan_versions(request, pk):
    plan = get_object_for(request.user, DeliveryPlan.objects.select_related("almo"), pk=pk)
    versions = PlanVersion.objects.filter(plan=plan).select_related("amendment__proposed_by", "amendment__decided_by")
    return render(request, "delivery_plans/plan_versions.html", {"plan": plan, "versions": versions})


# Returns ---------------------------------------------------------------------------------------


@require_POST
def return_start(request, pk):
    plan = get_object_for(request.user, DeliveryPlan.objects.select_related("almo"), "change", pk=pk)
    if acting_party(request.user, plan.almo) != Party.ALMO:
        raise Http404("No delivery plan matches the given query.")
    form = ReturnStartForm(request.POST, plan=plan)
    if form.is_valid():
        try:
            return_record = services.return_open(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            flash_errors(request, error)
        else:
            return HttpResponseRedirect(reverse("delivery_plans:return_edit", args=[return_record.pk]))
    else:
        messages.error(request, "Choose a financial year and a quarter.")
    return HttpResponseRedirect(plan.get_absolute_url())


def return_detail(request, pk):
    return_record = get_object_for(
        request.user, Return.objects.select_related("plan__almo__council", "submitted_by", "accepted_by"), pk=pk
    )
    party = acting_party(request.user, return_record.plan.almo)
    rows = selectors.return_rows(return_record)
    history = selectors.indicator_history(return_record.plan, return_record.year, return_record.quarter)
    for row in rows:
        row.history = history.get(row.actual.plan_indicator_id, [])
    context = {
        "return": return_record,
        "plan": return_record.plan,
        "rows": rows,
        "counts": selectors.rag_counts(rows),
        "party": party,
        "Party": Party,
        "can_review": party == Party.COUNCIL and return_record.status in ("submitted", "resubmitted", "queried"),
        "can_edit": party == Party.ALMO and return_record.is_editable,
        "query_form": QueryForm(),
        "answer_form": AnswerForm(),
    }
    return render(request, "delivery_plans/return_detail.html", context)


FIELD_LABELS = {
    "numerator": "numerator",
    "denominator": "denominator",
    "value": "value",
    "what_happened": "what happened",
    "why": "why it happened",
    "recovery_action": "recovery action",
    "expected_recovery": "expected date",
}


def _field_id(actual_id: int, field: str) -> str:
    return f"actual-{actual_id}-{field}"


def return_edit(request, pk):
    return_record = get_object_for(request.user, Return.objects.select_related("plan__almo"), "change", pk=pk)
    if not return_record.is_editable:
        messages.error(
            request, f"This return is {return_record.get_status_display().lower()}; it cannot be changed now."
        )
        return HttpResponseRedirect(return_record.get_absolute_url())
    rows = selectors.return_rows(return_record)
    errors, posted = [], {}
    if request.method == "POST":
        # Only the fields the form sent: a line missing from the post is left as it is, not emptied.
        posted = {}
        for row in rows:
            sent = {
                field: request.POST[_field_id(row.actual.pk, field)]
                for field in ("numerator", "denominator", "value", *services.COMMENTARY_FIELDS)
                if _field_id(row.actual.pk, field) in request.POST
            }
            if sent:
                posted[row.actual.pk] = sent
        by_id = {row.actual.pk: row for row in rows}
        try:
            row_errors = services.return_save(actor=request.user, return_record=return_record, rows=posted)
        except ValidationError as error:
            flash_errors(request, error)
            return HttpResponseRedirect(return_record.get_absolute_url())
        code_to_id = {row.indicator.code: actual_id for actual_id, row in by_id.items()}
        errors += [
            {"id": _field_id(code_to_id[e.code], e.field), "message": f"{e.code}, {FIELD_LABELS[e.field]}: {e.message}"}
            for e in row_errors
        ]
        if not errors:
            if "submit" in request.POST:
                try:
                    services.return_submit(actor=request.user, return_record=return_record)
                except ValidationError as error:
                    errors = [{"id": "", "message": message} for message in error.messages]
                else:
                    messages.success(request, f"The {return_record.period_label} return is submitted to the council.")
                    return HttpResponseRedirect(return_record.get_absolute_url())
            if not errors:
                messages.success(request, "Your figures and commentary are saved.")
                return HttpResponseRedirect(reverse("delivery_plans:return_edit", args=[return_record.pk]))
        rows = selectors.return_rows(return_record)
    lines = []
    for row in rows:
        values = posted.get(row.actual.pk)
        lines.append(
            {
                "row": row,
                "ids": {
                    field: _field_id(row.actual.pk, field)
                    for field in ("numerator", "denominator", "value", *services.COMMENTARY_FIELDS)
                },
                "posted": values,
                "errors": {e["id"]: e["message"] for e in errors},
            }
        )
    return render(
        request,
        "delivery_plans/return_edit.html",
        {"return": return_record, "plan": return_record.plan, "lines": lines, "errors": errors},
        status=400 if errors else 200,
    )


@require_POST
def actual_query(request, pk):
    actual = get_object_for(request.user, Actual.objects.select_related("return_record"), "query", pk=pk)
    form = QueryForm(request.POST)
    if form.is_valid():
        try:
            services.actual_query(actor=request.user, actual=actual, text=form.cleaned_data["text"])
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(
                request, f"Your query on {actual.plan_indicator.indicator.code} has been sent to the ALMO."
            )
    else:
        messages.error(request, "Enter your question for the ALMO.")
    return HttpResponseRedirect(actual.return_record.get_absolute_url())


@require_POST
def query_answer(request, pk):
    query = get_object_for(request.user, Query.objects.select_related("actual__return_record"), "answer", pk=pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.query_answer(actor=request.user, query=query, text=form.cleaned_data["text"])
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(
                request, "Your answer has been sent. Resubmit the return when you have answered every query."
            )
    else:
        messages.error(request, "Enter your answer.")
    return HttpResponseRedirect(query.actual.return_record.get_absolute_url())


@require_POST
def return_resubmit(request, pk):
    return_record = get_object_for(request.user, Return, "submit", pk=pk)
    try:
        services.return_submit(actor=request.user, return_record=return_record)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, "The return is resubmitted to the council.")
    return HttpResponseRedirect(return_record.get_absolute_url())


@require_POST
def return_accept(request, pk):
    return_record = get_object_for(request.user, Return, "review", pk=pk)
    try:
        services.return_accept(actor=request.user, return_record=return_record)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, f"The {return_record.period_label} return is accepted and locked.")
    return HttpResponseRedirect(return_record.get_absolute_url())


def review_queue(request):
    returns = (
        Return.objects.restrict(request.user, "review")
        .filter(status__in=["submitted", "resubmitted", "queried"])
        .select_related("plan__almo", "submitted_by")
        .annotate(
            reds=Count("actuals", filter=Q(actuals__rag="red"), distinct=True),
            open_queries=Count("actuals__queries", filter=~Q(actuals__queries__status="closed"), distinct=True),
        )
        .order_by("submitted_at")
    )
    return render(request, "delivery_plans/review_queue.html", {"returns": returns})


def variance_list(request):
    """Every red and amber line in the returns a person may see, newest first."""
    actuals = (
        Actual.objects.restrict(request.user)
        .filter(rag__in=["red", "amber"])
        .exclude(return_record__status=Return.Status.DRAFT)  # the ALMO has not sent these figures yet
        .select_related("plan_indicator__indicator", "return_record__plan__almo")
        .order_by("-return_record__year", "-return_record__quarter", "return_record__plan__almo__name")[:200]
    )
    return render(request, "delivery_plans/variance_list.html", {"actuals": actuals})


# Amendments ------------------------------------------------------------------------------------


def amendment_propose(request, pk):
    plan = get_object_for(request.user, DeliveryPlan.objects.select_related("almo"), "propose", pk=pk)
    form = AmendmentForm(request.POST or None, plan=plan, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if value not in (None, "")}
        kind, reason = data.pop("kind"), data.pop("reason")
        try:
            amendment = services.amendment_propose(actor=request.user, plan=plan, kind=kind, reason=reason, **data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, "Your amendment is proposed. The other party must agree it before the plan changes."
            )
            return HttpResponseRedirect(amendment.get_absolute_url())
    return render(
        request, "delivery_plans/amendment_form.html", {"plan": plan, "form": form}, status=400 if form.errors else 200
    )


def amendment_list(request):
    amendments = Amendment.objects.restrict(request.user).select_related(
        "plan__almo", "proposed_by", "target__plan_indicator__indicator"
    )
    return render(request, "delivery_plans/amendment_list.html", {"amendments": amendments})


def amendment_detail(request, pk):
    amendment = get_object_for(
        request.user,
        Amendment.objects.select_related(
            "plan__almo", "proposed_by", "decided_by", "target__plan_indicator__indicator"
        ),
        pk=pk,
    )
    party = acting_party(request.user, amendment.plan.almo)
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        if party is None or not Amendment.objects.restrict(request.user, "decide").filter(pk=amendment.pk).exists():
            raise Http404("No amendment matches the given query.")
        service = services.amendment_agree if "agree" in request.POST else services.amendment_decline
        if form.is_valid():
            try:
                service(actor=request.user, amendment=amendment, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(
                    request,
                    "The amendment is agreed and the plan has a new version."
                    if service is services.amendment_agree
                    else "The amendment is declined.",
                )
                return HttpResponseRedirect(amendment.get_absolute_url())
    return render(
        request,
        "delivery_plans/amendment_detail.html",
        {
            "amendment": amendment,
            "plan": amendment.plan,
            "form": form,
            "can_decide": amendment.status == Amendment.Status.PROPOSED
            and party is not None
            and party != amendment.proposing_party,
        },
        status=400 if form.errors else 200,
    )


# Concerns --------------------------------------------------------------------------------------


def concern_list(request):
    concerns = Concern.objects.restrict(request.user).select_related("plan__almo", "plan_indicator__indicator")
    return render(request, "delivery_plans/concern_list.html", {"concerns": concerns})


def concern_raise(request, pk):
    plan = get_object_for(request.user, DeliveryPlan.objects.select_related("almo"), "raise", pk=pk)
    form = ConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            concern = services.concern_raise(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Your concern is raised. Both parties can see it.")
            return HttpResponseRedirect(concern.get_absolute_url())
    return render(
        request, "delivery_plans/concern_form.html", {"plan": plan, "form": form}, status=400 if form.errors else 200
    )


def concern_detail(request, pk):
    concern = get_object_for(
        request.user, Concern.objects.select_related("plan__almo", "plan_indicator__indicator", "raised_by"), pk=pk
    )
    party = acting_party(request.user, concern.plan.almo)
    form = RecoveryForm(request.POST or None)
    if request.method == "POST":
        get_object_for(request.user, Concern, "respond", pk=pk)
        try:
            if "agree" in request.POST:
                services.concern_agree_recovery(actor=request.user, concern=concern)
                messages.success(request, "The recovery action is agreed and the concern is closed.")
                return HttpResponseRedirect(concern.get_absolute_url())
            if form.is_valid():
                services.concern_propose_recovery(actor=request.user, concern=concern, **form.cleaned_data)
                messages.success(request, "Your recovery action is proposed. The other party must agree it.")
                return HttpResponseRedirect(concern.get_absolute_url())
        except ValidationError as error:
            attach_errors(form, error)
    return render(
        request,
        "delivery_plans/concern_detail.html",
        {
            "concern": concern,
            "plan": concern.plan,
            "form": form,
            "party": party,
            "can_propose": party is not None and concern.status != Concern.Status.CLOSED,
            "can_agree": party is not None
            and concern.status == Concern.Status.RECOVERY_PROPOSED
            and party != concern.recovery_proposed_by_party,
        },
        status=400 if form.errors else 200,
    )
