"""Pages for importing a file of actuals: upload, check the preview, confirm; and the template to fill in."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from core.periods import period_label
from delivery_plans import services
from delivery_plans.forms.imports import UploadForm
from delivery_plans.models import DeliveryPlan, PlanIndicator
from delivery_plans.services import imports
from organisations.access import Party, acting_party, get_object_for

SESSION_PREFIX = "actuals_import"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _plan_for_import(request, pk: int) -> DeliveryPlan:
    """The plan, for the ALMO's own staff only: anyone else gets the same 404 as for a missing plan."""
    plan = get_object_for(request.user, DeliveryPlan.objects.select_related("almo__council"), "change", pk=pk)
    if acting_party(request.user, plan.almo) != Party.ALMO:
        raise Http404("No delivery plan matches the given query.")
    return plan


def _session_key(plan: DeliveryPlan, token: str) -> str:
    return f"{SESSION_PREFIX}:{plan.pk}:{token}"


def _context(plan: DeliveryPlan, **extra) -> dict:
    crumbs = [(plan.almo.name, plan.almo.get_absolute_url()), (plan.title, plan.get_absolute_url())]
    return {"plan": plan, "crumbs": crumbs, **extra}


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _and_list(items: list[str]) -> str:
    """['Q1', 'Q2', 'Q4'] -> 'Q1, Q2 and Q4'."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _render_upload(request, plan, form, errors=()):
    """The upload page; with problems, a summary and a row-by-row table. Nothing has been saved."""
    errors = sorted(errors, key=lambda e: (e.row is not None, e.row or 0))
    for error in errors:
        if error.row is None:
            form.add_error(None, error.message)
    row_errors = [e for e in errors if e.row is not None]
    rows = len({e.row for e in row_errors})
    row_summary = (
        f"{_plural(rows, 'row')} in the file {'has' if rows == 1 else 'have'} problems. "
        "Nothing has been imported. Correct the file and upload it again."
    )
    return render(
        request,
        "delivery_plans/import_upload.html",
        _context(plan, form=form, row_errors=row_errors, row_summary=row_summary, max_rows=imports.MAX_ROWS),
    )


@require_http_methods(["GET", "POST"])
def actuals_import(request, pk):
    plan = _plan_for_import(request, pk)
    if request.method == "GET":
        return _render_upload(request, plan, UploadForm())
    form = UploadForm(request.POST, request.FILES)
    if not plan.is_in_force:
        form.is_valid()
        form.add_error(None, "Figures can be imported only into a plan in force.")
        return _render_upload(request, plan, form)
    if not form.is_valid():
        return _render_upload(request, plan, form)
    upload = form.cleaned_data["file"]
    try:
        rows = imports.parse_upload(upload)
    except imports.UploadError as error:
        for message in error.messages:
            form.add_error("file", message)
        return _render_upload(request, plan, form)
    valid_rows, errors = imports.validate_rows(plan, rows)
    if errors:
        return _render_upload(request, plan, form, errors)
    # Keep one pending import per plan in the session; a new upload replaces the last.
    for key in [key for key in request.session.keys() if key.startswith(f"{SESSION_PREFIX}:{plan.pk}:")]:
        del request.session[key]
    token = secrets.token_urlsafe(16)
    request.session[_session_key(plan, token)] = {"file_name": upload.name[:200], "rows": valid_rows}
    return redirect("delivery_plans:actuals_import_preview", pk=plan.pk, token=token)


@require_http_methods(["GET", "POST"])
def actuals_import_preview(request, pk, token):
    plan = _plan_for_import(request, pk)
    pending = request.session.get(_session_key(plan, token))
    if not pending:
        messages.error(request, "This import has expired or has already been used. Upload the file again.")
        return redirect("delivery_plans:actuals_import", pk=plan.pk)
    if request.method == "POST":
        try:
            result = imports.apply_import(actor=request.user, plan=plan, valid_rows=pending["rows"])
        except imports.ImportFailed as failure:
            del request.session[_session_key(plan, token)]
            return _render_upload(request, plan, UploadForm.for_errors(), failure.errors)
        del request.session[_session_key(plan, token)]
        messages.success(
            request, f"Imported {_plural(result.figures, 'figure')} into {_plural(result.returns, 'return')}"
        )
        return redirect(plan.get_absolute_url())
    # Check again: the plan or its returns may have changed since the file was uploaded.
    valid_rows, errors = imports.validate_rows(plan, pending["rows"])
    if errors:
        del request.session[_session_key(plan, token)]
        return _render_upload(request, plan, UploadForm.for_errors(), errors)
    return render(
        request, "delivery_plans/import_preview.html", _preview_context(plan, pending["file_name"], valid_rows)
    )


def _preview_context(plan: DeliveryPlan, file_name: str, valid_rows: list[dict]) -> dict:
    """Each figure as it will be saved, and how many returns it fills or starts."""
    indicators = {
        pi.pk: pi.indicator
        for pi in PlanIndicator.objects.filter(plan=plan, is_active=True).select_related("indicator")
    }
    lines = []
    for row in valid_rows:
        indicator = indicators[row["plan_indicator_id"]]
        figures, _errors = services.clean_figures(indicator, row["numerator"], row["denominator"], row["value"])
        lines.append(
            {
                "row": row,
                "indicator": indicator,
                "period": period_label(row["year"], row["quarter"]),
                "value": figures.get("value"),
            }
        )
    new_returns = sorted({(r["year"], r["quarter"]) for r in valid_rows if r["creates_return"]})
    new_returns = [period_label(*period) for period in new_returns]
    periods = {(r["year"], r["quarter"]) for r in valid_rows}
    return _context(
        plan,
        file_name=file_name,
        lines=lines,
        figure_count=_plural(len(valid_rows), "figure"),
        return_count=_plural(len(periods), "return"),
        new_returns=_and_list(new_returns),
        new_return_count=len(new_returns),
    )


@require_http_methods(["GET"])
def actuals_import_template(request, pk, fmt):
    plan = _plan_for_import(request, pk)
    if fmt not in CONTENT_TYPES:
        raise Http404("Choose a CSV or Excel template.")
    content = imports.template_csv(plan) if fmt == "csv" else imports.template_xlsx(plan)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    filename = f"{slugify(plan.almo.name)}-figures-template-{plan.first_year}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
