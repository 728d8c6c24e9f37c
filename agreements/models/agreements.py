"""Management agreements: each version agreed by both parties, with its delegations, limits and clauses."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from agreements import querysets
from core.dates import govuk_date
from core.numbers import format_money, format_number
from core.uploads import PrivateFileField
from organisations.joint_agreement import JointlyAgreed
from organisations.models import Almo

MONEY = {"max_digits": 14, "decimal_places": 2}


class ManagementAgreement(JointlyAgreed):
    """One version of an ALMO's management agreement; in force once both parties have agreed it."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft: waiting for agreement"
        IN_FORCE = "in_force", "In force"
        SUPERSEDED = "superseded", "Replaced by a later version"

    class Indexation(models.TextChoices):
        NONE = "none", "Fixed for the term"
        CPI = "cpi", "Consumer Prices Index (CPI)"
        CPI_PLUS = "cpi_plus", "CPI plus a set percentage"
        RPI = "rpi", "Retail Prices Index (RPI)"
        FIXED_PERCENT = "fixed_percent", "A set percentage each year"

    # Rules that need a percentage to mean anything.
    NEEDS_RATE = (Indexation.CPI_PLUS, Indexation.FIXED_PERCENT)

    almo = models.ForeignKey(Almo, on_delete=models.PROTECT, related_name="management_agreements")
    version = models.PositiveIntegerField(editable=False)
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT, editable=False)
    starts_on = models.DateField("Term starts")
    initial_end_on = models.DateField("Initial term ends")
    renewal_years = models.PositiveSmallIntegerField(
        "Renewable for (years)", null=True, blank=True, help_text="Leave empty if the agreement cannot be renewed."
    )
    renewal_notice_on = models.DateField(
        "Renewal decided by", null=True, blank=True, help_text="When either party must say whether it will renew."
    )
    break_on = models.DateField("Break date", null=True, blank=True, help_text="When either party may end it early.")
    review_on = models.DateField("Next formal review", null=True, blank=True)
    management_fee = models.DecimalField("Annual management fee (£)", **MONEY)
    indexation = models.CharField("Fee indexation", max_length=16, choices=Indexation.choices)
    indexation_rate = models.DecimalField(
        "Indexation percentage",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="For 'CPI plus' the percentage added; for a set percentage, the yearly rise.",
    )
    indexation_notes = models.TextField(blank=True)
    document = PrivateFileField(blank=True)
    document_name = models.CharField(max_length=150, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = querysets.AgreementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["almo__name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["almo", "version"], name="agreement_version_once_per_almo"),
            models.UniqueConstraint(
                fields=["almo"],
                condition=Q(status="in_force"),
                name="one_agreement_in_force_per_almo",
                violation_error_message="This ALMO already has an agreement in force.",
            ),
            models.CheckConstraint(
                condition=Q(initial_end_on__gt=F("starts_on")),
                name="agreement_ends_after_it_starts",
                violation_error_message="The initial term must end after it starts.",
            ),
        ]

    def __str__(self):
        return f"{self.title} (version {self.version})"

    def get_absolute_url(self):
        return reverse("agreements:agreement_detail", kwargs={"pk": self.pk})

    @property
    def is_locked(self) -> bool:
        """Only a draft changes; an agreed version is changed by agreeing a new version."""
        return self.status != self.Status.DRAFT

    def clean(self):
        errors = {}
        start, end = self.starts_on, self.initial_end_on
        if start and end and end <= start:
            errors["initial_end_on"] = "The initial term must end after it starts."
        for name in ("break_on", "review_on", "renewal_notice_on"):
            day = getattr(self, name)
            if day and start and end and not start <= day <= end:
                label = self._meta.get_field(name).verbose_name
                errors[name] = (
                    f"{label.capitalize()} must be within the term, {govuk_date(start)} to {govuk_date(end)}."
                )
        if self.indexation in self.NEEDS_RATE and self.indexation_rate is None:
            errors["indexation_rate"] = "Enter the indexation percentage for this rule."
        if self.indexation not in self.NEEDS_RATE and self.indexation_rate is not None:
            errors["indexation_rate"] = "Leave the percentage empty: this rule does not use one."
        if self.management_fee is not None and self.management_fee < 0:
            errors["management_fee"] = "The management fee cannot be negative."
        if errors:
            raise ValidationError(errors)

    @property
    def fee_text(self) -> str:
        return format_money(self.management_fee) or ""

    def key_dates(self) -> list[tuple[str, str, object]]:
        """(field, label, date) of the dates people are warned about, soonest first."""
        dates = [
            ("break_on", "break date", self.break_on),
            ("review_on", "formal review", self.review_on),
            ("renewal_notice_on", "date to decide on renewal", self.renewal_notice_on),
            ("initial_end_on", "end of the initial term", self.initial_end_on),
        ]
        return sorted((d for d in dates if d[2]), key=lambda d: d[2])


class DelegatedFunction(models.Model):
    """A function in the agreement's delegations register: who holds it, up to what limit, who decides."""

    class Arrangement(models.TextChoices):
        DELEGATED = "delegated", "Delegated to the ALMO"
        RETAINED = "retained", "Retained by the council"
        SHARED = "shared", "Shared: both must agree"

    class DecisionMaker(models.TextChoices):
        ALMO_BOARD = "almo_board", "ALMO board"
        ALMO_CHIEF_EXECUTIVE = "almo_chief_executive", "ALMO chief executive"
        COUNCIL_CABINET = "council_cabinet", "Council cabinet"
        COUNCIL_DIRECTOR = "council_director", "Council director of housing"
        JOINT = "joint", "The council and the ALMO jointly"

    class LimitUnit(models.TextChoices):
        POUNDS_EACH = "pounds_each", "£ for each decision"
        POUNDS_YEAR = "pounds_year", "£ in a financial year"
        HOMES_EACH = "homes_each", "homes for each decision"
        HOMES_YEAR = "homes_year", "homes in a financial year"

    agreement = models.ForeignKey(ManagementAgreement, on_delete=models.CASCADE, related_name="functions")
    function = models.CharField(max_length=200)
    arrangement = models.CharField(max_length=12, choices=Arrangement.choices)
    limit = models.DecimalField("Limit", null=True, blank=True, **MONEY)
    limit_unit = models.CharField("Unit of the limit", max_length=12, choices=LimitUnit.choices, blank=True)
    decision_maker = models.CharField(max_length=24, choices=DecisionMaker.choices)
    notes = models.TextField(blank=True)

    objects = querysets.AgreementPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "function"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "function"],
                name="function_once_per_agreement",
                violation_error_message="This function is already in the register.",
            )
        ]

    def __str__(self):
        return self.function

    def clean(self):
        if self.limit is not None and not self.limit_unit:
            raise ValidationError({"limit_unit": "Choose the unit of the limit, for example £ for each decision."})
        if self.limit is None and self.limit_unit:
            raise ValidationError({"limit": "Enter the limit, or leave the unit empty."})
        if self.limit is not None and self.limit <= 0:
            raise ValidationError({"limit": "The limit must be more than 0."})

    @property
    def limit_text(self) -> str:
        if self.limit is None:
            return ""
        if self.limit_unit in (self.LimitUnit.POUNDS_EACH, self.LimitUnit.POUNDS_YEAR):
            money = format_money(self.limit)
            return f"Up to {money}" + (
                " in a financial year" if self.limit_unit == self.LimitUnit.POUNDS_YEAR else " each"
            )
        return f"Up to {format_number(self.limit)} {self.get_limit_unit_display()}"


class FinancialLimit(models.Model):
    """A commitment the ALMO may make only with the council's consent above a limit."""

    class Basis(models.TextChoices):
        EACH = "each", "for any single item"
        YEAR = "year", "in a financial year"

    agreement = models.ForeignKey(ManagementAgreement, on_delete=models.CASCADE, related_name="limits")
    subject = models.CharField(max_length=200, help_text="For example: a single contract, borrowing, write-offs.")
    amount = models.DecimalField("Consent needed above (£)", **MONEY)
    basis = models.CharField(max_length=8, choices=Basis.choices)

    objects = querysets.AgreementPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "subject"]

    def __str__(self):
        return self.subject

    @property
    def amount_text(self) -> str:
        return format_money(self.amount) or ""

    def clean(self):
        if self.amount is not None and self.amount <= 0:
            raise ValidationError({"amount": "The amount must be more than £0."})


class Clause(models.Model):
    """A clause of the agreement, kept as data so it can be searched, compared and cited."""

    agreement = models.ForeignKey(ManagementAgreement, on_delete=models.CASCADE, related_name="clauses")
    number = models.CharField(max_length=12, help_text="As the document numbers it, for example 7.2.")
    heading = models.CharField(max_length=200)
    text = models.TextField()
    # "2.1" before "10.1": each part of the number padded, set on save.
    sort_key = models.CharField(max_length=60, editable=False, default="")

    objects = querysets.AgreementPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "number"],
                name="clause_number_once_per_agreement",
                violation_error_message="There is already a clause with this number.",
            )
        ]

    def __str__(self):
        return f"{self.number} {self.heading}"

    def save(self, *args, **kwargs):
        self.sort_key = ".".join(part.zfill(4) for part in self.number.split("."))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_key"}
        super().save(*args, **kwargs)

    def clean(self):
        if self.number and not re.fullmatch(r"[0-9]+(\.[0-9]+)*[a-z]?", self.number):
            raise ValidationError({"number": "Enter the clause number as the document writes it, for example 7.2."})
