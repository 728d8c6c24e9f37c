"""Performance concerns: raised by either party or opened by the portal, closed by an agreed recovery action."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from delivery_plans import querysets
from delivery_plans.models.plans import DeliveryPlan, PlanIndicator
from organisations.access import Party


class Concern(models.Model):
    """A performance concern raised by either party, closed by an agreed recovery action."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RECOVERY_PROPOSED = "recovery_proposed", "Recovery action proposed"
        CLOSED = "closed", "Closed: recovery agreed"

    plan = models.ForeignKey(DeliveryPlan, on_delete=models.PROTECT, related_name="concerns")
    plan_indicator = models.ForeignKey(
        PlanIndicator, null=True, blank=True, on_delete=models.PROTECT, related_name="concerns"
    )
    about_party = models.CharField(
        "Concern about", max_length=8, choices=Party.choices, help_text="Whose performance is in question."
    )
    raised_by_party = models.CharField(max_length=8, choices=Party.choices)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty when the portal opened it after consecutive red quarters.",
    )
    title = models.CharField(max_length=200)
    description = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    recovery_action = models.TextField(blank=True)
    recovery_proposed_by_party = models.CharField(max_length=8, choices=Party.choices, blank=True)
    recovery_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = querysets.ConcernQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan_indicator"],
                condition=~Q(status="closed") & Q(plan_indicator__isnull=False),
                name="one_open_concern_per_indicator",
                violation_error_message="There is already an open concern about this indicator.",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("delivery_plans:concern_detail", kwargs={"pk": self.pk})
