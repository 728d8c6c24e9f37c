"""Reads for consultations and ballots: turnout, sealed results, the chain's recount, checklist progress.

Who may see a ballot's result is decided here, once: nobody while it is open (only the turnout as a number); the
overseer once it is closed; everyone who can read the consultation once the overseer publishes it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from consultations import chain
from consultations.models import Ballot, BallotResult, ChecklistItem, Tenancy, Vote, VotingCode

SUPPRESS_BELOW = 5


def turnout(ballot: Ballot) -> int:
    """How many have voted: the one figure shown while a ballot is open."""
    return VotingCode.objects.filter(ballot=ballot, status=VotingCode.Status.USED).count()


def turnout_percent(voted: int, eligible: int | None) -> str:
    if not eligible:
        return ""
    return f"{voted * 100 / eligible:.1f}%"


def may_see_result(ballot: Ballot, user) -> bool:
    if ballot.status == Ballot.Status.PUBLISHED:
        return True
    if ballot.status == Ballot.Status.CLOSED:
        return Ballot.objects.overseen_by(user).filter(pk=ballot.pk).exists()
    return False


@dataclass(frozen=True)
class ResultRow:
    title: str
    votes: int
    share: str


def result_rows(ballot: Ballot) -> list[ResultRow]:
    """The sealed count per option; call only where `may_see_result` allows."""
    if ballot.is_sealed:
        return []
    rows = list(BallotResult.objects.filter(ballot=ballot).select_related("option"))
    total = sum(row.votes for row in rows)
    return [ResultRow(row.option.title, row.votes, turnout_percent(row.votes, total)) for row in rows]


@dataclass(frozen=True)
class TurnoutCell:
    label: str
    eligible: str
    voted: str
    percent: str


def _cell(label: str, eligible: int, voted: int) -> TurnoutCell:
    """Counts under five are suppressed, and so is any percentage made from one."""
    hidden = "fewer than 5"
    shown_eligible = hidden if eligible < SUPPRESS_BELOW else f"{eligible:,}"
    shown_voted = hidden if voted < SUPPRESS_BELOW else f"{voted:,}"
    small = eligible < SUPPRESS_BELOW or voted < SUPPRESS_BELOW
    return TurnoutCell(label, shown_eligible, shown_voted, "" if small else turnout_percent(voted, eligible))


def turnout_breakdown(ballot: Ballot) -> dict[str, list[TurnoutCell]]:
    """Turnout by tenure and by area, after the close only."""
    if ballot.is_sealed:
        return {}
    voted = Count("codes", filter=Q(codes__status=VotingCode.Status.USED))
    tenancies = Tenancy.objects.filter(ballot=ballot)
    labels = dict(Tenancy.Tenure.choices)
    by_tenure = tenancies.values("tenure").annotate(eligible=Count("pk", distinct=True), voted=voted).order_by("tenure")
    by_area = tenancies.values("area").annotate(eligible=Count("pk", distinct=True), voted=voted).order_by("area")
    return {
        "tenure": [_cell(labels.get(row["tenure"], row["tenure"]), row["eligible"], row["voted"]) for row in by_tenure],
        "area": [_cell(row["area"], row["eligible"], row["voted"]) for row in by_area],
    }


def _chain_rows(ballot: Ballot):
    return (
        Vote.objects.filter(ballot=ballot)
        .order_by("position")
        .values_list("position", "option_id", "nonce", "receipt", "previous_hash", "chain_hash")
        .iterator(chunk_size=2000)
    )


def recount(ballot: Ballot) -> chain.Verification:
    """Walk the chain from the first vote, recounting; nothing compared yet with what was sealed."""
    option_ids = set(ballot.consultation.options.values_list("pk", flat=True))
    return chain.walk(ballot.public_id, _chain_rows(ballot), option_ids)


def verification(ballot: Ballot) -> chain.Verification:
    """The recount, compared with the count and last hash sealed at the close."""
    found = recount(ballot)
    if ballot.is_sealed:
        return found
    if found.final_hash != ballot.final_hash:
        found.fail("the chain's last hash is not the one sealed at the close")
    if found.count != ballot.total_votes:
        found.fail(f"the chain holds {found.count} votes but {ballot.total_votes} were sealed at the close")
    sealed = dict(BallotResult.objects.filter(ballot=ballot).values_list("option_id", "votes"))
    if any(found.tallies.get(option_id, 0) != votes for option_id, votes in sealed.items()):
        found.fail("the recount by option does not match the sealed result")
    return found


def published_receipts(ballot: Ballot) -> list[str]:
    """Every vote's receipt, in receipt order (never the order cast), once the result is published."""
    if ballot.status != Ballot.Status.PUBLISHED:
        return []
    receipts = Vote.objects.filter(ballot=ballot).order_by("receipt").values_list("receipt", flat=True)
    return [chain.short_receipt(receipt) for receipt in receipts]


def checklist_progress(consultation) -> dict:
    items = ChecklistItem.objects.filter(consultation=consultation)
    counts = items.aggregate(
        total=Count("pk"),
        confirmed=Count("pk", filter=Q(status="confirmed")),
        required_open=Count("pk", filter=Q(required=True) & ~Q(status="confirmed")),
    )
    return counts
