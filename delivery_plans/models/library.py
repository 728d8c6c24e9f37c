"""The indicator library: the shipped measures (TSMs, former BVPIs) and councils' local indicators."""

from decimal import Decimal

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from core.numbers import round_half_up
from core.text import natural_sort_key
from delivery_plans import querysets
from organisations.models import Council


class Unit(models.TextChoices):
    PERCENTAGE = "percentage", "Percentage"
    COUNT = "count", "Count"
    RATE_PER_1000 = "rate_per_1000", "Rate per 1,000 homes"
    DAYS = "days", "Days"
    POUNDS = "pounds", "Pounds"
    SAP_POINTS = "sap_points", "SAP points"
    YES_NO = "yes_no", "Yes or no"


class Polarity(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"
    NEITHER = "neither", "Neither (data only)"


class Indicator(models.Model):
    """A performance indicator: from the shipped library (TSMs, former BVPIs) or a council's own."""

    class Source(models.TextChoices):
        TSM = "tsm", "Tenant Satisfaction Measure"
        BVPI = "bvpi", "Former Best Value indicator"
        LOCAL = "local", "Local indicator"

    class ReportingLevel(models.TextChoices):
        NONE = "", "Not applicable"
        LCRA = "lcra", "Low-cost rental accommodation (LCRA)"
        LCHO = "lcho", "Low-cost home ownership (LCHO)"
        LCRA_LCHO = "lcra_lcho", "LCRA and LCHO reported separately"
        COMBINED = "combined", "Combined"

    class Frequency(models.TextChoices):
        ANNUAL = "annual", "Annual"
        QUARTERLY = "quarterly", "Quarterly"
        MONTHLY = "monthly", "Monthly"

    council = models.ForeignKey(
        Council,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="local_indicators",
        help_text="Empty for the shipped library; a council for its local indicators.",
    )
    code = models.CharField(max_length=20)
    # The code as people read it (BV63 before BV164): every surface lists indicators in this order.
    sort_key = models.CharField(max_length=80, editable=False, db_index=True, default="")
    name = models.CharField(max_length=200)
    definition = models.TextField()
    group = models.CharField(max_length=80, blank=True)
    unit = models.CharField(max_length=16, choices=Unit.choices)
    polarity = models.CharField(max_length=8, choices=Polarity.choices)
    numerator_definition = models.CharField(max_length=300, blank=True)
    denominator_definition = models.CharField(max_length=300, blank=True)
    multiplier = models.PositiveIntegerField(default=1, help_text="Value = numerator / denominator x multiplier.")
    decimal_places = models.PositiveSmallIntegerField(default=1, validators=[MaxValueValidator(4)])
    reporting_level = models.CharField(max_length=10, choices=ReportingLevel.choices, blank=True)
    source = models.CharField(max_length=5, choices=Source.choices, default=Source.LOCAL)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.QUARTERLY)
    may_be_negative = models.BooleanField(
        default=False, help_text="For a change between two figures, which can be below zero."
    )
    is_active = models.BooleanField(default=True)

    objects = querysets.IndicatorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_key", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(council__isnull=True),
                name="library_indicator_code_unique",
                violation_error_message="The library already has an indicator with this code.",
            ),
            models.UniqueConstraint(
                fields=["council", "code"],
                name="local_indicator_code_unique",
                violation_error_message="This council already has an indicator with this code.",
            ),
            models.CheckConstraint(
                condition=Q(numerator_definition="") | ~Q(denominator_definition=""),
                name="indicator_ratio_has_denominator",
                violation_error_message="An indicator with a numerator needs a denominator.",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def save(self, *args, **kwargs):
        self.sort_key = natural_sort_key(self.code)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "code" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_key"}
        super().save(*args, **kwargs)

    @property
    def is_ratio(self) -> bool:
        return bool(self.numerator_definition)

    def compute(self, numerator: Decimal, denominator: Decimal) -> Decimal:
        """Numerator / denominator x multiplier, rounded half up as published returns are (49/400 is 12.3%)."""
        return round_half_up(Decimal(numerator) / Decimal(denominator) * self.multiplier, self.decimal_places)
