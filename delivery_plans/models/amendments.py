"""Amendments: a change to a plan in force, proposed by one party and agreed or declined by the other."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from delivery_plans import querysets
from delivery_plans.models.library import Indicator
from delivery_plans.models.plans import DeliveryPlan, Objective, PlanIndicator, Target
from organisations.access import Party


class Amendment(models.Model):
    """A proposed change to the plan; it changes the plan only when the other party agrees."""

    class Kind(models.TextChoices):
        TARGET = "target", "Change a target"
        TOLERANCE = "tolerance", "Change a tolerance"
        OBJECTIVE = "objective", "Change an objective"
        ADD_INDICATOR = "add_indicator", "Add an indicator"
        REMOVE_INDICATOR = "remove_indicator", "Remove an indicator"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Waiting for the other party"
        AGREED = "agreed", "Agreed"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    plan = models.ForeignKey(DeliveryPlan, on_delete=models.PROTECT, related_name="amendments")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposing_party = models.CharField(max_length=8, choices=Party.choices)
    proposed_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField()
    target = models.ForeignKey(Target, null=True, blank=True, on_delete=models.PROTECT, related_name="amendments")
    objective = models.ForeignKey(Objective, null=True, blank=True, on_delete=models.PROTECT, related_name="amendments")
    plan_indicator = models.ForeignKey(
        PlanIndicator, null=True, blank=True, on_delete=models.PROTECT, related_name="amendments"
    )
    indicator = models.ForeignKey(Indicator, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    new_value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    new_title = models.CharField(max_length=200, blank=True)
    new_description = models.TextField(blank=True)
    reopens_return = models.BooleanField(
        "Re-open the return for that quarter",
        default=False,
        help_text="The ALMO has sent the return judged against this target: agreeing sends it back to the ALMO.",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    objects = querysets.AmendmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-proposed_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"

    def get_absolute_url(self):
        return reverse("delivery_plans:amendment_detail", kwargs={"pk": self.pk})

    @property
    def subject(self) -> str:
        if self.kind in (self.Kind.TARGET, self.Kind.TOLERANCE) and self.target_id:
            return str(self.target)
        if self.kind == self.Kind.OBJECTIVE and self.objective_id:
            return self.objective.title
        if self.kind == self.Kind.ADD_INDICATOR and self.indicator_id:
            return str(self.indicator)
        if self.kind == self.Kind.REMOVE_INDICATOR and self.plan_indicator_id:
            return str(self.plan_indicator)
        return ""

    @property
    def other_party(self) -> str:
        return Party.ALMO if self.proposing_party == Party.COUNCIL else Party.COUNCIL
