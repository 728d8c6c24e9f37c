"""Disputes about an SLA: raised by either party, moved through their stages to an outcome, every step logged."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from organisations.access import Party
from slas import querysets
from slas.models.agreements import ServiceLevelAgreement


class Stage(models.TextChoices):
    RAISED = "raised", "Raised"
    IN_DISCUSSION = "in_discussion", "In discussion"
    ESCALATED = "escalated", "Escalated to chief officers"
    RESOLVED = "resolved", "Resolved"


STAGE_ORDER = [Stage.RAISED, Stage.IN_DISCUSSION, Stage.ESCALATED, Stage.RESOLVED]


class Outcome(models.TextChoices):
    ALMO_FAVOUR = "almo_favour", "Settled in the ALMO's favour"
    COUNCIL_FAVOUR = "council_favour", "Settled in the council's favour"
    COMPROMISE = "compromise", "Compromise agreed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Dispute(models.Model):
    """A disagreement about an SLA (a charge, a missed standard), logged from being raised to its outcome."""

    sla = models.ForeignKey(ServiceLevelAgreement, on_delete=models.PROTECT, related_name="disputes")
    title = models.CharField(max_length=200)
    description = models.TextField("What is disputed")
    amount_disputed = models.DecimalField(
        "Amount in dispute (pounds)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    stage = models.CharField(max_length=14, choices=Stage.choices, default=Stage.RAISED, editable=False)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False)
    raised_by_party = models.CharField(max_length=8, choices=Party.choices, editable=False)
    raised_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True, editable=False)
    outcome_detail = models.TextField(blank=True, editable=False)
    credit_agreed = models.DecimalField(
        "Credit to the ALMO (pounds)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
        validators=[MinValueValidator(0)],
    )
    resolved_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = querysets.DisputeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-raised_at", "-pk"]
        verbose_name = "SLA dispute"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("slas:dispute_detail", kwargs={"pk": self.pk})

    @property
    def is_resolved(self) -> bool:
        return self.stage == Stage.RESOLVED

    def next_stages(self) -> list[str]:
        """Stages it may move to: only forward, and it may be resolved from any stage."""
        if self.is_resolved:
            return []
        return STAGE_ORDER[STAGE_ORDER.index(self.stage) + 1 :]


class DisputeEvent(models.Model):
    """One step in a dispute's log: who moved it to which stage, and what they said."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="events")
    stage = models.CharField(max_length=14, choices=Stage.choices)
    note = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    party = models.CharField(max_length=8, choices=Party.choices)
    at = models.DateTimeField(auto_now_add=True)

    objects = querysets.DisputeEventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_stage_display()}: {self.note[:40]}"
