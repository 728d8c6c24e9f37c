"""Performance concerns: raised by either party or opened for a run of red quarters, closed by agreed recovery."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core import variance
from core.history import create_as, save_as
from core.periods import quarters_back
from delivery_plans.models import Actual, Concern, DeliveryPlan, PlanIndicator, Return
from delivery_plans.services.parties import party_for
from organisations.access import Party


def concerns_open_for_red_runs(*, actor, return_record: Return) -> list[Concern]:
    """Open a concern for each indicator red in N consecutive accepted quarters, unless one is open.

    Every run of N quarters that includes the quarter just accepted is checked, so quarters
    accepted out of order still count. A gap, or a quarter still under review, breaks a run.
    `actor` accepted the return: the history names them, while the concern itself has no author.
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
            create_as(
                actor,
                Concern,
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


@transaction.atomic
def concern_raise(*, actor, plan: DeliveryPlan, title: str, description: str, about_party: str) -> Concern:
    """Either party raises a concern; the ALMO can raise one about the council's side too."""
    plan = DeliveryPlan.objects.get_for(actor, "raise", pk=plan.pk)
    party = party_for(actor, plan)
    errors = {}
    if not (title or "").strip():
        errors["title"] = "Enter a short title for the concern."
    if not (description or "").strip():
        errors["description"] = "Describe what is going wrong and its effect."
    if about_party not in Party.values:
        errors["about_party"] = "Choose whose performance the concern is about."
    if errors:
        raise ValidationError(errors)
    return create_as(
        actor,
        Concern,
        plan=plan,
        about_party=about_party,
        raised_by_party=party,
        raised_by=actor,
        title=title.strip(),
        description=description.strip(),
    )


@transaction.atomic
def concern_propose_recovery(*, actor, concern: Concern, recovery_action: str) -> Concern:
    concern = Concern.objects.select_for_update().get_for(actor, "respond", pk=concern.pk)
    if concern.status == Concern.Status.CLOSED:
        raise ValidationError("This concern is closed.")
    if not (recovery_action or "").strip():
        raise ValidationError({"recovery_action": "Describe the recovery action: what will be done, by whom, by when."})
    concern.recovery_action = recovery_action.strip()
    concern.recovery_proposed_by_party = party_for(actor, concern.plan)
    concern.status = Concern.Status.RECOVERY_PROPOSED
    return save_as(actor, concern)


@transaction.atomic
def concern_agree_recovery(*, actor, concern: Concern) -> Concern:
    """The other party agrees the recovery action, which closes the concern."""
    concern = Concern.objects.select_for_update().get_for(actor, "respond", pk=concern.pk)
    if concern.status != Concern.Status.RECOVERY_PROPOSED:
        raise ValidationError("There is no recovery action waiting to be agreed.")
    if party_for(actor, concern.plan) == concern.recovery_proposed_by_party:
        raise ValidationError("The other party must agree the recovery action.")
    concern.status = Concern.Status.CLOSED
    concern.recovery_agreed_by, concern.closed_at = actor, timezone.now()
    return save_as(actor, concern)
