"""Inspections of every kind, their recommendations, and the regulatory calendar with its subscription feeds."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.uploads import PrivateFileField
from inspections import querysets
from organisations.models import Almo, Council


class Kind(models.TextChoices):
    INSPECTORATE = "inspectorate", "Housing Inspectorate inspection"
    REGULATOR = "regulator", "Regulator of Social Housing inspection"
    MOCK = "mock", "Mock inspection"
    PEER_REVIEW = "peer_review", "Peer review"
    INTERNAL_AUDIT = "internal_audit", "Internal audit"
    COUNCIL_REVIEW = "council_review", "Council review"
    DEPARTMENTAL_AUDIT = "departmental_audit", "Government department audit"


# Inspections by a regulator: at least six months apart, and the only ones that release funding.
STATUTORY_KINDS = (Kind.INSPECTORATE, Kind.REGULATOR)
# Kinds judged like the inspectorate's: a star rating and prospects for improvement.
STAR_RATED_KINDS = (Kind.INSPECTORATE, Kind.MOCK, Kind.PEER_REVIEW)


class Stars(models.IntegerChoices):
    ZERO = 0, "0 stars (poor)"
    ONE = 1, "1 star (fair)"
    TWO = 2, "2 stars (good)"
    THREE = 3, "3 stars (excellent)"


class Prospects(models.TextChoices):
    POOR = "poor", "Poor"
    UNCERTAIN = "uncertain", "Uncertain"
    PROMISING = "promising", "Promising"
    EXCELLENT = "excellent", "Excellent"


class ConsumerGrade(models.TextChoices):
    C1 = "C1", "C1: delivering the outcomes"
    C2 = "C2", "C2: some weaknesses"
    C3 = "C3", "C3: serious failings"
    C4 = "C4", "C4: very serious failings"


class Inspection(models.Model):
    """An inspection, audit or review of one ALMO: its dates, lead, outcome, report and recommendations."""

    almo = models.ForeignKey(Almo, on_delete=models.PROTECT, related_name="inspections")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200, help_text="For example, 'Landlord services inspection'.")
    starts_on = models.DateField("Starts")
    ends_on = models.DateField("Ends")
    lead = models.CharField(max_length=200, help_text="Who leads it: the lead inspector, auditor or peer reviewer.")
    star_rating = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=Stars.choices, validators=[MaxValueValidator(3)]
    )
    prospects = models.CharField("Prospects for improvement", max_length=12, choices=Prospects.choices, blank=True)
    consumer_grade = models.CharField(max_length=2, choices=ConsumerGrade.choices, blank=True)
    summary = models.TextField("Outcome in brief", blank=True)
    report = PrivateFileField(blank=True)
    report_name = models.CharField(max_length=150, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = querysets.InspectionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="inspections_inspection_ends_after_start",
                violation_error_message="The inspection must end on or after the day it starts.",
            ),
            models.CheckConstraint(
                condition=Q(star_rating__isnull=True) | Q(star_rating__lte=3),
                name="inspections_star_rating_0_to_3",
                violation_error_message="A star rating is from 0 to 3.",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.get_kind_display()}), {self.almo.name}"

    def get_absolute_url(self):
        return reverse("inspections:inspection_detail", kwargs={"pk": self.pk})

    @property
    def is_statutory(self) -> bool:
        return self.kind in STATUTORY_KINDS

    @property
    def has_outcome(self) -> bool:
        return self.star_rating is not None or bool(self.prospects or self.consumer_grade)

    def clean(self):
        errors = {}
        if self.kind not in STAR_RATED_KINDS:
            # "Council review" reads "A council review"; "Internal audit", "An internal audit".
            label = self.get_kind_display()
            name = label if self.kind == Kind.REGULATOR else label[0].lower() + label[1:]
            kind = ("An " if label[0] in "AEIOU" else "A ") + name
            if self.star_rating is not None:
                errors["star_rating"] = f"{kind} has no star rating: leave it empty."
            if self.prospects:
                errors["prospects"] = f"{kind} has no judgement on prospects: leave it empty."
        if self.consumer_grade and self.kind != Kind.REGULATOR:
            errors["consumer_grade"] = "Only the Regulator of Social Housing gives a consumer grade."
        if errors:
            raise ValidationError(errors)


class Recommendation(models.Model):
    """A recommendation from an inspection's report, which the improvement plan answers."""

    class Priority(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField()
    priority = models.CharField(max_length=8, choices=Priority.choices, default=Priority.MEDIUM)

    objects = querysets.RecommendationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["inspection", "pk"]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return self.inspection.get_absolute_url() + f"#recommendation-{self.pk}"


class CalendarEntry(models.Model):
    """A date in the regulatory calendar that is not an inspection: a return deadline, an audit, a review."""

    class Kind(models.TextChoices):
        RETURN_DEADLINE = "return_deadline", "Return deadline"
        AUDIT = "audit", "Audit"
        REVIEW = "review", "Review"
        MEETING = "meeting", "Meeting"
        OTHER = "other", "Other"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="inspection_calendar_entries")
    almo = models.ForeignKey(
        Almo,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspection_calendar_entries",
        help_text="Empty for a date that concerns all of the council's ALMOs.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    starts_on = models.DateField("Date")
    ends_on = models.DateField("Last day", null=True, blank=True, help_text="Leave empty for a single day.")
    notes = models.TextField(blank=True)

    objects = querysets.CalendarEntryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name_plural = "calendar entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="inspections_calendar_entry_ends_after_start",
                violation_error_message="The last day must be on or after the first.",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("inspections:calendar") + f"#entry-{self.pk}"

    @property
    def last_day(self):
        return self.ends_on or self.starts_on

    def clean(self):
        if self.almo_id and self.council_id and self.almo.council_id != self.council_id:
            raise ValidationError({"almo": "Choose one of the council's own ALMOs."})


class CalendarFeed(models.Model):
    """A person's secret calendar address for calendar apps; only a hash of its key is kept, and it can be revoked."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inspection_feeds")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = querysets.CalendarFeedQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Calendar feed of {self.user.get_full_name() or self.user.username}"

    def get_absolute_url(self):
        return reverse("inspections:calendar_feed_settings")
