"""The intervention ladder: failure to perform by either party, climbed stage by stage with working-day deadlines."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from agreements import querysets
from core import clock
from organisations.access import Party
from organisations.models import Almo


class InterventionStage(models.Model):
    """A rung of the ladder, as data: its place, what it means, and the deadlines it sets."""

    position = models.PositiveSmallIntegerField(unique=True)
    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField()
    almo_only = models.BooleanField(
        default=False, help_text="Only for the ALMO's failures, such as an appraisal of the ALMO's future."
    )
    is_options_appraisal = models.BooleanField(
        default=False, help_text="Reaching it brings in the rules for consulting tenants about the ALMO's future."
    )
    recurrence_months = models.PositiveSmallIntegerField(
        default=0, help_text="If the failure comes back within this many months of closing, it starts one stage higher."
    )

    objects = querysets.StageQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.name

    def applies_to(self, party: str) -> bool:
        return party == Party.ALMO or not self.almo_only


class StageDeadline(models.Model):
    """A deadline a stage sets, in working days from the stage's start or from the deadline before it being met."""

    class CountsFrom(models.TextChoices):
        STAGE_START = "stage_start", "the start of the stage"
        PREVIOUS_MET = "previous_met", "the deadline before it being met"

    class Owes(models.TextChoices):
        FAILING = "failing", "The party on the ladder"
        OTHER = "other", "The other party"

    stage = models.ForeignKey(InterventionStage, on_delete=models.CASCADE, related_name="deadlines")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=150)
    working_days = models.PositiveSmallIntegerField()
    counts_from = models.CharField(max_length=14, choices=CountsFrom.choices)
    owed_by = models.CharField(max_length=8, choices=Owes.choices)

    objects = querysets.StageQuerySet.as_manager()

    class Meta:
        ordering = ["stage", "position"]
        constraints = [models.UniqueConstraint(fields=["stage", "position"], name="stage_deadline_position_once")]

    def __str__(self):
        return f"{self.name} ({self.working_days} working days)"


class Intervention(models.Model):
    """A failure to perform, by the ALMO or by the council, on the ladder until it is resolved."""

    class Status(models.TextChoices):
        OPEN = "open", "On the ladder"
        CLOSED = "closed", "Resolved"

    almo = models.ForeignKey(Almo, on_delete=models.PROTECT, related_name="interventions")
    about_party = models.CharField("Whose failure", max_length=8, choices=Party.choices)
    opened_by_party = models.CharField(max_length=8, choices=Party.choices, editable=False)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False)
    title = models.CharField(max_length=200)
    failure = models.TextField("What is failing")
    concern_title = models.CharField(
        "Performance concern it comes from", max_length=200, blank=True, help_text="Empty when started by hand."
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN, editable=False)
    current_stage = models.ForeignKey(InterventionStage, on_delete=models.PROTECT, related_name="+", editable=False)
    started_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True, editable=False)
    resolution = models.TextField(blank=True)
    watch_until = models.DateField(
        null=True, blank=True, editable=False, help_text="A recurrence before this date starts one stage higher."
    )

    objects = querysets.InterventionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(about_party=models.F("opened_by_party")),
                name="intervention_opened_by_the_other_party",
                violation_error_message="A party is put on the ladder by the other party.",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("agreements:intervention_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class InterventionStep(models.Model):
    """A stage an intervention reached: when, why stages were skipped to reach it, and when it ended."""

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="steps")
    stage = models.ForeignKey(InterventionStage, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField()
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True, help_text="Why this stage, and why any stage below it was skipped.")
    ended_on = models.DateField(null=True, blank=True)

    objects = querysets.InterventionPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["intervention", "stage__position"]
        constraints = [models.UniqueConstraint(fields=["intervention", "stage"], name="stage_once_per_intervention")]

    def __str__(self):
        return f"{self.stage.name}, from {self.started_on:%-d %B %Y}"


class Deadline(models.Model):
    """A deadline of one step: due a number of working days after its start; empty until it can be counted."""

    step = models.ForeignKey(InterventionStep, on_delete=models.CASCADE, related_name="deadlines")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=150)
    working_days = models.PositiveSmallIntegerField()
    counts_from = models.CharField(max_length=14, choices=StageDeadline.CountsFrom.choices)
    owed_by = models.CharField(max_length=8, choices=Party.choices)
    due_on = models.DateField(null=True, blank=True)
    met_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    objects = querysets.StepPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["step", "position"]

    def __str__(self):
        return self.name

    @property
    def is_overdue(self) -> bool:
        return self.met_on is None and self.due_on is not None and self.due_on < clock.today()


class Notice(models.Model):
    """A notice one party served on the other at a step, and the response to it."""

    step = models.ForeignKey(InterventionStep, on_delete=models.CASCADE, related_name="notices")
    served_by_party = models.CharField(max_length=8, choices=Party.choices, editable=False)
    served_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False)
    served_on = models.DateField()
    subject = models.CharField(max_length=200)
    text = models.TextField("What the notice says")
    response_working_days = models.PositiveSmallIntegerField("Working days to respond", default=20)
    response_due_on = models.DateField(editable=False)
    response = models.TextField(blank=True)
    responded_on = models.DateField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )

    objects = querysets.StepPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["step", "served_on", "pk"]

    def __str__(self):
        return self.subject

    def clean(self):
        if self.response_working_days is not None and not 1 <= self.response_working_days <= 120:
            raise ValidationError({"response_working_days": "Give from 1 to 120 working days to respond."})
