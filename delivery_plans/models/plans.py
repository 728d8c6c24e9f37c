"""Drafting and sign-off: the plan, its objectives, indicators, targets, delegations and versions."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.periods import financial_year_label
from delivery_plans import querysets
from delivery_plans.models.library import Indicator
from organisations.models import Almo


class DeliveryPlan(models.Model):
    """The agreement between a council and one ALMO on services, objectives and targets."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_FORCE = "in_force", "In force"
        ENDED = "ended", "Ended"

    almo = models.ForeignKey(Almo, on_delete=models.PROTECT, related_name="delivery_plans")
    title = models.CharField(max_length=200)
    first_year = models.PositiveSmallIntegerField(help_text="The first financial year, for example 2025 for 2025/26.")
    last_year = models.PositiveSmallIntegerField(help_text="The last financial year the plan covers.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1)
    red_periods_for_concern = models.PositiveSmallIntegerField(
        "Red periods before a concern opens",
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
        help_text="An indicator red for this many quarters in a row opens a performance concern.",
    )
    council_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    council_signed_at = models.DateTimeField(null=True, blank=True)
    almo_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    almo_signed_at = models.DateTimeField(null=True, blank=True)

    objects = querysets.DeliveryPlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["almo__name", "-first_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year")),
                name="plan_years_in_order",
                violation_error_message="The last year must be the same as or after the first year.",
            ),
            models.CheckConstraint(
                condition=~Q(status="in_force")
                | (Q(council_signed_at__isnull=False) & Q(almo_signed_at__isnull=False)),
                name="plan_in_force_only_when_signed_by_both",
                violation_error_message="A plan comes into force only when both the council and the ALMO sign it off.",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.period_label})"

    def get_absolute_url(self):
        return reverse("delivery_plans:plan_detail", kwargs={"pk": self.pk})

    @property
    def period_label(self) -> str:
        if self.first_year == self.last_year:
            return financial_year_label(self.first_year)
        return f"{financial_year_label(self.first_year)} to {financial_year_label(self.last_year)}"

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    @property
    def is_in_force(self) -> bool:
        return self.status == self.Status.IN_FORCE

    def covers(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year


class Objective(models.Model):
    """An aim of the plan, national or local, tied to the council's housing strategy."""

    class Kind(models.TextChoices):
        NATIONAL = "national", "National"
        LOCAL = "local", "Local"

    plan = models.ForeignKey(DeliveryPlan, on_delete=models.CASCADE, related_name="objectives")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.LOCAL)
    strategy_reference = models.CharField(
        "Housing strategy reference",
        max_length=200,
        blank=True,
        help_text="The council housing strategy aim it serves.",
    )
    position = models.PositiveSmallIntegerField(default=0)

    objects = querysets.PlanPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position", "pk"]

    def __str__(self):
        return self.title


class PlanIndicator(models.Model):
    """An indicator the plan monitors, under one of its objectives."""

    plan = models.ForeignKey(DeliveryPlan, on_delete=models.CASCADE, related_name="plan_indicators")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="plan_uses")
    objective = models.ForeignKey(
        Objective, null=True, blank=True, on_delete=models.SET_NULL, related_name="indicators"
    )
    is_active = models.BooleanField(default=True, help_text="False once removed from the plan by an amendment.")

    objects = querysets.PlanPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "indicator__sort_key", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "indicator"],
                name="plan_indicator_once",
                violation_error_message="The plan already monitors this indicator.",
            )
        ]

    def __str__(self):
        return str(self.indicator)


class Target(models.Model):
    """What the plan expects of one indicator in one quarter (cumulative), or for the whole year (quarter 0)."""

    WHOLE_YEAR = 0

    plan_indicator = models.ForeignKey(PlanIndicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(4)], help_text="1 to 4 for a quarter's cumulative target; 0 for the whole year."
    )
    value = models.DecimalField(max_digits=14, decimal_places=4)
    tolerance = models.DecimalField(
        max_digits=14,
        decimal_places=4,
        default=0,
        validators=[MinValueValidator(0)],
        help_text="How far from target still counts as amber, in the indicator's own unit.",
    )

    objects = querysets.TargetQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan_indicator", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan_indicator", "year", "quarter"],
                name="one_target_per_period",
                violation_error_message="There is already a target for this indicator and period.",
            ),
        ]

    def __str__(self):
        period = f"Q{self.quarter} " if self.quarter else ""
        code = self.plan_indicator.indicator.code
        return f"{code} {period}{financial_year_label(self.year)}: {self.value.normalize():f}"


class Delegation(models.Model):
    """A decision the management agreement delegates: who takes it, and up to what sum."""

    class DecidedBy(models.TextChoices):
        ALMO_BOARD = "almo_board", "ALMO board"
        ALMO_CHIEF_EXECUTIVE = "almo_chief_executive", "ALMO chief executive"
        COUNCIL_CABINET = "council_cabinet", "Council cabinet"
        COUNCIL_OFFICER = "council_officer", "Council director of housing"
        SHARED = "shared", "Shared: both must agree"

    plan = models.ForeignKey(DeliveryPlan, on_delete=models.CASCADE, related_name="delegations")
    decision_area = models.CharField(max_length=200)
    decided_by = models.CharField(max_length=24, choices=DecidedBy.choices)
    financial_limit = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, help_text="In pounds; empty for no financial limit."
    )
    notes = models.TextField(blank=True)

    objects = querysets.PlanPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "decision_area"]

    def __str__(self):
        return self.decision_area


class PlanVersion(models.Model):
    """One version of a plan: the first signed off, then one for each agreed amendment."""

    plan = models.ForeignKey(DeliveryPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    amendment = models.OneToOneField(
        "Amendment", null=True, blank=True, on_delete=models.PROTECT, related_name="resulting_version"
    )
    summary = models.CharField(max_length=300)
    changes = models.JSONField(default=list, help_text="What changed: a list of {field, old, new}.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = querysets.PlanPartQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique")]

    def __str__(self):
        return f"Version {self.number}"
