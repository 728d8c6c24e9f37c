"""The public voting pages: no account, no JavaScript needed, nothing kept about who votes.

The code is posted in the form's body, never put in an address, so no access log holds it. A wrong, used or void
code gets the same message. Wrong codes are limited per client (counted in the cache, keyed by a hash of the
client's address, `core.clients`), so guessing is slow as well as hopeless; see codes.py for the odds. Wrong codes
for the whole ballot are counted too, and a warning logged when they pass a threshold, but they never stop anyone
voting with a good code: otherwise anyone could shut the ballot by posting junk.
The answer to a vote is the receipt page itself, not a redirect: nothing about the vote goes into a session.
"""

from __future__ import annotations

import hashlib
import logging

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from consultations import selectors, services
from consultations.forms.ballots import VoteForm
from consultations.models import Ballot
from core.clients import client_address

logger = logging.getLogger("security")

CLIENT_FAILURES = 10  # wrong codes from one address in the window
BALLOT_FAILURES = 300  # wrong codes for one ballot, from everywhere, in the window, before a warning is logged
WINDOW_SECONDS = 15 * 60
TOO_MANY = "There have been too many attempts with codes that did not work. Wait 15 minutes and try again."


def _ballot(public_id: str) -> Ballot:
    ballot = (
        Ballot.objects.filter(public_id=public_id)
        .exclude(status=Ballot.Status.DRAFT)
        .select_related("consultation__almo")
        .first()
    )
    if ballot is None:
        raise Http404("There is no ballot at this address.")
    return ballot


def _keys(request, ballot: Ballot) -> tuple[str, str]:
    client = hashlib.sha256(client_address(request).encode()).hexdigest()[:24]
    return f"consultations:vote:{ballot.pk}:client:{client}", f"consultations:vote:{ballot.pk}:all"


def _limited(keys) -> bool:
    client_key, _ballot_key = keys
    return cache.get(client_key, 0) >= CLIENT_FAILURES


def _count_failure(keys, ballot: Ballot) -> None:
    counts = []
    for key in keys:
        if cache.add(key, 1, WINDOW_SECONDS):
            counts.append(1)
            continue
        try:
            counts.append(cache.incr(key))
        except ValueError:  # expired between add and incr
            cache.add(key, 1, WINDOW_SECONDS)
            counts.append(1)
    if counts[-1] == BALLOT_FAILURES:
        # For the overseer and the operators: many wrong codes from many places is worth a look. No code is logged.
        logger.warning(
            "ballot %s: %s wrong voting codes in %s minutes", ballot.public_id, BALLOT_FAILURES, WINDOW_SECONDS // 60
        )


@login_not_required
@never_cache
def ballot_vote(request, public_id):
    ballot = _ballot(public_id)
    options = list(ballot.consultation.options.all())
    form = VoteForm(request.POST or None, options=options)
    # The public timetable: tenants see what happens when, as the 2011 guidance asks, without signing in.
    stages = list(ballot.consultation.stages.order_by("starts_on", "pk"))
    context = {"ballot": ballot, "consultation": ballot.consultation, "options": options, "stages": stages}
    status = 200
    if request.method == "POST" and ballot.is_accepting_votes:
        keys = _keys(request, ballot)
        if _limited(keys):
            form.add_error(None, TOO_MANY)
            status = 429
        elif form.is_valid():
            try:
                cast = services.vote_cast(
                    ballot=ballot, code=form.cleaned_data["code"], option_id=form.cleaned_data["option"]
                )
            except services.CodeRefused:
                _count_failure(keys, ballot)
                form.add_error("code", services.CODE_REFUSED)
            except ValidationError as error:
                form.add_error(None, error.messages[0])
            else:
                return render(request, "consultations/public/voted.html", {**context, "cast": cast})
        if form.errors and status == 200:
            status = 400
    context["form"] = form
    return render(request, "consultations/public/vote.html", context, status=status)


@login_not_required
def ballot_receipts(request, public_id):
    """After publication: the result, the chain's final hash and every receipt, for voters to find theirs."""
    ballot = _ballot(public_id)
    if ballot.status != Ballot.Status.PUBLISHED:
        raise Http404("The result has not been published yet.")
    context = {
        "ballot": ballot,
        "consultation": ballot.consultation,
        "results": selectors.result_rows(ballot),
        "receipts": selectors.published_receipts(ballot),
        "turnout_percent": selectors.turnout_percent(ballot.total_votes or 0, ballot.eligible_count),
    }
    return render(request, "consultations/public/receipts.html", context)
