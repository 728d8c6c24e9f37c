"""Meetings: an agenda made from live data, minutes only once held, actions that carry over, and the pack as a PDF."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from agreements import services
from agreements.models import AgendaItem, Meeting, MeetingAction
from delivery_plans import services as plan_services
from reporting.models import ReportRun
from tests.agreements.conftest import COMMENTARY, fill, make_series

pytestmark = pytest.mark.django_db


def accepted_red_return(plan, almo_staff, council_officer, year=2026, quarter=2):
    """RP02(1) at 80% against 90% (red) and BV212 at 25 days against 28 (green), accepted by the council."""
    record = plan_services.return_open(actor=almo_staff, plan=plan, year=year, quarter=quarter)
    fill(record, almo_staff, rp02=("400", "500"), commentary=COMMENTARY)
    plan_services.return_submit(actor=almo_staff, return_record=record)
    plan_services.return_accept(actor=council_officer, return_record=record)
    return record


def test_next_months_meeting_opens_with_last_meetings_actions_and_red_indicators(
    client, plan, series, almo_staff, council_officer
):
    accepted_red_return(plan, almo_staff, council_officer)
    client.force_login(council_officer)
    response = client.post(reverse("agreements:meeting_schedule", args=[series.pk]), {"held_on": "2026-12-09"})
    december = Meeting.objects.get(series=series, held_on=dt.date(2026, 12, 9))
    assert response.url == december.get_absolute_url()
    data = {"description": "Send the repairs recovery plan", "owner": almo_staff.pk, "due_on": "2026-12-30"}
    assert client.post(reverse("agreements:action_raise", args=[december.pk]), data).status_code == 302
    client.post(reverse("agreements:action_raise", args=[december.pk]), data | {"description": "Closed one"})
    services.action_update(
        actor=almo_staff, action=MeetingAction.objects.get(description="Closed one"), status="done", closing_note="Done"
    )
    client.post(reverse("agreements:meeting_schedule", args=[series.pk]), {"held_on": "2027-01-27"})
    january = Meeting.objects.get(series=series, held_on=dt.date(2027, 1, 27))
    page = client.get(january.get_absolute_url()).content.decode()
    assert "Actions from earlier meetings" in page and "Send the repairs recovery plan" in page
    assert "Closed one" not in page
    assert (
        "Red and amber indicators" in page and "RP02(1)" in page and "Q2 2026/27: 80.0 against a target of 90.0" in page
    )
    assert "BV212" not in page  # green: not on the agenda
    assert "The break date is on 31 March 2027" not in page  # no agreement in force in this test
    # The action owner was told.
    assert almo_staff.notifications.filter(message__contains="You own an action").exists()


def test_the_agenda_is_made_again_but_items_people_added_stay(client, meeting, council_officer, almo_staff):
    client.force_login(almo_staff)
    client.post(reverse("agreements:agenda_item_add", args=[meeting.pk]), {"title": "Tenant panel feedback"})
    services.action_raise(
        actor=council_officer,
        meeting=meeting,
        description="Bring void figures",
        due_on=dt.date(2027, 2, 1),
        owner=almo_staff,
    )
    later = services.meeting_schedule(actor=council_officer, series=meeting.series, held_on=dt.date(2027, 2, 10))
    client.post(reverse("agreements:agenda_item_add", args=[later.pk]), {"title": "Tenant panel feedback"})
    client.post(reverse("agreements:agenda_refresh", args=[later.pk]))
    titles = list(later.items.values_list("heading", "title"))
    assert ("Other business", "Tenant panel feedback") in titles
    assert ("Actions from earlier meetings", "Bring void figures") in titles
    response = client.post(reverse("agreements:agenda_item_add", args=[later.pk]), {"title": ""})
    assert response.status_code == 400 and "Enter the agenda item" in response.content.decode()


def test_minutes_for_a_meeting_that_has_not_happened_are_refused(client, series, council_officer):
    future = services.meeting_schedule(actor=council_officer, series=series, held_on=dt.date(2027, 2, 10))
    client.force_login(council_officer)
    response = client.post(reverse("agreements:minutes_record", args=[future.pk]), {"summary": "We met."})
    assert response.status_code == 400
    assert "The meeting is on 10 February 2027. Record its minutes once it has happened." in str(
        response.context["form"].errors["summary"]
    )
    future.refresh_from_db()
    assert future.status == "planned" and future.summary == ""


def test_minutes_are_recorded_item_by_item_and_the_agenda_then_stays(client, meeting, council_officer):
    item = services.agenda_item_add(actor=council_officer, meeting=meeting, title="Budget")
    client.force_login(council_officer)
    data = {
        "summary": "Budget and repairs discussed.",
        "attendees": "Helen Marsh",
        f"item_{item.pk}_minutes": "The ALMO expects to spend within budget.",
        f"item_{item.pk}_decision": "Noted.",
    }
    response = client.post(reverse("agreements:minutes_record", args=[meeting.pk]), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    item.refresh_from_db()
    assert meeting.status == "minuted" and meeting.minuted_by == council_officer
    assert item.minutes.startswith("The ALMO expects") and item.decision == "Noted."
    refresh = client.post(reverse("agreements:agenda_refresh", args=[meeting.pk]), follow=True)
    assert "the agenda is kept as it was at the meeting" in refresh.content.decode()
    empty = client.post(reverse("agreements:minutes_record", args=[meeting.pk]), {"summary": ""})
    assert empty.status_code == 400


def test_action_bad_input_is_refused_by_name(client, meeting, council_officer, other_staff):
    client.force_login(council_officer)
    url = reverse("agreements:action_raise", args=[meeting.pk])
    cases = [
        ({"description": "x", "due_on": "2027-01-01", "owner_name": "A"}, "due_on", "cannot be due before the meeting"),
        ({"description": "x", "due_on": "2027-02-01"}, "owner", "Choose who owns the action"),
        ({"description": "x", "due_on": "2027-02-01", "owner": other_staff.pk}, "owner", "Select a valid choice"),
        ({"description": "", "due_on": "2027-02-01", "owner_name": "A"}, "description", "Describe the action"),
    ]
    for data, field, message in cases:
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert message in str(response.context["form"].errors[field]), (field, response.context["form"].errors)
    assert not MeetingAction.objects.exists()


def test_overdue_actions_show_red_on_the_home_page(client, meeting, council_officer, almo_staff):
    services.action_raise(
        actor=council_officer,
        meeting=meeting,
        description="Check the gas figures",
        due_on=dt.date(2027, 1, 15),
        owner=almo_staff,
    )
    client.force_login(almo_staff)
    page = client.get(reverse("home")).content.decode()
    assert "1 meeting action overdue" in page and "Check the gas figures" in page and "govuk-tag--red" in page
    closing = client.post(
        reverse("agreements:action_update", args=[MeetingAction.objects.get().pk]),
        {"status": "done", "closing_note": ""},
    )
    assert closing.status_code == 400 and "Say what was done" in closing.content.decode()


def test_the_pack_is_drawn_as_a_pdf_and_downloads_for_readers_only(
    client, meeting, council_officer, almo_staff, board_member, other_staff, django_capture_on_commit_callbacks
):
    services.agenda_item_add(actor=council_officer, meeting=meeting, title="Repairs backlog")
    services.minutes_record(actor=council_officer, meeting=meeting, summary="Backlog reviewed and agreed.")
    services.action_raise(
        actor=council_officer,
        meeting=meeting,
        description="Weekly backlog figures",
        due_on=dt.date(2027, 2, 1),
        owner=almo_staff,
    )
    client.force_login(almo_staff)
    page = client.get(meeting.get_absolute_url()).content.decode()
    request_url = reverse("reporting:request_meeting_pack", args=[meeting.pk])
    assert f'action="{request_url}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(request_url)
    run = ReportRun.objects.get(kind=ReportRun.Kind.MEETING_PACK)
    assert response.url == run.get_absolute_url()
    run.refresh_from_db()
    assert run.status == "done", run.error
    assert run.almo == meeting.series.almo and run.parameters["meeting_id"] == meeting.pk
    download = reverse("reporting:run_download", args=[run.pk])
    response = client.get(download)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages)
    for expected in (
        "Meeting pack",
        "Officer liaison meeting, 13 January 2027",
        "Repairs backlog",
        "Backlog reviewed and agreed.",
        "Weekly backlog figures",
    ):
        assert expected in text
    client.force_login(board_member)
    assert client.get(download).status_code == 200
    assert client.post(request_url).status_code == 404  # a board member reads the pack but does not ask for one
    client.force_login(other_staff)
    assert client.get(download).status_code == 404
    assert client.post(request_url).status_code == 404


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def test_action_list_and_home_cost_the_same_queries_with_more_rows(client, meeting, council_officer, almo_staff):
    def raise_actions(count):
        for n in range(count):
            services.action_raise(
                actor=council_officer,
                meeting=meeting,
                description=f"Action {n}",
                due_on=dt.date(2027, 1, 14),
                owner=almo_staff,
            )

    client.force_login(council_officer)
    url = reverse("agreements:action_list")
    raise_actions(3)
    few = count_queries(client, url, {"show": "overdue"}), count_queries(client, reverse("home"))
    raise_actions(22)
    many = count_queries(client, url, {"show": "overdue"}), count_queries(client, reverse("home"))
    assert few == many
    assert client.get(url, {"show": "overdue"}).content.decode().count("Overdue</strong>") == 25


def test_meeting_series_needs_a_chair_and_people_from_the_two_parties(client, almo, council_officer, other_staff):
    client.force_login(council_officer)
    url = reverse("agreements:series_create", args=[almo.pk])
    data = {"kind": "officer_liaison", "name": "Liaison", "frequency": "monthly"}
    response = client.post(url, data)
    assert response.status_code == 400 and "Choose who chairs the meeting" in response.content.decode()
    assert client.post(url, data | {"chair_name": "Cllr Ann Lee"}).status_code == 302


def test_a_second_series_of_the_same_name_is_refused(almo, council_officer, almo_staff, series):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        make_series(almo, council_officer, almo_staff)
    assert AgendaItem.objects.count() == 0
