"""The thirty-year investment need (the Building Cost Model of the Round 3 bids) for one ALMO's stock.

The stock by archetype, each with its components: how many per home, what one costs to replace, how long one
lasts and how old it is now. That gives the need per year to reach the standard (components already past their
life) and keep it (each replacement as it falls due), set against the resources expected each year.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.periods import financial_year_label
from hra import querysets
from hra.models.fields import financial_year, money
from organisations.models import Almo

HORIZON_YEARS = 30


class InvestmentPlan(models.Model):
    """One ALMO's thirty-year view of what its stock needs and the money to pay for it."""

    almo = models.ForeignKey(Almo, on_delete=models.PROTECT, related_name="investment_plans", verbose_name="ALMO")
    first_year = financial_year("First financial year")
    title = models.CharField(max_length=150)

    objects = querysets.InvestmentPlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["almo__name", "-first_year"]
        verbose_name = "investment plan"
        constraints = [
            models.UniqueConstraint(
                fields=["almo", "first_year"],
                name="hra_one_investment_plan_per_almo_year",
                violation_error_message="This ALMO already has an investment plan starting that year.",
            )
        ]

    def __str__(self):
        return f"{self.almo.name}: {self.title}"

    def get_absolute_url(self):
        return reverse("hra:investment_detail", kwargs={"pk": self.pk})

    @property
    def period_label(self) -> str:
        return f"{financial_year_label(self.first_year)} to {financial_year_label(self.first_year + HORIZON_YEARS - 1)}"


class Archetype(models.Model):
    """A group of similar homes costed together, such as 1960s low-rise flats."""

    plan = models.ForeignKey(InvestmentPlan, on_delete=models.CASCADE, related_name="archetypes")
    name = models.CharField(max_length=120)
    homes = models.PositiveIntegerField(validators=[MinValueValidator(1, message="Enter at least 1 home.")])

    objects = querysets.InvestmentPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "name"],
                name="hra_archetype_name_unique",
                violation_error_message="The plan already has an archetype with this name.",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.homes:,} homes)"


class Component(models.Model):
    """A part of each home in an archetype that wears out: a kitchen, a roof, a heating system."""

    archetype = models.ForeignKey(Archetype, on_delete=models.CASCADE, related_name="components")
    name = models.CharField(max_length=120)
    per_home = models.DecimalField(
        "Number per home",
        max_digits=6,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0, message="Enter a number of zero or more.")],
        help_text="Share of a block's roof or lift in a flat is a fraction, like 0.25.",
    )
    unit_cost = money("Cost to replace one")
    lifetime_years = models.PositiveSmallIntegerField(
        "Lifetime in years",
        validators=[
            MinValueValidator(1, message="Enter a lifetime of at least 1 year."),
            MaxValueValidator(100, message="Enter a lifetime of no more than 100 years."),
        ],
    )
    age_years = models.PositiveSmallIntegerField(
        "Age now in years",
        validators=[MaxValueValidator(200, message="Enter an age of no more than 200 years.")],
        help_text="Its typical age at the start of the plan. One past its lifetime is due in the first year.",
    )

    objects = querysets.ComponentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["archetype", "name"]

    def __str__(self):
        return f"{self.name} in {self.archetype.name}"


class Resource(models.Model):
    """Money expected for the stock each year over a span of the plan: from the MRA, borrowing or the ALMO."""

    class Source(models.TextChoices):
        MAJOR_REPAIRS_ALLOWANCE = "mra", "Major Repairs Allowance"
        SUPPORTED_BORROWING = "supported_borrowing", "Supported borrowing"
        ALMO_FUNDING = "almo_funding", "ALMO funding"

    plan = models.ForeignKey(InvestmentPlan, on_delete=models.CASCADE, related_name="resources")
    source = models.CharField(max_length=24, choices=Source.choices)
    from_year = models.PositiveSmallIntegerField(
        "From year of the plan",
        validators=[MinValueValidator(1), MaxValueValidator(HORIZON_YEARS)],
        help_text=f"1 for the plan's first year, up to {HORIZON_YEARS}.",
    )
    to_year = models.PositiveSmallIntegerField(
        "To year of the plan", validators=[MinValueValidator(1), MaxValueValidator(HORIZON_YEARS)]
    )
    amount_per_year = money("Amount each year")

    objects = querysets.InvestmentPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "source", "from_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_year__gte=F("from_year")),
                name="hra_resource_years_in_order",
                violation_error_message="The last year must be the same as or after the first year.",
            )
        ]

    def __str__(self):
        return f"{self.get_source_display()}, years {self.from_year} to {self.to_year}"
