"""The secret ballot: the register of tenancies, voting codes, letters, votes on a hash chain, sealed results.

Votes and codes keep no audit history and no timestamps, and nothing joins them: see the app's docstring.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from consultations import querysets
from consultations.models.consultations import Consultation, Option
from core import clock
from core.uploads import PrivateFileField
from organisations.models import Membership


def new_public_id() -> str:
    # 96 random bits: the voting page's address is not guessable, though knowing it gives nothing away.
    return secrets.token_urlsafe(12)


class Ballot(models.Model):
    """A secret ballot of a consultation's eligible tenancies on its options."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Being set up"
        OPEN = "open", "Open for voting"
        CLOSED = "closed", "Closed: waiting for the overseer to publish"
        PUBLISHED = "published", "Result published"

    consultation = models.OneToOneField(Consultation, on_delete=models.PROTECT, related_name="ballot")
    public_id = models.CharField(max_length=20, unique=True, default=new_public_id, editable=False)
    question = models.CharField(max_length=300)
    opens_on = models.DateField("Voting opens")
    closes_on = models.DateField("Last day of voting")
    overseer = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        related_name="overseen_ballots",
        help_text="The external organisation's person, with an observer's access to the ALMO.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False)
    eligible_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    total_votes = models.PositiveIntegerField(null=True, blank=True, editable=False)
    final_hash = models.CharField(max_length=64, blank=True, editable=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_ok = models.BooleanField(null=True, editable=False)
    verification_message = models.TextField(blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    published_at = models.DateTimeField(null=True, blank=True)
    result_report = PrivateFileField(blank=True, editable=False)

    objects = querysets.BallotQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-closes_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="ballot_closes_after_it_opens",
                violation_error_message="The last day of voting must be on or after the day voting opens.",
            )
        ]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("consultations:ballot_detail", kwargs={"pk": self.pk})

    def get_voting_url(self):
        return reverse("consultations:ballot_vote", kwargs={"public_id": self.public_id})

    @property
    def almo(self):
        return self.consultation.almo

    @property
    def is_accepting_votes(self) -> bool:
        return self.status == self.Status.OPEN and self.opens_on <= clock.today() <= self.closes_on

    @property
    def voting_has_ended(self) -> bool:
        return clock.today() > self.closes_on

    @property
    def is_sealed(self) -> bool:
        """Before the close nobody, administrators included, sees anything but the turnout."""
        return self.status in (self.Status.DRAFT, self.Status.OPEN)


class Tenancy(models.Model):
    """A tenancy eligible to vote: one code, one vote. Its letter goes to the name and address here."""

    class Tenure(models.TextChoices):
        SECURE = "secure", "Secure tenancy"
        INTRODUCTORY = "introductory", "Introductory tenancy"
        FLEXIBLE = "flexible", "Flexible tenancy"
        LEASEHOLD = "leasehold", "Leasehold"
        SHARED_OWNERSHIP = "shared_ownership", "Shared ownership"

    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="tenancies")
    reference = models.CharField("Tenancy reference", max_length=40)
    name = models.CharField("Tenant's name", max_length=150)
    address = models.CharField(max_length=300)
    postcode = models.CharField(max_length=10)
    tenure = models.CharField(max_length=20, choices=Tenure.choices)
    area = models.CharField(max_length=80)

    objects = querysets.TenancyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "tenancies"
        ordering = ["ballot", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "reference"],
                name="tenancy_once_per_ballot",
                violation_error_message="This tenancy is already on the ballot's register.",
            )
        ]

    def __str__(self):
        return self.reference


class LetterBatch(models.Model):
    """Voting-code letters, made by a worker; the file can be downloaded once, then it is deleted."""

    class Kind(models.TextChoices):
        FIRST = "first", "Letters for every tenancy without a code"
        REISSUE = "reissue", "Replacement letter"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be made"
        RUNNING = "running", "Being made"
        READY = "ready", "Ready to download once"
        DOWNLOADED = "downloaded", "Downloaded and deleted"
        FAILED = "failed", "Failed"

    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="letter_batches")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    tenancy = models.ForeignKey(Tenancy, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    lease_until = models.DateTimeField(null=True, blank=True)
    file = PrivateFileField(blank=True)
    letter_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    downloaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    downloaded_at = models.DateTimeField(null=True, blank=True)

    objects = querysets.LetterBatchQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "letter batches"
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_status_display().lower()})"


class VotingCode(models.Model):
    """A tenancy's single-use code, kept only as a keyed hash. No history, no timestamps, no tie to a vote."""

    class Status(models.TextChoices):
        ISSUED = "issued", "Issued"
        USED = "used", "Used"
        VOID = "void", "Void"

    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="codes")
    tenancy = models.ForeignKey(Tenancy, on_delete=models.PROTECT, related_name="codes")
    batch = models.ForeignKey(LetterBatch, on_delete=models.PROTECT, related_name="codes")
    code_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ISSUED)

    objects = querysets.BallotRecordQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tenancy"],
                condition=Q(status__in=["issued", "used"]),
                name="one_live_code_per_tenancy",
                violation_error_message="This tenancy already has a code.",
            )
        ]

    def __str__(self):
        return f"Code for {self.tenancy_id} ({self.status})"


class Vote(models.Model):
    """One vote, a link in the ballot's hash chain. It holds nothing about who cast it, nor when."""

    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="votes")
    position = models.PositiveIntegerField()
    option = models.ForeignKey(Option, on_delete=models.PROTECT, related_name="+")
    nonce = models.CharField(max_length=32)
    receipt = models.CharField(max_length=64, unique=True)
    previous_hash = models.CharField(max_length=64)
    chain_hash = models.CharField(max_length=64)

    objects = querysets.BallotRecordQuerySet.as_manager()

    class Meta:
        ordering = ["ballot", "position"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "position"], name="vote_position_unique"),
        ]

    def __str__(self):
        return f"Vote {self.position}"


class BallotResult(models.Model):
    """An option's count, sealed at the close; shown to the overseer, then to everyone once published."""

    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="results")
    option = models.ForeignKey(Option, on_delete=models.PROTECT, related_name="+")
    votes = models.PositiveIntegerField()

    objects = querysets.BallotResultQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["ballot", "option__position", "option__pk"]
        constraints = [models.UniqueConstraint(fields=["ballot", "option"], name="ballot_result_per_option")]

    def __str__(self):
        return f"{self.option}: {self.votes}"
