"""Who may ask for a board pack, who hears it is published, and what report forms offer first."""

import pytest
from django.core import mail
from django.urls import reverse

from api_access.models import ApiToken
from api_access.services import token_create
from organisations.access import Role
from organisations.middleware import SESSION_KEY
from organisations.models import Notification
from reporting.models import ReportRun
from tests.factories import MembershipFactory, user_with_role


def ask_for_pack(client, almo, captured, year=2025, quarter=1):
    with captured(execute=True):
        return client.post(reverse("reporting:request_board_pack"), {"almo": almo.pk, "year": year, "quarter": quarter})


def test_a_council_officer_makes_a_board_pack_for_any_of_their_almos(
    client, accepted_return, almo, sibling_almo, council_officer, django_capture_on_commit_callbacks
):
    client.force_login(council_officer)
    page = client.get(reverse("reporting:run_list")).content.decode()
    assert "Make a board pack" in page and sibling_almo.name in page and almo.name in page
    response = ask_for_pack(client, sibling_almo, django_capture_on_commit_callbacks)
    run = ReportRun.objects.get(kind="board_pack")
    assert response.url == run.get_absolute_url() and run.almo == sibling_almo and run.status == "done"


def test_a_board_member_asks_for_their_own_boards_pack_only(
    client, accepted_return, almo, sibling_almo, board_member, django_capture_on_commit_callbacks
):
    client.force_login(board_member)
    page = client.get(reverse("reporting:run_list")).content.decode()
    assert "Make a board pack" in page and sibling_almo.name not in page
    assert ask_for_pack(client, sibling_almo, django_capture_on_commit_callbacks).status_code == 404
    ask_for_pack(client, almo, django_capture_on_commit_callbacks)
    assert ReportRun.objects.get(kind="board_pack").almo == almo


def test_observers_and_other_councils_may_not_ask(
    client, accepted_return, almo, observer, other_council_officer, django_capture_on_commit_callbacks
):
    client.force_login(observer)
    assert "Make a board pack" not in client.get(reverse("reporting:run_list")).content.decode()
    for user in (observer, other_council_officer):
        client.force_login(user)
        assert almo.name not in client.get(reverse("reporting:run_list")).content.decode()
        assert ask_for_pack(client, almo, django_capture_on_commit_callbacks).status_code == 404
    assert not ReportRun.objects.exists()


def test_the_board_is_told_when_a_new_pack_is_published(
    client, accepted_return, almo, almo_staff, board_member, sibling_almo, django_capture_on_commit_callbacks
):
    other_board = user_with_role(Role.BOARD_MEMBER, sibling_almo, username="other.board")
    client.force_login(almo_staff)
    ask_for_pack(client, almo, django_capture_on_commit_callbacks)
    run = ReportRun.objects.get(kind="board_pack")
    notice = Notification.objects.get(user=board_member)
    assert notice.link == run.get_absolute_url() and "A new board pack for" in notice.message
    assert not Notification.objects.filter(user=other_board).exists()
    published = [message for message in mail.outbox if message.subject == "A new board pack is ready"]
    assert [message.to for message in published] == [[board_member.email]]
    assert run.get_absolute_url() in published[0].body
    # The same figures drawn again reuse the file: that is no news for the board.
    ask_for_pack(client, almo, django_capture_on_commit_callbacks)
    assert Notification.objects.filter(user=board_member).count() == 1


def test_report_forms_start_at_the_latest_quarter_with_figures(client, accepted_return, council_officer):
    client.force_login(council_officer)
    page = client.get(reverse("reporting:run_list")).content.decode()
    assert '<option value="2025" selected>2025/26</option>' in page
    assert '<option value="1" selected>Q1 (April to June)</option>' in page


@pytest.mark.django_db(transaction=True)
def test_a_report_made_at_once_says_it_is_ready(client, accepted_return, almo, almo_staff):
    """With tasks in the web process (the embedded default) the report is drawn before the page answers."""
    client.force_login(almo_staff)
    response = client.post(reverse("reporting:request_board_pack"), {"almo": almo.pk, "year": 2025, "quarter": 1})
    page = client.get(response.url).content.decode()
    assert "Your report is ready." in page and "being made" not in page


@pytest.mark.parametrize("reader", ["board_member", "observer"])
def test_readers_are_not_offered_api_tokens(client, request, reader, almo_staff):
    user = request.getfixturevalue(reader)
    client.force_login(user)
    assert reverse("api_access:token_list") not in client.get(reverse("home")).content.decode()
    assert client.get(reverse("api_access:token_list")).status_code == 404
    assert client.post(reverse("api_access:token_create"), {"name": "Mine", "days": 30}).status_code == 404
    assert not ApiToken.objects.exists()
    client.force_login(almo_staff)
    assert reverse("api_access:token_list") in client.get(reverse("home")).content.decode()


def test_a_token_stops_working_when_its_owner_only_reads(client, almo_staff):
    _token, secret = token_create(actor=almo_staff, name="Housing system")
    membership = almo_staff.memberships.get()
    membership.role = Role.BOARD_MEMBER
    membership.save()
    response = client.get(reverse("api:almo-list"), HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 401 and "no longer works for a council or an ALMO" in response.json()["detail"]


def test_a_councillor_acting_as_a_board_member_sees_their_board_only(client, almo, sibling_almo, council):
    councillor = user_with_role(Role.BOARD_MEMBER, almo, username="councillor")
    observing = MembershipFactory(user=councillor, role=Role.OBSERVER, council=council)
    observing.granted_almos.add(almo, sibling_almo)
    client.force_login(councillor)
    session = client.session
    session[SESSION_KEY] = councillor.memberships.get(role=Role.BOARD_MEMBER).pk
    session.save()
    page = client.get(reverse("home")).content.decode()
    assert "Your board" in page and almo.name in page and sibling_almo.name not in page
