"""The Housing Revenue Account: a council's year, its lines, the allocation agreed with each ALMO, capital receipts."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.periods import financial_year_label, period_label
from hra import querysets
from hra.models.fields import financial_year, money, percent, quarter
from organisations.joint_agreement import JointlyAgreed
from organisations.models import Almo, Council


class LineCategory(models.Model):
    """A kind of HRA income or expenditure, such as dwelling rents or the management fee: reference data."""

    class Kind(models.TextChoices):
        INCOME = "income", "Income"
        EXPENDITURE = "expenditure", "Expenditure"

    class Role(models.TextChoices):
        # What the checks look for: the fee each ALMO is paid, and what the General Fund charges the HRA.
        MANAGEMENT_FEE = "management_fee", "Management fee"
        GENERAL_FUND_RECHARGE = "general_fund_recharge", "General Fund recharge"
        OTHER = "other", "Other"

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    role = models.CharField(max_length=24, choices=Role.choices, default=Role.OTHER)
    position = models.PositiveSmallIntegerField(default=0)

    objects = querysets.LineCategoryQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "line categories"

    def __str__(self):
        return self.name

    @property
    def is_income(self) -> bool:
        return self.kind == self.Kind.INCOME


class HraYear(models.Model):
    """A council's Housing Revenue Account for one financial year: the working balance and the limits it keeps to."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="hra_years")
    year = financial_year()
    opening_balance = money(
        "Working balance at 1 April", negative=True, help_text="The HRA's working balance brought forward."
    )
    minimum_balance = money(
        "Minimum working balance", help_text="The council's policy: the balance must not fall below this."
    )
    general_fund_recharge_limit = money(
        "Agreed level of General Fund recharges",
        help_text="What the General Fund may charge the HRA this year. The HRA must not subsidise the General Fund.",
    )
    tolerance_percent = percent(
        "Tolerance for variances",
        default=Decimal("2.00"),
        help_text="How far, as a percentage of the budget, a forecast may stray and still count as amber.",
    )

    objects = querysets.HraYearQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["council__name", "-year"]
        verbose_name = "HRA year"
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year"],
                name="hra_one_year_per_council",
                violation_error_message="The council already has an HRA for this financial year.",
            )
        ]

    def __str__(self):
        return f"{self.council.name} HRA {self.label}"

    def get_absolute_url(self):
        return reverse("hra:year_detail", kwargs={"pk": self.pk})

    @property
    def label(self) -> str:
        return financial_year_label(self.year)


class HraLine(models.Model):
    """One line of an HRA year: its budget, the forecast at the end of each quarter, and the outturn."""

    QUARTER_FIELDS = {1: "forecast_q1", 2: "forecast_q2", 3: "forecast_q3", 4: "outturn"}

    hra_year = models.ForeignKey(HraYear, on_delete=models.CASCADE, related_name="lines")
    category = models.ForeignKey(LineCategory, on_delete=models.PROTECT, related_name="lines")
    name = models.CharField(max_length=150)
    holder = models.ForeignKey(
        Almo,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hra_lines",
        verbose_name="Held by",
        help_text="The ALMO that holds the line under its management fee or delegation; empty if the council keeps it.",
    )
    budget = money()
    forecast_q1 = money("Forecast at the end of Q1", null=True, blank=True)
    forecast_q2 = money("Forecast at the end of Q2", null=True, blank=True)
    forecast_q3 = money("Forecast at the end of Q3", null=True, blank=True)
    outturn = money("Outturn", null=True, blank=True)
    commentary = models.TextField(
        "Variance commentary", blank=True, help_text="What happened, why, and what is being done about it."
    )

    objects = querysets.HraLineQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["hra_year", "-category__kind", "category__position", "name"]  # income first
        verbose_name = "HRA line"
        constraints = [
            models.UniqueConstraint(
                fields=["hra_year", "name"],
                name="hra_line_name_unique_in_year",
                violation_error_message="The HRA already has a line with this name this year.",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.hra_year.label})"

    def get_absolute_url(self):
        return reverse("hra:line_detail", kwargs={"pk": self.pk})

    def clean(self):
        if self.holder_id and self.hra_year_id and self.holder.council_id != self.hra_year.council_id:
            raise ValidationError({"holder": "Choose one of the council's own ALMOs, or leave it with the council."})

    def figure_at(self, quarter: int):
        """The forecast made at the end of `quarter` (1 to 3), or the outturn (4)."""
        return getattr(self, self.QUARTER_FIELDS[quarter])

    @property
    def latest_quarter(self) -> int | None:
        reported = [q for q in (4, 3, 2, 1) if self.figure_at(q) is not None]
        return reported[0] if reported else None

    @property
    def holder_name(self) -> str:
        return self.holder.name if self.holder_id else "The council"


class AllocationAgreement(JointlyAgreed):
    """What one ALMO holds of an HRA year: its management fee and share of capital receipts, agreed by both sides."""

    hra_year = models.ForeignKey(HraYear, on_delete=models.PROTECT, related_name="allocations")
    almo = models.ForeignKey(Almo, on_delete=models.PROTECT, related_name="hra_allocations", verbose_name="ALMO")
    management_fee = money(help_text="What the council pays the ALMO this year to manage its homes.")
    almo_share_percent = percent("ALMO share of capital receipts")
    council_share_percent = percent("Council share of capital receipts")
    pooled_percent = percent("Pooled share of capital receipts", help_text="Paid over to the national pool.")
    notes = models.TextField(blank=True)

    objects = querysets.AllocationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["hra_year", "almo__name"]
        verbose_name = "allocation agreement"
        constraints = [
            models.UniqueConstraint(
                fields=["hra_year", "almo"],
                name="hra_one_allocation_per_almo_year",
                violation_error_message="This ALMO already has an allocation agreement for this year.",
            ),
            models.CheckConstraint(
                condition=Q(almo_share_percent=100 - F("council_share_percent") - F("pooled_percent")),
                name="hra_receipt_split_adds_to_100",
                violation_error_message="The ALMO, council and pooled shares must add up to 100 per cent.",
            ),
        ]

    def __str__(self):
        return f"{self.almo.name}: allocation {self.hra_year.label}"

    def get_absolute_url(self):
        return reverse("hra:allocation_detail", kwargs={"pk": self.pk})

    @property
    def split(self) -> list[Decimal]:
        return [self.almo_share_percent, self.council_share_percent, self.pooled_percent]


class CapitalReceipt(models.Model):
    """Money from selling a home in one quarter, shared by the agreed split: the ALMO's, the council's, the pool's."""

    class Kind(models.TextChoices):
        RIGHT_TO_BUY = "right_to_buy", "Right to Buy sale"
        OTHER_SALE = "other_sale", "Other sale"

    allocation = models.ForeignKey(AllocationAgreement, on_delete=models.PROTECT, related_name="receipts")
    quarter = quarter()
    kind = models.CharField(max_length=16, choices=Kind.choices)
    homes = models.PositiveIntegerField(
        "Homes sold", validators=[MinValueValidator(1, message="Enter at least 1 home sold.")]
    )
    amount = money("Receipt")
    almo_share = money(editable=False)
    council_share = money(editable=False)
    pooled = money(editable=False)
    description = models.CharField(max_length=200, blank=True)

    objects = querysets.CapitalReceiptQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["allocation", "quarter", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount=F("almo_share") + F("council_share") + F("pooled")),
                name="hra_receipt_shares_add_up",
                violation_error_message="The shares of a receipt must add up to the receipt.",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, {self.period_label}"

    @property
    def period_label(self) -> str:
        return period_label(self.allocation.hra_year.year, self.quarter)
