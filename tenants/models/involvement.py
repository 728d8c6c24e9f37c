"""Involvement structures: an ALMO's panels, forums and groups, their members, meetings and recommendations."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from organisations.models import Almo, BoardMember
from tenants import querysets


class InvolvementGroup(models.Model):
    """A panel, forum, federation or group through which an ALMO's tenants and leaseholders have a say."""

    class Kind(models.TextChoices):
        PANEL = "panel", "Tenant and leaseholder panel"
        FORUM = "forum", "Area forum"
        FEDERATION = "federation", "Federation of tenants' associations"
        RESIDENTS_ASSOCIATION = "residents_association", "Residents' association"
        SCRUTINY = "scrutiny", "Scrutiny panel"
        DISABILITY = "disability", "Disability group"
        OLDER_PERSONS = "older_persons", "Older persons' group"
        OTHER = "other", "Other group"

    almo = models.ForeignKey(Almo, on_delete=models.PROTECT, related_name="involvement_groups")
    name = models.CharField(max_length=150)
    kind = models.CharField("Type of group", max_length=24, choices=Kind.choices)
    purpose = models.TextField(blank=True, help_text="What the group is for and what it is consulted on.")
    founded_on = models.DateField("Set up on", null=True, blank=True)
    is_active = models.BooleanField("Meets now", default=True)

    objects = querysets.InvolvementGroupQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["almo__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["almo", "name"],
                name="involvement_group_name_unique",
                violation_error_message="This ALMO already has a group with this name.",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("tenants:group_detail", kwargs={"pk": self.pk})


class GroupMember(models.Model):
    """A tenant or leaseholder who sits on a group; may hold one of the board's tenant or leaseholder places."""

    class Tenure(models.TextChoices):
        TENANT = "tenant", "Tenant"
        LEASEHOLDER = "leaseholder", "Leaseholder"
        SHARED_OWNER = "shared_owner", "Shared owner"

    class Office(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"
        SECRETARY = "secretary", "Secretary"
        MEMBER = "member", "Member"

    group = models.ForeignKey(InvolvementGroup, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(max_length=150)
    tenure = models.CharField(max_length=12, choices=Tenure.choices)
    office = models.CharField(max_length=12, choices=Office.choices, default=Office.MEMBER)
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)
    board_seat = models.ForeignKey(
        BoardMember,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="involvement_memberships",
        help_text="The tenant or leaseholder place on the ALMO's board this person holds, if any.",
    )

    objects = querysets.GroupPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "left_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="group_member_leaves_after_joining",
                violation_error_message="A member cannot leave before they joined.",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_tenure_display().lower()})"

    @property
    def is_current(self) -> bool:
        return self.left_on is None

    def clean(self):
        seat = self.board_seat
        if seat is None or not self.group_id:
            return
        if seat.board.almo_id != self.group.almo_id:
            raise ValidationError({"board_seat": "Choose a place on this ALMO's own board."})
        if seat.category not in (BoardMember.Category.TENANT, BoardMember.Category.LEASEHOLDER):
            raise ValidationError({"board_seat": "Choose a tenant or leaseholder place on the board."})


class GroupMeeting(models.Model):
    """A meeting of an involvement group."""

    group = models.ForeignKey(InvolvementGroup, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField()
    subject = models.CharField(max_length=200)
    attendance = models.PositiveIntegerField(null=True, blank=True, help_text="How many members came.")
    notes = models.TextField(blank=True)

    objects = querysets.GroupPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "-held_on"]

    def __str__(self):
        return f"{self.subject}, {self.held_on:%d %B %Y}"


class Recommendation(models.Model):
    """A group's recommendation to the ALMO, and the ALMO's response to it."""

    class Status(models.TextChoices):
        AWAITING = "awaiting", "Waiting for a response"
        ACCEPTED = "accepted", "Accepted"
        PARTLY_ACCEPTED = "partly_accepted", "Partly accepted"
        NOT_ACCEPTED = "not_accepted", "Not accepted"

    group = models.ForeignKey(InvolvementGroup, on_delete=models.CASCADE, related_name="recommendations")
    meeting = models.ForeignKey(
        GroupMeeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="recommendations"
    )
    title = models.CharField(max_length=200)
    detail = models.TextField()
    made_on = models.DateField()
    respond_by = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.AWAITING)
    response = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responded_on = models.DateField(null=True, blank=True)

    objects = querysets.RecommendationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "-made_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(respond_by__isnull=True) | Q(respond_by__gte=models.F("made_on")),
                name="recommendation_respond_after_made",
                violation_error_message="The response date must be on or after the date the recommendation was made.",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("tenants:recommendation_detail", kwargs={"pk": self.pk})
