"""One ALMO's Decent Homes programme: funding, its quarterly profile and spend, re-profiling, stock condition."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.periods import financial_year_label, period_label
from hra import querysets
from hra.models.fields import financial_year, money, percent, quarter
from organisations.joint_agreement import JointlyAgreed, JointProposal
from organisations.models import Almo

QUARTERS = (1, 2, 3, 4)


class DecentHomesProgramme(JointlyAgreed):
    """One ALMO's Decent Homes funding for a year (supported borrowing) and its spending profile, agreed by both."""

    almo = models.ForeignKey(
        Almo, on_delete=models.PROTECT, related_name="decent_homes_programmes", verbose_name="ALMO"
    )
    year = financial_year()
    allocation = money("Funding allocation", help_text="Supported borrowing for Decent Homes work this year.")
    sustainability_cap_percent = percent(
        "Cap on sustainability and environmental works",
        default=Decimal("5.00"),
        help_text="The share of the allocation that may go on sustainability and environmental works.",
    )
    tolerance_percent = percent(
        "Tolerance for spend against profile",
        default=Decimal("10.00"),
        help_text="How far, as a percentage of the profile, spend may fall short and still count as amber.",
    )

    objects = querysets.ProgrammeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["almo__name", "-year"]
        verbose_name = "Decent Homes programme"
        constraints = [
            models.UniqueConstraint(
                fields=["almo", "year"],
                name="hra_one_programme_per_almo_year",
                violation_error_message="This ALMO already has a Decent Homes programme for this year.",
            )
        ]

    def __str__(self):
        return f"{self.almo.name}: Decent Homes {self.label}"

    def get_absolute_url(self):
        return reverse("hra:programme_detail", kwargs={"pk": self.pk})

    @property
    def label(self) -> str:
        return financial_year_label(self.year)

    @property
    def sustainability_cap(self) -> Decimal:
        from hra.money import percent_of

        return percent_of(self.allocation, self.sustainability_cap_percent)


class ProgrammeQuarter(models.Model):
    """One quarter of a programme: the profiled spend, what was spent, and how much of that was sustainability work."""

    programme = models.ForeignKey(DecentHomesProgramme, on_delete=models.CASCADE, related_name="quarters")
    quarter = quarter()
    profile = money("Profiled spend")
    spend = money("Actual spend", null=True, blank=True)
    sustainability_spend = money(
        "Of which sustainability and environmental works", null=True, blank=True, help_text="Part of the actual spend."
    )
    commentary = models.TextField(
        "Variance commentary", blank=True, help_text="What happened, why, and what is being done about it."
    )

    objects = querysets.ProgrammeQuarterQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "quarter"],
                name="hra_one_row_per_programme_quarter",
                violation_error_message="The programme already has this quarter.",
            ),
            models.CheckConstraint(
                condition=Q(sustainability_spend__isnull=True) | Q(spend__gte=F("sustainability_spend")),
                name="hra_sustainability_within_spend",
                violation_error_message="Sustainability and environmental works are part of the actual spend, "
                "so they cannot be more than it.",
            ),
        ]

    def __str__(self):
        return f"{self.programme}, {self.period_label}"

    @property
    def period_label(self) -> str:
        return period_label(self.programme.year, self.quarter)


class ReprofileRequest(JointProposal):
    """A change to a programme's quarterly profile that one side proposes and the other agrees or declines."""

    programme = models.ForeignKey(DecentHomesProgramme, on_delete=models.CASCADE, related_name="reprofiles")
    new_q1 = money("New profile for Q1")
    new_q2 = money("New profile for Q2")
    new_q3 = money("New profile for Q3")
    new_q4 = money("New profile for Q4")
    reason = models.TextField("Why the profile should change")

    objects = querysets.ReprofileQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = "re-profiling request"

    def __str__(self):
        return f"Re-profile of {self.programme}"

    def get_absolute_url(self):
        return reverse("hra:reprofile_detail", kwargs={"pk": self.pk})

    @property
    def new_profile(self) -> dict[int, Decimal]:
        return {q: getattr(self, f"new_q{q}") for q in QUARTERS}

    @property
    def new_total(self) -> Decimal:
        return sum(self.new_profile.values(), Decimal(0))


class StockCondition(models.Model):
    """An ALMO's homes against the Decent Homes Standard: 1 April, the year's movements, and so 31 March."""

    almo = models.ForeignKey(Almo, on_delete=models.PROTECT, related_name="stock_conditions", verbose_name="ALMO")
    year = financial_year()
    homes_at_start = models.PositiveIntegerField("Homes at 1 April")
    non_decent_at_start = models.PositiveIntegerField("Non-decent homes at 1 April")
    failing_a = models.PositiveIntegerField("Failing A: statutory minimum (a Category 1 hazard)", default=0)
    failing_b = models.PositiveIntegerField("Failing B: reasonable state of repair", default=0)
    failing_c = models.PositiveIntegerField("Failing C: reasonably modern facilities", default=0)
    failing_d = models.PositiveIntegerField("Failing D: thermal comfort", default=0)
    made_decent = models.PositiveIntegerField("Homes made decent", default=0)
    became_non_decent = models.PositiveIntegerField("Homes that became non-decent", default=0)
    tenant_refusals = models.PositiveIntegerField(
        "Tenant refusals", default=0, help_text="Non-decent homes whose tenant refused the work: still non-decent."
    )
    demolitions = models.PositiveIntegerField("Homes demolished", default=0)
    demolitions_non_decent = models.PositiveIntegerField("Of which non-decent", default=0)
    right_to_buy_sales = models.PositiveIntegerField("Right to Buy sales", default=0)
    right_to_buy_non_decent = models.PositiveIntegerField("Of which non-decent", default=0)
    transfers = models.PositiveIntegerField("Homes transferred", default=0)
    transfers_non_decent = models.PositiveIntegerField("Of which non-decent", default=0)

    objects = querysets.StockConditionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["almo__name", "-year"]
        verbose_name = "stock condition"
        constraints = [
            models.UniqueConstraint(
                fields=["almo", "year"],
                name="hra_one_stock_condition_per_almo_year",
                violation_error_message="This ALMO already has a stock condition for this year.",
            )
        ]

    def __str__(self):
        return f"{self.almo.name}: stock condition {financial_year_label(self.year)}"

    def get_absolute_url(self):
        return reverse("hra:stock_detail", kwargs={"pk": self.pk})

    @property
    def label(self) -> str:
        return financial_year_label(self.year)

    @property
    def homes_left(self) -> int:
        return self.demolitions + self.right_to_buy_sales + self.transfers

    @property
    def non_decent_left(self) -> int:
        return self.demolitions_non_decent + self.right_to_buy_non_decent + self.transfers_non_decent

    @property
    def homes_at_end(self) -> int:
        """Homes at 31 March: 1 April less the homes demolished, sold and transferred."""
        return self.homes_at_start - self.homes_left

    @property
    def non_decent_at_end(self) -> int:
        """Non-decent homes at 31 March: 1 April, less those made decent or gone, plus those that became non-decent."""
        return self.non_decent_at_start - self.made_decent + self.became_non_decent - self.non_decent_left

    def clean(self):
        fields = self._meta.concrete_fields
        counts = [getattr(self, f.attname) for f in fields if isinstance(f, models.PositiveIntegerField)]
        if any(count is None for count in counts):
            return  # a missing count has its own error already
        errors = {}
        if self.non_decent_at_start > self.homes_at_start:
            errors["non_decent_at_start"] = "Non-decent homes at 1 April cannot be more than the homes at 1 April."
        for field in ("failing_a", "failing_b", "failing_c", "failing_d"):
            if getattr(self, field) > self.non_decent_at_start:
                errors[field] = "Homes failing one criterion cannot be more than the non-decent homes at 1 April."
        failing = self.failing_a + self.failing_b + self.failing_c + self.failing_d
        if self.non_decent_at_start and failing < self.non_decent_at_start:
            errors["failing_a"] = (
                f"Every non-decent home fails at least one criterion, so the homes failing A to D ({failing:,}) "
                f"must add up to at least the non-decent homes at 1 April ({self.non_decent_at_start:,})."
            )
        for total, part in (
            ("demolitions", "demolitions_non_decent"),
            ("right_to_buy_sales", "right_to_buy_non_decent"),
            ("transfers", "transfers_non_decent"),
        ):
            if getattr(self, part) > getattr(self, total):
                errors[part] = "The non-decent homes among them cannot be more than the homes themselves."
        if not errors:
            errors = self._end_of_year_errors()
        if errors:
            raise ValidationError(errors)

    def _end_of_year_errors(self) -> dict:
        if self.homes_left > self.homes_at_start:
            return {"demolitions": "More homes left the stock than it held at 1 April."}
        if self.made_decent + self.non_decent_left > self.non_decent_at_start + self.became_non_decent:
            return {
                "made_decent": "More non-decent homes were made decent or left the stock than there were: check the "
                "homes made decent and the non-decent homes that left."
            }
        if self.non_decent_at_end > self.homes_at_end:
            return {"became_non_decent": "There would be more non-decent homes at 31 March than homes."}
        if self.tenant_refusals > self.non_decent_at_end:
            return {
                "tenant_refusals": f"Homes whose tenant refused the work stay non-decent, so they cannot be more than "
                f"the non-decent homes at 31 March ({self.non_decent_at_end:,})."
            }
        return {}
