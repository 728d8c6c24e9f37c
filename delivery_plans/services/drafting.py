"""Drafting: writes to a delivery plan before sign-off, and to a council's local indicators.

A draft changes freely; once both parties sign it the plan is in force and changes only by amendment.
Each write re-checks access inside its transaction and locks the plan row, so it cannot race a sign-off.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from core.history import delete_as, save_as
from core.periods import YEAR_RANGE_HELP, financial_year_label, year_in_range
from delivery_plans import selectors
from delivery_plans.models import Delegation, DeliveryPlan, Indicator, Objective, PlanIndicator, Target, Unit
from delivery_plans.services.figures import parse_decimal
from organisations.access import acting_party
from organisations.models import Almo, Council

MAX_PLAN_YEARS = 5
PERIODS = (1, 2, 3, 4, Target.WHOLE_YEAR)

NOT_DRAFT = {
    DeliveryPlan.Status.IN_FORCE: (
        "This plan is in force, so it cannot be changed directly. Propose an amendment: "
        "it changes the plan once the other party agrees."
    ),
    DeliveryPlan.Status.ENDED: "This plan has ended, so it can no longer be changed.",
}


def _rekey(error: ValidationError, model, fields: dict[str, str]) -> ValidationError:
    """Move a model constraint's message from the form's top onto the field a person must change.

    `fields` maps a constraint name to a field name; the constraint's own message is kept.
    """
    if not hasattr(error, "error_dict"):
        return error
    by_message = {
        str(constraint.violation_error_message): fields[constraint.name]
        for constraint in model._meta.constraints
        if constraint.name in fields
    }
    moved: dict[str, list[str]] = {}
    for field, messages in error.message_dict.items():
        for message in messages:
            target = by_message.get(message, field) if field == NON_FIELD_ERRORS else field
            moved.setdefault(target, []).append(message)
    return ValidationError(moved)


def _save(obj, actor, constraint_fields: dict[str, str] | None = None):
    try:
        return save_as(actor, obj)
    except ValidationError as error:
        raise _rekey(error, type(obj), constraint_fields or {}) from None


def _strip(value) -> str:
    return (value or "").strip()


# Plans -----------------------------------------------------------------------------------------


def almos_for_new_plan(user):
    """The ALMOs a user may start a plan for: their own ALMO, or any live ALMO of a council they work for."""
    readable = Almo.objects.restrict(user).exclude(status=Almo.Status.CLOSED)
    ids = [almo.pk for almo in readable.only("pk", "council_id") if acting_party(user, almo) is not None]
    return Almo.objects.filter(pk__in=ids).select_related("council").order_by("name")


def _year_errors(first_year: int | None, last_year: int | None) -> dict[str, str]:
    errors = {}
    for field, year in (("first_year", first_year), ("last_year", last_year)):
        if year is None:
            errors[field] = "Enter the financial year as 4 digits, like 2025 for 2025/26."
        elif not year_in_range(year):
            errors[field] = YEAR_RANGE_HELP
    if errors:
        return errors
    if last_year < first_year:
        errors["last_year"] = (
            f"The last year must be the same as or after the first year ({financial_year_label(first_year)})."
        )
    elif last_year - first_year + 1 > MAX_PLAN_YEARS:
        errors["last_year"] = (
            f"A delivery plan can cover at most {MAX_PLAN_YEARS} financial years: "
            f"{financial_year_label(first_year)} to {financial_year_label(first_year + MAX_PLAN_YEARS - 1)}."
        )
    return errors


@transaction.atomic
def plan_create(
    *, actor, almo: Almo, title: str, first_year: int, last_year: int, red_periods_for_concern: int = 2
) -> DeliveryPlan:
    """Start a draft plan for one ALMO: its council's officers or its own staff may."""
    almo = Almo.objects.get_for(actor, pk=almo.pk)
    if acting_party(actor, almo) is None:
        raise PermissionDenied("Only the ALMO's staff or its council's officers can start its delivery plan.")
    errors = _year_errors(first_year, last_year)
    if not _strip(title):
        errors["title"] = "Enter a title for the plan."
    if errors:
        raise ValidationError(errors)
    plan = DeliveryPlan(
        almo=almo,
        title=_strip(title),
        first_year=first_year,
        last_year=last_year,
        red_periods_for_concern=red_periods_for_concern,
    )
    return _save(plan, actor)


def draft_for_change(actor, plan_id: int) -> DeliveryPlan:
    """The plan, locked until the transaction ends, if the actor acts for a party and it is still a draft.

    Every change to a draft's parts takes this lock first, so changes and sign-offs happen one at a time.
    """
    # Lock the plan row only, not the ALMO and council rows the access rule joins.
    plan = DeliveryPlan.objects.select_for_update(of=("self",)).get_for(actor, "change", pk=plan_id)
    if acting_party(actor, plan.almo) is None:
        raise PermissionDenied("Only the ALMO's staff or its council's officers can change its delivery plan.")
    if plan.status != DeliveryPlan.Status.DRAFT:
        raise ValidationError(NOT_DRAFT[plan.status])
    return plan


def _changed(plan: DeliveryPlan, actor) -> None:
    """A sign-off is for the plan as it stood: any change after it means both must sign again."""
    if plan.council_signed_at or plan.almo_signed_at:
        plan.council_signed_by = plan.council_signed_at = plan.almo_signed_by = plan.almo_signed_at = None
        save_as(
            actor, plan, update_fields=["council_signed_by", "council_signed_at", "almo_signed_by", "almo_signed_at"]
        )


# Objectives ------------------------------------------------------------------------------------


def _objective_fields(title, description, kind, strategy_reference, position) -> dict:
    return {
        "title": _strip(title),
        "description": _strip(description),
        "kind": kind,
        "strategy_reference": _strip(strategy_reference),
        "position": position,
    }


@transaction.atomic
def objective_create(
    *,
    actor,
    plan: DeliveryPlan,
    title: str,
    kind: str = Objective.Kind.LOCAL,
    description: str = "",
    strategy_reference: str = "",
    position: int | None = None,
) -> Objective:
    plan = draft_for_change(actor, plan.pk)
    if position is None:
        last = plan.objectives.order_by("-position").values_list("position", flat=True).first()
        position = (last or 0) + 1
    objective = Objective(plan=plan, **_objective_fields(title, description, kind, strategy_reference, position))
    _save(objective, actor)
    _changed(plan, actor)
    return objective


@transaction.atomic
def objective_update(
    *,
    actor,
    objective: Objective,
    title: str,
    kind: str,
    description: str = "",
    strategy_reference: str = "",
    position: int = 0,
) -> Objective:
    plan = draft_for_change(actor, objective.plan_id)
    objective = Objective.objects.get_for(actor, "change", pk=objective.pk, plan=plan)
    for name, value in _objective_fields(title, description, kind, strategy_reference, position).items():
        setattr(objective, name, value)
    _save(objective, actor)
    _changed(plan, actor)
    return objective


@transaction.atomic
def objective_delete(*, actor, objective: Objective) -> None:
    """Remove an objective; its indicators stay in the plan, with no objective."""
    plan = draft_for_change(actor, objective.plan_id)
    objective = Objective.objects.get_for(actor, "change", pk=objective.pk, plan=plan)
    # Done one by one rather than by the database's SET NULL, so each keeps a history record.
    for plan_indicator in objective.indicators.all():
        plan_indicator.objective = None
        save_as(actor, plan_indicator, update_fields=["objective"])
    delete_as(actor, objective)
    _changed(plan, actor)


# Indicators in the plan ------------------------------------------------------------------------


def indicators_for_plan(user, plan: DeliveryPlan):
    """The indicators a plan may monitor: the library's and its ALMO's council's own, in use.

    Someone with posts at two councils can see both councils' local indicators; only this plan's council's apply.
    """
    return (
        Indicator.objects.restrict(user)
        .filter(is_active=True)
        .filter(Q(council__isnull=True) | Q(council_id=plan.almo.council_id))
        .order_by("sort_key", "pk")
    )


@transaction.atomic
def plan_indicator_add(
    *, actor, plan: DeliveryPlan, indicator: Indicator, objective: Objective | None
) -> PlanIndicator:
    """Monitor an indicator in the plan: from the library, or the ALMO's council's own."""
    plan = draft_for_change(actor, plan.pk)
    errors = {}
    visible = indicators_for_plan(actor, plan).filter(pk=getattr(indicator, "pk", None)).first()
    if visible is None:
        errors["indicator"] = "Choose an indicator from the library or the council's local indicators."
    if objective is not None and objective.plan_id != plan.pk:
        errors["objective"] = "Choose one of this plan's objectives."
    if errors:
        raise ValidationError(errors)
    plan_indicator = PlanIndicator(plan=plan, indicator=visible, objective=objective)
    _save(plan_indicator, actor, {"plan_indicator_once": "indicator"})
    _changed(plan, actor)
    return plan_indicator


@transaction.atomic
def plan_indicator_remove(*, actor, plan_indicator: PlanIndicator) -> None:
    """Stop monitoring an indicator in a draft plan, with its targets."""
    plan = draft_for_change(actor, plan_indicator.plan_id)
    plan_indicator = PlanIndicator.objects.get_for(actor, "change", pk=plan_indicator.pk, plan=plan)
    for target in plan_indicator.targets.all():
        delete_as(actor, target)
    delete_as(actor, plan_indicator)
    _changed(plan, actor)


# Targets ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetError:
    """A problem with one cell of the targets grid: an indicator, a quarter (0 for the year), a field."""

    plan_indicator_id: int
    quarter: int
    field: str  # "value" or "tolerance"
    message: str


def periods_for(indicator: Indicator) -> tuple[int, ...]:
    """An indicator reported once a year has a whole-year target only; others have quarters as well."""
    if indicator.frequency == Indicator.Frequency.ANNUAL:
        return (Target.WHOLE_YEAR,)
    return PERIODS


def _target_value_error(indicator: Indicator, value: Decimal) -> str | None:
    """What is wrong with a target for this indicator's unit, if anything."""
    if indicator.unit == Unit.PERCENTAGE:
        low = -100 if indicator.may_be_negative else 0
        if not low <= value <= 100:
            return f"A percentage target must be between {low} and 100."
    elif indicator.unit == Unit.YES_NO:
        if value not in (0, 1):
            return "Enter 1 for yes or 0 for no."
    elif value < 0 and not indicator.may_be_negative:
        return f"A target in {indicator.get_unit_display().lower()} cannot be negative."
    elif indicator.unit == Unit.COUNT and value != value.to_integral_value():
        return "A count target must be a whole number."
    return None


@transaction.atomic
def targets_set(*, actor, plan: DeliveryPlan, year: int, cells: dict[tuple[int, int], dict]) -> list[TargetError]:
    """Set one financial year's targets for the plan's indicators; all or nothing.

    `cells` maps (plan indicator id, quarter) to {"value": text, "tolerance": text}; quarter 0 is the whole
    year. An empty target removes the one there was. Returns the errors; nothing is saved when there are any.
    """
    plan = draft_for_change(actor, plan.pk)
    if not plan.covers(year):
        raise ValidationError(f"The plan covers {plan.period_label} only.")
    plan_indicators = {pi.pk: pi for pi in plan.plan_indicators.select_related("indicator")}
    existing = {
        (t.plan_indicator_id, t.quarter): t for t in Target.objects.filter(plan_indicator__plan=plan, year=year)
    }
    errors: list[TargetError] = []
    wanted: dict[tuple[int, int], tuple[Decimal, Decimal] | None] = {}
    for (plan_indicator_id, quarter), raw in cells.items():
        plan_indicator = plan_indicators.get(plan_indicator_id)
        if plan_indicator is None or quarter not in PERIODS:
            raise ValidationError("A row in the form does not belong to this plan. Reload the page.")
        indicator = plan_indicator.indicator
        problems: dict[str, str] = {}
        value = parse_decimal(raw.get("value"), "value", problems)
        tolerance = parse_decimal(raw.get("tolerance"), "tolerance", problems)
        if "value" not in problems:
            if value is not None and quarter not in periods_for(indicator):
                problems["value"] = f"{indicator.code} is reported once a year: set the whole-year target only."
            elif value is not None and (message := _target_value_error(indicator, value)):
                problems["value"] = message
        if "tolerance" not in problems and tolerance is not None:
            if tolerance < 0:
                problems["tolerance"] = "A tolerance cannot be negative."
            elif value is None and "value" not in problems:
                problems["tolerance"] = "Enter the target the tolerance applies to, or leave the tolerance empty."
        errors.extend(TargetError(plan_indicator_id, quarter, field, message) for field, message in problems.items())
        if not problems:
            wanted[(plan_indicator_id, quarter)] = None if value is None else (value, tolerance or Decimal(0))
    if errors:
        return errors
    changed = False
    for key, figures in wanted.items():
        target = existing.get(key)
        if figures is None:
            if target is not None:
                delete_as(actor, target)
                changed = True
            continue
        value, tolerance = figures
        if target is None:
            target = Target(plan_indicator_id=key[0], year=year, quarter=key[1])
        elif target.value == value and target.tolerance == tolerance:
            continue
        target.value, target.tolerance = value, tolerance
        _save(target, actor)
        changed = True
    if changed:
        _changed(plan, actor)
    return []


# Delegations -----------------------------------------------------------------------------------


def _delegation_fields(decision_area, decided_by, financial_limit, notes) -> dict:
    fields = {
        "decision_area": _strip(decision_area),
        "decided_by": decided_by,
        "financial_limit": financial_limit,
        "notes": _strip(notes),
    }
    if financial_limit is not None and financial_limit < 0:
        raise ValidationError({"financial_limit": "The financial limit cannot be negative."})
    return fields


@transaction.atomic
def _refuse_if_kept_elsewhere(plan: DeliveryPlan) -> None:
    """One register, not two: while the ALMO's agreement keeps its delegations, the plan keeps none."""
    if selectors.kept_delegations(plan.almo) is not None:
        raise ValidationError(
            "This ALMO's delegations are kept in its management agreement, which is in force. Change them there."
        )


def delegation_create(
    *,
    actor,
    plan: DeliveryPlan,
    decision_area: str,
    decided_by: str,
    financial_limit: Decimal | None = None,
    notes: str = "",
) -> Delegation:
    plan = draft_for_change(actor, plan.pk)
    _refuse_if_kept_elsewhere(plan)
    delegation = Delegation(plan=plan, **_delegation_fields(decision_area, decided_by, financial_limit, notes))
    _save(delegation, actor)
    _changed(plan, actor)
    return delegation


@transaction.atomic
def delegation_update(
    *,
    actor,
    delegation: Delegation,
    decision_area: str,
    decided_by: str,
    financial_limit: Decimal | None = None,
    notes: str = "",
) -> Delegation:
    plan = draft_for_change(actor, delegation.plan_id)
    _refuse_if_kept_elsewhere(plan)
    delegation = Delegation.objects.get_for(actor, "change", pk=delegation.pk, plan=plan)
    for name, value in _delegation_fields(decision_area, decided_by, financial_limit, notes).items():
        setattr(delegation, name, value)
    _save(delegation, actor)
    _changed(plan, actor)
    return delegation


@transaction.atomic
def delegation_delete(*, actor, delegation: Delegation) -> None:
    plan = draft_for_change(actor, delegation.plan_id)
    _refuse_if_kept_elsewhere(plan)
    delegation = Delegation.objects.get_for(actor, "change", pk=delegation.pk, plan=plan)
    delete_as(actor, delegation)
    _changed(plan, actor)


# Local indicators ------------------------------------------------------------------------------

INDICATOR_FIELDS = (
    "code",
    "name",
    "definition",
    "group",
    "unit",
    "polarity",
    "numerator_definition",
    "denominator_definition",
    "multiplier",
    "decimal_places",
    "reporting_level",
    "frequency",
    "may_be_negative",
    "is_active",
)
# Changing these under a plan in force would change what its agreed targets and past figures mean.
MEANING_FIELDS = (
    "code",
    "unit",
    "polarity",
    "numerator_definition",
    "denominator_definition",
    "multiplier",
    "frequency",
    "may_be_negative",
)
RATIO_MULTIPLIERS = {Unit.PERCENTAGE: 100, Unit.RATE_PER_1000: 1000}
INDICATOR_CONSTRAINT_FIELDS = {
    "local_indicator_code_unique": "code",
    "indicator_ratio_has_denominator": "denominator_definition",
}


def _indicator_errors(indicator: Indicator) -> dict[str, str]:
    errors = {}
    if indicator.code and Indicator.objects.library().filter(code__iexact=indicator.code).exists():
        # The same code twice in one plan would make returns and imports ambiguous.
        errors["code"] = "The library already has an indicator with this code. Choose another code."
    if indicator.denominator_definition and not indicator.numerator_definition:
        errors["numerator_definition"] = "Enter what the numerator counts, or leave both definitions empty."
    expected = RATIO_MULTIPLIERS.get(indicator.unit)
    if indicator.numerator_definition and expected and indicator.multiplier != expected:
        errors["multiplier"] = f"A {indicator.get_unit_display().lower()} worked out from a ratio needs {expected:,}."
    return errors


def _indicator_save(indicator: Indicator, actor) -> Indicator:
    """Save if our checks and the model's all pass; otherwise raise every problem, ours first for a field."""
    errors = _indicator_errors(indicator)
    try:
        if not errors:
            return save_as(actor, indicator)
        indicator.full_clean()  # only to gather its messages alongside ours: nothing is saved
    except ValidationError as error:
        for field, messages in _rekey(error, Indicator, INDICATOR_CONSTRAINT_FIELDS).message_dict.items():
            errors.setdefault(field, messages[0])
    raise ValidationError(errors)


@transaction.atomic
def indicator_create(*, actor, council: Council, **fields) -> Indicator:
    """A council officer adds one of their council's local indicators."""
    council = Council.objects.get_for(actor, "change", pk=council.pk)
    values = {name: fields[name] for name in INDICATOR_FIELDS if name in fields}
    values["code"] = _strip(values.get("code"))
    indicator = Indicator(council=council, source=Indicator.Source.LOCAL, **values)
    return _indicator_save(indicator, actor)


@transaction.atomic
def indicator_update(*, actor, indicator: Indicator, **fields) -> Indicator:
    """A council officer changes a local indicator; the library is changed in the admin only."""
    indicator = Indicator.objects.select_for_update().get_for(actor, "change", pk=indicator.pk)
    if "code" in fields:
        fields["code"] = _strip(fields["code"])
    changed = [name for name in INDICATOR_FIELDS if name in fields and fields[name] != getattr(indicator, name)]
    agreed = DeliveryPlan.objects.filter(
        plan_indicators__indicator=indicator, status__in=[DeliveryPlan.Status.IN_FORCE, DeliveryPlan.Status.ENDED]
    ).exists()
    if agreed and (locked := [name for name in changed if name in MEANING_FIELDS]):
        raise ValidationError(
            {
                name: "A signed-off delivery plan uses this indicator, so this cannot change. "
                "Add a new indicator instead."
                for name in locked
            }
        )
    for name in changed:
        setattr(indicator, name, fields[name])
    return _indicator_save(indicator, actor)
