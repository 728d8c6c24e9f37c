"""The SLA register: an agreement for one central service, and its terms as versions agreed by both parties."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.numbers import format_money, round_half_up
from core.periods import period_of
from organisations.joint_agreement import JointlyAgreed
from organisations.models import Almo
from slas import querysets


class Service(models.TextChoices):
    LEGAL = "legal", "Legal"
    IT = "it", "IT"
    HR = "hr", "HR"
    FINANCE = "finance", "Finance"
    PAYROLL = "payroll", "Payroll"
    PROCUREMENT = "procurement", "Procurement"
    COMMUNICATIONS = "communications", "Communications"
    CALL_CENTRE = "call_centre", "Call centre"
    FACILITIES = "facilities", "Facilities"
    OTHER = "other", "Other"


class ChargingBasis(models.TextChoices):
    FIXED = "fixed", "A fixed annual charge"
    PER_UNIT = "per_unit", "Per unit of service"
    PER_HOUR = "per_hour", "Per hour"


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier, or that month's last day where it is shorter (31 May less 3: end of February)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


class ServiceLevelAgreement(models.Model):
    """A central service the ALMO buys back from its council; its terms are the version both parties agreed."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_FORCE = "in_force", "In force"
        UNDER_REVIEW = "under_review", "Under review"
        ENDED = "ended", "Ended"

    almo = models.ForeignKey(
        Almo, on_delete=models.PROTECT, related_name="service_level_agreements", verbose_name="purchaser (ALMO)"
    )
    service = models.CharField(max_length=20, choices=Service.choices)
    title = models.CharField(max_length=200)
    provider_team = models.CharField(
        "Council team providing the service", max_length=150, help_text="For example, Legal Services."
    )
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.DRAFT, editable=False)
    value_margin_percent = models.DecimalField(
        "Flag the charge when it is above the benchmark by more than (per cent)",
        max_digits=5,
        decimal_places=1,
        default=Decimal("10.0"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    current_version = models.ForeignKey(
        "SlaVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    ended_on = models.DateField(null=True, blank=True, editable=False)
    end_reason = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = querysets.SlaQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["almo__name", "service", "title"]
        verbose_name = "service level agreement"
        constraints = [
            models.UniqueConstraint(
                fields=["almo", "title"],
                name="sla_title_unique_per_almo",
                violation_error_message="The ALMO already has an SLA with this title.",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("slas:sla_detail", kwargs={"pk": self.pk})

    @property
    def is_ended(self) -> bool:
        return self.status == self.Status.ENDED


class SlaVersion(JointlyAgreed):
    """One set of an SLA's terms: the first, or a renegotiation. It takes effect when both parties agree it."""

    class Status(models.TextChoices):
        OPEN = "open", "Being negotiated"
        AGREED = "agreed", "In force"
        SUPERSEDED = "superseded", "Replaced by a later version"
        WITHDRAWN = "withdrawn", "Closed without agreement"

    sla = models.ForeignKey(ServiceLevelAgreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(editable=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN, editable=False)
    reason = models.TextField("Why the terms are being renegotiated", blank=True)
    starts_on = models.DateField("Term starts")
    ends_on = models.DateField("Term ends")
    annual_charge = models.DecimalField(
        max_digits=12, decimal_places=2, validators=[MinValueValidator(0)], help_text="In pounds, for a year."
    )
    charging_basis = models.CharField(max_length=10, choices=ChargingBasis.choices, default=ChargingBasis.FIXED)
    unit = models.CharField(
        "Unit charged for", max_length=60, blank=True, help_text="For example, payslip, case or call."
    )
    unit_rate = models.DecimalField(
        "Rate per unit or hour",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    notice_months = models.PositiveSmallIntegerField(
        "Notice period in months", validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    notice_by = models.DateField(
        null=True, blank=True, editable=False, help_text="The last day to give notice before the term ends."
    )
    review_date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = querysets.VersionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["sla", "-number"]
        verbose_name = "SLA version"
        constraints = [
            models.UniqueConstraint(fields=["sla", "number"], name="sla_version_number_unique"),
            models.UniqueConstraint(
                fields=["sla"],
                condition=Q(status="open"),
                name="one_open_version_per_sla",
                violation_error_message="These terms are already being renegotiated.",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")),
                name="sla_term_ends_after_start",
                violation_error_message="The term must end after it starts.",
            ),
        ]

    def __str__(self):
        return f"{self.sla.title}, version {self.number}"

    def save(self, *args, **kwargs):
        # The notice date follows from the term and notice period; kept as a column so reminders can query it.
        if self.ends_on and self.notice_months:
            self.notice_by = months_before(self.ends_on, self.notice_months)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "notice_by"}
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            errors["ends_on"] = "The term must end after it starts."
        elif self.review_date and self.starts_on and self.ends_on:
            if not self.starts_on <= self.review_date <= self.ends_on:
                errors["review_date"] = "The review date must fall within the term."
        errors.update(self._charging_errors())
        if errors:
            raise ValidationError(errors)

    def _charging_errors(self) -> dict:
        unit = (self.unit or "").strip()
        if self.charging_basis == ChargingBasis.FIXED:
            if self.unit_rate is not None or unit:
                return {"unit_rate": "A fixed charge has no unit or rate: leave them empty, or choose another basis."}
            return {}
        if self.unit_rate is None:
            per = "unit" if self.charging_basis == ChargingBasis.PER_UNIT else "hour"
            return {"unit_rate": f"Enter the rate charged per {per}."}
        if self.charging_basis == ChargingBasis.PER_UNIT and not unit:
            return {"unit": "Enter the unit the rate is charged for, for example payslip or case."}
        if self.charging_basis == ChargingBasis.PER_HOUR and unit:
            return {"unit": "Leave the unit empty: the rate is charged per hour."}
        return {}

    @property
    def charge_year(self) -> int:
        """The financial year the charge is priced at: the one the term starts in."""
        return period_of(self.starts_on)[0]

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def cost_per_home(self, homes: int) -> Decimal | None:
        if not homes:
            return None
        return round_half_up(self.annual_charge / homes, 2)

    @property
    def charge_text(self) -> str:
        """How the charge is worked out, in words."""
        if self.charging_basis == ChargingBasis.PER_UNIT:
            return f"{format_money(self.unit_rate, pence=True)} per {self.unit}"
        if self.charging_basis == ChargingBasis.PER_HOUR:
            return f"{format_money(self.unit_rate, pence=True)} per hour"
        return "Fixed"


class ReminderSent(models.Model):
    """A reminder already sent for an SLA date, so the daily task sends each one once however often it runs."""

    class Kind(models.TextChoices):
        REVIEW = "review", "Review date"
        NOTICE = "notice", "Last day to give notice"

    sla = models.ForeignKey(ServiceLevelAgreement, on_delete=models.CASCADE, related_name="reminders_sent")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    due_on = models.DateField()
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    objects = querysets.ReminderQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["sla", "kind", "due_on", "days_before"], name="sla_reminder_sent_once")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} reminder for {self.sla}, {self.days_before} days before {self.due_on}"
