"""Consultations with tenants on an ALMO's future: the options, the public timetable, the project group."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from consultations import querysets
from organisations.models import Almo


class Method(models.TextChoices):
    BALLOT = "ballot", "Ballot"
    BALLOT_AND_OTHER = "ballot_and_other", "A combination of methods, including a ballot"
    FULL_SURVEY = "full_survey", "Full survey of tenants"
    TELEPHONE_SURVEY = "telephone_survey", "Telephone survey"
    QUESTIONNAIRE = "questionnaire", "Questionnaire"
    FOCUS_GROUPS = "focus_groups", "Focus groups"
    COMBINATION = "combination", "A combination of methods, without a ballot"


BALLOT_METHODS = frozenset({Method.BALLOT, Method.BALLOT_AND_OTHER})


class FoundingTest(models.Model):
    """How tenants' opinion was tested when the ALMO was set up: a later review must be at least as rigorous."""

    class Kind(models.TextChoices):
        BALLOT = "ballot", "A ballot of tenants"
        SURVEY = "survey", "A full survey of tenants"
        OTHER = "other", "Another kind of consultation"
        NOT_KNOWN = "not_known", "Not known"

    almo = models.OneToOneField(Almo, on_delete=models.CASCADE, related_name="founding_test")
    kind = models.CharField("How tenants were asked", max_length=12, choices=Kind.choices)
    held_in = models.PositiveSmallIntegerField("Year held", null=True, blank=True)
    notes = models.TextField(blank=True, help_text="For example the turnout and the share in favour.")

    objects = querysets.FoundingTestQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "how tenants were asked when the ALMO was set up"

    def __str__(self):
        return f"{self.almo}: {self.get_kind_display()}"


def ballot_rule_message(almo) -> str:
    return (
        f"Tenants voted in a ballot before {almo} was set up, so a review of its future must also use a ballot. "
        "Government guidance (2011) says the test of opinion must be at least as rigorous as the one used to "
        "create the ALMO."
    )


class Consultation(models.Model):
    """A consultation with tenants, most often a review of an ALMO's future under the 2011 guidance."""

    class Status(models.TextChoices):
        PLANNING = "planning", "Planning"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        REPORTED = "reported", "Reported"
        DECIDED = "decided", "Decided"

    almo = models.ForeignKey(Almo, on_delete=models.PROTECT, related_name="consultations")
    subject = models.CharField(max_length=200)
    purpose = models.TextField("Aims and objectives", help_text="Published, with the timetable and how you decide.")
    decision_criteria = models.TextField(
        "How the options will be shortlisted and decided", help_text="The criteria tenants can read in advance."
    )
    is_future_review = models.BooleanField(
        "This is a review of the ALMO's future",
        default=True,
        help_text="A review of who manages the homes, such as bringing management back in-house. "
        "The 2011 checklist applies.",
    )
    method = models.CharField("How tenants will be asked", max_length=20, choices=Method.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNING, editable=False)
    overseeing_organisation = models.CharField(
        "External organisation overseeing the process", max_length=150, blank=True
    )
    independent_tenant_adviser = models.CharField(
        "Independent Tenant Adviser", max_length=150, blank=True, help_text="Leave empty if none has been offered yet."
    )
    decision = models.TextField(blank=True, editable=False)
    decided_on = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = querysets.ConsultationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="decided") | ~Q(decision=""),
                name="consultation_decided_has_decision",
                violation_error_message="Record the decision before marking the consultation decided.",
            )
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("consultations:consultation_detail", kwargs={"pk": self.pk})

    @property
    def uses_ballot(self) -> bool:
        return self.method in BALLOT_METHODS

    def clean(self):
        if self.almo_id and self.is_future_review and self.method and self.method not in BALLOT_METHODS:
            founding = FoundingTest.objects.filter(almo_id=self.almo_id).first()
            if founding and founding.kind == FoundingTest.Kind.BALLOT:
                raise ValidationError({"method": ballot_rule_message(self.almo)})


class Option(models.Model):
    """One option put to tenants, with its pros, cons and impact on residents; a ballot's choices."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="options")
    title = models.CharField(max_length=150)
    summary = models.TextField()
    pros = models.TextField("Advantages")
    cons = models.TextField("Disadvantages")
    impact_on_residents = models.TextField("Impact on residents")
    position = models.PositiveSmallIntegerField(default=1)

    objects = querysets.ConsultationPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["consultation", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "title"],
                name="consultation_option_title_unique",
                violation_error_message="This consultation already has an option with that title.",
            )
        ]

    def __str__(self):
        return self.title


class TimetableStage(models.Model):
    """A stage in the consultation's public timetable."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="stages")
    title = models.CharField(max_length=150)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True)

    objects = querysets.ConsultationPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["consultation", "starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="timetable_stage_ends_after_start",
                violation_error_message="A stage cannot end before it starts.",
            )
        ]

    def __str__(self):
        return self.title


class ProjectGroupMember(models.Model):
    """A place on the project group leading the review; tenants should be offered places."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="project_group")
    name = models.CharField(max_length=150)
    represents = models.CharField(max_length=150, help_text="For example the tenants' federation, or the council.")
    is_tenant = models.BooleanField("A tenant or leaseholder", default=False)

    objects = querysets.ConsultationPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["consultation", "-is_tenant", "name"]

    def __str__(self):
        return self.name
