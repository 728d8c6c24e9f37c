"""Who may reach the Support Framework's records and meetings, the deadline and its extensions, a council's own
framework and the calendar's entries: another ALMO's staff and another council's officers find nothing (404) on
the pages and their forms, a board member reads but changes nothing, and nobody signed out gets past sign-in."""

import datetime as dt

import pytest
from django.urls import reverse

from core import clock
from inspections import services
from inspections.models import (
    Area,
    CalendarEntry,
    DeadlineExtension,
    Framework,
    Question,
    SupportMeeting,
    SupportRecord,
)
from tests.access import SIGN_IN

pytestmark = pytest.mark.django_db

SUPPORT_FORM = {
    "source": "nfa",
    "support_type": "peer_review",
    "provider": "A peer ALMO",
    "basis": "free_advice",
    "cost": "0",
    "status": "requested",
    "requested_on": "2027-01-15",
}
MEETING_FORM = {"held_on": "2027-01-12", "attendees": "GO, council, ALMO", "notes": "Someone else's meeting."}
EXTENSION_FORM = {"new_deadline": "2028-03-31", "project_plan": "A plan from the wrong people."}


@pytest.fixture
def outsiders(sibling_staff, other_staff, other_council_officer):
    """Another ALMO's staff (of the same council and of another) and another council's officer."""
    return (sibling_staff, other_staff, other_council_officer)


@pytest.fixture
def support_record(almo, almo_staff):
    return services.support_record_add(
        actor=almo_staff,
        almo=almo,
        source="nfa",
        support_type="peer_review",
        provider="Harrowfield North Homes",
        requested_on=dt.date(2027, 1, 4),
        basis="free_advice",
    )


@pytest.fixture
def meeting(almo, council_officer):
    return services.support_meeting_add(
        actor=council_officer,
        almo=almo,
        held_on=dt.date(2027, 1, 6),
        attendees="GO, council, ALMO",
        notes="Northmoor peer review booked.",
    )


@pytest.fixture
def consented_almo(almo):
    almo.section_27_consent_date = dt.date(2025, 6, 1)  # the deadline is 1 June 2027
    almo.save()
    return almo


@pytest.fixture
def extension(consented_almo, almo_staff):
    return services.extension_propose(
        actor=almo_staff,
        almo=consented_almo,
        new_deadline=dt.date(2027, 12, 31),
        project_plan="Inspection booked for November.",
        current_deadline=dt.date(2027, 6, 1),
    )


@pytest.fixture
def own_framework(council, council_officer):
    """Northmoor Council's own framework, with one area and one question."""
    framework = services.framework_create(actor=council_officer, council=council, code="nm-2027", name="Northmoor own")
    area = services.area_add(actor=council_officer, framework=framework, code="NM", title="Northmoor area")
    services.question_add(actor=council_officer, area=area, code="NM1", text="Is Northmoor ready?")
    return framework


@pytest.fixture
def calendar_entry(almo, almo_staff):
    return services.calendar_entry_add(
        actor=almo_staff,
        council=almo.council,
        almo=almo,
        kind="audit",
        title="Northmoor repairs audit",
        starts_on=clock.today() + dt.timedelta(days=30),
    )


def entry_form(almo, title="An entry from the wrong people"):
    return {
        "almo": almo.pk,
        "kind": "audit",
        "title": title,
        "starts_on": (clock.today() + dt.timedelta(days=40)).isoformat(),
    }


# Support records and progress meetings ------------------------------------------------------------------------------


def test_the_support_list_for_another_almo_is_missing(
    client, almo, support_record, meeting, outsiders, almo_staff, council_officer, board_member
):
    url = reverse("inspections:support_list") + f"?almo={almo.pk}"
    for user in (almo_staff, council_officer, board_member):
        client.force_login(user)
        page = client.get(url)
        assert page.status_code == 200, user.username
        assert str(support_record) in page.content.decode() and meeting.notes in page.content.decode()
    for user in outsiders:
        client.force_login(user)
        assert client.get(url).status_code == 404, user.username


def test_the_unfiltered_support_list_leaves_out_another_almos_records(
    client, support_record, meeting, outsiders, almo_staff
):
    url = reverse("inspections:support_list")
    client.force_login(almo_staff)
    page = client.get(url).content.decode()
    assert str(support_record) in page and meeting.notes in page
    for user in outsiders:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, user.username
        page = response.content.decode()
        assert str(support_record) not in page and meeting.notes not in page, user.username


def test_support_cannot_be_added_for_another_almo(client, almo, outsiders, board_member, council_officer):
    url = reverse("inspections:support_add", args=[almo.pk])
    for user in outsiders:
        client.force_login(user)
        assert client.get(url).status_code == 404, user.username
        assert client.post(url, SUPPORT_FORM).status_code == 404, user.username
    # The ALMO keeps its support records: its board and its council read them and add none.
    for user in (board_member, council_officer):
        client.force_login(user)
        assert client.get(url).status_code == 403, user.username
        assert client.post(url, SUPPORT_FORM).status_code == 403, user.username
    assert not SupportRecord.objects.exists()


def test_a_meeting_cannot_be_added_for_another_almo(client, almo, outsiders, board_member):
    url = reverse("inspections:meeting_add", args=[almo.pk])
    for user in outsiders:
        client.force_login(user)
        assert client.get(url).status_code == 404, user.username
        assert client.post(url, MEETING_FORM).status_code == 404, user.username
    client.force_login(board_member)
    assert client.get(url).status_code == 403
    assert client.post(url, MEETING_FORM).status_code == 403
    assert not SupportMeeting.objects.exists()


def test_the_almos_own_people_add_support_and_meetings(client, almo, almo_staff, council_officer):
    """The same forms work for the ALMO's staff and its council, so the refusals above are about who asks."""
    client.force_login(almo_staff)
    assert client.post(reverse("inspections:support_add", args=[almo.pk]), SUPPORT_FORM).status_code == 302
    client.force_login(council_officer)
    assert client.post(reverse("inspections:meeting_add", args=[almo.pk]), MEETING_FORM).status_code == 302
    assert SupportRecord.objects.get().almo == almo and SupportMeeting.objects.get().almo == almo


# The deadline and its extensions -------------------------------------------------------------------------------------


def test_the_deadline_page_of_another_almo_is_missing(
    client, consented_almo, outsiders, almo_staff, council_officer, board_member
):
    url = reverse("inspections:deadline", args=[consented_almo.pk])
    for user in (almo_staff, council_officer, board_member):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, user.username
        assert "1 June 2027" in response.content.decode()
    for user in outsiders:
        client.force_login(user)
        assert client.get(url).status_code == 404, user.username
        assert client.post(url, EXTENSION_FORM).status_code == 404, user.username
    assert not DeadlineExtension.objects.exists()


def test_a_board_member_cannot_propose_an_extension(client, consented_almo, board_member, almo_staff):
    url = reverse("inspections:deadline", args=[consented_almo.pk])
    client.force_login(board_member)
    assert client.post(url, EXTENSION_FORM).status_code == 403
    assert not DeadlineExtension.objects.exists()
    client.force_login(almo_staff)  # the same proposal from the ALMO's staff is taken
    assert client.post(url, EXTENSION_FORM).status_code == 302
    assert DeadlineExtension.objects.get().is_open


@pytest.mark.parametrize("button", ["agree", "decline", "withdraw"])
def test_another_almos_extension_cannot_be_decided_or_withdrawn(
    client, extension, outsiders, board_member, council_officer, button
):
    url = reverse("inspections:extension_decide", args=[extension.pk])
    for user in (*outsiders, board_member):
        client.force_login(user)
        assert client.get(url).status_code == 404, user.username
        assert client.post(url, {button: "1", "reason": "Not ours to decide"}).status_code == 404, user.username
        extension.refresh_from_db()
        assert extension.is_open and extension.decided_by is None, user.username
    client.force_login(council_officer)  # the page itself works for the party that decides
    assert client.get(url).status_code == 200


# A council's own framework -------------------------------------------------------------------------------------------


def test_another_councils_people_cannot_see_a_councils_own_framework(
    client, own_framework, other_staff, other_council_officer, council_officer, almo_staff, board_member, sibling_staff
):
    url = reverse("inspections:framework_detail", args=[own_framework.pk])
    # The council's people and all of its ALMOs' people read it.
    for user in (council_officer, almo_staff, board_member, sibling_staff):
        client.force_login(user)
        assert client.get(url).status_code == 200, user.username
        assert own_framework.name in client.get(reverse("inspections:framework_list")).content.decode()
    for user in (other_staff, other_council_officer):
        client.force_login(user)
        assert client.get(url).status_code == 404, user.username
        response = client.get(reverse("inspections:framework_list"))
        assert response.status_code == 200 and own_framework.name not in response.content.decode(), user.username


def test_another_councils_officer_and_a_board_member_cannot_change_a_councils_framework(
    client, own_framework, other_staff, other_council_officer, board_member, almo_staff, sibling_staff
):
    area = own_framework.areas.get()
    area_url = reverse("inspections:area_add", args=[own_framework.pk])
    question_url = reverse("inspections:question_add", args=[own_framework.pk])
    # Only the council's own officers change it: those outside the council find nothing, its ALMOs' people no form.
    for user in (other_council_officer, other_staff, board_member, almo_staff, sibling_staff):
        client.force_login(user)
        assert client.get(area_url).status_code == 404, user.username
        assert client.post(area_url, {"code": "XX", "title": "Added by the wrong people"}).status_code == 404
        assert client.get(question_url).status_code == 404, user.username
        response = client.post(question_url, {"area": area.pk, "code": "XX1", "text": "Added by the wrong people?"})
        assert response.status_code == 404, user.username
    assert list(Area.objects.filter(framework=own_framework).values_list("code", flat=True)) == ["NM"]
    assert list(Question.objects.filter(area__framework=own_framework).values_list("code", flat=True)) == ["NM1"]


def test_a_board_member_cannot_add_a_framework(client, board_member):
    client.force_login(board_member)
    assert client.get(reverse("inspections:framework_create")).status_code == 403
    assert client.post(reverse("inspections:framework_create"), {"name": "Board's", "code": "board"}).status_code == 403
    assert not Framework.objects.filter(code="board").exists()


# Calendar entries ----------------------------------------------------------------------------------------------------


def test_another_almos_calendar_entries_are_missing(
    client, almo, calendar_entry, outsiders, almo_staff, council_officer, board_member
):
    everything, narrowed = reverse("inspections:calendar"), reverse("inspections:calendar") + f"?almo={almo.pk}"
    for user in (almo_staff, council_officer, board_member):
        client.force_login(user)
        for url in (everything, narrowed):
            response = client.get(url)
            assert response.status_code == 200 and calendar_entry.title in response.content.decode(), user.username
    for user in outsiders:
        client.force_login(user)
        assert client.get(narrowed).status_code == 404, user.username
        response = client.get(everything)
        assert response.status_code == 200 and calendar_entry.title not in response.content.decode(), user.username


def test_nobody_outside_adds_a_calendar_entry_for_an_almo(
    client, almo, other_staff, other_council_officer, sibling_staff, council_officer
):
    """Another ALMO's staff and another council's officer cannot choose the ALMO: the form refuses it."""
    url = reverse("inspections:calendar_entry_add")
    for user in (sibling_staff, other_staff, other_council_officer):
        client.force_login(user)
        page = client.get(url)
        assert page.status_code == 200 and f'value="{almo.pk}"' not in page.content.decode(), user.username
        response = client.post(url, entry_form(almo))
        assert response.status_code == 400, user.username
        assert "Select a valid choice" in response.content.decode(), user.username
    assert not CalendarEntry.objects.exists()
    client.force_login(council_officer)  # the same form from the ALMO's council is taken
    assert client.post(url, entry_form(almo)).status_code == 302
    assert CalendarEntry.objects.get().almo == almo


def test_a_board_member_cannot_add_a_calendar_entry(client, almo, board_member):
    url = reverse("inspections:calendar_entry_add")
    client.force_login(board_member)
    assert client.get(url).status_code == 403
    assert client.post(url, entry_form(almo)).status_code == 403
    assert not CalendarEntry.objects.exists()


# Signed out ----------------------------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(client, consented_almo, extension, own_framework):
    almo = consented_almo
    urls = [
        reverse("inspections:support_list"),
        reverse("inspections:support_add", args=[almo.pk]),
        reverse("inspections:meeting_add", args=[almo.pk]),
        reverse("inspections:deadline", args=[almo.pk]),
        reverse("inspections:extension_decide", args=[extension.pk]),
        reverse("inspections:framework_detail", args=[own_framework.pk]),
        reverse("inspections:area_add", args=[own_framework.pk]),
        reverse("inspections:question_add", args=[own_framework.pk]),
        reverse("inspections:calendar"),
        reverse("inspections:calendar_entry_add"),
    ]
    for url in urls:
        for response in (client.get(url), client.post(url, {"agree": "1"})):
            assert response.status_code == 302, url
            assert response.url == f"{SIGN_IN}?next={url}", url
    extension.refresh_from_db()
    assert extension.is_open
    assert not SupportRecord.objects.exists() and not SupportMeeting.objects.exists()
    assert not CalendarEntry.objects.exists()
