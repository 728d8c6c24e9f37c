"""Amendments: either party proposes a change to a plan in force; it applies when the other party agrees."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.history import create_as, save_as
from core.periods import period_label
from delivery_plans.models import Actual, Amendment, DeliveryPlan, PlanIndicator, PlanVersion, Return, Target
from delivery_plans.services import notifying
from delivery_plans.services.figures import target_problem
from delivery_plans.services.parties import party_for
from delivery_plans.services.returns import add_missing_lines, reassess


@transaction.atomic
def amendment_propose(*, actor, plan: DeliveryPlan, kind: str, reason: str, **change) -> Amendment:
    """Either party proposes a change to a plan in force; the other must agree before it applies."""
    plan = DeliveryPlan.objects.get_for(actor, "propose", pk=plan.pk)
    party = party_for(actor, plan)
    if not plan.is_in_force:
        raise ValidationError("Only a plan in force is amended. Change a draft plan directly before sign-off.")
    amendment = Amendment(plan=plan, kind=kind, reason=(reason or "").strip(), proposed_by=actor, proposing_party=party)
    for name, value in change.items():
        setattr(amendment, name, value)
    errors = {}
    if not amendment.reason:
        errors["reason"] = "Explain why the plan should change."
    if kind in (Amendment.Kind.TARGET, Amendment.Kind.TOLERANCE):
        errors |= _target_change_errors(amendment, plan)
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
    save_as(actor, amendment)
    notifying.amendment_proposed(amendment, actor)
    return amendment


def _target_change_errors(amendment: Amendment, plan: DeliveryPlan) -> dict[str, str]:
    errors = {}
    target = amendment.target
    if amendment.new_value is None:
        errors["new_value"] = "Enter the new value."
    if target is None or target.plan_indicator.plan_id != plan.pk:
        errors["target"] = "Choose the target to change."
        return errors
    if _target_is_settled(target):
        errors["target"] = (
            f"The council has accepted the return for {period_label(target.year, target.quarter)}, so its target "
            "cannot change now. Choose a quarter still to come."
        )
    elif _returns_sent(target).exists() and not amendment.reopens_return:
        errors["reopens_return"] = (
            f"The ALMO has sent the return for {period_label(target.year, target.quarter)}. To change its target, "
            "choose to re-open that return: it goes back to the ALMO to check its commentary."
        )
    if amendment.new_value is not None and amendment.kind == Amendment.Kind.TOLERANCE and amendment.new_value < 0:
        errors["new_value"] = "A tolerance cannot be negative."
    elif amendment.new_value is not None and amendment.kind == Amendment.Kind.TARGET:
        problem = target_problem(target.plan_indicator.indicator, amendment.new_value)
        if problem:
            errors["new_value"] = problem
    return errors


def _returns_judged_against(target: Target):
    """A quarter's target is judged in that quarter's return; a whole-year target may be judged in any
    quarter of its year (rates and percentages fall back on it).
    """
    returns = Return.objects.filter(plan_id=target.plan_indicator.plan_id, year=target.year)
    return returns if target.quarter == Target.WHOLE_YEAR else returns.filter(quarter=target.quarter)


def _returns_sent(target: Target):
    return _returns_judged_against(target).filter(status__in=[Return.Status.SUBMITTED, Return.Status.RESUBMITTED])


def _target_is_settled(target: Target) -> bool:
    """A target stops changing once the council has accepted a return judged against it."""
    return _returns_judged_against(target).filter(status=Return.Status.ACCEPTED).exists()


def _decide(actor, amendment: Amendment) -> Amendment:
    amendment = Amendment.objects.select_for_update().get_for(actor, "decide", pk=amendment.pk)
    if amendment.status != Amendment.Status.PROPOSED:
        raise ValidationError(f"This amendment is {amendment.get_status_display().lower()} already.")
    if amendment.proposed_by_id == actor.pk or party_for(actor, amendment.plan) == amendment.proposing_party:
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
    save_as(actor, amendment)
    plan.version += 1
    save_as(actor, plan, update_fields=["version"])
    create_as(
        actor,
        PlanVersion,
        plan=plan,
        number=plan.version,
        amendment=amendment,
        summary=str(amendment)[:300],
        changes=changes,
    )
    notifying.amendment_decided(amendment, actor)
    return amendment


@transaction.atomic
def amendment_decline(*, actor, amendment: Amendment, reason: str) -> Amendment:
    if not reason or not reason.strip():
        raise ValidationError({"reason": "Explain why you decline the amendment."})
    amendment = _decide(actor, amendment)
    amendment.status = Amendment.Status.DECLINED
    amendment.decided_by, amendment.decided_at, amendment.decision_reason = actor, timezone.now(), reason.strip()
    save_as(actor, amendment)
    notifying.amendment_decided(amendment, actor)
    return amendment


def _apply_amendment(amendment: Amendment, actor) -> list[dict]:
    """Make the agreed change to the plan; returns what changed, for the plan's new version."""
    kind = amendment.kind
    if kind in (Amendment.Kind.TARGET, Amendment.Kind.TOLERANCE):
        return _change_target(amendment, actor)
    if kind == Amendment.Kind.OBJECTIVE:
        return _change_objective(amendment, actor)
    if kind == Amendment.Kind.ADD_INDICATOR:
        return _add_indicator(amendment, actor)
    if kind == Amendment.Kind.REMOVE_INDICATOR:
        return _remove_indicator(amendment, actor)
    raise ValidationError(f"Unknown amendment kind {kind!r}.")


def _change_target(amendment: Amendment, actor) -> list[dict]:
    target = Target.objects.select_for_update().get(pk=amendment.target_id)
    if _target_is_settled(target):
        raise ValidationError("The return for that quarter has been accepted since, so its target cannot change now.")
    sent = list(_returns_sent(target).select_for_update())
    if sent and not amendment.reopens_return:
        raise ValidationError(
            "The ALMO has sent the return for that quarter since: propose the change again to re-open it."
        )
    field = "value" if amendment.kind == Amendment.Kind.TARGET else "tolerance"
    old = getattr(target, field)
    setattr(target, field, amendment.new_value)
    save_as(actor, target)
    # Every line judged against this target is judged again now, so no surface shows the old status.
    returns = _returns_judged_against(target)
    for return_record in returns:
        reassess(return_record, actor, plan_indicator_id=target.plan_indicator_id)
    for return_record in sent:
        return_record.status = Return.Status.QUERIED
        save_as(actor, return_record, update_fields=["status"])
        notifying.return_reopened(return_record, amendment, actor)
    label = "Target" if field == "value" else "Tolerance"
    return [{"field": f"{label}: {target}", "old": _plain(old), "new": _plain(amendment.new_value)}]


def _change_objective(amendment: Amendment, actor) -> list[dict]:
    objective = amendment.objective
    changes = [{"field": "Objective title", "old": objective.title, "new": amendment.new_title}]
    objective.title = amendment.new_title
    if amendment.new_description:
        changes.append(
            {"field": "Objective description", "old": objective.description, "new": amendment.new_description}
        )
        objective.description = amendment.new_description
    save_as(actor, objective)
    return changes


def _add_indicator(amendment: Amendment, actor) -> list[dict]:
    """Monitor the indicator again if the plan once did, else newly; open returns gain a line for it."""
    plan_indicator = PlanIndicator.objects.filter(plan_id=amendment.plan_id, indicator=amendment.indicator).first()
    if plan_indicator is None:
        create_as(
            actor,
            PlanIndicator,
            plan_id=amendment.plan_id,
            indicator=amendment.indicator,
            objective=amendment.objective,
        )
    else:
        plan_indicator.is_active = True
        save_as(actor, plan_indicator, update_fields=["is_active"])
    for open_return in Return.objects.filter(plan_id=amendment.plan_id, status__in=["draft", "queried"]):
        add_missing_lines(open_return, actor)
    return [{"field": "Indicators", "old": "", "new": f"Added {amendment.indicator}"}]


def _remove_indicator(amendment: Amendment, actor) -> list[dict]:
    plan_indicator = amendment.plan_indicator
    plan_indicator.is_active = False
    save_as(actor, plan_indicator)
    # Open returns stop asking for it; figures already entered stay on record.
    Actual.objects.filter(
        plan_indicator=plan_indicator, value__isnull=True, return_record__status__in=["draft", "queried"]
    ).delete()
    return [{"field": "Indicators", "old": str(plan_indicator), "new": f"Removed {plan_indicator}"}]


def _plain(number) -> str:
    return f"{Decimal(number).normalize():f}"
