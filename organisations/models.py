"""Councils, their ALMOs, ALMO boards, and the people who use the portal."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from organisations.access import WITH_BOARD, Party, Role, ScopedQuerySet


class Region(models.TextChoices):
    NORTH_EAST = "north_east", "North East"
    NORTH_WEST = "north_west", "North West"
    YORKSHIRE = "yorkshire", "Yorkshire and the Humber"
    EAST_MIDLANDS = "east_midlands", "East Midlands"
    WEST_MIDLANDS = "west_midlands", "West Midlands"
    EAST = "east", "East of England"
    LONDON = "london", "London"
    SOUTH_EAST = "south_east", "South East"
    SOUTH_WEST = "south_west", "South West"


class CouncilQuerySet(ScopedQuerySet):
    almo_path = None
    council_path = "pk"
    shared_with_almos = True
    write_parties = {"change": Party.COUNCIL}


class Council(models.Model):
    """A local housing authority: the landlord that owns the homes and sets up ALMOs."""

    class Kind(models.TextChoices):
        METROPOLITAN = "metropolitan", "Metropolitan borough"
        LONDON_BOROUGH = "london_borough", "London borough"
        DISTRICT = "district", "District council"
        UNITARY = "unitary", "Unitary authority"

    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    ons_code = models.CharField(
        "ONS code",
        max_length=9,
        unique=True,
        validators=[RegexValidator(r"^E0[6-9]\d{6}$", "Enter an ONS code like E08000001.")],
        help_text="The nine-character local authority code, for example E08000001.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    region = models.CharField(max_length=20, choices=Region.choices)
    # Officers and ALMO staff must always use two-factor sign-in; for people who only read, the council decides.
    board_two_factor_required = models.BooleanField(
        "Board members and observers must use two-factor sign-in",
        default=False,
        help_text="Council officers and ALMO staff always must. Board members and observers may choose to if this "
        "is off.",
    )

    objects = CouncilQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:council_detail", kwargs={"slug": self.slug})


class AlmoQuerySet(ScopedQuerySet):
    almo_path = "pk"
    council_path = "council"
    # A board pack is asked for by the ALMO's staff, its council's officers, or a member of its board.
    write_parties = {"change": Party.COUNCIL, "prepare_board_pack": WITH_BOARD}


class Almo(models.Model):
    """An Arm's Length Management Organisation that manages some or all of a council's homes."""

    class Status(models.TextChoices):
        SHADOW = "shadow", "Shadow"
        LIVE = "live", "Live"
        CLOSING = "closing", "Closing"
        CLOSED = "closed", "Closed"

    class Coverage(models.TextChoices):
        WHOLE = "whole", "Whole stock"
        PARTIAL = "partial", "Partial stock"

    class Origin(models.TextChoices):
        NEW = "new", "New company"
        FORMER_TMO = "former_tmo", "Former tenant management organisation"

    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="almos")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SHADOW)
    homes_managed = models.PositiveIntegerField(help_text="Tenanted homes the ALMO manages.")
    leaseholds_managed = models.PositiveIntegerField(default=0)
    stock_coverage = models.CharField(max_length=10, choices=Coverage.choices, default=Coverage.WHOLE)
    origin = models.CharField(max_length=12, choices=Origin.choices, default=Origin.NEW)
    programme_round = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="The ALMO programme round the council bid in, from 1.",
    )
    section_27_consent_date = models.DateField(
        null=True,
        blank=True,
        help_text="When the Secretary of State consented under section 27 of the Housing Act 1985.",
    )
    agreement_start = models.DateField("Management agreement starts", null=True, blank=True)
    agreement_end = models.DateField("Management agreement ends", null=True, blank=True)

    objects = AlmoQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "ALMO"
        constraints = [
            models.CheckConstraint(
                condition=Q(agreement_end__isnull=True)
                | Q(agreement_start__isnull=True)
                | Q(agreement_end__gt=models.F("agreement_start")),
                name="almo_agreement_ends_after_start",
                violation_error_message="The management agreement must end after it starts.",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:almo_detail", kwargs={"slug": self.slug})

    @property
    def agreement_years(self):
        if self.agreement_start and self.agreement_end:
            return round((self.agreement_end - self.agreement_start).days / 365.25, 1)
        return None


class BoardQuerySet(ScopedQuerySet):
    write_parties = {"change": Party.ALMO}


class Board(models.Model):
    """An ALMO's board of management."""

    almo = models.OneToOneField(Almo, on_delete=models.CASCADE, related_name="board")
    name = models.CharField(max_length=150)

    objects = BoardQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["almo__name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:board_detail", kwargs={"slug": self.almo.slug})


class BoardMemberQuerySet(ScopedQuerySet):
    almo_path = "board__almo"
    council_path = "board__almo__council"
    write_parties = {"change": Party.ALMO}

    def serving_on(self, day):
        return self.filter(Q(term_end__isnull=True) | Q(term_end__gte=day), term_start__lte=day)


class BoardMember(models.Model):
    """A seat on an ALMO board, held by one person for a term."""

    class Category(models.TextChoices):
        COUNCILLOR = "councillor", "Councillor"
        TENANT = "tenant", "Tenant"
        LEASEHOLDER = "leaseholder", "Leaseholder"
        INDEPENDENT = "independent", "Independent"

    class Office(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"
        MEMBER = "member", "Member"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(max_length=150)
    category = models.CharField(max_length=12, choices=Category.choices)
    office = models.CharField(max_length=12, choices=Office.choices, default=Office.MEMBER)
    term_start = models.DateField()
    term_end = models.DateField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="board_seats"
    )

    objects = BoardMemberQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["board", "office", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gt=models.F("term_start")),
                name="board_member_term_ends_after_start",
                violation_error_message="A board member's term must end after it starts.",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_category_display().lower()})"

    @property
    def is_serving(self):
        today = timezone.localdate()
        return self.term_start <= today and (self.term_end is None or self.term_end >= today)

    def clean(self):
        if self.office in (self.Office.CHAIR, self.Office.VICE_CHAIR) and self.board_id:
            overlapping = BoardMember.objects.filter(board_id=self.board_id, office=self.office).exclude(pk=self.pk)
            overlapping = overlapping.filter(Q(term_end__isnull=True) | Q(term_end__gte=self.term_start))
            if self.term_end:
                overlapping = overlapping.filter(term_start__lte=self.term_end)
            if overlapping.exists():
                raise ValidationError(
                    {"office": f"The board already has a {self.get_office_display().lower()} for these dates."}
                )


class DeclaredInterestQuerySet(ScopedQuerySet):
    almo_path = "board_member__board__almo"
    council_path = "board_member__board__almo__council"
    write_parties = {"change": Party.ALMO}


class DeclaredInterest(models.Model):
    """An interest a board member has declared, kept in the board's register."""

    class Kind(models.TextChoices):
        FINANCIAL = "financial", "Financial"
        NON_FINANCIAL = "non_financial", "Non-financial"
        COUNCIL_ROLE = "council_role", "Council role (duality of interest)"
        TENANCY = "tenancy", "Tenancy or lease with the council"

    board_member = models.ForeignKey(BoardMember, on_delete=models.CASCADE, related_name="interests")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    description = models.TextField()
    declared_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    objects = DeclaredInterestQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["board_member__name", "-declared_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("declared_on")),
                name="interest_ends_after_declared",
                violation_error_message="An interest cannot end before it was declared.",
            )
        ]

    def __str__(self):
        return f"{self.board_member.name}: {self.get_kind_display()}"


class MembershipQuerySet(ScopedQuerySet):
    """A membership belongs to a council or to an ALMO; either side's people see it."""

    almo_path = "almo"
    council_path = "council"
    write_parties = {"change": Party.COUNCIL}


class Membership(models.Model):
    """A person's place in one organisation, with the role they hold there."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    council = models.ForeignKey(Council, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships")
    almo = models.ForeignKey(Almo, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    is_admin = models.BooleanField(
        "Manages people", default=False, help_text="Can add and remove people in this organisation."
    )
    is_active = models.BooleanField(default=True)
    granted_almos = models.ManyToManyField(
        Almo,
        blank=True,
        related_name="observer_grants",
        help_text="For observers only: the ALMOs whose records they may read.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[granted_almos])

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(council__isnull=False) & Q(almo__isnull=True))
                | (Q(council__isnull=True) & Q(almo__isnull=False)),
                name="membership_has_one_organisation",
                violation_error_message="A membership belongs to a council or to an ALMO, not both.",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.COUNCIL_OFFICER) | Q(council__isnull=False),
                name="council_officer_belongs_to_council",
                violation_error_message="A council officer's membership must be with a council.",
            ),
            models.CheckConstraint(
                condition=~Q(role__in=[Role.ALMO_STAFF, Role.BOARD_MEMBER]) | Q(almo__isnull=False),
                name="almo_roles_belong_to_almo",
                violation_error_message="ALMO staff and board members must belong to an ALMO.",
            ),
            models.UniqueConstraint(
                fields=["user", "council", "role"],
                condition=Q(council__isnull=False),
                name="one_role_per_council",
                violation_error_message="This person already holds that role at this council.",
            ),
            models.UniqueConstraint(
                fields=["user", "almo", "role"],
                condition=Q(almo__isnull=False),
                name="one_role_per_almo",
                violation_error_message="This person already holds that role at this ALMO.",
            ),
        ]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.username}: {self.get_role_display()}, {self.organisation}"

    @property
    def organisation(self):
        return self.council or self.almo

    @property
    def role_phrase(self) -> str:
        """The role as it reads mid-sentence: "council officer", but "ALMO staff"."""
        label = self.get_role_display()
        return label if label.startswith("ALMO") else label[0].lower() + label[1:]

    @property
    def party(self) -> str:
        return Party.COUNCIL if self.council_id else Party.ALMO

    @property
    def can_write(self) -> bool:
        return self.role in (Role.COUNCIL_OFFICER, Role.ALMO_STAFF)


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A message for one person in the portal, such as a report being ready; also sent by email."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    message = models.CharField(max_length=300)
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.message
