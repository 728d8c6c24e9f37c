"""Report runs: each report a worker renders is a row first, so it can be watched, retried and downloaded."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from organisations.models import Almo, Council
from reporting.querysets import ReportRunQuerySet


class ReportRun(models.Model):
    """One request for a report, and what became of it."""

    class Kind(models.TextChoices):
        QUARTERLY_RETURN = "quarterly_return", "Quarterly performance return"
        COUNCIL_VARIANCE = "council_variance", "Council variance report"
        BOARD_PACK = "board_pack", "Board pack"
        MEETING_PACK = "meeting_pack", "Meeting pack"
        CONSULTATION_REPORT = "consultation_report", "Consultation report"

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "Spreadsheet (XLSX)"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a worker"
        RUNNING = "running", "Being made"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    format = models.CharField(max_length=4, choices=Format.choices, default=Format.PDF)
    parameters = models.JSONField(default=dict, blank=True)
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="report_runs")
    almo = models.ForeignKey(Almo, null=True, blank=True, on_delete=models.CASCADE, related_name="report_runs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="report_runs",
        help_text="Empty for runs the schedule started.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    progress_message = models.CharField(max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # A worker holds a run by a lease it renews while it works: if the worker dies, the lease lapses and
    # any worker may take the run over. The owner is a random token per claim, so a worker that lost its
    # lease can neither finish nor fail a run another worker now holds.
    lease_owner = models.CharField(max_length=32, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    # When the run was last handed to the broker. The run row is the outbox: a waiting run whose message
    # is older than the sweep allows (the broker lost it, or was down when it was sent) is sent again.
    queued_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    data_fingerprint = models.CharField(
        max_length=64, blank=True, help_text="A hash of the data the report shows: the same data is not rendered twice."
    )
    output_path = models.CharField(max_length=300, blank=True, help_text="Relative to the media folder.")
    output_checksum = models.CharField("SHA-256", max_length=64, blank=True)
    output_size = models.PositiveBigIntegerField(null=True, blank=True)
    reused_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    error = models.TextField(blank=True)

    objects = ReportRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["kind", "data_fingerprint", "status"]),
            models.Index(fields=["status", "lease_until"], name="reporting_run_status_lease"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"

    def get_absolute_url(self):
        return reverse("reporting:run_detail", kwargs={"pk": self.pk})

    @property
    def subject(self) -> str:
        label = self.parameters.get("label", "")
        organisation = self.almo.name if self.almo_id else self.council.name
        return f"{organisation}, {label}" if label else organisation

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def filename(self) -> str:
        slug = (self.almo.slug if self.almo_id else self.council.slug).replace("_", "-")
        label = self.parameters.get("label", "").replace("/", "-").replace(" ", "-").lower()
        return f"{self.kind.replace('_', '-')}-{slug}{'-' + label if label else ''}.{self.format}"
