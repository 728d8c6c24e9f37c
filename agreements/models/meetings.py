"""Meetings the agreement names: standing series, each meeting's agenda and minutes, and actions that carry over."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from agreements import querysets
from core import clock
from organisations.models import Almo


class MeetingSeries(models.Model):
    """A standing meeting between the council and the ALMO: its chair, members and how often it meets."""

    class Kind(models.TextChoices):
        OFFICER_LIAISON = "officer_liaison", "Officer liaison meeting"
        MONITORING_BOARD = "monitoring_board", "Monitoring board"
        FINANCE_GROUP = "finance_group", "Finance group"
        ASSET_GROUP = "asset_group", "Asset management group"
        JOINT_BOARD = "joint_board", "Joint board meeting"
        OTHER = "other", "Other meeting"

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        BIMONTHLY = "bimonthly", "Every two months"
        QUARTERLY = "quarterly", "Quarterly"
        HALF_YEARLY = "half_yearly", "Every six months"
        YEARLY = "yearly", "Once a year"

    MONTHS = {"monthly": 1, "bimonthly": 2, "quarterly": 3, "half_yearly": 6, "yearly": 12}

    almo = models.ForeignKey(Almo, on_delete=models.PROTECT, related_name="meeting_series")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=150)
    frequency = models.CharField(max_length=12, choices=Frequency.choices)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    chair_name = models.CharField(
        "Chair from outside the portal",
        max_length=150,
        blank=True,
        help_text="For example: Cllr Ann Lee, cabinet member for housing (the portfolio holder).",
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    outside_members = models.TextField(
        "Members from outside the portal", blank=True, help_text="One a line: name and role."
    )
    is_active = models.BooleanField(default=True)

    objects = querysets.SeriesQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["members"])

    class Meta:
        ordering = ["almo__name", "name"]
        verbose_name_plural = "meeting series"
        constraints = [
            models.UniqueConstraint(
                fields=["almo", "name"],
                name="meeting_series_name_once_per_almo",
                violation_error_message="This ALMO already has a meeting with this name.",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("agreements:series_detail", kwargs={"pk": self.pk})

    def clean(self):
        if not self.chair_id and not self.chair_name.strip():
            raise ValidationError({"chair": "Choose who chairs the meeting, or name a chair from outside the portal."})
        if self.chair_id and self.chair_name.strip():
            raise ValidationError({"chair_name": "Choose a chair from the portal or name one from outside, not both."})

    @property
    def chair_display(self) -> str:
        return self.chair.get_full_name() if self.chair_id else self.chair_name

    @property
    def outside_member_list(self) -> list[str]:
        return [line.strip() for line in self.outside_members.splitlines() if line.strip()]


class Meeting(models.Model):
    """One meeting of a series: its agenda, made from live data, then its minutes."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        MINUTED = "minuted", "Minutes recorded"
        CANCELLED = "cancelled", "Cancelled"

    series = models.ForeignKey(MeetingSeries, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField("Date")
    location = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED, editable=False)
    attendees = models.TextField(blank=True, help_text="Who came, one a line.")
    apologies = models.TextField(blank=True)
    summary = models.TextField("Minutes", blank=True)
    agenda_made_at = models.DateTimeField(null=True, blank=True, editable=False)
    minuted_at = models.DateTimeField(null=True, blank=True, editable=False)
    minuted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )

    objects = querysets.MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "held_on"],
                name="one_meeting_a_day_per_series",
                violation_error_message="This meeting already has a date on this day.",
            )
        ]

    def __str__(self):
        return f"{self.series.name}, {self.held_on:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("agreements:meeting_detail", kwargs={"pk": self.pk})

    @property
    def has_happened(self) -> bool:
        return self.held_on <= clock.today()

    @property
    def is_open(self) -> bool:
        """Its agenda may change until the minutes are recorded."""
        return self.status == self.Status.PLANNED


class AgendaItem(models.Model):
    """An item on a meeting's agenda: made from live data under a heading, or added by an officer."""

    ADDED = "added"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    source = models.CharField(max_length=40, default=ADDED, help_text="The agenda source that made it.")
    heading = models.CharField(max_length=150)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=300)
    detail = models.TextField(blank=True)
    reference = models.CharField(
        max_length=300, blank=True, help_text="Where the item comes from: a page address or a document reference."
    )
    rag = models.CharField(max_length=8, blank=True)
    minutes = models.TextField(blank=True)
    decision = models.TextField(blank=True)

    objects = querysets.MeetingPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_generated(self) -> bool:
        return self.source != self.ADDED


class MeetingAction(models.Model):
    """An action raised at a meeting: it carries to each later meeting of the series until it is closed."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        DROPPED = "dropped", "No longer needed"

    series = models.ForeignKey(MeetingSeries, on_delete=models.PROTECT, related_name="actions")
    raised_at = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions_raised")
    description = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_name = models.CharField("Owner from outside the portal", max_length=150, blank=True)
    due_on = models.DateField("Due")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closing_note = models.TextField(blank=True)
    closed_on = models.DateField(null=True, blank=True)

    objects = querysets.ActionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.description[:80]

    def get_absolute_url(self):
        return reverse("agreements:action_detail", kwargs={"pk": self.pk})

    def clean(self):
        if not self.owner_id and not self.owner_name.strip():
            raise ValidationError({"owner": "Choose who owns the action, or name an owner from outside the portal."})
        if self.owner_id and self.owner_name.strip():
            raise ValidationError({"owner_name": "Choose an owner from the portal or name one from outside, not both."})

    @property
    def owner_display(self) -> str:
        return self.owner.get_full_name() if self.owner_id else self.owner_name

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.due_on < clock.today()
