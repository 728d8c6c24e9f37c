"""Inspection frameworks as data: a framework has areas, an area has questions, a question may have descriptors."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from inspections import querysets
from organisations.models import Council


class Framework(models.Model):
    """A set of questions inspectors ask, shipped with the portal or added by a council."""

    council = models.ForeignKey(
        Council,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspection_frameworks",
        help_text="Empty for the frameworks the portal ships.",
    )
    code = models.SlugField(max_length=40, help_text="A short name for the framework, such as rsh-2024.")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=200, blank=True, help_text="Where the questions come from.")
    is_active = models.BooleanField(default=True, help_text="Only active frameworks can be used for a new assessment.")

    objects = querysets.FrameworkQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["council__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(council__isnull=True),
                name="inspections_shipped_framework_code_unique",
                violation_error_message="The portal already ships a framework with this code.",
            ),
            models.UniqueConstraint(
                fields=["council", "code"],
                name="inspections_framework_code_unique_per_council",
                violation_error_message="Your council already has a framework with this code.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("inspections:framework_detail", kwargs={"pk": self.pk})

    @property
    def is_shipped(self) -> bool:
        return self.council_id is None


class Area(models.Model):
    """One area of a framework, such as user involvement, with its own readiness."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(max_length=20)
    title = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    objects = querysets.AreaQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"],
                name="inspections_area_code_unique",
                violation_error_message="This framework already has an area with this code.",
            )
        ]

    def __str__(self):
        return self.title


class Question(models.Model):
    """A question inspectors ask, with optional descriptors of fair, good and excellent answers."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(max_length=20)
    text = models.TextField()
    guidance = models.TextField(blank=True, help_text="What inspectors look for.")
    descriptor_fair = models.TextField("What fair looks like", blank=True)
    descriptor_good = models.TextField("What good looks like", blank=True)
    descriptor_excellent = models.TextField("What excellent looks like", blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = querysets.QuestionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["area__order", "area", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "code"],
                name="inspections_question_code_unique",
                violation_error_message="This area already has a question with this code.",
            )
        ]

    def __str__(self):
        return f"{self.code} {self.text[:80]}"

    @property
    def descriptors(self) -> list[tuple[str, str]]:
        pairs = [
            ("Fair", self.descriptor_fair),
            ("Good", self.descriptor_good),
            ("Excellent", self.descriptor_excellent),
        ]
        return [(label, text) for label, text in pairs if text]
