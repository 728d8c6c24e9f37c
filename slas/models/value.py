"""Value for money: what the SLA's charge is compared with."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.periods import financial_year_label
from organisations.access import Party
from slas import querysets
from slas.models.agreements import ServiceLevelAgreement

POUNDS = "GBP"


class Benchmark(models.Model):
    """A figure to compare an SLA's charge with: a market-test quote, HouseMark's cost per home, another council's."""

    class Kind(models.TextChoices):
        MARKET_TEST = "market_test", "Market-test quote"
        HOUSEMARK = "housemark", "HouseMark cost per property"
        OTHER_COUNCIL = "other_council", "Another council's charge"

    class Basis(models.TextChoices):
        ANNUAL_TOTAL = "annual_total", "A total for a year"
        PER_HOME = "per_home", "A cost per home for a year"

    sla = models.ForeignKey(ServiceLevelAgreement, on_delete=models.CASCADE, related_name="benchmarks")
    kind = models.CharField(max_length=14, choices=Kind.choices)
    source = models.CharField(max_length=200, help_text="Who quoted or published it, for example Ridley Law LLP.")
    year = models.PositiveSmallIntegerField(
        "Financial year it is priced at", validators=[MinValueValidator(2000), MaxValueValidator(2099)]
    )
    amount = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    basis = models.CharField(max_length=12, choices=Basis.choices)
    homes_covered = models.PositiveIntegerField(null=True, blank=True)
    currency = models.CharField(
        max_length=3,
        default=POUNDS,
        validators=[RegexValidator(r"^[A-Z]{3}$", "Enter a currency code like GBP or EUR.")],
    )
    rate_to_pounds = models.DecimalField(
        "Pounds for one unit of the currency", max_digits=12, decimal_places=6, null=True, blank=True
    )
    uplift_percent = models.DecimalField(
        "Uplift to the charge's year (per cent)", max_digits=6, decimal_places=2, null=True, blank=True
    )
    # In pounds per home for a year, at the prices of `compared_year`: worked out once, when it is added.
    cost_per_home = models.DecimalField(max_digits=12, decimal_places=2, editable=False)
    compared_year = models.PositiveSmallIntegerField(editable=False)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False)
    added_by_party = models.CharField(max_length=8, choices=Party.choices, editable=False)
    added_at = models.DateTimeField(auto_now_add=True)

    objects = querysets.BenchmarkQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["sla", "cost_per_home"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.source}"

    def get_absolute_url(self):
        return reverse("slas:sla_detail", kwargs={"pk": self.sla_id}) + "#value-for-money"

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)
