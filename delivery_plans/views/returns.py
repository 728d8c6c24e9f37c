"""Pages for quarterly returns: start one, enter figures and commentary, check and submit them, and accept."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core import variance
from core.forms import flash_errors
from delivery_plans import selectors, services
from delivery_plans.forms.queries import AnswerForm, QueryForm
from delivery_plans.forms.returns import ReturnStartForm
from delivery_plans.models import DeliveryPlan, Query, Return
from organisations.access import Party, acting_party, get_object_for

FIELD_LABELS = {
    "numerator": "numerator",
    "denominator": "denominator",
    "value": "value",
    "what_happened": "what happened",
    "why": "why it happened",
    "recovery_action": "recovery action",
    "expected_recovery": "expected date",
}


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


def return_detail(request, pk, *, problem: dict | None = None):
    """The return with every line; `problem` ({"id", "message"}) marks a query or answer form sent empty."""
    return_record = get_object_for(
        request.user,
        Return.objects.select_related("plan__almo__council", "submitted_by", "accepted_by").with_overdue(),
        pk=pk,
    )
    party = acting_party(request.user, return_record.plan.almo)
    rows = selectors.return_rows(return_record)
    history = selectors.indicator_history(return_record.plan, return_record.year, return_record.quarter)
    for row in rows:
        row.history = history.get(row.actual.plan_indicator_id, [])
        row.trend_previous = variance.TREND_LABELS[row.assessment.trend_previous]
        row.trend_year_ago = variance.TREND_LABELS[row.assessment.trend_year_ago]
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
        "problem": problem,
    }
    return render(request, "delivery_plans/return_detail.html", context, status=400 if problem else 200)


def returns_to_complete(request):
    """The returns this person's ALMO has still to fill in and submit, or to answer queries on: newest first."""
    returns = (
        selectors.returns_to_complete(request.user)
        .with_overdue()
        .select_related("plan__almo")
        .order_by("-year", "-quarter", "plan__almo__name")
    )
    return render(request, "delivery_plans/returns_to_complete.html", {"returns": returns})


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
        posted = _posted_figures(request, rows)
        try:
            row_errors = services.return_save(actor=request.user, return_record=return_record, rows=posted)
        except ValidationError as error:
            flash_errors(request, error)
            return HttpResponseRedirect(return_record.get_absolute_url())
        errors = _row_errors(rows, row_errors)
        if not errors:
            response, errors = _after_save(request, return_record)
            if response is not None:
                return response
        rows = selectors.return_rows(return_record)
    return render(
        request,
        "delivery_plans/return_edit.html",
        {
            "return": return_record,
            "plan": return_record.plan,
            "lines": _edit_lines(rows, posted, errors),
            "errors": errors,
        },
        status=400 if errors else 200,
    )


def _field_id(actual_id: int, field: str) -> str:
    return f"actual-{actual_id}-{field}"


def _fields() -> tuple[str, ...]:
    return ("numerator", "denominator", "value", *services.COMMENTARY_FIELDS)


def _posted_figures(request, rows) -> dict:
    """Only the fields the form sent: a line missing from the post is left as it is, not emptied."""
    posted = {}
    for row in rows:
        sent = {
            field: request.POST[_field_id(row.actual.pk, field)]
            for field in _fields()
            if _field_id(row.actual.pk, field) in request.POST
        }
        if sent:
            posted[row.actual.pk] = sent
    return posted


def _row_errors(rows, row_errors) -> list[dict]:
    """The service's problems, each pointing at the input it is about."""
    code_to_id = {row.indicator.code: row.actual.pk for row in rows}
    return [
        {"id": _field_id(code_to_id[e.code], e.field), "message": f"{e.code}, {FIELD_LABELS[e.field]}: {e.message}"}
        for e in row_errors
    ]


def _after_save(request, return_record) -> tuple[HttpResponseRedirect | None, list[dict]]:
    """Once the figures are saved: on to check them before submitting, or back to the form to carry on later."""
    if "continue" in request.POST:
        return HttpResponseRedirect(reverse("delivery_plans:return_check", args=[return_record.pk])), []
    messages.success(request, "Your figures and commentary are saved.")
    return HttpResponseRedirect(reverse("delivery_plans:return_edit", args=[return_record.pk])), []


def _edit_lines(rows, posted: dict, errors: list[dict]) -> list[dict]:
    """One line per indicator for the form: its inputs' ids, what was posted and the messages to show."""
    messages_by_id = {e["id"]: e["message"] for e in errors}
    return [
        {
            "row": row,
            "ids": {field: _field_id(row.actual.pk, field) for field in _fields()},
            "posted": posted.get(row.actual.pk),
            "errors": messages_by_id,
        }
        for row in rows
    ]


def return_check(request, pk):
    """Check your answers: every line of the return as the council will see it, then submit (or resubmit) it."""
    return_record = get_object_for(request.user, Return.objects.select_related("plan__almo"), "submit", pk=pk)
    if not return_record.is_editable:
        messages.error(request, f"This return is {return_record.get_status_display().lower()} already.")
        return HttpResponseRedirect(return_record.get_absolute_url())
    resubmitting = return_record.status == Return.Status.QUERIED
    errors = []
    if request.method == "POST":
        try:
            services.return_submit(actor=request.user, return_record=return_record)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                "The return is resubmitted to the council."
                if resubmitting
                else f"The {return_record.period_label} return is submitted to the council.",
            )
            return HttpResponseRedirect(return_record.get_absolute_url())
    rows = selectors.return_rows(return_record)
    return render(
        request,
        "delivery_plans/return_check.html",
        {
            "return": return_record,
            "plan": return_record.plan,
            "lines": _check_lines(rows),
            "errors": _check_errors(rows, errors),
            "resubmitting": resubmitting,
            "open_queries": Query.objects.filter(actual__return_record=return_record, status=Query.Status.OPEN).count(),
        },
        status=400 if errors else 200,
    )


def _check_lines(rows) -> list[dict]:
    """One line per indicator for the check page: what it shows and where to change it."""
    lines = []
    for row in rows:
        figure_field = "numerator" if row.indicator.is_ratio else "value"
        lines.append(
            {
                "row": row,
                "id": f"line-{row.actual.pk}",
                "change_figure": f"#{_field_id(row.actual.pk, figure_field)}",
                "change_commentary": f"#{_field_id(row.actual.pk, 'what_happened')}",
                "commentary_missing": row.assessment.needs_commentary and not row.actual.has_commentary,
            }
        )
    return lines


def _check_errors(rows, error_messages: list[str]) -> list[dict]:
    """The service's reasons for refusing the return, each linked to the line it names where it names one."""
    codes = sorted(((row.indicator.code, row.actual.pk) for row in rows), key=lambda pair: -len(pair[0]))
    errors = []
    for message in error_messages:
        line = next(
            (pk for code, pk in codes if message.startswith((f"{code}:", f"{code} ")) or f" on {code} " in message),
            None,
        )
        errors.append({"id": f"line-{line}" if line else "", "message": message})
    return errors


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
