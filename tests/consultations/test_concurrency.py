"""One code, one vote, under real concurrency: two threads on PostgreSQL cast with the same code at the same moment."""

import threading

import pytest
from django.db import connection

from consultations.models import Vote, VotingCode
from consultations.services import CodeRefused, vote_cast
from tests.consultations.conftest import add_tenancies, issue_codes, make_ballot, make_consultation

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def live_ballot(council_officer, almo, observer):
    from consultations.services import ballot_open

    consultation = make_consultation(council_officer, almo)
    ballot = make_ballot(council_officer, consultation, observer)
    add_tenancies(ballot, 3)
    known = issue_codes(ballot, council_officer)
    ballot = ballot_open(actor=council_officer, ballot=ballot)
    return ballot, list(known.values()), list(consultation.options.values_list("pk", flat=True))


def race(ballot, attempts):
    """Run each (code, option) in its own thread and connection, all released at once; returns the outcomes."""
    barrier = threading.Barrier(len(attempts))
    outcomes = []

    def cast(code, option_id):
        try:
            barrier.wait()
            vote_cast(ballot=ballot, code=code, option_id=option_id)
            outcomes.append("counted")
        except CodeRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=cast, args=attempt) for attempt in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


def test_two_requests_with_one_code_count_exactly_once(live_ballot):
    assert connection.vendor == "postgresql"
    ballot, codes, options = live_ballot
    for round_number in range(3):
        code = codes[round_number]
        outcomes = race(ballot, [(code, options[0]), (code, options[1]), (code, options[0])])
        assert outcomes == ["counted", "refused", "refused"]
    assert Vote.objects.count() == 3
    assert VotingCode.objects.filter(status="used").count() == 3
    # The chain stayed a single line: positions 1, 2, 3, each following the one before.
    votes = list(Vote.objects.order_by("position"))
    assert [vote.position for vote in votes] == [1, 2, 3]
    assert all(later.previous_hash == earlier.chain_hash for earlier, later in zip(votes, votes[1:], strict=False))


def test_different_codes_at_once_all_count_in_one_chain(live_ballot):
    ballot, codes, options = live_ballot
    outcomes = race(ballot, [(code, options[0]) for code in codes])
    assert outcomes == ["counted"] * 3
    from consultations.selectors import recount

    assert recount(ballot).ok and recount(ballot).count == 3
