"""Readiness PDFs: a row first, drawn by a worker that claims it, then downloaded through the access rule."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from core.uploads import PrivateFileField
from inspections import querysets
from inspections.models.assessments import Assessment


class ReadinessReport(models.Model):
    """A PDF of one self-assessment's readiness, drawn in the background."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be drawn"
        RUNNING = "running", "Being drawn"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="reports")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    lease_until = models.DateTimeField(null=True, blank=True)
    file = PrivateFileField(blank=True)
    error = models.CharField(max_length=300, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = querysets.ReadinessReportQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"Readiness report for {self.assessment}"

    def get_absolute_url(self):
        return reverse("inspections:report_detail", kwargs={"pk": self.pk})
