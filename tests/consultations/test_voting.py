"""The public voting page: no account, no JavaScript, one code one vote, one message for any code that will not do."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from consultations import services
from consultations.models import Vote, VotingCode
from consultations.services import CODE_REFUSED
from consultations.views import public
from tests.consultations.conftest import end_voting

pytestmark = pytest.mark.django_db


def vote_url(ballot):
    return reverse("consultations:ballot_vote", args=[ballot.public_id])


def cast(client, ballot, code, option_index=0, **meta):
    option = list(ballot.consultation.options.all())[option_index]
    return client.post(vote_url(ballot), {"code": code, "option": option.pk}, **meta)


def test_a_tenant_votes_without_an_account_or_javascript(client, open_ballot):
    page = client.get(vote_url(open_ballot))
    html = page.content.decode()
    assert page.status_code == 200
    assert '<form method="post"' in html and 'name="code"' in html and 'type="radio"' in html
    assert "Bring management back in-house" in html
    code = next(iter(open_ballot.known.values()))
    # Typed loosely: lower case, spaces for hyphens.
    response = cast(client, open_ballot, code.lower()[:8] + " " + code.lower()[8:], option_index=1)
    html = response.content.decode()
    assert response.status_code == 200 and "Your vote has been counted" in html
    receipt = Vote.objects.get().receipt
    assert receipt[:4].upper() in html
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    assert VotingCode.objects.filter(status="used").count() == 1


def test_wrong_used_and_void_codes_get_the_same_message(client, open_ballot, council_officer):
    from consultations.models import Tenancy
    from consultations.services import code_reissue

    codes = list(open_ballot.known.items())
    used = codes[0][1]
    cast(client, open_ballot, used)
    void_reference, void = codes[1]
    code_reissue(actor=council_officer, tenancy=Tenancy.objects.get(reference=void_reference), reason="Lost")
    answers = []
    for code in (used, void, "ZZZZ-ZZZZ-ZZZZ-ZZZZ", "not a code at all"):
        response = cast(client, open_ballot, code)
        assert response.status_code == 400
        answers.append(re.sub(r'value="[^"]*"', "", response.content.decode()).replace(code, ""))
    assert CODE_REFUSED.split(".")[0] in answers[0].replace("&#x27;", "'")
    assert len(set(answers)) == 1, "the pages differ, so a guesser could tell the cases apart"
    assert Vote.objects.count() == 1


def test_a_replayed_form_counts_once(client, open_ballot):
    code = next(iter(open_ballot.known.values()))
    assert cast(client, open_ballot, code).status_code == 200
    assert cast(client, open_ballot, code).status_code == 400
    assert Vote.objects.count() == 1


def test_an_option_not_on_the_ballot_is_refused_and_the_code_kept(client, open_ballot, other_consultation):
    code = next(iter(open_ballot.known.values()))
    foreign = other_consultation.options.first()
    for option in (foreign.pk, "x", "", "99999999999999999999"):
        response = client.post(vote_url(open_ballot), {"code": code, "option": option})
        assert response.status_code == 400
        assert "Choose" in response.content.decode()
    assert not Vote.objects.exists()
    assert cast(client, open_ballot, code).status_code == 200


def test_no_vote_after_the_last_day(client, settings, open_ballot):
    end_voting(settings, open_ballot)
    code = next(iter(open_ballot.known.values()))
    response = cast(client, open_ballot, code)
    assert "Voting ended on" in response.content.decode()
    assert not Vote.objects.exists()
    assert VotingCode.objects.filter(status="used").count() == 0


def test_a_draft_ballot_has_no_voting_page(client, ballot):
    assert client.get(vote_url(ballot)).status_code == 404
    assert client.get("/consultations/vote/nothing-here/").status_code == 404


def test_guessing_is_rate_limited_per_client(client, open_ballot):
    for _ in range(public.CLIENT_FAILURES):
        assert cast(client, open_ballot, "ZZZZ-ZZZZ-ZZZZ-ZZZZ").status_code == 400
    code = next(iter(open_ballot.known.values()))
    response = cast(client, open_ballot, code)
    assert response.status_code == 429 and "too many attempts" in response.content.decode()
    assert not Vote.objects.exists()
    # Another address can still vote.
    assert cast(client, open_ballot, code, REMOTE_ADDR="10.0.0.9").status_code == 200


def test_junk_from_everywhere_is_logged_but_never_shuts_the_ballot(client, open_ballot, monkeypatch, caplog):
    monkeypatch.setattr(public, "BALLOT_FAILURES", 3)
    for n in range(5):
        cast(client, open_ballot, "ZZZZ-ZZZZ-ZZZZ-ZZZZ", REMOTE_ADDR=f"10.1.0.{n}")
    assert "3 wrong voting codes" in caplog.text
    assert "ZZZZ" not in caplog.text
    code = next(iter(open_ballot.known.values()))
    assert cast(client, open_ballot, code, REMOTE_ADDR="10.2.0.1").status_code == 200
    assert Vote.objects.count() == 1


def test_behind_a_proxy_each_voter_is_limited_apart_and_cannot_forge_an_address(client, open_ballot, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "172.16.0.2"}
    for _ in range(public.CLIENT_FAILURES):
        cast(client, open_ballot, "ZZZZ-ZZZZ-ZZZZ-ZZZZ", HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    code = next(iter(open_ballot.known.values()))
    # The guesser is held back, even when it sends an address of its own first; the proxy adds the real one last.
    forged = cast(client, open_ballot, code, HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7", **proxy)
    assert forged.status_code == 429
    # A tenant behind the same proxy votes.
    assert cast(client, open_ballot, code, HTTP_X_FORWARDED_FOR="198.51.100.20", **proxy).status_code == 200


def test_the_code_never_travels_in_an_address(client, open_ballot):
    html = client.get(vote_url(open_ballot)).content.decode()
    form = re.search(r"<form[^>]*>", html[html.index("Cast my vote") - 3000 :]).group(0)
    assert 'method="post"' in form and "action=" not in form
    code = next(iter(open_ballot.known.values()))
    # A code put in the query string is ignored, not used.
    response = client.get(vote_url(open_ballot), {"code": code})
    assert response.status_code == 200 and not Vote.objects.exists()


def test_the_voting_page_shows_the_public_timetable(client, open_ballot, council_officer):
    services.stage_add(
        actor=council_officer,
        consultation=open_ballot.consultation,
        title="Result published",
        starts_on=open_ballot.closes_on + dt.timedelta(days=7),
    )
    html = client.get(vote_url(open_ballot)).content.decode()
    assert "The timetable: what happens when" in html and "Result published" in html
