"""Joint agreement: the one mechanism by which the council and an ALMO agree something together.

The relationship runs on things neither side may settle alone: a Delivery Plan, a management agreement
version, the HRA allocation, a re-profiled Decent Homes spend, a renegotiated SLA. Two shapes cover them:

- `JointlyAgreed`: a record both parties sign in either order; it takes effect when both have
  (`record_agreement`). Changing its terms after one side has agreed clears both agreements
  (`clear_agreement`), so nobody is held to terms they never saw.
- `JointProposal`: one party proposes a change and the *other* party decides it (`propose`,
  `decide`, `withdraw`): an amendment, a re-profiling request, a renegotiation.

Domain models inherit the abstract model; their services lock the row, call these functions, save
through `core.history.save_as` and tell the other side with `notify_party`. Who may act is the one access
rule's answer (`acting_party`): the ALMO's staff or its council's officers; superusers never agree for a
party.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone

from organisations.access import Party, acting_party


def party_for(actor, almo) -> str:
    """The council or the ALMO, as `actor` acts on `almo`'s records; PermissionDenied for anyone else."""
    party = acting_party(actor, almo)
    if party is None:
        raise PermissionDenied("Only the ALMO's staff or its council's officers can do this.")
    return party


def other_party(party: str) -> str:
    return Party.ALMO if party == Party.COUNCIL else Party.COUNCIL


def party_name(party: str) -> str:
    """How a sentence names a party: 'the council' or 'the ALMO'."""
    return "the council" if party == Party.COUNCIL else "the ALMO"


class JointlyAgreed(models.Model):
    """A record that takes effect only when both the council and the ALMO have agreed it."""

    council_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    council_agreed_at = models.DateTimeField(null=True, blank=True, editable=False)
    almo_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    almo_agreed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def agreed_by_both(self) -> bool:
        return bool(self.council_agreed_at and self.almo_agreed_at)

    def agreed_at(self, party: str):
        return self.council_agreed_at if party == Party.COUNCIL else self.almo_agreed_at

    def agreed_by(self, party: str):
        return self.council_agreed_by if party == Party.COUNCIL else self.almo_agreed_by

    @property
    def waiting_for(self) -> list[str]:
        """The parties still to agree, council first."""
        return [party for party in (Party.COUNCIL, Party.ALMO) if not self.agreed_at(party)]


AGREEMENT_FIELDS = ["council_agreed_by", "council_agreed_at", "almo_agreed_by", "almo_agreed_at"]


def record_agreement(actor, record: JointlyAgreed, almo) -> str:
    """Record `actor`'s side as agreeing `record` (not saved); returns the party. Call inside the locked update."""
    party = party_for(actor, almo)
    if record.agreed_at(party):
        raise ValidationError(f"{party_name(party).capitalize()} has already agreed this.")
    now = timezone.now()
    if party == Party.COUNCIL:
        record.council_agreed_by, record.council_agreed_at = actor, now
    else:
        record.almo_agreed_by, record.almo_agreed_at = actor, now
    return party


def clear_agreement(record: JointlyAgreed) -> bool:
    """Terms changed: both sides must agree again. Returns whether anyone had agreed (not saved)."""
    had_agreed = bool(record.council_agreed_at or record.almo_agreed_at)
    record.council_agreed_by = record.council_agreed_at = None
    record.almo_agreed_by = record.almo_agreed_at = None
    return had_agreed


class JointProposal(models.Model):
    """A change one party proposes and the other decides."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Waiting for a decision"
        AGREED = "agreed", "Agreed"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROPOSED, editable=False)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    proposed_by_party = models.CharField(max_length=8, choices=Party.choices, editable=False)
    proposed_at = models.DateTimeField(default=timezone.now, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    decision_reason = models.TextField(blank=True)

    class Meta:
        abstract = True

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PROPOSED

    @property
    def deciding_party(self) -> str:
        return other_party(self.proposed_by_party)


def propose(actor, proposal: JointProposal, almo) -> str:
    """Mark `proposal` (not saved) as proposed by `actor`'s side; returns the party that must decide."""
    party = party_for(actor, almo)
    proposal.proposed_by, proposal.proposed_by_party = actor, party
    proposal.proposed_at = timezone.now()
    proposal.status = JointProposal.Status.PROPOSED
    return other_party(party)


def decide(actor, proposal: JointProposal, almo, *, agree: bool, reason: str = "") -> None:
    """The other party agrees or declines an open proposal (not saved). A decline needs a reason."""
    party = party_for(actor, almo)
    if not proposal.is_open:
        raise ValidationError(f"This proposal is already {proposal.get_status_display().lower()}.")
    if party == proposal.proposed_by_party:
        raise ValidationError(
            f"{party_name(party).capitalize()} proposed this, so {party_name(other_party(party))} must decide it."
        )
    if not agree and not reason.strip():
        raise ValidationError({"decision_reason": "Say why you are declining, so the other side can respond."})
    proposal.status = JointProposal.Status.AGREED if agree else JointProposal.Status.DECLINED
    proposal.decided_by, proposal.decided_at = actor, timezone.now()
    proposal.decision_reason = reason.strip()


def withdraw(actor, proposal: JointProposal, almo) -> None:
    """The proposing party withdraws an open proposal (not saved)."""
    party = party_for(actor, almo)
    if not proposal.is_open:
        raise ValidationError(f"This proposal is already {proposal.get_status_display().lower()}.")
    if party != proposal.proposed_by_party:
        raise ValidationError(f"Only {party_name(proposal.proposed_by_party)} can withdraw its own proposal.")
    proposal.status = JointProposal.Status.WITHDRAWN
    proposal.decided_by, proposal.decided_at = actor, timezone.now()
