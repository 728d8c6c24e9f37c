"""Returns and commentary: the ALMO's quarterly return and its figures against target."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.periods import financial_year_label
from delivery_plans import querysets
from delivery_plans.models.plans import DeliveryPlan, PlanIndicator


class Return(models.Model):
    """The ALMO's quarterly return of actuals against the plan's targets."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        QUERIED = "queried", "Queried"
        RESUBMITTED = "resubmitted", "Resubmitted"
        ACCEPTED = "accepted", "Accepted"

    plan = models.ForeignKey(DeliveryPlan, on_delete=models.PROTECT, related_name="returns")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)])
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    due_on = models.DateField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    objects = querysets.ReturnQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year", "quarter"],
                name="one_return_per_quarter",
                violation_error_message="There is already a return for this plan and quarter.",
            )
        ]

    def __str__(self):
        return f"{self.plan.almo.name}: {self.period_label} return"

    def get_absolute_url(self):
        return reverse("delivery_plans:return_detail", kwargs={"pk": self.pk})

    @property
    def period_label(self) -> str:
        return f"Q{self.quarter} {financial_year_label(self.year)}"

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.ACCEPTED

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.QUERIED)


class Rag(models.TextChoices):
    GREEN = "green", "Green: on target"
    AMBER = "amber", "Amber: within tolerance"
    RED = "red", "Red: outside tolerance"
    DATA_ONLY = "data_only", "Data only"
    NO_TARGET = "no_target", "No target"
    NOT_REPORTED = "not_reported", "Not reported"


class Actual(models.Model):
    """One indicator's figure in a return, with commentary where it misses target."""

    return_record = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="actuals")
    plan_indicator = models.ForeignKey(PlanIndicator, on_delete=models.PROTECT, related_name="actuals")
    numerator = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    # Where the figures came from when another part of the portal supplied them (a tenant survey, say):
    # such a line's figures are never typed, and the return shows this instead of inputs.
    supplied_by = models.CharField("Figures from", max_length=300, blank=True)
    rag = models.CharField(max_length=12, choices=Rag.choices, default=Rag.NOT_REPORTED)
    what_happened = models.TextField(blank=True)
    why = models.TextField("Why it happened", blank=True)
    recovery_action = models.TextField(blank=True)
    expected_recovery = models.DateField("Expected back on target", null=True, blank=True)

    objects = querysets.ActualQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["return_record", "plan_indicator__indicator__sort_key", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["return_record", "plan_indicator"],
                name="one_actual_per_indicator_per_return",
                violation_error_message="This return already has a figure for this indicator.",
            ),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0),
                name="actual_denominator_positive",
                violation_error_message="The denominator must be more than zero.",
            ),
        ]

    def __str__(self):
        return f"{self.plan_indicator.indicator.code} in {self.return_record}"

    @property
    def has_commentary(self) -> bool:
        return all([self.what_happened.strip(), self.why.strip(), self.recovery_action.strip(), self.expected_recovery])
