"""The improvement plan and the ALMO Support Framework: actions, support taken, progress meetings, the deadline."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from inspections import querysets
from inspections.models.assessments import Answer
from inspections.models.inspections import Recommendation
from organisations.joint_agreement import JointProposal
from organisations.models import Almo


class ImprovementAction(models.Model):
    """One action in an ALMO's improvement plan, answering a gap in its self-assessment or a recommendation."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    class Origin(models.TextChoices):
        GAP = "gap", "Gap in the self-assessment"
        RECOMMENDATION = "recommendation", "Inspection recommendation"
        OTHER = "other", "Other"

    almo = models.ForeignKey(Almo, on_delete=models.PROTECT, related_name="improvement_actions")
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.OTHER)
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.SET_NULL, related_name="improvement_actions"
    )
    recommendation = models.ForeignKey(
        Recommendation, null=True, blank=True, on_delete=models.SET_NULL, related_name="improvement_actions"
    )
    owner = models.CharField(max_length=150)
    due_on = models.DateField("Due")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    completed_on = models.DateField(null=True, blank=True)

    objects = querysets.ImprovementActionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("inspections:action_detail", kwargs={"pk": self.pk})


class ProgressNote(models.Model):
    """A note of progress on an improvement action."""

    action = models.ForeignKey(ImprovementAction, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = querysets.ProgressNoteQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.text[:80]


class SupportSource(models.TextChoices):
    NFA = "nfa", "National Federation of ALMOs and other ALMOs"
    LGA = "lga", "Local Government Association and councils"
    INSPECTORATE = "inspectorate", "Housing Inspectorate"
    GO_CHTF = "go_chtf", "Government Office and Community Housing Task Force"
    DEPARTMENT = "department", "Government department (DCLG)"
    CONSULTANTS = "consultants", "Consultants"
    ITA = "ita", "Independent tenant advisers"
    RCOE = "rcoe", "Regional Centres of Excellence"
    IDEA = "idea", "IDeA"
    IDEA_HOUSEMARK = "idea_housemark", "IDeA and HouseMark"


class SupportType(models.TextChoices):
    MENTORING = "mentoring", "Mentoring"
    PEER_REVIEW = "peer_review", "Peer review"
    INTERIM_BOARD = "interim_board", "Advice on interim board appointments"
    SECONDMENT = "secondment", "Secondment of key officers or board members"
    INTERIM_MANAGEMENT = "interim_management", "Advice on interim management"
    ACTION_PLAN = "action_plan", "Advice on action plans"
    MATCHING = "matching", "Putting the ALMO in touch with ALMOs strong where it is weak"
    POLICY_ADVICE = "policy_advice", "Advice on policy and performance management"
    SEMINARS = "seminars", "Seminars and workshops"
    DESKTOP_ASSESSMENT = "desktop_assessment", "Desktop assessment"
    SIGNPOSTING = "signposting", "Signposting to learning opportunities"
    CRITICAL_FRIEND = "critical_friend", "Critical friend"
    POSITIVE_PRACTICE = "positive_practice", "Sharing positive practice"
    INSPECTION_TIMING = "inspection_timing", "Advice on the timing and content of inspections"
    LEAD_ROLE = "lead_role", "Lead role with the ALMO"
    REGULAR_MEETINGS = "regular_meetings", "Regular meetings"
    GOVERNANCE_ADVICE = "governance_advice", "Advice on governance"
    PROGRESS_MONITORING = "progress_monitoring", "Progress monitoring"
    GENERAL_ADVICE = "general_advice", "General advice and guidance"
    MEETING_ATTENDANCE = "meeting_attendance", "Attending meetings"
    DETAILED_SUPPORT = "detailed_support", "Detailed support"
    TENANT_SUPPORT = "tenant_support", "Support for tenants"
    BOARD_TRAINING = "board_training", "Training for board members"
    EFFICIENCY_ADVICE = "efficiency_advice", "Advice on efficiency"
    INDEPENDENT_ADVICE = "independent_advice", "Independent advice"
    SERVICE_IMPROVEMENT = "service_improvement", "Improving local government services"


T = SupportType
# The ALMO Support Framework's table: what each source of support offers.
SUPPORT_OFFERED = {
    SupportSource.NFA: [
        T.MENTORING,
        T.PEER_REVIEW,
        T.INTERIM_BOARD,
        T.SECONDMENT,
        T.INTERIM_MANAGEMENT,
        T.ACTION_PLAN,
        T.MATCHING,
        T.POLICY_ADVICE,
    ],
    SupportSource.LGA: [T.MENTORING, T.PEER_REVIEW, T.SEMINARS],
    SupportSource.INSPECTORATE: [
        T.DESKTOP_ASSESSMENT,
        T.ACTION_PLAN,
        T.SIGNPOSTING,
        T.CRITICAL_FRIEND,
        T.POSITIVE_PRACTICE,
        T.MENTORING,
        T.INSPECTION_TIMING,
    ],
    SupportSource.GO_CHTF: [T.LEAD_ROLE, T.REGULAR_MEETINGS, T.GOVERNANCE_ADVICE, T.PROGRESS_MONITORING],
    SupportSource.DEPARTMENT: [T.GENERAL_ADVICE, T.PROGRESS_MONITORING, T.MEETING_ATTENDANCE],
    SupportSource.CONSULTANTS: [T.DETAILED_SUPPORT, T.ACTION_PLAN],
    SupportSource.ITA: [T.TENANT_SUPPORT, T.BOARD_TRAINING],
    SupportSource.RCOE: [T.EFFICIENCY_ADVICE],
    SupportSource.IDEA: [T.INDEPENDENT_ADVICE],
    SupportSource.IDEA_HOUSEMARK: [T.SERVICE_IMPROVEMENT, T.PEER_REVIEW],
}


class SupportRecord(models.Model):
    """Support an ALMO asked for or took under the ALMO Support Framework."""

    class Basis(models.TextChoices):
        FREE_ADVICE = "free_advice", "Free advice"
        CONSULTANCY = "consultancy", "Paid consultancy"

    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        AGREED = "agreed", "Agreed"
        UNDER_WAY = "under_way", "Under way"
        FINISHED = "finished", "Finished"
        DECLINED = "declined", "Declined"

    almo = models.ForeignKey(Almo, on_delete=models.PROTECT, related_name="support_records")
    source = models.CharField("Source of support", max_length=16, choices=SupportSource.choices)
    support_type = models.CharField("Type of support", max_length=24, choices=SupportType.choices)
    provider = models.CharField(max_length=200, help_text="Who gives it, for example another ALMO's name.")
    description = models.TextField("What the support is for", blank=True)
    basis = models.CharField(max_length=12, choices=Basis.choices, default=Basis.FREE_ADVICE)
    cost = models.DecimalField(
        "Cost in pounds", max_digits=10, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    agreed_with_government_office = models.BooleanField(
        "In the improvement plan agreed with the Government Office", default=False
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED)
    requested_on = models.DateField()

    objects = querysets.SupportRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_on", "pk"]

    def __str__(self):
        return f"{self.get_support_type_display()} from {self.provider}"

    def get_absolute_url(self):
        return reverse("inspections:support_list") + f"?almo={self.almo_id}#support-{self.pk}"

    def clean(self):
        errors = {}
        offered = SUPPORT_OFFERED.get(self.source, [])
        if self.source and self.support_type and self.support_type not in offered:
            kinds = ", ".join(SupportType(kind).label.lower() for kind in offered)
            errors["support_type"] = f"{SupportSource(self.source).label} offers {kinds}: choose one of those."
        if self.basis == self.Basis.FREE_ADVICE and self.cost:
            errors["cost"] = "Free advice costs nothing: enter 0, or choose paid consultancy."
        if self.basis == self.Basis.CONSULTANCY and not self.cost:
            errors["cost"] = "Enter what the consultancy costs, in pounds."
        if errors:
            raise ValidationError(errors)


class SupportMeeting(models.Model):
    """A meeting that monitors progress on the improvement plan, with its notes."""

    almo = models.ForeignKey(Almo, on_delete=models.PROTECT, related_name="support_meetings")
    held_on = models.DateField("Date")
    attendees = models.CharField(max_length=300, help_text="Who was there, for example 'GO/CHTF, council, ALMO'.")
    notes = models.TextField()
    next_meeting_on = models.DateField("Next meeting", null=True, blank=True)

    objects = querysets.SupportMeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "pk"]

    def __str__(self):
        return f"Progress meeting, {self.held_on:%d %B %Y}"

    def get_absolute_url(self):
        return reverse("inspections:support_list") + f"?almo={self.almo_id}#meeting-{self.pk}"


class DeadlineExtension(JointProposal):
    """A later date for a successful inspection, with its project plan: proposed by one party, agreed by the other."""

    almo = models.ForeignKey(Almo, on_delete=models.PROTECT, related_name="inspection_deadline_extensions")
    new_deadline = models.DateField("New deadline")
    project_plan = models.TextField(
        help_text="The project plan and improvement strategy that make the later date credible."
    )

    objects = querysets.DeadlineExtensionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-proposed_at", "-pk"]

    def __str__(self):
        return f"Deadline extension to {self.new_deadline:%d %B %Y} for {self.almo.name}"

    def get_absolute_url(self):
        return reverse("inspections:deadline", kwargs={"almo_pk": self.almo_id})


class DeadlineWarning(models.Model):
    """That people were warned a deadline is this many months away: the daily reminder warns once for each."""

    almo = models.ForeignKey(Almo, on_delete=models.CASCADE, related_name="+")
    deadline = models.DateField()
    months = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["almo", "deadline", "months"], name="inspections_one_warning_each")
        ]

    def __str__(self):
        return f"{self.months} months' warning for {self.deadline}"
