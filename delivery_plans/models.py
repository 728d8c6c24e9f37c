"""Delivery Plans: indicators, targets, quarterly returns, queries, amendments and performance concerns."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from delivery_plans import querysets
from organisations.access import Party
from organisations.models import Almo, Council


def financial_year_label(year: int) -> str:
    """2025 -> '2025/26': a financial year runs from 1 April to 31 March."""
    return f"{year}/{(year + 1) % 100:02d}"


def quarter_end(year: int, quarter: int) -> dt.date:
    month = {1: 6, 2: 9, 3: 12, 4: 3}[quarter]
    calendar_year = year + 1 if quarter == 4 else year
    day = 31 if month in (12, 3) else 30
    return dt.date(calendar_year, month, day)


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
        ordering = ["source", "code"]
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

    @property
    def is_ratio(self) -> bool:
        return bool(self.numerator_definition)

    def compute(self, numerator: Decimal, denominator: Decimal) -> Decimal:
        return (Decimal(numerator) / Decimal(denominator) * self.multiplier).quantize(
            Decimal(1).scaleb(-self.decimal_places)
        )


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
        ordering = ["plan", "indicator__source", "indicator__code"]
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
    rag = models.CharField(max_length=12, choices=Rag.choices, default=Rag.NOT_REPORTED)
    what_happened = models.TextField(blank=True)
    why = models.TextField("Why it happened", blank=True)
    recovery_action = models.TextField(blank=True)
    expected_recovery = models.DateField("Expected back on target", null=True, blank=True)

    objects = querysets.ActualQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["return_record", "plan_indicator__indicator__source", "plan_indicator__indicator__code"]
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


class Query(models.Model):
    """A council officer's question on one indicator in a return: a thread the ALMO answers."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for the ALMO"
        ANSWERED = "answered", "Answered"
        CLOSED = "closed", "Closed"

    actual = models.ForeignKey(Actual, on_delete=models.CASCADE, related_name="queries")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = querysets.QueryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at"]
        verbose_name_plural = "queries"

    def __str__(self):
        return f"Query on {self.actual}"


class QueryMessage(models.Model):
    """One message in a query thread."""

    query = models.ForeignKey(Query, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    party = models.CharField(max_length=8, choices=Party.choices)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_party_display()} on {self.created_at:%d %b %Y}"


class Amendment(models.Model):
    """A proposed change to the plan; it changes the plan only when the other party agrees."""

    class Kind(models.TextChoices):
        TARGET = "target", "Change a target"
        TOLERANCE = "tolerance", "Change a tolerance"
        OBJECTIVE = "objective", "Change an objective"
        ADD_INDICATOR = "add_indicator", "Add an indicator"
        REMOVE_INDICATOR = "remove_indicator", "Remove an indicator"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Waiting for the other party"
        AGREED = "agreed", "Agreed"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    plan = models.ForeignKey(DeliveryPlan, on_delete=models.PROTECT, related_name="amendments")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposing_party = models.CharField(max_length=8, choices=Party.choices)
    proposed_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField()
    target = models.ForeignKey(Target, null=True, blank=True, on_delete=models.PROTECT, related_name="amendments")
    objective = models.ForeignKey(Objective, null=True, blank=True, on_delete=models.PROTECT, related_name="amendments")
    plan_indicator = models.ForeignKey(
        PlanIndicator, null=True, blank=True, on_delete=models.PROTECT, related_name="amendments"
    )
    indicator = models.ForeignKey(Indicator, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    new_value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    new_title = models.CharField(max_length=200, blank=True)
    new_description = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    objects = querysets.AmendmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-proposed_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"

    def get_absolute_url(self):
        return reverse("delivery_plans:amendment_detail", kwargs={"pk": self.pk})

    @property
    def subject(self) -> str:
        if self.kind in (self.Kind.TARGET, self.Kind.TOLERANCE) and self.target_id:
            return str(self.target)
        if self.kind == self.Kind.OBJECTIVE and self.objective_id:
            return self.objective.title
        if self.kind == self.Kind.ADD_INDICATOR and self.indicator_id:
            return str(self.indicator)
        if self.kind == self.Kind.REMOVE_INDICATOR and self.plan_indicator_id:
            return str(self.plan_indicator)
        return ""

    @property
    def other_party(self) -> str:
        return Party.ALMO if self.proposing_party == Party.COUNCIL else Party.COUNCIL


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
