"""A ballot's life: the council sets it up and opens it; the overseer closes, verifies and publishes it.

The overseer is the observer membership named on the ballot (the external organisation overseeing the process).
The one access rule lets an observer read the ALMO; `Ballot.objects.overseen_by` narrows that to the ballots the
person oversees, so nobody else, administrators included, can close, verify or publish one.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from consultations import selectors
from consultations.models import Ballot, BallotResult, Consultation, LetterBatch, Tenancy, VotingCode
from core import clock
from core.dates import govuk_date
from core.history import create_as, save_as
from organisations.access import Party, Role
from organisations.models import Membership
from organisations.notifications import notify, notify_party

FIELDS = ("question", "opens_on", "closes_on", "overseer")


def overseer_choices(almo):
    """Observer memberships that may read `almo`: the people who can oversee its ballot."""
    return (
        Membership.objects.filter(role=Role.OBSERVER, is_active=True, granted_almos=almo, user__is_active=True)
        .select_related("user", "council", "almo")
        .order_by("user__last_name", "user__first_name")
    )


def _check_overseer(overseer: Membership, almo) -> None:
    if not overseer_choices(almo).filter(pk=overseer.pk).exists():
        raise ValidationError({"overseer": "Choose an observer who has been given access to this ALMO."})


@transaction.atomic
def ballot_create(*, actor, consultation: Consultation, **fields) -> Ballot:
    consultation = (
        Consultation.objects.select_for_update(of=("self",))
        .select_related("almo")
        .get_for(actor, "change", pk=consultation.pk)
    )
    if not consultation.uses_ballot:
        raise ValidationError("Change the consultation's method to one with a ballot first.")
    if Ballot.objects.filter(consultation=consultation).exists():
        raise ValidationError("This consultation already has a ballot.")
    if consultation.status not in (Consultation.Status.PLANNING, Consultation.Status.OPEN):
        raise ValidationError("The consultation has closed, so a ballot cannot be added.")
    _check_overseer(fields["overseer"], consultation.almo)
    return create_as(actor, Ballot, consultation=consultation, **{name: fields[name] for name in FIELDS})


@transaction.atomic
def ballot_update(*, actor, ballot: Ballot, **fields) -> Ballot:
    ballot = Ballot.objects.select_for_update(of=("self",)).get_for(actor, "change", pk=ballot.pk)
    if ballot.status != Ballot.Status.DRAFT:
        raise ValidationError("The ballot has opened, so it can no longer be changed.")
    _check_overseer(fields["overseer"], ballot.consultation.almo)
    for name in FIELDS:
        setattr(ballot, name, fields[name])
    return save_as(actor, ballot)


def _open_problems(ballot: Ballot) -> list[str]:
    problems = []
    if ballot.consultation.options.count() < 2:
        problems.append("Add at least two options to the consultation.")
    tenancies = Tenancy.objects.filter(ballot=ballot).count()
    if not tenancies:
        problems.append("Import the register of eligible tenancies.")
    live = VotingCode.objects.filter(ballot=ballot, status__in=["issued", "used"]).count()
    if tenancies and live < tenancies:
        problems.append(f"Make letters for the {tenancies - live} tenancies without a code.")
    if LetterBatch.objects.filter(ballot=ballot, status__in=["pending", "running", "ready"]).exists():
        problems.append("Download every batch of letters that is ready.")
    if ballot.closes_on < clock.today():
        problems.append(f"The last day of voting, {govuk_date(ballot.closes_on)}, has passed. Change it.")
    return problems


@transaction.atomic
def ballot_open(*, actor, ballot: Ballot) -> Ballot:
    """The council opens the ballot once every tenancy has its letter; the options are then fixed."""
    ballot = Ballot.objects.select_for_update(of=("self",)).get_for(actor, "change", pk=ballot.pk)
    if ballot.status != Ballot.Status.DRAFT:
        raise ValidationError("This ballot has already been opened.")
    problems = _open_problems(ballot)
    if problems:
        raise ValidationError(problems)
    ballot.status, ballot.opened_by, ballot.opened_at = Ballot.Status.OPEN, actor, timezone.now()
    ballot.eligible_count = Tenancy.objects.filter(ballot=ballot).count()
    save_as(actor, ballot, update_fields=["status", "opened_by", "opened_at", "eligible_count"])
    consultation = ballot.consultation
    if consultation.status == Consultation.Status.PLANNING:
        consultation.status = Consultation.Status.OPEN
        save_as(actor, consultation, update_fields=["status"])
    notify(
        people=[ballot.overseer.user],
        subject="A ballot you oversee has opened",
        message=f"The ballot on {consultation.subject} is open until {govuk_date(ballot.closes_on)}. "
        "Close it once voting has ended.",
        link=ballot.get_absolute_url(),
    )
    return ballot


def _overseen(actor, ballot: Ballot) -> Ballot:
    return (
        Ballot.objects.overseen_by(actor)
        .select_for_update(of=("self",))
        .select_related("consultation__almo")
        .get_for(actor, "view", pk=ballot.pk)
    )


@transaction.atomic
def ballot_close(*, actor, ballot: Ballot) -> Ballot:
    """The overseer closes the ballot after its last day: the count and the chain's last hash are sealed."""
    ballot = _overseen(actor, ballot)
    if ballot.status in (Ballot.Status.CLOSED, Ballot.Status.PUBLISHED):
        raise ValidationError("This ballot is already closed.")
    if ballot.status != Ballot.Status.OPEN:
        raise ValidationError("This ballot has not opened yet.")
    if not ballot.voting_has_ended:
        raise ValidationError(
            f"Voting runs until the end of {govuk_date(ballot.closes_on)}. Close the ballot after that."
        )
    found = selectors.recount(ballot)
    ballot.status, ballot.closed_by, ballot.closed_at = Ballot.Status.CLOSED, actor, timezone.now()
    ballot.total_votes, ballot.final_hash = found.count, found.final_hash
    save_as(actor, ballot, update_fields=["status", "closed_by", "closed_at", "total_votes", "final_hash"])
    for option in ballot.consultation.options.all():
        create_as(actor, BallotResult, ballot=ballot, option=option, votes=found.tallies.get(option.pk, 0))
    consultation = ballot.consultation
    if consultation.status == Consultation.Status.OPEN:
        consultation.status = Consultation.Status.CLOSED
        save_as(actor, consultation, update_fields=["status"])
    return ballot


@transaction.atomic
def ballot_verify(*, actor, ballot: Ballot):
    """The overseer checks the chain and recounts from the votes against the sealed result; the outcome is kept."""
    ballot = _overseen(actor, ballot)
    if ballot.status not in (Ballot.Status.CLOSED, Ballot.Status.PUBLISHED):
        raise ValidationError("Close the ballot before verifying it.")
    found = selectors.verification(ballot)
    ballot.verified_by, ballot.verified_at = actor, timezone.now()
    ballot.verified_ok, ballot.verification_message = found.ok, found.message
    save_as(actor, ballot, update_fields=["verified_by", "verified_at", "verified_ok", "verification_message"])
    return found


@transaction.atomic
def ballot_publish(*, actor, ballot: Ballot) -> Ballot:
    """The overseer publishes a closed ballot's result, once it has passed verification since the close."""
    ballot = _overseen(actor, ballot)
    if ballot.status == Ballot.Status.PUBLISHED:
        raise ValidationError("This ballot's result has already been published.")
    if ballot.status != Ballot.Status.CLOSED:
        raise ValidationError("Close the ballot before publishing its result.")
    if not (ballot.verified_ok and ballot.verified_at and ballot.verified_at >= ballot.closed_at):
        raise ValidationError("Verify the chain and recount before publishing the result.")
    ballot.status, ballot.published_by, ballot.published_at = Ballot.Status.PUBLISHED, actor, timezone.now()
    save_as(actor, ballot, update_fields=["status", "published_by", "published_at"])
    from consultations.tasks import make_result_report_task

    transaction.on_commit(lambda: make_result_report_task.delay(ballot.pk))
    for party in (Party.COUNCIL, Party.ALMO):
        notify_party(
            almo=ballot.consultation.almo,
            party=party,
            subject="A ballot's result has been published",
            message=f"The result of the ballot on {ballot.consultation.subject} has been published.",
            link=ballot.get_absolute_url(),
        )
    return ballot
