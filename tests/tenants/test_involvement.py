"""Involvement groups: members with board places, meetings, recommendations and the ALMO's response."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from organisations.models import BoardMember, Notification
from tenants import services
from tenants.models import GroupMember, Recommendation
from tests.factories import BoardMemberFactory

pytestmark = pytest.mark.django_db


def test_a_group_is_recorded_through_its_pages(client, almo, almo_staff):
    client.force_login(almo_staff)
    response = client.post(reverse("tenants:group_create"), {"name": "", "kind": "scrutiny"})
    assert response.status_code == 400 and "Enter the group&#x27;s name" in response.content.decode()
    response = client.post(reverse("tenants:group_create"), {"name": "Scrutiny panel", "kind": "scrutiny"})
    group = almo.involvement_groups.get()
    assert response.url == group.get_absolute_url()
    response = client.post(
        reverse("tenants:group_create"), {"name": "Scrutiny panel", "kind": "panel", "is_active": "on"}
    )
    assert response.status_code == 400 and "already has a group with this name" in response.content.decode()


def test_a_member_may_hold_a_tenant_place_on_this_almos_board_only(group, almo, other_almo, almo_staff):
    tenant_seat = BoardMemberFactory(board=almo.board, category=BoardMember.Category.TENANT, name="Janet Whitlock")
    councillor = BoardMemberFactory(board=almo.board, category=BoardMember.Category.COUNCILLOR)
    elsewhere = BoardMemberFactory(board=other_almo.board, category=BoardMember.Category.TENANT)
    fields = {
        "group": group,
        "name": "Janet Whitlock",
        "tenure": "tenant",
        "office": "chair",
        "joined_on": "2024-01-01",
    }
    member = services.member_add(actor=almo_staff, board_seat=tenant_seat, **fields)
    assert member.board_seat == tenant_seat
    with pytest.raises(ValidationError, match="tenant or leaseholder place"):
        services.member_add(actor=almo_staff, board_seat=councillor, **fields)
    with pytest.raises(Http404):
        services.member_add(actor=almo_staff, board_seat=elsewhere, **fields)


def test_the_board_places_page_links_seats_to_groups(client, group, almo, almo_staff, council_officer):
    seat = BoardMemberFactory(board=almo.board, category=BoardMember.Category.LEASEHOLDER, name="Grace Obi")
    services.member_add(
        actor=almo_staff,
        group=group,
        name="Grace Obi",
        tenure="leaseholder",
        office="member",
        joined_on=dt.date(2024, 1, 1),
        board_seat=seat,
    )
    client.force_login(council_officer)
    page = client.get(reverse("tenants:board_places", args=[almo.slug])).content.decode()
    assert "Grace Obi" in page and group.get_absolute_url() in page


def test_a_member_leaves_once(group, almo_staff):
    member = services.member_add(
        actor=almo_staff, group=group, name="Kwame", tenure="tenant", office="member", joined_on=dt.date(2024, 1, 1)
    )
    with pytest.raises(ValidationError, match="cannot leave before they joined"):
        services.member_leave(actor=almo_staff, member=member, left_on=dt.date(2023, 1, 1))
    services.member_leave(actor=almo_staff, member=member, left_on=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError, match="already left"):
        services.member_leave(actor=almo_staff, member=member, left_on=dt.date(2026, 2, 1))
    assert not GroupMember.objects.get(pk=member.pk).is_current


def test_the_almo_responds_and_the_council_is_told(client, recommendation, almo_staff, council_officer):
    client.force_login(almo_staff)
    url = recommendation.get_absolute_url()
    response = client.post(url, {"status": "accepted", "response": " "})
    assert response.status_code == 400 and "Enter the ALMO&#x27;s response" in response.content.decode()
    response = client.post(url, {"status": "partly_accepted", "response": "Texts from March; not for gas checks."})
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.status == Recommendation.Status.PARTLY_ACCEPTED
    assert (recommendation.responded_by, recommendation.responded_on) == (almo_staff, dt.date(2027, 1, 20))
    assert Notification.objects.filter(user=council_officer, message__contains="partly accepted").exists()
    assert recommendation.history.first().history_user == almo_staff


def test_the_council_reads_but_does_not_respond(client, recommendation, council_officer):
    client.force_login(council_officer)
    page = client.get(recommendation.get_absolute_url())
    assert page.status_code == 200 and "Save the response" not in page.content.decode()
    assert client.post(recommendation.get_absolute_url(), {"status": "accepted", "response": "x"}).status_code == 404


def test_a_recommendation_names_only_its_groups_meetings(group, other_group, almo_staff, other_staff):
    meeting = services.meeting_record(actor=other_staff, group=other_group, held_on=dt.date(2026, 1, 1), subject="x")
    with pytest.raises(ValidationError, match="this group's own meetings"):
        services.recommendation_record(
            actor=almo_staff, group=group, title="t", detail="d", made_on=dt.date(2026, 1, 2), meeting=meeting
        )


def test_a_response_date_before_the_recommendation_is_refused(client, group, almo_staff):
    client.force_login(almo_staff)
    response = client.post(
        reverse("tenants:recommendation_add", args=[group.pk]),
        {"title": "t", "detail": "d", "made_on": "5/1/2027", "respond_by": "1/1/2027"},
    )
    assert (
        response.status_code == 400 and "on or after the date the recommendation was made" in response.content.decode()
    )
    assert not Recommendation.objects.exists()


def test_the_group_page_shows_members_meetings_and_recommendations(
    client, group, recommendation, almo_staff, board_member
):
    services.meeting_record(actor=almo_staff, group=group, held_on=dt.date(2027, 1, 5), subject="Repairs texts")
    client.force_login(board_member)
    page = client.get(group.get_absolute_url()).content.decode()
    assert "Repairs texts" in page and recommendation.title in page and "Waiting for a response" in page
    assert "Record a meeting" not in page
