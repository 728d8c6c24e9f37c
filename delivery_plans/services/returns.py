"""Returns and commentary: the ALMO opens, fills in and submits a quarter's return; the council accepts it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import clock, registries, variance
from core.dates import govuk_date
from core.history import save_as
from core.periods import period_label, quarter_end, quarter_start
from delivery_plans.models import Actual, DeliveryPlan, Indicator, PlanIndicator, Query, Return
from delivery_plans.selectors import target_for, targets_by_period
from delivery_plans.services import notifying
from delivery_plans.services.concerns import concerns_open_for_red_runs
from delivery_plans.services.figures import clean_figures
from delivery_plans.services.parties import party_for
from organisations.access import Party

RETURN_DAYS_AFTER_QUARTER = 30
# Returns are started for the last two years at most: older figures are history, not a return to make now.
YEARS_BACK = 2
COMMENTARY_FIELDS = ("what_happened", "why", "recovery_action", "expected_recovery")


@dataclass
class RowError:
    """A problem with one line of a return, for the page or an import report."""

    code: str
    field: str
    message: str


@transaction.atomic
def return_open(*, actor, plan: DeliveryPlan, year: int, quarter: int) -> Return:
    """Start a quarter's return with a line for each indicator due that quarter."""
    plan = DeliveryPlan.objects.get_for(actor, "change", pk=plan.pk)
    if party_for(actor, plan) != Party.ALMO:
        raise PermissionDenied("The ALMO starts its own returns.")
    if not plan.is_in_force:
        raise ValidationError("Returns can be made only against a plan in force.")
    if quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": "Choose a quarter from 1 to 4."})
    if not plan.covers(year):
        raise ValidationError({"year": f"The plan covers {plan.period_label} only."})
    problem = period_problem_to_open(year, quarter)
    if problem:
        raise ValidationError({"quarter": problem})
    return_record = Return(plan=plan, year=year, quarter=quarter, due_on=_due_on(year, quarter))
    try:
        with transaction.atomic():
            save_as(actor, return_record)
    except IntegrityError as error:  # someone started the same quarter a moment ago
        raise ValidationError("There is already a return for this plan and quarter.") from error
    add_missing_lines(return_record, actor)
    take_supplied_figures(return_record, actor)
    return return_record


FIGURE_FIELDS = ("numerator", "denominator", "value")


def take_supplied_figures(return_record: Return, actor) -> int:
    """Fill the lines whose figures another part of the portal holds (`core.registries.figure_sources`).

    Such a line records where its figures came from and is never typed over: a tenant survey agreed by both
    parties, say, gives TP01 to TP12 on the year-end return. Returns how many lines changed.
    """
    almo = return_record.plan.almo
    supplied = {}
    for source in registries.figure_sources:
        for figure in source.figures(almo, return_record.year, return_record.quarter):
            supplied.setdefault((figure.code, figure.tenure), figure)
    if not supplied:
        return 0
    changed = []
    lines = return_record.actuals.select_related("plan_indicator__indicator").filter(
        plan_indicator__indicator__code__in={code for code, _tenure in supplied}
    )
    for actual in lines:
        indicator = actual.plan_indicator.indicator
        tenure = "lcho" if indicator.reporting_level == Indicator.ReportingLevel.LCHO else "lcra"
        figure = supplied.get((indicator.code, tenure))
        if figure is None:
            continue
        if indicator.is_ratio:
            figures, errors = clean_figures(indicator, _text(figure.numerator), _text(figure.denominator), None)
        else:
            figures, errors = clean_figures(indicator, None, None, _text(figure.value))
        if errors:  # a figure this indicator cannot hold stays for a person to enter
            continue
        new = {**figures, "supplied_by": figure.provenance[: Actual._meta.get_field("supplied_by").max_length]}
        if any(getattr(actual, name) != value for name, value in new.items()):
            for name, value in new.items():
                setattr(actual, name, value)
            changed.append(actual)
    if changed:
        _apply_rag(return_record, changed, actor)
    return len(changed)


def _text(number) -> str | None:
    return None if number is None else str(number)


def _supplied_figures_changed(actual: Actual, data: dict) -> bool:
    """Whether a save would change the figures of a line another part of the portal supplied."""
    if not any(name in data for name in FIGURE_FIELDS):
        return False
    indicator = actual.plan_indicator.indicator
    figures, errors = clean_figures(indicator, data.get("numerator"), data.get("denominator"), data.get("value"))
    return bool(errors) or any(getattr(actual, name) != value for name, value in figures.items())


def period_problem_to_open(year: int, quarter: int) -> str | None:
    """Why a return for this quarter cannot be started today (not begun yet, or too long ago), or None."""
    today = clock.today()
    label, starts, ends = period_label(year, quarter), quarter_start(year, quarter), quarter_end(year, quarter)
    if starts > today:
        return f"{label} has not started yet. Its return can start once the quarter begins, on {govuk_date(starts)}."
    earliest = _years_before(today, YEARS_BACK)
    if ends < earliest:
        return (
            f"{label} ended more than {YEARS_BACK} years ago. Returns can be started for quarters that ended on or "
            f"after {govuk_date(earliest)}."
        )
    return None


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _due_this_quarter(plan_indicator: PlanIndicator, quarter: int) -> bool:
    return plan_indicator.indicator.frequency != Indicator.Frequency.ANNUAL or quarter == 4


def add_missing_lines(return_record: Return, actor) -> None:
    """Give the return a line for every indicator the plan monitors now and that is due this quarter."""
    present = set(return_record.actuals.values_list("plan_indicator_id", flat=True))
    due = PlanIndicator.objects.filter(plan_id=return_record.plan_id, is_active=True).select_related("indicator")
    for plan_indicator in due:
        if plan_indicator.pk not in present and _due_this_quarter(plan_indicator, return_record.quarter):
            line = Actual(return_record=return_record, plan_indicator=plan_indicator)
            # The return and indicator were just read from this plan, and `present` rules out a second line.
            save_as(actor, line, exclude=["return_record", "plan_indicator"])


def _due_on(year: int, quarter: int):
    return quarter_end(year, quarter) + timezone.timedelta(days=RETURN_DAYS_AFTER_QUARTER)


@transaction.atomic
def return_save(*, actor, return_record: Return, rows: dict[int, dict]) -> list[RowError]:
    """Save figures and commentary for a return's lines, keyed by actual id; all or nothing.

    Returns the errors; nothing is saved when there are any.
    """
    return_record = Return.objects.select_for_update().get_for(actor, "change", pk=return_record.pk)
    if not return_record.is_editable:
        raise ValidationError(f"This return is {return_record.get_status_display().lower()}; it cannot be changed now.")
    take_supplied_figures(return_record, actor)
    actuals = {a.pk: a for a in return_record.actuals.select_related("plan_indicator__indicator")}
    errors: list[RowError] = []
    changed = []
    for actual_id, data in rows.items():
        actual = actuals.get(actual_id)
        if actual is None:
            raise ValidationError("A line in the form does not belong to this return. Reload the page.")
        indicator = actual.plan_indicator.indicator
        if actual.supplied_by:
            if _supplied_figures_changed(actual, data):
                field = "numerator" if indicator.is_ratio else "value"
                errors.append(
                    RowError(
                        indicator.code,
                        field,
                        f"{indicator.code} is filled in for you: {actual.supplied_by[0].lower()}"
                        f"{actual.supplied_by[1:]}. Leave its figures as they are.",
                    )
                )
                continue
        else:
            figures, figure_errors = clean_figures(
                indicator, data.get("numerator"), data.get("denominator"), data.get("value")
            )
            errors.extend(RowError(indicator.code, field, message) for field, message in figure_errors.items())
            if figure_errors:
                continue
            for name, value in figures.items():
                setattr(actual, name, value)
        commentary, commentary_errors = _clean_commentary(data)
        errors.extend(RowError(indicator.code, field, message) for field, message in commentary_errors.items())
        if commentary_errors:
            continue
        for name, value in commentary.items():
            setattr(actual, name, value)
        changed.append(actual)
    if errors:
        transaction.set_rollback(True)
        return errors
    _apply_rag(return_record, changed, actor)
    return []


def _clean_commentary(data: dict) -> tuple[dict, dict]:
    """Commentary fields present in `data`: text stripped, the expected date read from a date or ISO text."""
    cleaned, errors = {}, {}
    for name in ("what_happened", "why", "recovery_action"):
        if name in data:
            text = data[name] or ""
            if "\x00" in text:
                errors[name] = "Remove the hidden characters from the text."
            else:
                cleaned[name] = text.strip()
    if "expected_recovery" in data:
        value = data["expected_recovery"]
        if isinstance(value, str):
            value = value.strip()
            try:
                value = dt.date.fromisoformat(value) if value else None
            except ValueError:
                errors["expected_recovery"] = f"Enter the expected date as a real date, like 2027-03-31, not '{value}'."
                value = None
        problem = recovery_date_problem(value)
        if problem:
            errors["expected_recovery"] = problem
        cleaned["expected_recovery"] = value
    return cleaned, errors


def recovery_date_problem(value: dt.date | None) -> str | None:
    """A date for being back on target that has already passed is no plan: say so, and what is allowed."""
    today = clock.today()
    if value is not None and value < today:
        return (
            f"The date the indicator will be back on target must be today ({govuk_date(today)}) or later, "
            f"not {govuk_date(value)}."
        )
    return None


def reassess(return_record: Return, actor, *, plan_indicator_id: int | None = None) -> None:
    """Judge a return's lines again, after a target or tolerance they are judged against has changed."""
    lines = return_record.actuals.select_related("plan_indicator__indicator")
    if plan_indicator_id is not None:
        lines = lines.filter(plan_indicator_id=plan_indicator_id)
    _apply_rag(return_record, list(lines), actor)


def _apply_rag(return_record: Return, changed: list[Actual], actor) -> None:
    """Store each line's RAG status, judged by the variance engine, so concerns and lists can filter on it."""
    targets = targets_by_period(return_record.plan_id, [return_record.year])
    for actual in changed:
        unit = actual.plan_indicator.indicator.unit
        target = target_for(targets, actual.plan_indicator_id, return_record.year, return_record.quarter, unit)
        actual.rag = variance.rag_status(
            actual.value,
            target.value if target else None,
            target.tolerance if target else 0,
            actual.plan_indicator.indicator.polarity,
        )
        save_as(actor, actual, exclude=["return_record", "plan_indicator"])


@transaction.atomic
def return_submit(*, actor, return_record: Return) -> Return:
    """Send the return to the council. Every red or amber line needs its commentary first."""
    return_record = Return.objects.select_for_update().get_for(actor, "submit", pk=return_record.pk)
    if not return_record.is_editable:
        raise ValidationError(f"This return is {return_record.get_status_display().lower()} already.")
    ends = quarter_end(return_record.year, return_record.quarter)
    if ends >= clock.today():
        raise ValidationError(
            f"The {return_record.period_label} return can be sent once the quarter has ended, after "
            f"{govuk_date(ends)}. You can save figures until then."
        )
    take_supplied_figures(return_record, actor)
    actuals = list(return_record.actuals.select_related("plan_indicator__indicator"))
    problems = [
        f"Answer the council's query on {code} before you resubmit."
        for code in Query.objects.filter(actual__return_record=return_record, status=Query.Status.OPEN)
        .values_list("actual__plan_indicator__indicator__code", flat=True)
        .distinct()
    ]
    for actual in actuals:
        code = actual.plan_indicator.indicator.code
        if actual.value is None:
            problems.append(f"{code}: enter the figure.")
        elif actual.rag in (variance.RED, variance.AMBER) and not actual.has_commentary:
            missing = [
                Actual._meta.get_field(name).verbose_name.lower()
                for name in COMMENTARY_FIELDS
                if not getattr(actual, name)
                or (isinstance(getattr(actual, name), str) and not getattr(actual, name).strip())
            ]
            problems.append(f"{code} is {actual.rag}: add {', '.join(missing)}.")
    if problems:
        raise ValidationError(problems)
    resubmitting = return_record.status == Return.Status.QUERIED
    return_record.status = Return.Status.RESUBMITTED if resubmitting else Return.Status.SUBMITTED
    return_record.submitted_by, return_record.submitted_at = actor, timezone.now()
    save_as(actor, return_record)
    notifying.return_submitted(return_record, actor)
    return return_record


@transaction.atomic
def return_accept(*, actor, return_record: Return) -> Return:
    """The council accepts the return; it is locked from then on, and red runs may open concerns."""
    return_record = Return.objects.select_for_update().get_for(actor, "review", pk=return_record.pk)
    if return_record.status not in (Return.Status.SUBMITTED, Return.Status.RESUBMITTED):
        raise ValidationError(
            f"Only a submitted return can be accepted; this one is {return_record.get_status_display().lower()}."
        )
    if return_record.submitted_by_id == actor.pk:
        raise ValidationError("You submitted this return, so another council officer must accept it.")
    open_queries = Query.objects.filter(actual__return_record=return_record, status=Query.Status.OPEN).count()
    if open_queries:
        waiting = "1 query is" if open_queries == 1 else f"{open_queries} queries are"
        raise ValidationError(f"{waiting} still waiting for the ALMO's answer.")
    for query in Query.objects.filter(actual__return_record=return_record).exclude(status=Query.Status.CLOSED):
        query.status = Query.Status.CLOSED
        save_as(actor, query, update_fields=["status"])
    return_record.status = Return.Status.ACCEPTED
    return_record.accepted_by, return_record.accepted_at = actor, timezone.now()
    save_as(actor, return_record)
    concerns_open_for_red_runs(actor=actor, return_record=return_record)
    notifying.return_accepted(return_record, actor)
    return return_record
