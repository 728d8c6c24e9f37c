"""Service standards in an SLA's terms, and each quarter's performance against them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core import variance
from core.periods import period_label
from organisations.access import Party
from slas import querysets
from slas.models.agreements import SlaVersion


class Unit(models.TextChoices):
    PERCENTAGE = "percentage", "Percentage"
    DAYS = "days", "Days"
    HOURS = "hours", "Hours"
    NUMBER = "number", "Number"


class Polarity(models.TextChoices):
    HIGHER = variance.HIGHER, "Higher is better"
    LOWER = variance.LOWER, "Lower is better"


class Rag(models.TextChoices):
    GREEN = variance.GREEN, "Green"
    AMBER = variance.AMBER, "Amber"
    RED = variance.RED, "Red"


UNIT_SUFFIX = {Unit.PERCENTAGE: "%", Unit.DAYS: " days", Unit.HOURS: " hours", Unit.NUMBER: ""}


class ServiceStandard(models.Model):
    """A measurable standard in one version of an SLA's terms, with a target and which way is better."""

    version = models.ForeignKey(SlaVersion, on_delete=models.CASCADE, related_name="standards")
    title = models.CharField(max_length=200, help_text="For example, IT incidents fixed within 8 working hours.")
    description = models.TextField("How it is measured", blank=True)
    unit = models.CharField(max_length=12, choices=Unit.choices)
    polarity = models.CharField(max_length=8, choices=Polarity.choices)
    target = models.DecimalField(max_digits=12, decimal_places=2)
    tolerance = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text="How far from target still counts as amber rather than red.",
    )
    # The RAG of the latest quarter recorded, kept by the service so lists count reds in one query.
    latest_rag = models.CharField(max_length=10, blank=True, editable=False)

    objects = querysets.StandardQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "title"],
                name="sla_standard_title_unique_per_version",
                violation_error_message="These terms already have a standard with this title.",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("slas:sla_detail", kwargs={"pk": self.version.sla_id}) + f"#standard-{self.pk}"

    @property
    def suffix(self) -> str:
        return UNIT_SUFFIX.get(self.unit, "")


class StandardResult(models.Model):
    """A quarter's performance against a standard, judged against the target of the time by the variance engine."""

    standard = models.ForeignKey(ServiceStandard, on_delete=models.PROTECT, related_name="results")
    year = models.PositiveSmallIntegerField(validators=[MinValueValidator(2000), MaxValueValidator(2099)])
    quarter = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)])
    actual = models.DecimalField(max_digits=12, decimal_places=2)
    # The target and tolerance it was judged against, so a later renegotiation never rewrites the past.
    target = models.DecimalField(max_digits=12, decimal_places=2, editable=False)
    tolerance = models.DecimalField(max_digits=12, decimal_places=2, editable=False)
    rag = models.CharField(max_length=10, choices=Rag.choices, editable=False)
    what_happened = models.TextField(blank=True)
    why = models.TextField("Why it happened", blank=True)
    action = models.TextField("What is being done", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    recorded_by_party = models.CharField(max_length=8, choices=Party.choices, editable=False)
    recorded_at = models.DateTimeField(auto_now=True)

    objects = querysets.ResultQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-quarter", "standard__title"]
        verbose_name = "SLA performance result"
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "year", "quarter"],
                name="sla_result_once_per_quarter",
                violation_error_message="This standard already has a figure for that quarter.",
            )
        ]

    def __str__(self):
        return f"{self.standard.title}, {self.period_label}"

    def get_absolute_url(self):
        return self.standard.get_absolute_url()

    @property
    def period_label(self) -> str:
        return period_label(self.year, self.quarter)
