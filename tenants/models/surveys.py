"""Tenant perception surveys: one per ALMO, year and tenure, with its responses or a survey house's counts."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.periods import FIRST_YEAR, LAST_YEAR, financial_year_label
from organisations.joint_agreement import JointlyAgreed
from organisations.models import Almo
from tenants import querysets
from tenants.measures import CODES, LCHO, LCRA

SCALE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Tenure(models.TextChoices):
    LCRA = LCRA, "Low-cost rental accommodation (LCRA)"
    LCHO = LCHO, "Low-cost home ownership (LCHO)"


class Survey(JointlyAgreed):
    """A year's tenant perception survey of one tenure at one ALMO; final once the council and ALMO both agree it."""

    class Method(models.TextChoices):
        TELEPHONE = "telephone", "Telephone"
        ONLINE = "online", "Online"
        POSTAL = "postal", "Postal"
        FACE_TO_FACE = "face_to_face", "Face to face"
        MIXED = "mixed", "Mixed methods"

    class Entry(models.TextChoices):
        NONE = "", "No results yet"
        RESPONSES = "responses", "Responses imported, one row per respondent"
        AGGREGATE = "aggregate", "Counts entered per question"

    almo = models.ForeignKey(Almo, on_delete=models.PROTECT, related_name="surveys")
    year = models.PositiveSmallIntegerField(
        "Financial year", validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    tenure = models.CharField(max_length=4, choices=Tenure.choices, default=Tenure.LCRA)
    method = models.CharField("Collection method", max_length=12, choices=Method.choices)
    fieldwork_start = models.DateField("Fieldwork started")
    fieldwork_end = models.DateField("Fieldwork ended")
    population = models.PositiveIntegerField(
        "Households in the tenure", validators=[MinValueValidator(1)], help_text="Tenant households of this tenure."
    )
    sample_issued = models.PositiveIntegerField(
        "Households invited", null=True, blank=True, help_text="Leave empty for a census of every household."
    )
    entry = models.CharField(max_length=10, choices=Entry.choices, blank=True, default=Entry.NONE, editable=False)
    achieved = models.PositiveIntegerField("Responses achieved", default=0, editable=False)
    source_file = models.CharField(max_length=200, blank=True, editable=False)
    # The Regulator's summary of approach, items d to k (a to c are the sample, timing and method above).
    sample_method = models.TextField("Sample method", blank=True)
    representativeness = models.TextField("Representativeness against the tenant population", blank=True)
    weighting = models.TextField("Weighting applied", blank=True)
    contractor_role = models.TextField("Role of external contractors", blank=True)
    exclusions = models.TextField("Households excluded and why", blank=True)
    shortfall_reason = models.TextField("Reasons for missing the required sample size", blank=True)
    incentives = models.TextField("Incentives offered", blank=True)
    other_issues = models.TextField("Other methodological issues", blank=True)

    objects = querysets.SurveyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "almo__name", "tenure"]
        constraints = [
            models.UniqueConstraint(
                fields=["almo", "year", "tenure"],
                name="one_survey_per_almo_year_tenure",
                violation_error_message="This ALMO already has a survey of this tenure for this year.",
            ),
            models.CheckConstraint(
                condition=Q(fieldwork_end__gte=F("fieldwork_start")),
                name="survey_fieldwork_ends_after_start",
                violation_error_message="Fieldwork must end on or after the day it started.",
            ),
            models.CheckConstraint(
                condition=Q(sample_issued__isnull=True) | Q(sample_issued__lte=F("population")),
                name="survey_sample_within_population",
                violation_error_message="The sample cannot be larger than the number of households.",
            ),
            models.CheckConstraint(
                condition=Q(achieved__lte=F("population")),
                name="survey_responses_within_population",
                violation_error_message="There cannot be more responses than households.",
            ),
        ]

    def __str__(self):
        return f"{self.almo.name}: {self.get_tenure_display_short()} survey {financial_year_label(self.year)}"

    def get_absolute_url(self):
        return reverse("tenants:survey_detail", kwargs={"pk": self.pk})

    def get_tenure_display_short(self) -> str:
        return self.tenure.upper()

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)

    @property
    def has_results(self) -> bool:
        return self.achieved > 0

    @property
    def is_final(self) -> bool:
        return self.agreed_by_both

    @property
    def status_label(self) -> str:
        if self.is_final:
            return "Agreed by both"
        if not self.has_results:
            return "No results yet"
        if self.council_agreed_at or self.almo_agreed_at:
            return "Agreed by one side"
        return "Results in, not yet agreed"

    def clean(self):
        if self.sample_issued is not None and self.achieved > self.sample_issued:
            raise ValidationError({"sample_issued": "There cannot be more responses than households invited."})


class SurveyResponse(models.Model):
    """One respondent's answers, coded 1 (very satisfied) to 5 (very dissatisfied); empty when not on the scale.

    Kept without change history: the survey's own history records each import, and a second copy of every
    respondent's answers would only widen where respondent-level data sits.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    respondent = models.CharField(max_length=50)
    had_repair = models.BooleanField(null=True)
    made_complaint = models.BooleanField(null=True)
    has_communal_areas = models.BooleanField(null=True)
    tp01 = models.PositiveSmallIntegerField(null=True, validators=SCALE_VALIDATORS)
    tp02 = models.PositiveSmallIntegerField(null=True, validators=SCALE_VALIDATORS)
    tp03 = models.PositiveSmallIntegerField(null=True, validators=SCALE_VALIDATORS)
    tp04 = models.PositiveSmallIntegerField(null=True, validators=SCALE_VALIDATORS)
    tp05 = models.PositiveSmallIntegerField(null=True, validators=SCALE_VALIDATORS)
    tp06 = models.PositiveSmallIntegerField(null=True, validators=SCALE_VALIDATORS)
    tp07 = models.PositiveSmallIntegerField(null=True, validators=SCALE_VALIDATORS)
    tp08 = models.PositiveSmallIntegerField(null=True, validators=SCALE_VALIDATORS)
    tp09 = models.PositiveSmallIntegerField(null=True, validators=SCALE_VALIDATORS)
    tp10 = models.PositiveSmallIntegerField(null=True, validators=SCALE_VALIDATORS)
    tp11 = models.PositiveSmallIntegerField(null=True, validators=SCALE_VALIDATORS)
    tp12 = models.PositiveSmallIntegerField(null=True, validators=SCALE_VALIDATORS)

    objects = querysets.SurveyPartQuerySet.as_manager()

    class Meta:
        ordering = ["survey", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent"],
                name="one_response_per_respondent",
                violation_error_message="This respondent has already answered this survey.",
            )
        ]

    def __str__(self):
        return f"Respondent {self.respondent}"


class AggregateCount(models.Model):
    """A survey house's totals for one question: each point of the scale, and those left out of the base."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="aggregate_counts")
    code = models.CharField(max_length=4, choices=[(code, code) for code in CODES])
    very_satisfied = models.PositiveIntegerField(default=0)
    fairly_satisfied = models.PositiveIntegerField(default=0)
    neither = models.PositiveIntegerField(default=0)
    fairly_dissatisfied = models.PositiveIntegerField(default=0)
    very_dissatisfied = models.PositiveIntegerField(default=0)
    not_on_scale = models.PositiveIntegerField(
        "Don't know, not applicable or blank", default=0, help_text="Asked, but left out of the base."
    )

    objects = querysets.SurveyPartQuerySet.as_manager()
    history = HistoricalRecords()

    SCALE_FIELDS = ("very_satisfied", "fairly_satisfied", "neither", "fairly_dissatisfied", "very_dissatisfied")

    class Meta:
        ordering = ["survey", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "code"],
                name="one_count_per_question",
                violation_error_message="This survey already has counts for this question.",
            )
        ]

    def __str__(self):
        return f"{self.code} counts"

    @property
    def scale(self) -> tuple[int, int, int, int, int]:
        return tuple(getattr(self, name) for name in self.SCALE_FIELDS)
