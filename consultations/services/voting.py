"""Casting a vote with a voting code, on the public voting page: one code, one vote, no trace of who.

The ballot's row is locked for each vote, so votes join the chain one at a time in a fixed order; the code is spent
by a conditional update in the same transaction, so of two requests racing with one code exactly one counts. The
vote is written with no reference to the code or the tenancy, no timestamp, and no audit history; nothing is logged.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from consultations import chain, codes
from consultations.models import Ballot, Option, Vote, VotingCode

# One message for a code that is wrong, used or void: a guesser learns nothing about which.
CODE_REFUSED = (
    "This code cannot be used. Check you have typed it exactly as it is printed on your letter. "
    "If it still does not work, contact the organisation overseeing the ballot."
)
NOT_OPEN = "This ballot is not open for voting."


class CodeRefused(Exception):
    """The code is not a live code of this ballot; deliberately no more detail than that."""


@dataclass(frozen=True)
class Cast:
    receipt: str

    @property
    def short_receipt(self) -> str:
        return chain.short_receipt(self.receipt)


@transaction.atomic
def vote_cast(*, ballot: Ballot, code: str, option_id) -> Cast:
    """Spend `code` on a vote for `option_id`. ValidationError for a closed ballot or an unknown option,
    CodeRefused for a code that cannot be used."""
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    if not ballot.is_accepting_votes:
        raise ValidationError(NOT_OPEN)
    option = Option.objects.filter(consultation_id=ballot.consultation_id, pk=_whole(option_id)).first()
    if option is None:
        raise ValidationError({"option": "Choose one of the options on the ballot."})
    normalised = codes.normalise(code)
    if normalised is None:
        raise CodeRefused
    spent = VotingCode.objects.filter(
        ballot=ballot, code_hash=codes.code_hash(ballot.public_id, normalised), status=VotingCode.Status.ISSUED
    ).update(status=VotingCode.Status.USED)
    if spent != 1:
        raise CodeRefused
    last = Vote.objects.filter(ballot=ballot).order_by("-position").values_list("position", "chain_hash").first()
    position, previous = (last[0] + 1, last[1]) if last else (1, chain.genesis(ballot.public_id))
    nonce = chain.new_nonce()
    receipt = chain.receipt_for(ballot.public_id, option.pk, nonce)
    Vote.objects.create(
        ballot=ballot,
        position=position,
        option=option,
        nonce=nonce,
        receipt=receipt,
        previous_hash=previous,
        chain_hash=chain.link(previous, position, receipt),
    )
    return Cast(receipt)


def _whole(value) -> int | None:
    text = str(value)
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None
