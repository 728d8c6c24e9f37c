"""Writes for Delivery Plans. Each re-checks access inside its transaction and names who acts."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import variance
from core.periods import quarter_end, quarters_back
from delivery_plans.models import (
    Actual,
    Amendment,
    Concern,
    DeliveryPlan,
    Indicator,
    PlanIndicator,
    PlanVersion,
    Query,
    QueryMessage,
    Return,
    Target,
    Unit,
)
from delivery_plans.selectors import target_for, targets_by_period
from organisations.access import Party, acting_party

RETURN_DAYS_AFTER_QUARTER = 30


def _party_for(actor, plan: DeliveryPlan) -> str:
    party = acting_party(actor, plan.almo)
    if party is None:
        raise PermissionDenied("Only the ALMO's staff or its council's officers can do this.")
    return party


# Figures ---------------------------------------------------------------------------------------


# Digits, an optional minus sign, commas only between thousands, and a decimal point.
NUMBER = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
MAX_INTEGER_DIGITS = 10  # the figures are stored with 14 digits, 4 of them after the point
MAX_DECIMAL_PLACES = 4


def parse_decimal(raw, field: str, errors: dict) -> Decimal | None:
    """A figure typed by a person or read from a file; a problem goes into `errors` under `field`."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, str) and "\x00" in raw:
        errors[field] = "Enter a number without hidden characters."
        return None
    text = str(raw).strip()
    if not NUMBER.match(text):
        if "," in text:
            errors[field] = "Use a full stop for decimals, like 95.5, and commas only between thousands."
        else:
            errors[field] = "Enter a number, like 95.5."
        return None
    number = Decimal(text.replace(",", ""))
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMAL_PLACES:
        errors[field] = f"Enter a number with no more than {MAX_DECIMAL_PLACES} decimal places."
        return None
    if abs(number) >= Decimal(10) ** MAX_INTEGER_DIGITS:
        errors[field] = "Enter a number smaller than 10,000,000,000."
        return None
    return number


def clean_figures(indicator: Indicator, numerator, denominator, value) -> tuple[dict, dict]:
    """Check one indicator's figures; derive the value from numerator and denominator where it can be.

    Returns (figures, errors): errors maps a field name to a message a person can act on.
    """
    errors: dict[str, str] = {}
    numerator = parse_decimal(numerator, "numerator", errors)
    denominator = parse_decimal(denominator, "denominator", errors)
    typed_value = parse_decimal(value, "value", errors)
    if errors:
        return {}, errors
    if indicator.is_ratio:
        if numerator is None and denominator is None:
            if typed_value is not None:
                return {}, {
                    "value": f"{indicator.code} is worked out from its numerator and denominator: enter those instead."
                }
            return {"numerator": None, "denominator": None, "value": None}, {}
        if numerator is None:
            errors["numerator"] = f"Enter the numerator: {indicator.numerator_definition.lower()}."
        if denominator is None:
            errors["denominator"] = f"Enter the denominator: {indicator.denominator_definition.lower()}."
        elif denominator <= 0:
            errors["denominator"] = "The denominator must be more than zero."
        if numerator is not None and numerator < 0:
            errors["numerator"] = "The numerator cannot be negative."
        if not errors and indicator.unit == Unit.PERCENTAGE and indicator.multiplier == 100 and numerator > denominator:
            errors["numerator"] = (
                f"The numerator ({numerator.normalize():f}) cannot be more than the denominator "
                f"({denominator.normalize():f}) for a percentage."
            )
        if errors:
            return {}, errors
        computed = indicator.compute(numerator, denominator)
        if abs(computed) >= Decimal(10) ** MAX_INTEGER_DIGITS:
            return {}, {"value": "The value worked out from the numerator and denominator is too large to store."}
        return {"numerator": numerator, "denominator": denominator, "value": computed}, {}
    if numerator is not None or denominator is not None:
        errors["value"] = f"{indicator.code} is not a ratio: enter the value only."
        return {}, errors
    if typed_value is None:
        return {"numerator": None, "denominator": None, "value": None}, {}
    if indicator.may_be_negative:
        if indicator.unit == Unit.PERCENTAGE and not (-100 <= typed_value <= 100):
            errors["value"] = (
                f"A change in a percentage must be between -100 and 100; {typed_value.normalize():f} is not."
            )
    elif indicator.unit == Unit.PERCENTAGE and not (0 <= typed_value <= 100):
        errors["value"] = f"A percentage must be between 0 and 100; {typed_value.normalize():f} is not."
    elif indicator.unit in (Unit.COUNT, Unit.DAYS, Unit.RATE_PER_1000, Unit.SAP_POINTS) and typed_value < 0:
        errors["value"] = f"{indicator.get_unit_display()} cannot be negative."
    elif indicator.unit == Unit.COUNT and typed_value != typed_value.to_integral_value():
        errors["value"] = "A count must be a whole number."
    elif indicator.unit == Unit.YES_NO and typed_value not in (0, 1):
        errors["value"] = "Enter 1 for yes or 0 for no."
    if errors:
        return {}, errors
    return {"numerator": None, "denominator": None, "value": typed_value}, {}


# Plans -----------------------------------------------------------------------------------------


@transaction.atomic
def plan_sign(*, actor, plan: DeliveryPlan) -> DeliveryPlan:
    """Record one party's sign-off; the plan comes into force when both have signed."""
    plan = DeliveryPlan.objects.select_for_update(of=("self",)).get_for(actor, "sign", pk=plan.pk)
    party = _party_for(actor, plan)
    if plan.status != DeliveryPlan.Status.DRAFT:
        raise ValidationError("This plan is already in force; change it by amendment.")
    if not PlanIndicator.objects.filter(plan=plan, is_active=True).exists():
        raise ValidationError("Add at least one indicator to the plan before signing it off.")
    now = timezone.now()
    if party == Party.COUNCIL:
        if plan.council_signed_at:
            raise ValidationError("The council has already signed this plan off.")
        plan.council_signed_by, plan.council_signed_at = actor, now
    else:
        if plan.almo_signed_at:
            raise ValidationError("The ALMO has already signed this plan off.")
        plan.almo_signed_by, plan.almo_signed_at = actor, now
    if plan.council_signed_at and plan.almo_signed_at:
        plan.status = DeliveryPlan.Status.IN_FORCE
        PlanVersion.objects.create(plan=plan, number=plan.version, summary="Signed off by the council and the ALMO.")
    plan._history_user = actor
    plan.full_clean()
    plan.save()
    return plan


# Returns ---------------------------------------------------------------------------------------


@transaction.atomic
def return_open(*, actor, plan: DeliveryPlan, year: int, quarter: int) -> Return:
    """Start a quarter's return with a line for each indicator due that quarter."""
    plan = DeliveryPlan.objects.get_for(actor, "change", pk=plan.pk)
    if _party_for(actor, plan) != Party.ALMO:
        raise PermissionDenied("The ALMO starts its own returns.")
    if not plan.is_in_force:
        raise ValidationError("Returns can be made only against a plan in force.")
    if quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": "Choose a quarter from 1 to 4."})
    if not plan.covers(year):
        raise ValidationError({"year": f"The plan covers {plan.period_label} only."})
    return_record = Return(plan=plan, year=year, quarter=quarter, due_on=_due_on(year, quarter))
    return_record.full_clean()
    return_record._history_user = actor
    try:
        with transaction.atomic():
            return_record.save()
    except IntegrityError as error:  # someone started the same quarter a moment ago
        raise ValidationError("There is already a return for this plan and quarter.") from error
    _add_missing_lines(return_record, actor)
    return return_record


def _due_this_quarter(plan_indicator: PlanIndicator, quarter: int) -> bool:
    return plan_indicator.indicator.frequency != Indicator.Frequency.ANNUAL or quarter == 4


def _add_missing_lines(return_record: Return, actor) -> None:
    """Give the return a line for every indicator the plan monitors now and that is due this quarter."""
    present = set(return_record.actuals.values_list("plan_indicator_id", flat=True))
    due = PlanIndicator.objects.filter(plan_id=return_record.plan_id, is_active=True).select_related("indicator")
    for plan_indicator in due:
        if plan_indicator.pk not in present and _due_this_quarter(plan_indicator, return_record.quarter):
            line = Actual(return_record=return_record, plan_indicator=plan_indicator)
            line._history_user = actor
            line.save()


def _due_on(year: int, quarter: int):
    return quarter_end(year, quarter) + timezone.timedelta(days=RETURN_DAYS_AFTER_QUARTER)


COMMENTARY_FIELDS = ("what_happened", "why", "recovery_action", "expected_recovery")


@dataclass
class RowError:
    """A problem with one line of a return, for the page or an import report."""

    code: str
    field: str
    message: str


@transaction.atomic
def return_save(*, actor, return_record: Return, rows: dict[int, dict]) -> list[RowError]:
    """Save figures and commentary for a return's lines, keyed by actual id; all or nothing.

    Returns the errors; nothing is saved when there are any.
    """
    return_record = Return.objects.select_for_update().get_for(actor, "change", pk=return_record.pk)
    if not return_record.is_editable:
        raise ValidationError(f"This return is {return_record.get_status_display().lower()}; it cannot be changed now.")
    actuals = {a.pk: a for a in return_record.actuals.select_related("plan_indicator__indicator")}
    errors: list[RowError] = []
    changed = []
    for actual_id, data in rows.items():
        actual = actuals.get(actual_id)
        if actual is None:
            raise ValidationError("A line in the form does not belong to this return. Reload the page.")
        indicator = actual.plan_indicator.indicator
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
        cleaned["expected_recovery"] = value
    return cleaned, errors


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
        actual._history_user = actor
        actual.full_clean(exclude=["return_record", "plan_indicator"])
        actual.save()


@transaction.atomic
def return_submit(*, actor, return_record: Return) -> Return:
    """Send the return to the council. Every red or amber line needs its commentary first."""
    return_record = Return.objects.select_for_update().get_for(actor, "submit", pk=return_record.pk)
    if not return_record.is_editable:
        raise ValidationError(f"This return is {return_record.get_status_display().lower()} already.")
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
    return_record._history_user = actor
    return_record.save()
    return return_record


@transaction.atomic
def actual_query(*, actor, actual: Actual, text: str) -> Query:
    """A council officer questions one line of a submitted return; the return goes back to the ALMO."""
    actual = Actual.objects.select_related("return_record").get_for(actor, "query", pk=actual.pk)
    return_record = Return.objects.select_for_update().get(pk=actual.return_record_id)
    if return_record.status not in (Return.Status.SUBMITTED, Return.Status.RESUBMITTED, Return.Status.QUERIED):
        raise ValidationError("Only a submitted return can be queried.")
    if not text or not text.strip():
        raise ValidationError({"text": "Enter your question for the ALMO."})
    query = Query.objects.create(actual=actual, raised_by=actor)
    QueryMessage.objects.create(query=query, author=actor, party=Party.COUNCIL, text=text.strip())
    if return_record.status != Return.Status.QUERIED:
        return_record.status = Return.Status.QUERIED
        return_record._history_user = actor
        return_record.save(update_fields=["status"])
    return query


@transaction.atomic
def query_answer(*, actor, query: Query, text: str) -> Query:
    """The ALMO answers a query; the council closes it or asks again."""
    query = Query.objects.select_for_update().get_for(actor, "answer", pk=query.pk)
    if query.status == Query.Status.CLOSED:
        raise ValidationError("This query is closed.")
    if not text or not text.strip():
        raise ValidationError({"text": "Enter your answer to the query."})
    QueryMessage.objects.create(query=query, author=actor, party=Party.ALMO, text=text.strip())
    query.status = Query.Status.ANSWERED
    query._history_user = actor
    query.save(update_fields=["status"])
    return query


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
        query._history_user = actor
        query.save(update_fields=["status"])
    return_record.status = Return.Status.ACCEPTED
    return_record.accepted_by, return_record.accepted_at = actor, timezone.now()
    return_record._history_user = actor
    return_record.save()
    concerns_open_for_red_runs(return_record=return_record)
    return return_record


def concerns_open_for_red_runs(*, return_record: Return) -> list[Concern]:
    """Open a concern for each indicator red in N consecutive accepted quarters, unless one is open.

    Every run of N quarters that includes the quarter just accepted is checked, so quarters
    accepted out of order still count. A gap, or a quarter still under review, breaks a run.
    """
    plan = return_record.plan
    runs = plan.red_periods_for_concern
    latest_end = (return_record.year, return_record.quarter)
    for _ in range(runs - 1):
        latest_end = (latest_end[0], latest_end[1] + 1) if latest_end[1] < 4 else (latest_end[0] + 1, 1)
    # Every window of N quarters with the accepted quarter in it, from the one it ends to the one it starts.
    windows = [quarters_back(*end, runs) for end in quarters_back(*latest_end, runs)]
    accepted = {
        (r.year, r.quarter): r.pk
        for r in Return.objects.filter(plan=plan, status=Return.Status.ACCEPTED).only("year", "quarter")
    }
    reds: dict[int, set[tuple[int, int]]] = {}
    for plan_indicator_id, year, quarter in Actual.objects.filter(
        return_record__plan=plan, return_record__status=Return.Status.ACCEPTED, rag=variance.RED
    ).values_list("plan_indicator_id", "return_record__year", "return_record__quarter"):
        reds.setdefault(plan_indicator_id, set()).add((year, quarter))
    red_in_all = [
        plan_indicator_id
        for plan_indicator_id, red_quarters in reds.items()
        if any(all(period in accepted and period in red_quarters for period in window) for window in windows)
    ]
    already = set(
        Concern.objects.open().filter(plan=plan, plan_indicator__in=red_in_all).values_list("plan_indicator", flat=True)
    )
    opened = []
    for plan_indicator in (
        PlanIndicator.objects.filter(pk__in=red_in_all).exclude(pk__in=already).select_related("indicator")
    ):
        opened.append(
            Concern.objects.create(
                plan=plan,
                plan_indicator=plan_indicator,
                about_party=Party.ALMO,
                raised_by_party=Party.COUNCIL,
                title=f"{plan_indicator.indicator.code} red for {runs} quarters in a row",
                description=(
                    f"{plan_indicator.indicator.name} has been outside tolerance in {runs} accepted quarters in a "
                    f"row, found when the {return_record.period_label} return was accepted. Agree a recovery "
                    "action to close this."
                ),
            )
        )
    return opened


# Amendments ------------------------------------------------------------------------------------


@transaction.atomic
def amendment_propose(*, actor, plan: DeliveryPlan, kind: str, reason: str, **change) -> Amendment:
    """Either party proposes a change to a plan in force; the other must agree before it applies."""
    plan = DeliveryPlan.objects.get_for(actor, "propose", pk=plan.pk)
    party = _party_for(actor, plan)
    if not plan.is_in_force:
        raise ValidationError("Only a plan in force is amended. Change a draft plan directly before sign-off.")
    amendment = Amendment(plan=plan, kind=kind, reason=(reason or "").strip(), proposed_by=actor, proposing_party=party)
    for name, value in change.items():
        setattr(amendment, name, value)
    errors = {}
    if not amendment.reason:
        errors["reason"] = "Explain why the plan should change."
    if kind in (Amendment.Kind.TARGET, Amendment.Kind.TOLERANCE):
        if amendment.target is None or amendment.target.plan_indicator.plan_id != plan.pk:
            errors["target"] = "Choose the target to change."
        elif _target_is_settled(amendment.target):
            errors["target"] = "The return for that quarter is accepted, so its target cannot change now."
        if amendment.new_value is None:
            errors["new_value"] = "Enter the new value."
        elif kind == Amendment.Kind.TOLERANCE and amendment.new_value < 0:
            errors["new_value"] = "A tolerance cannot be negative."
    elif kind == Amendment.Kind.OBJECTIVE:
        if amendment.objective is None or amendment.objective.plan_id != plan.pk:
            errors["objective"] = "Choose the objective to change."
        if not amendment.new_title.strip():
            errors["new_title"] = "Enter the objective's new title."
    elif kind == Amendment.Kind.ADD_INDICATOR:
        if amendment.indicator is None or amendment.indicator.council_id not in (None, plan.almo.council_id):
            errors["indicator"] = "Choose the indicator to add."
        elif PlanIndicator.objects.filter(plan=plan, indicator=amendment.indicator, is_active=True).exists():
            errors["indicator"] = "The plan already monitors this indicator."
    elif kind == Amendment.Kind.REMOVE_INDICATOR:
        if amendment.plan_indicator is None or amendment.plan_indicator.plan_id != plan.pk:
            errors["plan_indicator"] = "Choose the indicator to remove."
    if errors:
        raise ValidationError(errors)
    amendment.full_clean()
    amendment._history_user = actor
    amendment.save()
    return amendment


def _target_is_settled(target: Target) -> bool:
    """A target stops changing once the council has accepted a return judged against it.

    A quarter's target is judged in that quarter's return; a whole-year target may be judged in any
    quarter of its year (rates and percentages fall back on it).
    """
    accepted = Return.objects.filter(
        plan_id=target.plan_indicator.plan_id, year=target.year, status=Return.Status.ACCEPTED
    )
    if target.quarter != Target.WHOLE_YEAR:
        accepted = accepted.filter(quarter=target.quarter)
    return accepted.exists()


def _decide(actor, amendment: Amendment) -> Amendment:
    amendment = Amendment.objects.select_for_update().get_for(actor, "decide", pk=amendment.pk)
    if amendment.status != Amendment.Status.PROPOSED:
        raise ValidationError(f"This amendment is {amendment.get_status_display().lower()} already.")
    if amendment.proposed_by_id == actor.pk or _party_for(actor, amendment.plan) == amendment.proposing_party:
        raise ValidationError(
            f"The {amendment.get_proposing_party_display()} proposed this amendment, so the other party must decide it."
        )
    return amendment


@transaction.atomic
def amendment_agree(*, actor, amendment: Amendment, reason: str = "") -> Amendment:
    """The other party agrees: the change applies and the plan moves to its next version."""
    amendment = _decide(actor, amendment)
    plan = DeliveryPlan.objects.select_for_update().get(pk=amendment.plan_id)
    changes = _apply_amendment(amendment, actor)
    amendment.status = Amendment.Status.AGREED
    amendment.decided_by, amendment.decided_at, amendment.decision_reason = actor, timezone.now(), reason.strip()
    amendment._history_user = actor
    amendment.save()
    plan.version += 1
    plan._history_user = actor
    plan.save(update_fields=["version"])
    PlanVersion.objects.create(
        plan=plan, number=plan.version, amendment=amendment, summary=str(amendment)[:300], changes=changes
    )
    return amendment


@transaction.atomic
def amendment_decline(*, actor, amendment: Amendment, reason: str) -> Amendment:
    if not reason or not reason.strip():
        raise ValidationError({"reason": "Explain why you decline the amendment."})
    amendment = _decide(actor, amendment)
    amendment.status = Amendment.Status.DECLINED
    amendment.decided_by, amendment.decided_at, amendment.decision_reason = actor, timezone.now(), reason.strip()
    amendment._history_user = actor
    amendment.save()
    return amendment


def _apply_amendment(amendment: Amendment, actor) -> list[dict]:
    kind = amendment.kind
    if kind in (Amendment.Kind.TARGET, Amendment.Kind.TOLERANCE):
        target = Target.objects.select_for_update().get(pk=amendment.target_id)
        if _target_is_settled(target):
            raise ValidationError(
                "The return for that quarter has been accepted since, so its target cannot change now."
            )
        field = "value" if kind == Amendment.Kind.TARGET else "tolerance"
        old = getattr(target, field)
        setattr(target, field, amendment.new_value)
        target._history_user = actor
        target.full_clean()
        target.save()
        label = "Target" if field == "value" else "Tolerance"
        return [{"field": f"{label}: {target}", "old": _plain(old), "new": _plain(amendment.new_value)}]
    if kind == Amendment.Kind.OBJECTIVE:
        objective = amendment.objective
        changes = [{"field": "Objective title", "old": objective.title, "new": amendment.new_title}]
        objective.title = amendment.new_title
        if amendment.new_description:
            changes.append(
                {"field": "Objective description", "old": objective.description, "new": amendment.new_description}
            )
            objective.description = amendment.new_description
        objective._history_user = actor
        objective.save()
        return changes
    if kind == Amendment.Kind.ADD_INDICATOR:
        plan_indicator, created = PlanIndicator.objects.get_or_create(
            plan_id=amendment.plan_id, indicator=amendment.indicator, defaults={"objective": amendment.objective}
        )
        if not created:
            plan_indicator.is_active = True
            plan_indicator.save(update_fields=["is_active"])
        for open_return in Return.objects.filter(plan_id=amendment.plan_id, status__in=["draft", "queried"]):
            _add_missing_lines(open_return, actor)
        return [{"field": "Indicators", "old": "", "new": f"Added {amendment.indicator}"}]
    if kind == Amendment.Kind.REMOVE_INDICATOR:
        plan_indicator = amendment.plan_indicator
        plan_indicator.is_active = False
        plan_indicator._history_user = actor
        plan_indicator.save()
        # Open returns stop asking for it; figures already entered stay on record.
        Actual.objects.filter(
            plan_indicator=plan_indicator, value__isnull=True, return_record__status__in=["draft", "queried"]
        ).delete()
        return [{"field": "Indicators", "old": str(plan_indicator), "new": f"Removed {plan_indicator}"}]
    raise ValidationError(f"Unknown amendment kind {kind!r}.")


def _plain(number) -> str:
    return f"{Decimal(number).normalize():f}"


# Concerns --------------------------------------------------------------------------------------


@transaction.atomic
def concern_raise(*, actor, plan: DeliveryPlan, title: str, description: str, about_party: str) -> Concern:
    """Either party raises a concern; the ALMO can raise one about the council's side too."""
    plan = DeliveryPlan.objects.get_for(actor, "raise", pk=plan.pk)
    party = _party_for(actor, plan)
    errors = {}
    if not (title or "").strip():
        errors["title"] = "Enter a short title for the concern."
    if not (description or "").strip():
        errors["description"] = "Describe what is going wrong and its effect."
    if about_party not in Party.values:
        errors["about_party"] = "Choose whose performance the concern is about."
    if errors:
        raise ValidationError(errors)
    concern = Concern(
        plan=plan,
        about_party=about_party,
        raised_by_party=party,
        raised_by=actor,
        title=title.strip(),
        description=description.strip(),
    )
    concern._history_user = actor
    concern.save()
    return concern


@transaction.atomic
def concern_propose_recovery(*, actor, concern: Concern, recovery_action: str) -> Concern:
    concern = Concern.objects.select_for_update().get_for(actor, "respond", pk=concern.pk)
    if concern.status == Concern.Status.CLOSED:
        raise ValidationError("This concern is closed.")
    if not (recovery_action or "").strip():
        raise ValidationError({"recovery_action": "Describe the recovery action: what will be done, by whom, by when."})
    concern.recovery_action = recovery_action.strip()
    concern.recovery_proposed_by_party = _party_for(actor, concern.plan)
    concern.status = Concern.Status.RECOVERY_PROPOSED
    concern._history_user = actor
    concern.save()
    return concern


@transaction.atomic
def concern_agree_recovery(*, actor, concern: Concern) -> Concern:
    """The other party agrees the recovery action, which closes the concern."""
    concern = Concern.objects.select_for_update().get_for(actor, "respond", pk=concern.pk)
    if concern.status != Concern.Status.RECOVERY_PROPOSED:
        raise ValidationError("There is no recovery action waiting to be agreed.")
    if _party_for(actor, concern.plan) == concern.recovery_proposed_by_party:
        raise ValidationError("The other party must agree the recovery action.")
    concern.status = Concern.Status.CLOSED
    concern.recovery_agreed_by, concern.closed_at = actor, timezone.now()
    concern._history_user = actor
    concern.save()
    return concern
