"""The 2011 checklist, one row per item for each review of an ALMO's future."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from consultations import querysets
from consultations.models.consultations import Consultation
from core.uploads import PrivateFileField


class ChecklistItem(models.Model):
    """One item of the 2011 checklist for one consultation: its status, evidence and who confirmed it."""

    class Status(models.TextChoices):
        TO_DO = "to_do", "To do"
        IN_PROGRESS = "in_progress", "In progress"
        CONFIRMED = "confirmed", "Confirmed"
        NOT_APPLICABLE = "not_applicable", "Does not apply"

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="checklist")
    key = models.SlugField(max_length=40)
    text = models.CharField(max_length=300)
    reference = models.CharField("Where the guidance says it", max_length=60)
    required = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.TO_DO)
    notes = models.TextField(blank=True)
    evidence = PrivateFileField(blank=True)
    evidence_name = models.CharField(max_length=150, blank=True)
    evidence_added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = querysets.ChecklistItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["consultation", "position"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "key"], name="checklist_item_once_per_consultation"),
            models.CheckConstraint(
                condition=~Q(status="not_applicable") | Q(required=False),
                name="checklist_required_item_applies",
                violation_error_message="A required item always applies: confirm it with evidence.",
            ),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | (Q(confirmed_by__isnull=False) & ~Q(evidence="")),
                name="checklist_confirmed_has_evidence",
                violation_error_message="Add evidence before confirming this item.",
            ),
        ]

    def __str__(self):
        return self.text
