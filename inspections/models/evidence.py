"""The evidence library: documents an ALMO keeps for inspectors, each with every version ever uploaded."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.uploads import PrivateFileField
from inspections import querysets
from organisations.models import Almo


class Evidence(models.Model):
    """A piece of evidence (a policy, minutes, a survey), kept in versions; review it by its review date."""

    almo = models.ForeignKey(Almo, on_delete=models.PROTECT, related_name="inspection_evidence")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    review_due = models.DateField(
        "Review by", null=True, blank=True, help_text="When the document should next be checked it is still current."
    )
    # The review date the owners were last warned about, so the daily reminder warns once per date.
    review_warned_for = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = querysets.EvidenceQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["review_warned_for"])

    class Meta:
        ordering = ["title", "pk"]
        verbose_name_plural = "evidence"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("inspections:evidence_detail", kwargs={"pk": self.pk})


class EvidenceVersion(models.Model):
    """One uploaded file of a piece of evidence; versions are never replaced, so earlier ones stay."""

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    file = PrivateFileField()
    original_name = models.CharField(max_length=150)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    note = models.CharField("What changed", max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = querysets.EvidenceVersionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["evidence", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["evidence", "number"],
                name="inspections_evidence_version_unique",
                violation_error_message="This version number is already taken.",
            )
        ]

    def __str__(self):
        return f"{self.evidence.title}, version {self.number}"

    def get_absolute_url(self):
        return reverse("inspections:evidence_download", kwargs={"pk": self.pk})
